/* test_extractors.c - PDF → styled lines, furniture, identity
 *
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixtures.h"
#include "font.h"
#include "lines.h"
#include "document.h"
#include "page_guard.h"
#include "rsk_error.h"

#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------------ helpers */

typedef struct {
  char *dir;
  char *styled;          /* 4 pages */
  rsk_filing *filing;    /* styled.pdf read with jobs = 2 */
} fixture;

static int setup(void **state)
{
  fixture *f = g_new0(fixture, 1);
  f->dir = fixture_dir_new();
  f->styled = fixture_styled_pdf(f->dir, 4);
  f->filing = rsk_filing_new(f->styled);
  GError *error = NULL;
  rsk_document *doc = rsk_document_open(f->styled, NULL, &error);
  assert_non_null(doc);
  assert_true(rsk_document_read(doc, 1, 0, 2, f->filing, &error));
  assert_null(error);
  rsk_document_free(doc);
  *state = f;
  return 0;
}

static int teardown(void **state)
{
  fixture *f = *state;
  rsk_filing_free(f->filing);
  g_free(f->styled);
  fixture_dir_free(f->dir);
  g_free(f);
  return 0;
}

/* The first line of PAGE whose text starts with PREFIX, or NULL. */
static const rsk_line *find_line(const rsk_filing *filing, int page,
                                 const char *prefix)
{
  for (guint i = 0; i < filing->lines->len; i++) {
    const rsk_line *line = &g_array_index(filing->lines, rsk_line, i);
    if (line->page == page && g_str_has_prefix(line->text, prefix))
      return line;
  }
  return NULL;
}

static GError *open_error(const char *path, const char *password)
{
  GError *error = NULL;
  rsk_document *doc = rsk_document_open(path, password, &error);
  if (doc) {
    rsk_filing *filing = rsk_filing_new(path);
    rsk_document_read(doc, 1, 0, 1, filing, &error);
    rsk_filing_free(filing);
    rsk_document_free(doc);
  }
  return error;
}

/* -------------------------------------------------------------- fonts */

static void font_names_give_bold_and_italic(void **state)
{
  (void)state;
  const guint B = RSK_STYLE_BOLD, I = RSK_STYLE_ITALIC;
  assert_int_equal(rsk_font_style("Arial-BoldMT"), B);
  assert_int_equal(rsk_font_style("TimesNewRomanPS-BoldItalicMT"), B | I);
  assert_int_equal(rsk_font_style("BAAAAA+LiberationSans-BoldItalic"), B | I);
  assert_int_equal(rsk_font_style("Helvetica-BoldOblique"), B | I);
  assert_int_equal(rsk_font_style("Calibri,Bold"), B);
  assert_int_equal(rsk_font_style("Arial,BoldItalic"), B | I);
  assert_int_equal(rsk_font_style("Helvetica-Black"), B);
  assert_int_equal(rsk_font_style("AAAAAA+Montserrat-SemiBold"), B);
  assert_int_equal(rsk_font_style("FuturaBT-Bd"), B);
  assert_int_equal(rsk_font_style("Minion-It"), I);
  assert_int_equal(rsk_font_style("DejaVuSans-Oblique"), I);
  assert_int_equal(rsk_font_style("ArialMT"), 0);
  assert_int_equal(rsk_font_style("TimesNewRomanPSMT"), 0);
  assert_int_equal(rsk_font_style(NULL), 0);
}

static void subset_prefixes_are_stripped(void **state)
{
  (void)state;
  assert_string_equal(rsk_font_base_name("BAAAAA+Arial-BoldMT"), "Arial-BoldMT");
  assert_string_equal(rsk_font_base_name("Arial-BoldMT"), "Arial-BoldMT");
  assert_string_equal(rsk_font_base_name("Ab+Font"), "Ab+Font");
  assert_string_equal(rsk_font_base_name(NULL), "");
}

