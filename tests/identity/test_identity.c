/* test_identity.c - who a filing is from: issuer name, Chinese name,
 * ticker, CIK and stock code, on generated covers, on lines built by hand
 * and on the real covers of the corpus
 *
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixtures.h"
#include "identifiers.h"
#include "issuer.h"
#include "document.h"
#include "pdfgen.h"

#include <glib/gstdio.h>
#include <string.h>

/* ------------------------------------------------------------ helpers */

/* A line of page PAGE at (X0, Y0), SIZE points high and WIDTH wide. */
typedef struct {
  int page;
  float x0, y0, width, size;
  const char *text;
} spec;

/* A filing of the lines SPECS (page 0 ends them), titled TITLE, its
 * identity guessed. Without positions (all 0) lines are in reading order
 * only. */
static rsk_filing *filing_of(const spec *specs, const char *title)
{
  rsk_filing *filing = rsk_filing_new("acme_10k_2025.pdf");
  filing->title = g_strdup(title);
  for (const spec *s = specs; s->page; s++) {
    rsk_line line = {.page = s->page, .x0 = s->x0, .y0 = s->y0,
                     .x1 = s->x0 + s->width, .y1 = s->y0 + s->size * (s->width > 0),
                     .font_size = s->size,
                     .text = rsk_filing_intern(filing, s->text)};
    g_array_append_val(filing->lines, line);
  }
  rsk_filing_guess_identity(filing);
  return filing;
}

static void assert_str_or_null(const char *got, const char *want)
{
  if (want)
    assert_string_equal(got ? got : "(null)", want);
  else if (got)
    fail_msg("expected nothing, got \"%s\"", got);
}

/* ---------------------------------------------------- generated covers */

static void each_hard_cover_gives_its_issuer(void **state)
{
  (void)state;
  static const struct {
    rsk_fx_cover kind;
    rsk_company_source source;
  } cases[] = {
      {RSK_FX_COVER_LOGO, RSK_COMPANY_TITLE},
      {RSK_FX_COVER_LOGO_UNTITLED, RSK_COMPANY_SIGNATURES},
      {RSK_FX_COVER_REGISTRANTS, RSK_COMPANY_COVER},
      {RSK_FX_COVER_HK, RSK_COMPANY_COVER},
      {RSK_FX_COVER_HK_CHINESE, RSK_COMPANY_COVER},
  };
  GError *error = NULL;
  g_autofree char *dir = g_dir_make_tmp("rsk-covers-XXXXXX", &error);
  assert_non_null(dir);
  for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
    g_autofree char *path = g_strdup_printf("%s/cover%d.pdf", dir, (int)i);
    const rsk_fx_cover_truth *truth = rsk_fixture_cover(path, cases[i].kind, &error);
    if (!truth && !rsk_fx_cjk_font_available()) {
      print_message("SKIP: cover %d: %s\n", (int)i, error->message);
      g_clear_error(&error);
      continue;
    }
    assert_non_null(truth);
    rsk_document *doc = rsk_document_open(path, NULL, &error);
    assert_non_null(doc);
    rsk_filing *filing = rsk_filing_new(path);
    assert_true(rsk_document_read(doc, 1, 0, 1, filing, &error));
    print_message("cover %d: %s / %s / %s / %s\n", (int)i, filing->company,
                  filing->company_zh ? filing->company_zh : "-",
                  filing->ticker ? filing->ticker : "-",
                  filing->stock_code ? filing->stock_code : "-");
    assert_string_equal(filing->company, truth->company);
    assert_str_or_null(filing->company_zh, truth->company_zh);
    assert_str_or_null(filing->ticker, truth->ticker);
    assert_str_or_null(filing->stock_code, truth->stock_code);
    assert_string_equal(filing->doc_type, truth->doc_type);
    assert_int_equal(filing->company_source, cases[i].source);
    assert_null(rsk_company_source_flag(filing->company_source));
    rsk_filing_free(filing);
    rsk_document_free(doc);
    g_unlink(path);
  }
  g_rmdir(dir);
}

