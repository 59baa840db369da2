/* test_layouts.c - the segmenter on layouts it was not developed against
 *
 * Each case generates a filing with the fixture generator (exact truth:
 * pages of the section and of every heading, sub-section titles) and
 * holds the segmenter to heading F1 1.0 and page accuracy 1.0 on it:
 * Form 20-F (Item 3.D), an S-1 prospectus (RISK FACTORS without Items,
 * ended by the forward-looking note or by USE OF PROCEEDS), a 10-Q (Part
 * II, Item 1A), headings set apart only by colour, weight or size, plain
 * bold Hong Kong headings, numbered headings, and the Chinese version of a
 * Hong Kong application proof in both scripts.
 *
 * Set RISKSCOPE_KEEP_FIXTURES to a folder to keep the generated PDFs and
 * their gold files there.
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
#include "text.h"

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <glib/gstdio.h>
#include <string.h>

/* Prints what differs between FILING's risk factors and TRUTH's. */
static void show_differences(const rsk_filing *filing, const rsk_fx_truth *truth)
{
  guint n = MAX(filing->risks->len, truth->risks->len);
  for (guint i = 0; i < n; i++) {
    const rsk_risk_factor *r =
        i < filing->risks->len ? &g_array_index(filing->risks, rsk_risk_factor, i) : NULL;
    const rsk_fx_truth_risk *t =
        i < truth->risks->len ? &g_array_index(truth->risks, rsk_fx_truth_risk, i) : NULL;
    g_autofree char *heading = t ? rsk_text_normalize(t->heading, -1) : NULL;
    if (r && t && r->page_start == t->page && strcmp(r->heading, heading) == 0 &&
        strcmp(r->section, t->section) == 0)
      continue;
    print_message("  #%u found p%d [%s] %s\n", i + 1, r ? r->page_start : 0,
                  r ? r->section : "", r ? r->heading : "-");
    print_message("  #%u truth p%d [%s] %s\n", i + 1, t ? t->page : 0,
                  t ? t->section : "", t ? t->heading : "-");
  }
}

/* Generates DOC with OPTIONS, segments it and holds it to its truth:
 * section pages, every heading (F1 1.0, pages 1.0), headings verbatim and
 * sub-section titles. */
static void layout_case(const rsk_fx_doc *doc, const rsk_fx_options *options)
{
  g_autoptr(GError) error = NULL;
  const char *keep = g_getenv("RISKSCOPE_KEEP_FIXTURES");
  g_autofree char *dir = keep ? g_strdup(keep) : g_dir_make_tmp("rsk-layouts-XXXXXX", &error);
  assert_non_null(dir);
  g_autofree char *stem = g_strndup(doc->doc_name, strcspn(doc->doc_name, "."));
  g_autofree char *pdf_name = g_strdup_printf("%s-%d-%d.pdf", stem, options->heading_look,
                                              options->numbering);
  g_autofree char *pdf = g_build_filename(dir, pdf_name, NULL);
  g_autofree char *gold = g_strconcat(pdf, ".jsonl", NULL);
  rsk_fx_truth *truth = rsk_fx_generate(doc, options, pdf, &error);
  assert_non_null(truth);
  assert_true(rsk_fx_truth_write_gold(truth, gold, &error));

  rsk_filing *filing = segment_file(pdf);
  rsk_eval_heading_counts c;
  score_headings(filing, gold, &c);
  print_message("%s: section p%d-%d (truth p%d-%d), gold %d, found %d, matched %d, "
                "F1 %.3f, pages %.3f\n",
                pdf_name, filing->risk_first_page, filing->risk_last_page,
                truth->risk_first_page, truth->risk_last_page, c.n_gold, c.n_pred,
                c.n_matched, rsk_eval_f1(&c), rsk_eval_page_accuracy(&c));
  show_differences(filing, truth);
  for (guint i = 0; i < filing->flags->len; i++)
    print_message("  flag: %s\n", (const char *)g_ptr_array_index(filing->flags, i));
  assert_int_equal(filing->risk_first_page, truth->risk_first_page);
  assert_int_equal(filing->risk_last_page, truth->risk_last_page);
  assert_true(rsk_eval_f1(&c) >= 0.999);
  assert_true(rsk_eval_page_accuracy(&c) >= 0.999);
  assert_int_equal(filing->risks->len, truth->risks->len);
  for (guint i = 0; i < truth->risks->len; i++) {
    const rsk_risk_factor *r = &g_array_index(filing->risks, rsk_risk_factor, i);
    const rsk_fx_truth_risk *t = &g_array_index(truth->risks, rsk_fx_truth_risk, i);
    g_autofree char *heading = rsk_text_normalize(t->heading, -1);
    assert_string_equal(r->heading, heading);
    assert_string_equal(r->section, t->section);
    assert_true(r->body && *r->body);
  }

  rsk_filing_free(filing);
  rsk_fx_truth_free(truth);
  if (!keep) {
    g_unlink(pdf);
    g_unlink(gold);
    g_rmdir(dir);
  }
}

static rsk_fx_options defaults(void)
{
  rsk_fx_options o;
  rsk_fx_options_init(&o);
  return o;
}

