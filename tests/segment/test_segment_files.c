/* test_segment_files.c - the segmenter on real filings and generated ones
 *
 * The corpus cases read each gold file's filing from ../shared/corpus and
 * hold the segmenter to issue 6's targets (heading F1 >= 0.95 per filing,
 * page accuracy >= 0.98). The fixture cases generate a Hong Kong
 * prospectus and a 10-K with every trap on and compare with their truth.
 *
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "evalset.h"
#include "fixtures.h"
#include "document.h"
#include "score.h"
#include "segment.h"
#include "segment_gold.h"

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <glib/gstdio.h>
#include <string.h>

static void gold_filings_meet_the_segmentation_targets(void **state)
{
  (void)state;
  const char *corpus = g_getenv("RISKSCOPE_CORPUS");
  const char *gold_dir = g_getenv("RISKSCOPE_GOLD");
  if (!corpus || !gold_dir || !g_file_test(corpus, G_FILE_TEST_IS_DIR) ||
      !g_file_test(gold_dir, G_FILE_TEST_IS_DIR)) {
    print_message("SKIP: corpus or gold folder %s absent\n", corpus ? corpus : "(unset)");
    skip();
  }
  GDir *dir = g_dir_open(gold_dir, 0, NULL);
  assert_non_null(dir);
  rsk_eval_heading_counts total = {0};
  const char *name;
  int files = 0;
  while ((name = g_dir_read_name(dir))) {
    if (!g_str_has_suffix(name, ".jsonl"))
      continue;
    g_autofree char *stem = g_strndup(name, strlen(name) - strlen(".jsonl"));
    g_autofree char *pdf_name = g_strconcat(stem, ".pdf", NULL);
    g_autofree char *pdf = g_build_filename(corpus, pdf_name, NULL);
    g_autofree char *gold = g_build_filename(gold_dir, name, NULL);
    if (!g_file_test(pdf, G_FILE_TEST_EXISTS))
      continue;
    rsk_filing *filing = segment_file(pdf);
    rsk_eval_heading_counts c;
    score_headings(filing, gold, &c);
    print_message("%s: gold %d, found %d, matched %d, F1 %.3f, pages %.3f\n", pdf_name,
                  c.n_gold, c.n_pred, c.n_matched, rsk_eval_f1(&c), rsk_eval_page_accuracy(&c));
    assert_true(rsk_eval_f1(&c) >= 0.95);
    assert_true(rsk_eval_page_accuracy(&c) >= 0.98);
    rsk_eval_heading_counts_add(&total, &c);
    rsk_filing_free(filing);
    files++;
  }
  g_dir_close(dir);
  if (files == 0) {
    print_message("SKIP: no corpus PDF for the gold files\n");
    skip();
  }
  assert_true(rsk_eval_f1(&total) >= 0.97);
}

/* Generates a fixture with BUILD into a temporary folder, segments it and
 * scores it against its own gold. */
static void fixture_case(rsk_fx_truth *(*build)(const char *, const rsk_fx_options *, GError **),
                         gboolean proof, double min_f1)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp("rsk-segment-XXXXXX", &error);
  assert_non_null(dir);
  g_autofree char *pdf = g_build_filename(dir, "fixture.pdf", NULL);
  g_autofree char *gold = g_build_filename(dir, "fixture.jsonl", NULL);
  rsk_fx_options options;
  rsk_fx_options_init(&options);
  options.application_proof = proof;
  rsk_fx_truth *truth = build(pdf, &options, &error);
  assert_non_null(truth);
  assert_true(rsk_fx_truth_write_gold(truth, gold, &error));

  rsk_filing *filing = segment_file(pdf);
  assert_int_equal(filing->risk_first_page, truth->risk_first_page);
  assert_int_equal(filing->risk_last_page, truth->risk_last_page);
  rsk_eval_heading_counts c;
  score_headings(filing, gold, &c);
  print_message("%s: gold %d, found %d, matched %d, F1 %.3f, pages %.3f\n",
                truth->doc, c.n_gold, c.n_pred, c.n_matched, rsk_eval_f1(&c),
                rsk_eval_page_accuracy(&c));
  assert_true(rsk_eval_f1(&c) >= min_f1);
  assert_true(rsk_eval_page_accuracy(&c) >= 0.999);
  /* Sub-sections as the generator printed them. */
  const rsk_risk_factor *first = &g_array_index(filing->risks, rsk_risk_factor, 0);
  const rsk_fx_truth_risk *t = &g_array_index(truth->risks, rsk_fx_truth_risk, 0);
  assert_string_equal(first->section, t->section);

  rsk_filing_free(filing);
  rsk_fx_truth_free(truth);
  g_unlink(pdf);
  g_unlink(gold);
  g_rmdir(dir);
}

static void hong_kong_application_proof_is_segmented(void **state)
{
  (void)state;
  fixture_case(rsk_fixture_hk_prospectus, TRUE, 1.0);
}

static void hong_kong_final_prospectus_is_segmented(void **state)
{
  (void)state;
  fixture_case(rsk_fixture_hk_prospectus, FALSE, 1.0);
}

static void generated_10k_is_segmented(void **state)
{
  (void)state;
  fixture_case(rsk_fixture_us_10k, FALSE, 1.0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(hong_kong_application_proof_is_segmented),
    cmocka_unit_test(hong_kong_final_prospectus_is_segmented),
    cmocka_unit_test(generated_10k_is_segmented),
    cmocka_unit_test(gold_filings_meet_the_segmentation_targets),
  };
  return cmocka_run_group_tests(tests, NULL, release_font_caches);
}