/* The generated listing documents: SinoVerse (English, proof and final)
 * and 星维智能 (Chinese, both scripts). */
static void generated_prospectuses_name_their_issuers(void **state)
{
  (void)state;
  rsk_fx_options proof, final;
  rsk_fx_options_init(&proof);
  rsk_fx_options_init(&final);
  final.application_proof = FALSE;
  const struct {
    const rsk_fx_doc *doc;
    const rsk_fx_options *options;
    const char *company, *company_zh, *stock_code;
  } cases[] = {
      {&rsk_sinoverse_doc, &proof, "SINOVERSE INTELLIGENCE TECHNOLOGY CO., LTD.", NULL, NULL},
      {&rsk_sinoverse_doc, &final, "SINOVERSE INTELLIGENCE TECHNOLOGY CO., LTD.", NULL, "2788"},
      {&rsk_xingwei_hant_doc, &proof, "星維智能科技股份有限公司", "星維智能科技股份有限公司", NULL},
      {&rsk_xingwei_hans_doc, &proof, "星维智能科技股份有限公司", "星维智能科技股份有限公司", NULL},
  };
  GError *error = NULL;
  g_autofree char *dir = g_dir_make_tmp("rsk-docs-XXXXXX", &error);
  for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
    if (cases[i].company_zh && !rsk_fx_cjk_font_available()) {
      print_message("SKIP: %s: no CJK font\n", cases[i].doc->doc_name);
      continue;
    }
    g_autofree char *path = g_strdup_printf("%s/doc%d.pdf", dir, (int)i);
    rsk_fx_truth *truth = rsk_fx_generate(cases[i].doc, cases[i].options, path, &error);
    assert_non_null(truth);
    rsk_fx_truth_free(truth);
    rsk_document *doc = rsk_document_open(path, NULL, &error);
    rsk_filing *f = rsk_filing_new(path);
    assert_true(rsk_document_read(doc, 1, 0, 1, f, &error));
    /* The Chinese ones name themselves 申請版本 (the English final has no
     * disclaimer to tell its kind by). */
    if (cases[i].company_zh || cases[i].options->application_proof)
      assert_string_equal(f->doc_type, "HK prospectus");
    assert_string_equal(f->company, cases[i].company);
    assert_str_or_null(f->company_zh, cases[i].company_zh);
    assert_str_or_null(f->stock_code, cases[i].stock_code);
    rsk_filing_free(f);
    rsk_document_free(doc);
    g_unlink(path);
  }
  g_rmdir(dir);
}

/* ------------------------------------------------------ lines by hand */

static void stacked_registrants_give_the_first(void **state)
{
  (void)state;
  const spec specs[] = {
      {1, 200, 240, 200, 9, "Commission File Number: 1-13087 (Boston Hill, Inc.)"},
      {1, 190, 280, 220, 16, "BOSTON HILL, INC."},
      {1, 150, 299, 300, 16, "BOSTON HILL LIMITED PARTNERSHIP"},
      {1, 180, 318, 240, 8, "(Exact name of Registrants as specified in its charter)"},
      {1, 60, 350, 100, 9, "Boston Hill, Inc."},
      {0, 0, 0, 0, 0, NULL},
  };
  rsk_filing *f = filing_of(specs, NULL);
  assert_string_equal(f->company, "BOSTON HILL, INC.");
  rsk_filing_free(f);
}