static void page_number_forms_are_recognised(void **state)
{
  (void)state;
  const char *yes[] = {"23", "\xe2\x80\x93 23 \xe2\x80\x93", "- 23 -",
                       "Page 23", "Page 23 of 90", "23 | Company",
                       "Acme Inc. | 2024 Form 10-K | 23", "xiv", "F-3", "II"};
  const char *no[] = {"2023 Annual Report on Form 10-K", "Risk Factors",
                      "Item 1A", "12345", "Mix", "- 23", "Page two"};
  for (gsize i = 0; i < G_N_ELEMENTS(yes); i++)
    if (!rsk_is_page_number(yes[i]))
      fail_msg("\"%s\" should read as a page number", yes[i]);
  for (gsize i = 0; i < G_N_ELEMENTS(no); i++)
    if (rsk_is_page_number(no[i]))
      fail_msg("\"%s\" should not read as a page number", no[i]);
}

/* ------------------------------------------------------- styled lines */

static void bold_and_italic_lines_carry_their_flags_and_sizes(void **state)
{
  fixture *f = *state;
  const rsk_line *sub = find_line(f->filing, 1, "RISKS RELATING TO OUR BUSINESS");
  const rsk_line *head = find_line(f->filing, 1, "We may fail to comply");
  const rsk_line *ital = find_line(f->filing, 1, "Investors should read");
  const rsk_line *body = find_line(f->filing, 1, "Body text that closes");
  assert_non_null(sub);
  assert_non_null(head);
  assert_non_null(ital);
  assert_non_null(body);
  assert_int_equal(sub->style, RSK_STYLE_BOLD);
  assert_float_equal(sub->font_size, 12.0, 0.05);
  assert_string_equal(sub->font, "LiberationSans-Bold");
  assert_int_equal(head->style, RSK_STYLE_BOLD | RSK_STYLE_ITALIC);
  assert_float_equal(head->font_size, 10.0, 0.05);
  assert_int_equal(ital->style, RSK_STYLE_ITALIC);
  assert_int_equal(body->style, 0);
  assert_string_equal(body->font, "DejaVuSerif");
  assert_int_equal(body->n_spans, 1);
}

static void lines_have_positions_in_reading_order(void **state)
{
  fixture *f = *state;
  const rsk_line *sub = find_line(f->filing, 2, "RISKS RELATING");
  const rsk_line *body = find_line(f->filing, 2, "Body text");
  assert_non_null(sub);
  assert_non_null(body);
  assert_true(sub < body);
  assert_float_equal(sub->x0, 72.0, 1.5);
  assert_true(sub->y0 < 110 && sub->y1 > 100);
  assert_true(body->y0 > 380 && body->y1 < 405);
}

static void ligatures_and_quotes_are_normalised_and_hyphens_kept(void **state)
{
  fixture *f = *state;
  const rsk_line *line = find_line(f->filing, 3, "Our financial results");
  assert_non_null(line);
  assert_string_equal(line->text,
                      "Our financial results depend on \"AI\" rules and new regu-");
  assert_non_null(find_line(f->filing, 3, "lations in many markets."));
}

static void span_offsets_point_into_the_normalised_text(void **state)
{
  fixture *f = *state;
  for (guint i = 0; i < f->filing->lines->len; i++) {
    const rsk_line *line = &g_array_index(f->filing->lines, rsk_line, i);
    gsize len = strlen(line->text);
    guint covered = 0;
    for (guint k = 0; k < line->n_spans; k++) {
      const rsk_span *span =
          &g_array_index(f->filing->spans, rsk_span, line->first_span + k);
      assert_true(span->offset + span->length <= len);
      assert_true(span->offset >= covered);
      assert_true(g_utf8_validate(line->text + span->offset, span->length, NULL));
      covered = span->offset + span->length;
    }
    assert_true(line->n_spans >= 1);
  }
}