/* ------------------------------------------------------------- 20-F */

static void form_20f_risk_factors_under_item_3d_are_segmented(void **state)
{
  (void)state;
  rsk_fx_options o = defaults();
  layout_case(&rsk_lumina_20f_doc, &o);
}

static void form_20f_with_item_3d_on_one_line_is_segmented(void **state)
{
  (void)state;
  rsk_fx_options o = defaults();
  o.item3d_combined = TRUE;
  o.contents_trap = FALSE;
  layout_case(&rsk_lumina_20f_doc, &o);
}

/* -------------------------------------------------------------- S-1 */

static void prospectus_risk_factors_end_at_the_forward_looking_note(void **state)
{
  (void)state;
  rsk_fx_options o = defaults();
  rsk_fx_doc doc = rsk_meridian_s1_doc(FALSE);
  layout_case(&doc, &o);
}

static void prospectus_risk_factors_end_at_use_of_proceeds(void **state)
{
  (void)state;
  rsk_fx_options o = defaults();
  o.justify = FALSE;
  rsk_fx_doc doc = rsk_meridian_s1_doc(TRUE);
  layout_case(&doc, &o);
}

static void prospectus_with_numbered_headings_is_segmented(void **state)
{
  (void)state;
  rsk_fx_options o = defaults();
  o.numbering = RSK_FX_NUMBER_DIGITS;
  rsk_fx_doc doc = rsk_meridian_s1_doc(FALSE);
  layout_case(&doc, &o);
}

static void prospectus_with_lettered_headings_is_segmented(void **state)
{
  (void)state;
  rsk_fx_options o = defaults();
  o.numbering = RSK_FX_NUMBER_LETTERS;
  o.heading_look = RSK_FX_LOOK_BOLD;
  rsk_fx_doc doc = rsk_meridian_s1_doc(TRUE);
  layout_case(&doc, &o);
}

/* ------------------------------------------------------------- 10-Q */

static void quarterly_report_part_ii_item_1a_is_segmented(void **state)
{
  (void)state;
  rsk_fx_options o = defaults();
  rsk_fx_doc doc = rsk_meridian_10q_doc();
  layout_case(&doc, &o);
}

/* ------------------------------------------------------ heading looks */

static void headings_only_in_colour_run_in_are_found(void **state)
{
  (void)state;
  rsk_fx_options o = defaults();
  o.heading_look = RSK_FX_LOOK_COLOR_RUN_IN;
  layout_case(&rsk_meridian_doc, &o);
}

static void headings_only_in_a_heavier_weight_are_found(void **state)
{
  (void)state;
  rsk_fx_options o = defaults();
  o.heading_look = RSK_FX_LOOK_WEIGHT;
  layout_case(&rsk_meridian_doc, &o);
}

static void headings_only_larger_than_the_body_are_found(void **state)
{
  (void)state;
  rsk_fx_options o = defaults();
  o.heading_look = RSK_FX_LOOK_SIZE;
  rsk_fx_doc doc = rsk_meridian_s1_doc(FALSE);
  layout_case(&doc, &o);
}

static void hong_kong_headings_in_plain_bold_are_found(void **state)
{
  (void)state;
  rsk_fx_options o = defaults();
  o.heading_look = RSK_FX_LOOK_BOLD;
  layout_case(&rsk_sinoverse_doc, &o);
}

static void hong_kong_numbered_headings_are_found(void **state)
{
  (void)state;
  rsk_fx_options o = defaults();
  o.numbering = RSK_FX_NUMBER_DIGITS;
  o.application_proof = FALSE;
  layout_case(&rsk_sinoverse_doc, &o);
}

/* ------------------------------------------- 10-K heading conventions */

static void short_title_case_headings_among_sentences_are_found(void **state)
{
  (void)state;
  rsk_fx_options o = defaults();
  rsk_fx_doc doc = rsk_harbor_doc(RSK_HARBOR_TITLES);
  layout_case(&doc, &o);
}

static void capital_topic_headings_without_sub_sections_are_found(void **state)
{
  (void)state;
  rsk_fx_options o = defaults();
  o.summary_trap = FALSE;
  rsk_fx_doc doc = rsk_harbor_doc(RSK_HARBOR_TOPICS);
  layout_case(&doc, &o);
}

static void bulleted_italic_headings_are_found(void **state)
{
  (void)state;
  rsk_fx_options o = defaults();
  o.heading_look = RSK_FX_LOOK_ITALIC;
  o.numbering = RSK_FX_NUMBER_STAR;
  layout_case(&rsk_meridian_doc, &o);
}

/* "Item 1A. - Risk Factors", a "Summary" whose sub-section titles are in
 * the heading style over bullets, sub-section titles like headings, and
 * headings printed at two sizes half a point apart. */
static void dashed_items_and_a_grouped_summary_are_read(void **state)
{
  (void)state;
  rsk_fx_options o = defaults();
  o.item_dash = TRUE;
  o.grouped_summary = TRUE;
  o.groups_like_headings = TRUE;
  o.size_jitter = TRUE;
  rsk_fx_doc doc = rsk_harbor_doc(RSK_HARBOR_TITLES);
  layout_case(&doc, &o);
}