static void a_hong_kong_name_and_its_chinese_form_stand_over_the_caption(void **state)
{
  (void)state;
  const spec specs[] = {
      {1, 60, 90, 300, 9, "HONG KONG EXCHANGES AND CLEARING LIMITED"},
      {1, 150, 140, 300, 16, "Lumen Harbor Technology Co., Ltd."},
      {1, 220, 160, 150, 12, "流明港科技股份有限公司"},
      {1, 100, 178, 400, 8, "(incorporated in the Cayman Islands with limited liability)"},
      {1, 200, 260, 200, 10, "Sole Sponsor"},
      {1, 100, 280, 400, 20, "Harbour Crest Capital (Hong Kong) Limited"},
      {0, 0, 0, 0, 0, NULL},
  };
  rsk_filing *f = filing_of(specs, "HKEX");
  assert_string_equal(f->company, "Lumen Harbor Technology Co., Ltd.");
  assert_string_equal(f->company_zh, "流明港科技股份有限公司");
  rsk_filing_free(f);
  /* Without the caption the most prominent name wins, but not a bank's
   * under "Sole Sponsor". */
  const spec uncaptioned[] = {
      specs[0], specs[1], specs[2], specs[4], specs[5], {0, 0, 0, 0, 0, NULL},
  };
  f = filing_of(uncaptioned, "HKEX");
  assert_string_equal(f->company, "Lumen Harbor Technology Co., Ltd.");
  assert_string_equal(f->company_zh, "流明港科技股份有限公司");
  rsk_filing_free(f);
}

static void a_name_wrapped_over_two_lines_is_joined(void **state)
{
  (void)state;
  const spec specs[] = {
      {1, 150, 170, 300, 8, "Commission File Number 1-2360"},
      {1, 150, 200, 300, 14, "INTERNATIONAL QUANTUM MACHINES"},
      {1, 220, 216, 150, 14, "CORPORATION"},
      {1, 180, 236, 240, 8, "(Exact name of registrant as specified in its charter)"},
      {0, 0, 0, 0, 0, NULL},
  };
  rsk_filing *f = filing_of(specs, NULL);
  assert_string_equal(f->company, "INTERNATIONAL QUANTUM MACHINES CORPORATION");
  rsk_filing_free(f);
}

static void a_cover_without_a_label_gives_its_most_prominent_name(void **state)
{
  (void)state;
  const spec specs[] = {
      {1, 200, 60, 200, 12, "UNITED STATES"},
      {1, 150, 76, 300, 12, "SECURITIES AND EXCHANGE COMMISSION"},
      {1, 240, 100, 100, 12, "FORM 10-K"},
      {1, 150, 160, 300, 7, "Commission file number 1-3285"},
      {1, 240, 172, 100, 12, "7Q COMPANY"},
      {1, 100, 250, 200, 7, "Common Stock, Par Value $.01 Per Share"},
      {1, 380, 250, 160, 7, "The Nasdaq Stock Market LLC"},
      {0, 0, 0, 0, 0, NULL},
  };
  rsk_filing *f = filing_of(specs, "0000066740-23-000014");
  assert_string_equal(f->company, "7Q COMPANY");
  assert_int_equal(f->company_source, RSK_COMPANY_COVER);
  rsk_filing_free(f);
}

static void titles_name_the_company_only_in_known_forms(void **state)
{
  (void)state;
  const spec nothing[] = {
      {1, 0, 0, 0, 0, "FORM 10-K"},
      {1, 0, 0, 0, 0, "(Exact name of registrant as specified in its charter)"},
      {0, 0, 0, 0, 0, NULL},
  };
  static const struct {
    const char *title, *company;
  } cases[] = {
      {"Form 10-K for Foot Path INC filed 03/27/2023", "Foot Path INC"},
      {"10-K - 02/08/2023 - 7Q Company", "7Q Company"},
      {"January 31, 2024 - 10-K: Annual report | Advanced Quanta, Inc. (AQX)",
       "Advanced Quanta, Inc."},
      {"HKEX", NULL},
      {"0000950170-23-028914", NULL},
      {"nvda-20240128", NULL},
      {"ADBE 10-K FY22", NULL},
      {"Nike 2023 Proxy", NULL},
  };
  for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
    rsk_filing *f = filing_of(nothing, cases[i].title);
    if (cases[i].company) {
      assert_string_equal(f->company, cases[i].company);
      assert_int_equal(f->company_source, RSK_COMPANY_TITLE);
    } else {
      /* The file name is the last resort, and flagged. */
      assert_string_equal(f->company, "acme");
      assert_int_equal(f->company_source, RSK_COMPANY_FILE_NAME);
      assert_string_equal(rsk_company_source_flag(f->company_source),
                          "company_from_file_name");
    }
    rsk_filing_free(f);
  }
}