static void fake_bold_glyphs_are_printed_once(void **state)
{
  fixture *f = *state;
  /* Poppler merges glyphs printed twice within a point itself (and so
   * the boldness is lost); lines printed further apart we join and mark
   * bold. */
  const rsk_line *line = find_line(f->filing, 1, "Risk of fake bold");
  assert_non_null(line);
  assert_string_equal(line->text, "Risk of fake bold");
  line = find_line(f->filing, 1, "Doubled line");
  assert_non_null(line);
  assert_string_equal(line->text, "Doubled line of text");
  assert_true(line->style & RSK_STYLE_BOLD);
  assert_null(find_line(f->filing, 1, "DDo"));
}

/* ---------------------------------------------------------- furniture */

static void running_headers_and_page_numbers_are_furniture(void **state)
{
  fixture *f = *state;
  for (int page = 1; page <= 4; page++) {
    char number[32];
    g_snprintf(number, sizeof number, "- %d -", 11 + page);
    const rsk_line *header = find_line(f->filing, page, "ACME HOLDINGS");
    const rsk_line *footer = find_line(f->filing, page, "\xe2\x80\x93 ");
    assert_non_null(header);
    assert_non_null(footer);
    assert_true(header->flags & RSK_LINE_FURNITURE);
    assert_true(footer->flags & RSK_LINE_FURNITURE);
  }
}

static void printed_page_numbers_become_page_labels(void **state)
{
  fixture *f = *state;
  for (int page = 1; page <= 4; page++) {
    g_autofree char *want = g_strdup_printf("%d", 11 + page);
    assert_string_equal(rsk_filing_page_label(f->filing, page), want);
  }
  assert_null(rsk_filing_page_label(f->filing, 5));
  assert_null(rsk_filing_page_label(f->filing, 0));
}

static void pdf_page_labels_win_unless_they_are_the_index(void **state)
{
  (void)state;
  rsk_filing *filing = rsk_filing_new("labels.pdf");
  filing->page_count = 4;
  char *roman[] = {"i", "ii", "1", "", NULL};
  rsk_filing_set_page_labels(filing, roman, 4);
  assert_string_equal(rsk_filing_page_label(filing, 1), "i");
  assert_string_equal(rsk_filing_page_label(filing, 3), "1");
  assert_null(rsk_filing_page_label(filing, 4));
  /* Poppler gives the index where a PDF has no labels: not a label. */
  char *index[] = {"1", "2", "3", "4", NULL};
  rsk_filing_set_page_labels(filing, index, 4);
  assert_null(rsk_filing_page_label(filing, 2));
  rsk_filing_free(filing);
}

static void repeated_body_lines_are_not_furniture(void **state)
{
  fixture *f = *state;
  for (guint i = 0; i < f->filing->lines->len; i++) {
    const rsk_line *line = &g_array_index(f->filing->lines, rsk_line, i);
    gboolean furniture = (line->flags & RSK_LINE_FURNITURE) != 0;
    gboolean expected = g_str_has_prefix(line->text, "ACME HOLDINGS") ||
                        g_str_has_prefix(line->text, "\xe2\x80\x93 ");
    if (furniture != expected)
      fail_msg("page %d \"%s\": furniture %d, expected %d", line->page,
               line->text, furniture, expected);
  }
}

/* ----------------------------------------------------------- metadata */

static void filing_metadata_is_filled(void **state)
{
  fixture *f = *state;
  assert_int_equal(f->filing->page_count, 4);
  assert_int_equal(strlen(f->filing->sha256), 64);
  char *contents = NULL;
  gsize len = 0;
  assert_true(g_file_get_contents(f->styled, &contents, &len, NULL));
  char *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256,
                                          (const guchar *)contents, len);
  assert_string_equal(f->filing->sha256, sum);
  g_free(sum);
  g_free(contents);
  assert_string_equal(f->filing->doc_type, "unknown");
}