/* A "RISK FACTORS" in an exhibit, longer than Item 1A, is not the section. */
static void item_1a_wins_over_an_exhibits_risk_factors(void **state)
{
  (void)state;
  rsk_fx_options o = defaults();
  o.exhibit_trap = TRUE;
  layout_case(&rsk_meridian_doc, &o);
}

/* With nothing to end Item 1A, the section stops at the financial
 * statements rather than taking their notes for risk factors, and says it
 * probably ran past its end. */
static void a_section_that_runs_into_the_financial_statements_is_flagged(void **state)
{
  (void)state;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp("rsk-layouts-XXXXXX", &error);
  g_autofree char *pdf = g_build_filename(dir, "overrun.pdf", NULL);
  rsk_fx_options o = defaults();
  o.unmarked_back = TRUE;
  rsk_fx_truth *truth = rsk_fx_generate(&rsk_meridian_doc, &o, pdf, &error);
  assert_non_null(truth);
  rsk_filing *filing = segment_file(pdf);
  const rsk_fx_truth_section *notes =
      rsk_fx_truth_section_find(truth, "Notes to Consolidated Financial Statements");
  assert_non_null(notes);
  assert_int_equal(filing->risk_first_page, truth->risk_first_page);
  assert_true(filing->risk_last_page < notes->page);
  assert_int_equal(filing->risks->len, truth->risks->len);
  gboolean flagged = FALSE;
  for (guint i = 0; i < filing->flags->len; i++)
    flagged |= g_str_has_prefix(g_ptr_array_index(filing->flags, i), "section_overrun");
  assert_true(flagged);
  for (guint i = 0; i < filing->risks->len; i++)
    assert_null(strstr(g_array_index(filing->risks, rsk_risk_factor, i).heading, "hedges"));
  rsk_filing_free(filing);
  rsk_fx_truth_free(truth);
  g_unlink(pdf);
  g_rmdir(dir);
}

/* ----------------------------------------------------------- Chinese */

static gboolean have_cjk_font(void)
{
  if (rsk_fx_cjk_font_available())
    return TRUE;
  print_message("SKIP: no CJK font (install fonts-wqy-microhei)\n");
  return FALSE;
}

static void chinese_application_proof_in_simplified_script_is_segmented(void **state)
{
  (void)state;
  if (!have_cjk_font())
    skip();
  rsk_fx_options o = defaults();
  layout_case(&rsk_xingwei_hans_doc, &o);
}

static void chinese_application_proof_in_traditional_script_is_segmented(void **state)
{
  (void)state;
  if (!have_cjk_font())
    skip();
  rsk_fx_options o = defaults();
  layout_case(&rsk_xingwei_hant_doc, &o);
}

/* A Chinese heading broken well short of the margin, with no full stop at
 * the break, is one heading (not two, the first with an empty body). */
static void chinese_headings_wrapped_short_are_one_heading(void **state)
{
  (void)state;
  if (!have_cjk_font())
    skip();
  rsk_fx_options o = defaults();
  o.short_wraps = TRUE;
  layout_case(&rsk_xingwei_hant_doc, &o);
  layout_case(&rsk_xingwei_hans_doc, &o);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(form_20f_risk_factors_under_item_3d_are_segmented),
    cmocka_unit_test(form_20f_with_item_3d_on_one_line_is_segmented),
    cmocka_unit_test(prospectus_risk_factors_end_at_the_forward_looking_note),
    cmocka_unit_test(prospectus_risk_factors_end_at_use_of_proceeds),
    cmocka_unit_test(prospectus_with_numbered_headings_is_segmented),
    cmocka_unit_test(prospectus_with_lettered_headings_is_segmented),
    cmocka_unit_test(quarterly_report_part_ii_item_1a_is_segmented),
    cmocka_unit_test(headings_only_in_colour_run_in_are_found),
    cmocka_unit_test(headings_only_in_a_heavier_weight_are_found),
    cmocka_unit_test(headings_only_larger_than_the_body_are_found),
    cmocka_unit_test(hong_kong_headings_in_plain_bold_are_found),
    cmocka_unit_test(hong_kong_numbered_headings_are_found),
    cmocka_unit_test(short_title_case_headings_among_sentences_are_found),
    cmocka_unit_test(capital_topic_headings_without_sub_sections_are_found),
    cmocka_unit_test(bulleted_italic_headings_are_found),
    cmocka_unit_test(dashed_items_and_a_grouped_summary_are_read),
    cmocka_unit_test(item_1a_wins_over_an_exhibits_risk_factors),
    cmocka_unit_test(a_section_that_runs_into_the_financial_statements_is_flagged),
    cmocka_unit_test(chinese_application_proof_in_simplified_script_is_segmented),
    cmocka_unit_test(chinese_application_proof_in_traditional_script_is_segmented),
    cmocka_unit_test(chinese_headings_wrapped_short_are_one_heading),
  };
  return cmocka_run_group_tests(tests, NULL, release_font_caches);
}