static void a_running_header_is_a_flagged_last_resort_before_the_file(void **state)
{
  (void)state;
  rsk_filing *filing = rsk_filing_new("acme.pdf");
  for (int page = 1; page <= 4; page++) {
    rsk_line header = {.page = page, .flags = RSK_LINE_FURNITURE,
                       .text = rsk_filing_intern(filing, "Orbis Robotics Inc. | 2025 Form 10-K | 7")};
    rsk_line body = {.page = page,
                     .text = rsk_filing_intern(filing, "We build warehouse robots.")};
    g_array_append_val(filing->lines, header);
    g_array_append_val(filing->lines, body);
  }
  rsk_filing_guess_identity(filing);
  assert_string_equal(filing->company, "Orbis Robotics Inc.");
  assert_int_equal(filing->company_source, RSK_COMPANY_HEADER);
  assert_string_equal(rsk_company_source_flag(filing->company_source),
                      "company_from_running_header");
  rsk_filing_free(filing);
}

static void names_are_told_from_cover_phrases(void **state)
{
  (void)state;
  const char *yes[] = {"PG&E CORPORATION", "eBay Inc.", "JOHNSON & JOHNSON",
                       "McDONALD'S CORPORATION", "3M COMPANY", "NetEase, Inc.",
                       "Acme & <Sons> Holdings, Inc.", "流明港科技股份有限公司",
                       "Intercontinental Exchange, Inc."};
  const char *no[] = {"to", "1-2348", "OR", "UNITED STATES", "FORM 10-K",
                      "Commission File No. 1-10299",
                      "For the transition period from",
                      "Hong Kong Exchanges and Clearing Limited",
                      "THE STOCK EXCHANGE OF HONG KONG LIMITED",
                      "The Nasdaq Stock Market LLC", "HKEX", "New York Stock Exchange",
                      "香港交易及結算所有限公司", "香港聯合交易所有限公司",
                      "（於開曼群島註冊成立的有限公司）", "June 2, 2020",
                      "Boston Hill, Inc.: Yes ☒", "[REDACTED]", "招股章程",
                      "(Exact name of registrant as specified in its charter)"};
  for (gsize i = 0; i < G_N_ELEMENTS(yes); i++)
    if (!rsk_issuer_looks_like_name(yes[i]))
      fail_msg("\"%s\" should look like a name", yes[i]);
  for (gsize i = 0; i < G_N_ELEMENTS(no); i++)
    if (rsk_issuer_looks_like_name(no[i]))
      fail_msg("\"%s\" should not look like a name", no[i]);
  assert_true(rsk_issuer_has_legal_form("BEST BUY CO., INC."));
  assert_true(rsk_issuer_has_legal_form("Acme Holdings L.P."));
  assert_true(rsk_issuer_has_legal_form("北京智谱华章科技股份有限公司"));
  assert_false(rsk_issuer_has_legal_form("Company"));
  assert_false(rsk_issuer_has_legal_form("TelCo"));
  assert_false(rsk_issuer_has_legal_form("New York"));
}

/* ------------------------------------------------------------ tickers */