static void cover_page_names_form_and_registrant(void **state)
{
  (void)state;
  rsk_filing *filing = rsk_filing_new("x.pdf");
  const char *texts[] = {"UNITED STATES", "FORM 10-K", "ACME ROBOTICS, INC.",
                         "(Exact name of registrant as specified in its charter)"};
  for (gsize i = 0; i < G_N_ELEMENTS(texts); i++) {
    rsk_line line = {.page = 1, .text = rsk_filing_intern(filing, texts[i])};
    g_array_append_val(filing->lines, line);
  }
  rsk_filing_guess_identity(filing);
  assert_string_equal(filing->doc_type, "10-K");
  assert_string_equal(filing->company, "ACME ROBOTICS, INC.");
  rsk_filing_free(filing);
}

static void dates_in_cover_forms_become_iso_dates(void **state)
{
  (void)state;
  const struct {
    const char *text, *iso;
  } cases[] = {
      {"For the fiscal year ended January 28, 2024", "2024-01-28"},
      {"fiscal year ended September 30, 2023", "2023-09-30"},
      {"For the quarterly period ended October 31, 2022", "2022-10-31"},
      {"for the fiscal year ended December 31, 2024", "2024-12-31"},
      {"For the Fiscal Year Ended December 31, 2022.", "2022-12-31"},
      {"December 30, 2025", "2025-12-30"},
      {"30 December 2025", "2025-12-30"},
      {"DECEMBER 31 2024", "2024-12-31"},
      {"Sept. 4, 2021", "2021-09-04"},
      {"dated the 1st March, 2020", "2020-03-01"},
      {"February 29, 2024", "2024-02-29"},
      {"February 29, 2023", NULL},
      {"June 31, 2023", NULL},
      {"FORM 10-K", NULL},
      {"1 billion shares as of 2023", NULL},
      {"remainder 12 December 2025", "2025-12-12"},
      {"", NULL},
  };
  for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
    g_autofree char *iso = rsk_filing_parse_date(cases[i].text);
    if (cases[i].iso)
      assert_string_equal(iso, cases[i].iso);
    else
      assert_null(iso);
  }
}

/* A filing whose page-1 lines are TEXTS, its identity guessed. */
static rsk_filing *cover_of(const char *const *texts, gsize n)
{
  rsk_filing *filing = rsk_filing_new("x.pdf");
  for (gsize i = 0; i < n; i++) {
    rsk_line line = {.page = 1, .text = rsk_filing_intern(filing, texts[i])};
    g_array_append_val(filing->lines, line);
  }
  rsk_filing_guess_identity(filing);
  return filing;
}

static void cover_gives_period_end_and_document_date(void **state)
{
  (void)state;
  /* The period beats an earlier date alone on a line. */
  const char *ten_k[] = {"January 31, 2024", "FORM 10-K",
                         "For the fiscal year ended December 30, 2023",
                         "shares outstanding as of January 26, 2024"};
  rsk_filing *f = cover_of(ten_k, G_N_ELEMENTS(ten_k));
  assert_string_equal(f->period_end, "2023-12-30");
  /* No signatures: the date shares were counted on. */
  assert_string_equal(f->document_date, "2024-01-26");
  rsk_filing_free(f);
  /* The signatures' date; never one before the period's end. */
  const char *signed_k[] = {"FORM 10-K", "For the fiscal year ended December 31, 2024",
                            "shares outstanding as of January 3, 1969", "SIGNATURES",
                            "incorporated on March 1, 1998", "Date: February 20, 2025"};
  f = cover_of(signed_k, G_N_ELEMENTS(signed_k));
  assert_string_equal(f->period_end, "2024-12-31");
  assert_string_equal(f->document_date, "2025-02-20");
  rsk_filing_free(f);
  /* The date on the line after the phrase. */
  const char *ten_q[] = {"FORM 10-Q", "For the quarterly period ended",
                         "October 31, 2022"};
  f = cover_of(ten_q, G_N_ELEMENTS(ten_q));
  assert_string_equal(f->doc_type, "10-Q");
  assert_string_equal(f->period_end, "2022-10-31");
  rsk_filing_free(f);
  /* A prospectus: the date alone on a short cover line. */
  const char *hk[] = {"Hong Kong Exchanges and Clearing Limited take no "
                      "responsibility for the contents of this document",
                      "ACME ROBOTICS LIMITED", "30 December 2025"};
  f = cover_of(hk, G_N_ELEMENTS(hk));
  assert_null(f->period_end);
  assert_string_equal(f->document_date, "2025-12-30");
  rsk_filing_free(f);
  const char *none[] = {"FORM S-1", "ACME ROBOTICS, INC."};
  f = cover_of(none, G_N_ELEMENTS(none));
  assert_null(f->period_end);
  assert_null(f->document_date);
  rsk_filing_free(f);
}

