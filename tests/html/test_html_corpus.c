/* test_html_corpus.c - the HTML reader on the corpus's EDGAR filings
 *
 * The twins are filings kept both as EDGAR HTML and as a Chromium print of
 * it: both forms must give the same form, period, company, ticker and
 * risk-factor headings in the same order,
 * and the HTML form must meet the gold's headings (F1 >= 0.98; its pages
 * are HTML pages, so they are not compared). Every HTML filing of the
 * corpus must read without an error. SKIP when ../shared/corpus is absent.
 *
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "document.h"
#include "segment_gold.h"
#include "text.h"

#include <string.h>

static const char *corpus_or_skip(void)
{
  const char *corpus = g_getenv("RISKSCOPE_CORPUS");
  if (!corpus || !g_file_test(corpus, G_FILE_TEST_IS_DIR)) {
    print_message("SKIP: corpus folder %s absent\n", corpus ? corpus : "(unset)");
    skip();
  }
  return corpus;
}

typedef struct {
  const char *stem;
  const char *gold_env;    /* the folder its gold is in */
} twin;

static void twins_give_the_same_headings_from_html_and_pdf(void **state)
{
  (void)state;
  const char *corpus = corpus_or_skip();
  static const twin twins[] = {
      {"alphabet_10k_fy2024", "RISKSCOPE_GOLD"},
      {"nvidia_10k_fy2025", "RISKSCOPE_PROJECT_GOLD"},
  };
  int compared = 0;
  for (gsize t = 0; t < G_N_ELEMENTS(twins); t++) {
    g_autofree char *html_name = g_strconcat(twins[t].stem, ".html", NULL);
    g_autofree char *pdf_name = g_strconcat(twins[t].stem, ".pdf", NULL);
    g_autofree char *html = g_build_filename(corpus, html_name, NULL);
    g_autofree char *pdf = g_build_filename(corpus, pdf_name, NULL);
    if (!g_file_test(html, G_FILE_TEST_EXISTS) || !g_file_test(pdf, G_FILE_TEST_EXISTS))
      continue;
    rsk_filing *fh = segment_file(html), *fp = segment_file(pdf);
    print_message("%s: %u headings from HTML, %u from PDF\n", twins[t].stem,
                  fh->risks->len, fp->risks->len);
    assert_int_equal(fh->risks->len, fp->risks->len);
    /* Who it is from, read from either form's cover. */
    assert_string_equal(fh->doc_type, fp->doc_type);
    assert_string_equal(fh->period_end, fp->period_end);
    assert_non_null(fp->ticker);
    assert_string_equal(fh->ticker, fp->ticker);
    g_autofree char *ch = rsk_text_key(fh->company), *cp = rsk_text_key(fp->company);
    assert_string_equal(ch, cp);
    for (guint i = 0; i < fh->risks->len; i++) {
      g_autofree char *a = rsk_text_key(g_array_index(fh->risks, rsk_risk_factor, i).heading);
      g_autofree char *b = rsk_text_key(g_array_index(fp->risks, rsk_risk_factor, i).heading);
      if (strcmp(a, b) != 0)
        fail_msg("%s: heading %u differs:\n  HTML %s\n  PDF  %s", twins[t].stem, i + 1,
                 g_array_index(fh->risks, rsk_risk_factor, i).heading,
                 g_array_index(fp->risks, rsk_risk_factor, i).heading);
    }
    const char *gold_dir = g_getenv(twins[t].gold_env);
    g_autofree char *gold_name = g_strconcat(twins[t].stem, ".jsonl", NULL);
    g_autofree char *gold = gold_dir ? g_build_filename(gold_dir, gold_name, NULL) : NULL;
    if (gold && g_file_test(gold, G_FILE_TEST_EXISTS)) {
      rsk_eval_heading_counts c;
      score_headings(fh, gold, &c);
      print_message("%s.html against gold: F1 %.3f\n", twins[t].stem, rsk_eval_f1(&c));
      assert_true(rsk_eval_f1(&c) >= 0.98);
    }
    rsk_filing_free(fh);
    rsk_filing_free(fp);
    compared++;
  }
  if (compared == 0) {
    print_message("SKIP: no HTML/PDF twin in %s\n", corpus);
    skip();
  }
}

/* Reads PATH whole; FALSE with the error printed when it fails. */
static gboolean reads(const char *path)
{
  g_autoptr(GError) error = NULL;
  rsk_document *doc = rsk_document_open(path, NULL, &error);
  rsk_filing *filing = rsk_filing_new(path);
  gboolean ok = doc && rsk_document_read(doc, 1, 0, 1, filing, &error) &&
                filing->lines->len > 0 && filing->page_count >= 1;
  if (!ok)
    print_error("%s: %s\n", path, error ? error->message : "no lines");
  rsk_filing_free(filing);
  rsk_document_free(doc);
  return ok;
}

static void every_html_filing_of_the_corpus_reads(void **state)
{
  (void)state;
  const char *corpus = corpus_or_skip();
  g_autofree char *html_dir = g_build_filename(corpus, "html", NULL);
  const char *dirs[] = {corpus, html_dir};
  int files = 0, failed = 0;
  for (gsize k = 0; k < G_N_ELEMENTS(dirs); k++) {
    GDir *d = g_dir_open(dirs[k], 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d))) {
      if (!g_str_has_suffix(name, ".htm") && !g_str_has_suffix(name, ".html") &&
          !g_str_has_suffix(name, "_fullsubmission.txt"))
        continue;
      g_autofree char *path = g_build_filename(dirs[k], name, NULL);
      files++;
      failed += !reads(path);
    }
    if (d)
      g_dir_close(d);
  }
  print_message("%d HTML filings read, %d failed\n", files, failed);
  if (files == 0)
    skip();
  assert_int_equal(failed, 0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(twins_give_the_same_headings_from_html_and_pdf),
      cmocka_unit_test(every_html_filing_of_the_corpus_reads),
  };
  return cmocka_run_group_tests(tests, NULL, release_font_caches);
}