static void tickers_come_from_the_securities_table(void **state)
{
  (void)state;
  /* Cells as lines of their own, the header on two lines. */
  const spec split[] = {
      {1, 270, 300, 30, 7, "Trading"},
      {1, 70, 308, 80, 7, "Title of each class"},
      {1, 266, 308, 36, 7, "Symbol(s)"},
      {1, 70, 320, 110, 7, "Common Stock, par value $0.01"},
      {1, 272, 320, 20, 7, "FL"},
      {1, 390, 320, 100, 7, "New York Stock Exchange"},
      {0, 0, 0, 0, 0, NULL},
  };
  /* A row run together on one line. */
  const spec merged[] = {
      {1, 60, 339, 480, 6.4f, "(Title of each class) (Trading symbol) (Name of each exchange on which registered)"},
      {1, 60, 350, 480, 8, "Common Stock, $0.01 par value per share AMD The NASDAQ Global Select Market"},
      {0, 0, 0, 0, 0, NULL},
  };
  /* The row above a caption; "B" of "Class B" is no ticker. */
  const spec caption[] = {
      {1, 60, 329, 300, 7, "SECURITIES REGISTERED PURSUANT TO SECTION 12(B) OF THE ACT:"},
      {1, 60, 341, 400, 7, "Class B Common Stock NKE New York Stock Exchange"},
      {1, 60, 352, 400, 7, "(Title of each class) (Trading symbol) (Name of each exchange on which registered)"},
      {1, 60, 363, 300, 7, "SECURITIES REGISTERED PURSUANT TO SECTION 12(G) OF THE ACT:"},
      {0, 0, 0, 0, 0, NULL},
  };
  /* No positions: cells in reading order after the header. */
  const spec flowing[] = {
      {1, 0, 0, 0, 0, "Title of each class"},
      {1, 0, 0, 0, 0, "Trading Symbol(s)"},
      {1, 0, 0, 0, 0, "Name of each exchange on which registered"},
      {1, 0, 0, 0, 0, "Common Stock, $0.001 par value per share"},
      {1, 0, 0, 0, 0, "NVDA"},
      {0, 0, 0, 0, 0, NULL},
  };
  const struct {
    const spec *lines;
    const char *ticker;
  } cases[] = {{split, "FL"}, {merged, "AMD"}, {caption, "NKE"}, {flowing, "NVDA"}};
  for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
    rsk_filing *f = filing_of(cases[i].lines, NULL);
    assert_str_or_null(f->ticker, cases[i].ticker);
    rsk_filing_free(f);
  }
  assert_true(rsk_is_ticker("BRK.B"));
  assert_true(rsk_is_ticker("PCG-PA"));
  assert_false(rsk_is_ticker("NYSE"));
  assert_false(rsk_is_ticker("Nvda"));
  assert_false(rsk_is_ticker("TOOLONG"));
}

static void codes_are_read_where_covers_print_them(void **state)
{
  (void)state;
  static const struct {
    const char *text, *ticker, *cik, *code;
  } cases[] = {
      {"Stock Code: 9999", NULL, NULL, "9999"},
      {"股份代號：700", NULL, NULL, "0700"},
      {"Stock code: 00700", NULL, NULL, "0700"},
      {"Stock code: [REDACTED]", NULL, NULL, NULL},
      {"CENTRAL INDEX KEY: 0000320193", NULL, "0000320193", NULL},
      {"Central Index Key No. 1045810", NULL, "0001045810", NULL},
      {"(CIK: 1018724)", NULL, "0001018724", NULL},
      {"Our ADSs are listed on Nasdaq under the symbol \"NTES.\"", "NTES", NULL, NULL},
      {"picking a CIKLIST 123", NULL, NULL, NULL},
  };
  for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
    const spec specs[] = {{1, 0, 0, 0, 0, cases[i].text}, {0, 0, 0, 0, 0, NULL}};
    rsk_filing *f = filing_of(specs, NULL);
    assert_str_or_null(f->ticker, cases[i].ticker);
    assert_str_or_null(f->cik, cases[i].cik);
    assert_str_or_null(f->stock_code, cases[i].code);
    rsk_filing_free(f);
  }
  /* A label with its number further along the row. */
  const spec row[] = {
      {1, 100, 325, 60, 9, "Stock Code"},
      {1, 250, 325, 4, 9, ":"},
      {1, 270, 325, 24, 9, "9999"},
      {0, 0, 0, 0, 0, NULL},
  };
  rsk_filing *f = filing_of(row, NULL);
  assert_str_or_null(f->stock_code, "9999");
  rsk_filing_free(f);
  g_autofree char *bad = rsk_stock_code_normalize("123456");
  assert_null(bad);
}

/* --------------------------------------------------------- the corpus */