static void hong_kong_cover_gives_company_in_capitals(void **state)
{
  (void)state;
  rsk_filing *filing = rsk_filing_new("x.pdf");
  struct { const char *text; float size; } texts[] = {
      {"Hong Kong Exchanges and Clearing Limited and The Stock Exchange of "
       "Hong Kong Limited take no responsibility", 7},
      {"ZHIPU AI TECHNOLOGY CO., LTD.", 20},
      {"APPLICATION PROOF", 14}};
  for (gsize i = 0; i < G_N_ELEMENTS(texts); i++) {
    rsk_line line = {.page = 1, .font_size = texts[i].size,
                     .text = rsk_filing_intern(filing, texts[i].text)};
    g_array_append_val(filing->lines, line);
  }
  rsk_filing_guess_identity(filing);
  assert_string_equal(filing->doc_type, "HK prospectus");
  assert_string_equal(filing->company, "ZHIPU AI TECHNOLOGY CO., LTD.");
  rsk_filing_free(filing);
}

/* ---------------------------------------------------------- CJK fonts */

/* Traditional-Chinese prospectuses set their text in CID-keyed fonts on
 * Adobe's predefined CMaps, often not embedded. Poppler maps their codes to
 * Unicode with poppler-data's tables (tools/setup.sh installs it); without
 * them it drops the text ("Missing language pack for 'Adobe-CNS1'"). */
static void a_cid_keyed_traditional_chinese_pdf_extracts(void **state)
{
  (void)state;
  static const char *const printed[] = {
      "風險因素",
      "我們的業務、財務狀況及經營業績可能受到下列任何風險的重大不利影響。",
      "有關我們業務及行業的風險",
      "我們面臨激烈的市場競爭，如未能有效競爭，我們的市場份額可能下降。",
      NULL,
  };
  char *dir = fixture_dir_new();
  char *path = fixture_cid_chinese_pdf(dir, printed);
  if (!path) {
    print_message("SKIP: cannot write the CID-keyed fixture in %s\n", dir);
    fixture_dir_free(dir);
    skip();
  }
  GError *error = NULL;
  rsk_filing *filing = rsk_filing_new(path);
  rsk_document *doc = rsk_document_open(path, NULL, &error);
  assert_non_null(doc);
  if (!rsk_document_read(doc, 1, 0, 1, filing, &error))
    fail_msg("%s (is poppler-data installed? tools/setup.sh installs it)",
             error->message);
  for (int i = 0; printed[i]; i++) {
    gboolean found = FALSE;
    for (guint k = 0; k < filing->lines->len && !found; k++)
      found = strcmp(g_array_index(filing->lines, rsk_line, k).text,
                     printed[i]) == 0;
    if (!found)
      fail_msg("\"%s\" was not extracted from the CID font", printed[i]);
  }
  rsk_document_free(doc);
  rsk_filing_free(filing);
  g_free(path);
  fixture_dir_free(dir);
}