/* Expected from each cover as printed (checked by eye against the PDFs);
 * held-out files (HELD_OUT.txt) are not listed. */
static const struct {
  const char *file, *company, *ticker, *stock_code;
} corpus[] = {
    {"3m_10k_2022.pdf", "3M COMPANY", "MMM", NULL},
    {"activisionblizzard_10k_2022.pdf", "ACTIVISION BLIZZARD, INC.", "ATVI", NULL},
    {"aes_10k_2021.pdf", "THE AES CORPORATION", "AES", NULL},
    {"amcor_10k_2023.pdf", "AMCOR PLC", "AMCR", NULL},
    {"amd_annual_report_10k_2022.pdf", "ADVANCED MICRO DEVICES, INC.", "AMD", NULL},
    {"apple_10k_fy2023.pdf", "Apple Inc.", "AAPL", NULL},
    {"bostonproperties_10k_2015.pdf", "BOSTON PROPERTIES, INC.", NULL, NULL},
    {"footlocker_10k_2023.pdf", "Foot Locker INC", "FL", NULL},
    {"microsoft_10k_fy2023.pdf", "MICROSOFT CORPORATION", "MSFT", NULL},
    {"netease_hk_prospectus_2020.pdf", "NetEase, Inc.", "NTES", "9999"},
    {"nike_10k_2023.pdf", "NIKE, Inc.", "NKE", NULL},
    {"pg_e_10k_2022.pdf", "PG&E CORPORATION", "PCG", NULL},
    {"salesforce_10q_fy2023q3.pdf", "Salesforce, Inc.", "CRM", NULL},
};

static void corpus_covers_give_their_issuers(void **state)
{
  (void)state;
  const char *dir = g_getenv("RISKSCOPE_CORPUS");
  if (!dir || !g_file_test(dir, G_FILE_TEST_IS_DIR)) {
    print_message("SKIP: no corpus (RISKSCOPE_CORPUS)\n");
    skip();
  }
  for (gsize i = 0; i < G_N_ELEMENTS(corpus); i++) {
    g_autofree char *path = g_build_filename(dir, corpus[i].file, NULL);
    if (!g_file_test(path, G_FILE_TEST_EXISTS)) {
      print_message("SKIP: %s absent\n", corpus[i].file);
      continue;
    }
    GError *error = NULL;
    rsk_document *doc = rsk_document_open(path, NULL, &error);
    assert_non_null(doc);
    rsk_filing *f = rsk_filing_new(path);
    assert_true(rsk_document_read(doc, 1, 10, 2, f, &error));
    if (strcmp(f->company, corpus[i].company) != 0)
      fail_msg("%s: company \"%s\", expected \"%s\"", corpus[i].file, f->company,
               corpus[i].company);
    assert_str_or_null(f->ticker, corpus[i].ticker);
    assert_str_or_null(f->stock_code, corpus[i].stock_code);
    assert_null(rsk_company_source_flag(f->company_source));
    rsk_filing_free(f);
    rsk_document_free(doc);
  }
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(each_hard_cover_gives_its_issuer),
      cmocka_unit_test(generated_prospectuses_name_their_issuers),
      cmocka_unit_test(stacked_registrants_give_the_first),
      cmocka_unit_test(a_hong_kong_name_and_its_chinese_form_stand_over_the_caption),
      cmocka_unit_test(a_name_wrapped_over_two_lines_is_joined),
      cmocka_unit_test(a_cover_without_a_label_gives_its_most_prominent_name),
      cmocka_unit_test(titles_name_the_company_only_in_known_forms),
      cmocka_unit_test(a_running_header_is_a_flagged_last_resort_before_the_file),
      cmocka_unit_test(names_are_told_from_cover_phrases),
      cmocka_unit_test(tickers_come_from_the_securities_table),
      cmocka_unit_test(codes_are_read_where_covers_print_them),
      cmocka_unit_test(corpus_covers_give_their_issuers),
  };
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  rsk_pdf_shutdown();
  return failed;
}