/* ------------------------------------------------------------- errors */

static void empty_page_gives_no_text_error(void **state)
{
  (void)state;
  char *dir = fixture_dir_new();
  char *path = fixture_empty_pdf(dir);
  GError *error = open_error(path, NULL);
  assert_non_null(error);
  assert_true(g_error_matches(error, RSK_ERROR, RSK_ERROR_NO_TEXT));
  assert_non_null(strstr(error->message, path));
  assert_non_null(strstr(error->message, "no text layer on any of 1 page"));
  g_error_free(error);
  g_free(path);
  fixture_dir_free(dir);
}

static void text_named_pdf_gives_format_error(void **state)
{
  (void)state;
  char *dir = fixture_dir_new();
  char *path = fixture_not_pdf(dir);
  GError *error = open_error(path, NULL);
  assert_non_null(error);
  assert_true(g_error_matches(error, RSK_ERROR, RSK_ERROR_FORMAT));
  char *expected = g_strdup_printf("%s: not a PDF or HTML filing (text without HTML markup)",
                                   path);
  assert_string_equal(error->message, expected);
  g_free(expected);
  g_error_free(error);
  g_free(path);
  fixture_dir_free(dir);
}

static void missing_file_and_directory_give_io_error(void **state)
{
  (void)state;
  GError *error = open_error("/nonexistent/riskscope/x.pdf", NULL);
  assert_non_null(error);
  assert_true(g_error_matches(error, RSK_ERROR, RSK_ERROR_IO));
  assert_string_equal(error->message,
                      "/nonexistent/riskscope/x.pdf: No such file or directory");
  g_error_free(error);

  char *dir = fixture_dir_new();
  error = open_error(dir, NULL);
  assert_non_null(error);
  assert_true(g_error_matches(error, RSK_ERROR, RSK_ERROR_IO));
  assert_non_null(strstr(error->message, "is a directory"));
  g_error_free(error);
  fixture_dir_free(dir);
}

static void encrypted_pdf_needs_the_right_password(void **state)
{
  fixture *f = *state;
  char *qpdf = g_find_program_in_path("qpdf");
  if (!qpdf) {
    printf("SKIP: qpdf absent, encrypted fixture not made\n");
    skip();
  }
  char *locked = g_build_filename(f->dir, "locked.pdf", NULL);
  const char *argv[] = {qpdf, "--encrypt", "secret", "owner", "256", "--",
                        f->styled, locked, NULL};
  int status = 0;
  assert_true(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                           NULL, NULL, NULL, NULL, &status, NULL));
  assert_true(g_spawn_check_wait_status(status, NULL));

  GError *error = open_error(locked, NULL);
  assert_true(g_error_matches(error, RSK_ERROR, RSK_ERROR_ENCRYPTED));
  assert_non_null(strstr(error->message, "--password"));
  g_error_free(error);
  error = open_error(locked, "wrong");
  assert_true(g_error_matches(error, RSK_ERROR, RSK_ERROR_ENCRYPTED));
  assert_non_null(strstr(error->message, "wrong password"));
  g_error_free(error);
  error = open_error(locked, "secret");
  assert_null(error);
  g_free(locked);
  g_free(qpdf);
}

/* -------------------------------------------------------- parallelism */

static rsk_filing *read_with_jobs(const char *path, int first, int last,
                                  int jobs)
{
  GError *error = NULL;
  rsk_document *doc = rsk_document_open(path, NULL, &error);
  assert_non_null(doc);
  rsk_filing *filing = rsk_filing_new(path);
  assert_true(rsk_document_read(doc, first, last, jobs, filing, &error));
  rsk_document_free(doc);
  return filing;
}

static void assert_same_lines(const rsk_filing *a, const rsk_filing *b)
{
  assert_int_equal(a->lines->len, b->lines->len);
  assert_int_equal(a->spans->len, b->spans->len);
  for (guint i = 0; i < a->lines->len; i++) {
    const rsk_line *x = &g_array_index(a->lines, rsk_line, i);
    const rsk_line *y = &g_array_index(b->lines, rsk_line, i);
    assert_int_equal(x->page, y->page);
    assert_string_equal(x->text, y->text);
    assert_string_equal(x->font, y->font);
    assert_int_equal(x->style, y->style);
    assert_int_equal(x->flags, y->flags);
    assert_int_equal(x->first_span, y->first_span);
    assert_int_equal(x->n_spans, y->n_spans);
    assert_float_equal(x->y0, y->y0, 0.001);
  }
}

static void one_and_four_jobs_give_identical_lines(void **state)
{
  fixture *f = *state;
  char *dir = fixture_dir_new();
  char *path = fixture_styled_pdf(dir, 23);
  rsk_filing *one = read_with_jobs(path, 1, 0, 1);
  rsk_filing *four = read_with_jobs(path, 1, 0, 4);
  assert_same_lines(one, four);
  assert_int_equal(one->lines->len, 23 * 11);
  rsk_filing_free(one);
  rsk_filing_free(four);
  /* A page range reads only those pages. */
  rsk_filing *part = read_with_jobs(path, 5, 7, 3);
  assert_int_equal(g_array_index(part->lines, rsk_line, 0).page, 5);
  assert_int_equal(g_array_index(part->lines, rsk_line, part->lines->len - 1).page, 7);
  rsk_filing_free(part);
  g_free(path);
  fixture_dir_free(dir);
  (void)f;
}

/* -------------------------------------------------------- integration */

static void nvidia_10k_risk_pages_have_bold_risk_factors(void **state)
{
  (void)state;
  const char *corpus = g_getenv("RISKSCOPE_CORPUS");
  char *path = g_build_filename(corpus ? corpus : "../shared/corpus",
                                "nvidia_10k_fy2024.pdf", NULL);
  if (!g_file_test(path, G_FILE_TEST_EXISTS)) {
    printf("SKIP: %s absent\n", path);
    g_free(path);
    skip();
  }
  rsk_filing *filing = read_with_jobs(path, 1, 0, 0);
  assert_int_equal(filing->page_count, 90);
  assert_string_equal(filing->doc_type, "10-K");
  assert_string_equal(filing->company, "NVIDIA CORPORATION");
  gboolean heading = FALSE, bold = FALSE;
  for (guint i = 0; i < filing->lines->len; i++) {
    const rsk_line *line = &g_array_index(filing->lines, rsk_line, i);
    if (line->page < 14 || line->page > 36)
      continue;
    heading |= strstr(line->text, "Risk Factors") != NULL;
    bold |= (line->style & RSK_STYLE_BOLD) && !(line->flags & RSK_LINE_FURNITURE);
  }
  assert_true(heading);
  assert_true(bold);
  rsk_filing_free(filing);
  g_free(path);
}

/* A page's lines as a worker leaves them, with N_CHARS characters. */
static rsk_page_lines *fake_page(int page, guint n_chars)
{
  rsk_page_lines *pl = rsk_page_lines_read(NULL, page);
  rsk_line line = {.page = page, .text = "text"};
  g_array_append_val(pl->lines, line);
  pl->n_chars = pl->n_letters = n_chars;
  return pl;
}

static void page_over_the_character_cap_is_dropped_and_flagged(void **state)
{
  (void)state;
  rsk_filing *filing = rsk_filing_new("cap.pdf");
  rsk_page_lines *pl = fake_page(7, RSK_PAGE_MAX_CHARS + 1);
  assert_int_equal(rsk_page_guard_begin(7), RSK_PAGE_READ);
  rsk_page_guard_end(7, pl);
  assert_int_equal(pl->lines->len, 0);
  assert_int_equal(pl->n_chars, 0);
  guint64 chars = 0;
  assert_true(rsk_page_guard_admit(filing, pl, &chars));
  assert_int_equal(filing->flags->len, 1);
  assert_true(g_str_has_prefix(filing->flags->pdata[0], "page_skipped: page 7: "));
  rsk_page_lines_free(pl);
  /* At the cap itself the page is kept. */
  pl = fake_page(8, RSK_PAGE_MAX_CHARS);
  assert_int_equal(rsk_page_guard_begin(8), RSK_PAGE_READ);
  rsk_page_guard_end(8, pl);
  assert_int_equal(pl->lines->len, 1);
  assert_null(pl->dropped);
  rsk_page_lines_free(pl);
  rsk_filing_free(filing);
}

static void document_stops_at_the_character_cap(void **state)
{
  (void)state;
  rsk_filing *filing = rsk_filing_new("long.pdf");
  guint64 chars = 0;
  int page = 1;
  for (; page < 1000; page++) {
    rsk_page_lines *pl = fake_page(page, RSK_PAGE_MAX_CHARS);
    gboolean admitted = rsk_page_guard_admit(filing, pl, &chars);
    rsk_page_lines_free(pl);
    if (!admitted)
      break;
  }
  assert_int_equal(page, RSK_DOCUMENT_MAX_CHARS / RSK_PAGE_MAX_CHARS + 1);
  assert_true(chars <= RSK_DOCUMENT_MAX_CHARS);
  assert_int_equal(filing->flags->len, 1);
  g_autofree char *want = g_strdup_printf("document_truncated: page %d and after", page);
  assert_true(g_str_has_prefix(filing->flags->pdata[0], want));
  rsk_filing_free(filing);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(font_names_give_bold_and_italic),
      cmocka_unit_test(page_over_the_character_cap_is_dropped_and_flagged),
      cmocka_unit_test(document_stops_at_the_character_cap),
      cmocka_unit_test(subset_prefixes_are_stripped),
      cmocka_unit_test(page_number_forms_are_recognised),
      cmocka_unit_test(cover_page_names_form_and_registrant),
      cmocka_unit_test(hong_kong_cover_gives_company_in_capitals),
      cmocka_unit_test(a_cid_keyed_traditional_chinese_pdf_extracts),
      cmocka_unit_test(dates_in_cover_forms_become_iso_dates),
      cmocka_unit_test(cover_gives_period_end_and_document_date),
      cmocka_unit_test(empty_page_gives_no_text_error),
      cmocka_unit_test(text_named_pdf_gives_format_error),
      cmocka_unit_test(missing_file_and_directory_give_io_error),
      cmocka_unit_test(nvidia_10k_risk_pages_have_bold_risk_factors),
      cmocka_unit_test(pdf_page_labels_win_unless_they_are_the_index),
  };
  const struct CMUnitTest styled[] = {
      cmocka_unit_test(bold_and_italic_lines_carry_their_flags_and_sizes),
      cmocka_unit_test(lines_have_positions_in_reading_order),
      cmocka_unit_test(ligatures_and_quotes_are_normalised_and_hyphens_kept),
      cmocka_unit_test(span_offsets_point_into_the_normalised_text),
      cmocka_unit_test(fake_bold_glyphs_are_printed_once),
      cmocka_unit_test(running_headers_and_page_numbers_are_furniture),
      cmocka_unit_test(printed_page_numbers_become_page_labels),
      cmocka_unit_test(repeated_body_lines_are_not_furniture),
      cmocka_unit_test(filing_metadata_is_filled),
      cmocka_unit_test(encrypted_pdf_needs_the_right_password),
      cmocka_unit_test(one_and_four_jobs_give_identical_lines),
  };
  int failed = cmocka_run_group_tests_name("extractors", tests, NULL, NULL);
  failed += cmocka_run_group_tests_name("styled pdf", styled, setup, teardown);
  fixture_shutdown();
  return failed;
}
