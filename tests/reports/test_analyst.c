/* test_analyst.c - what an analyst asks next, over plain values: the
 * redline, regulations gained and lost, the AI total, primary cells,
 * ranking, the trend and the heat map's labels
 *
 * SPDX-License-Identifier: MIT
 */
#include "diff.h"
#include "heatmap.h"
#include "matrix.h"
#include "matrix_format.h"
#include "redline.h"
#include "trend_format.h"
#include "trend_svg.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

/* --- Redline --------------------------------------------------------- */

/* The text hunks of A -> B, CONTEXT words around each change, unwrapped. */
static char *hunks(const char *a, const char *b, guint context)
{
  rsk_redline *r = rsk_redline_compute(a, b);
  GString *out = g_string_new(NULL);
  rsk_redline_write_text(out, r, context, 0, 0, 0);
  rsk_redline_free(r);
  return g_string_free(out, FALSE);
}

static void redline_of_identical_texts_is_empty(void **state)
{
  (void)state;
  rsk_redline *r = rsk_redline_compute("One risk.\nAnother one.",
                                       "One  risk. Another\none.");
  assert_int_equal(rsk_redline_n_changes(r), 0);
  GString *out = g_string_new(NULL);
  assert_int_equal(rsk_redline_write_text(out, r, 6, 0, 0, 0), 0);
  assert_string_equal(out->str, "");
  g_string_free(out, TRUE);
  rsk_redline_free(r);
}

static void redline_marks_a_changed_word_in_its_context(void **state)
{
  (void)state;
  g_autofree char *text = hunks(
      "We sell chips to customers in many countries around the world today.",
      "We sell chips to customers in few countries around the world today.",
      3);
  assert_string_equal(text, "… to customers in [-many-] {+few+} countries"
                            " around the …\n");
}

static void redline_shows_a_rewritten_sentence_whole(void **state)
{
  (void)state;
  const char *a = "Our margins may fall. We depend on a few foundries in Asia"
                  " for our wafers. Our stock may be volatile.";
  const char *b = "Our margins may fall. New export rules on our chips could"
                  " cut our sales in China sharply. Our stock may be volatile.";
  rsk_redline *r = rsk_redline_compute(a, b);
  /* One deletion and one insertion, not the words the sentences share. */
  assert_int_equal(rsk_redline_n_changes(r), 1);
  assert_int_equal(rsk_redline_words_deleted(r), 11);
  assert_int_equal(rsk_redline_words_inserted(r), 13);
  rsk_redline_free(r);
}

static void redline_folds_a_short_stretch_between_changes(void **state)
{
  (void)state;
  g_autofree char *text = hunks("The rules may not be able to apply here.",
                                "The rules will not fully apply here.", 2);
  assert_string_equal(text, "The rules [-may not be able to-] {+will not"
                            " fully+} apply here.\n");
}

static void redline_html_escapes_and_keeps_paragraphs(void **state)
{
  (void)state;
  rsk_redline *r = rsk_redline_compute("Fines <up to> 4%.\nSecond part.",
                                       "Fines <up to> 6%.\nSecond part.");
  GString *out = g_string_new(NULL);
  rsk_redline_write_html(out, r);
  assert_string_equal(out->str, "<p>Fines &lt;up to&gt; <del>4%.</del>"
                                " <ins>6%.</ins></p>\n<p>Second part.</p>\n");
  g_string_truncate(out, 0);
  rsk_redline_write_html_hunks(out, r, 1, 0);
  assert_string_equal(out->str, "<p class=\"hunk\">… to&gt; <del>4%.</del>"
                                " <ins>6%.</ins> Second …</p>\n");
  g_string_free(out, TRUE);
  rsk_redline_free(r);
}

static void redline_leaves_out_hunks_past_the_limit(void **state)
{
  (void)state;
  GString *a = g_string_new(NULL), *b = g_string_new(NULL);
  for (int i = 0; i < 10; i++) {
    g_string_append_printf(a, "Clause %d says one thing to the reader. ", i);
    g_string_append_printf(b, "Clause %d says another thing to the reader. ", i);
  }
  rsk_redline *r = rsk_redline_compute(a->str, b->str);
  GString *out = g_string_new(NULL);
  assert_int_equal(rsk_redline_n_changes(r), 10);
  assert_int_equal(rsk_redline_write_text(out, r, 2, 4, 2, 0), 6);
  char **lines = g_strsplit(out->str, "\n", -1);
  assert_int_equal(g_strv_length(lines) - 1, 4);
  g_strfreev(lines);
  g_string_free(out, TRUE);
  g_string_free(a, TRUE);
  g_string_free(b, TRUE);
  rsk_redline_free(r);
}

static void redline_hunks_shorten_a_long_run(void **state)
{
  (void)state;
  GString *b = g_string_new("Start here.");
  for (int i = 1; i <= 100; i++)
    g_string_append_printf(b, " w%d", i);
  g_string_append(b, ". End here.");
  g_autofree char *text = hunks("Start here. End here.", b->str, 2);
  /* The first 30 words, the count of the 58 between, the last 12. */
  assert_non_null(strstr(text, "{+w1 w2 w3 "));
  assert_non_null(strstr(text, " w30 \xe2\x80\xa6 58 more words \xe2\x80\xa6"
                               " w89 "));
  assert_non_null(strstr(text, " w100.+}"));
  assert_null(strstr(text, " w31 "));
  g_string_free(b, TRUE);
}

/* --- Regulations gained and lost ------------------------------------- */

static void diff_lists_regulations_gained_and_lost(void **state)
{
  (void)state;
  static const char body_a[] =
      "Governments restrict exports of our chips. The Executive Order on AI"
      " may add obligations for developers of large models and for us.";
  static const char body_b[] =
      "Governments restrict exports of our chips. The EU AI Act and the AI"
      " Diffusion rule may add obligations for developers of large models.";
  const char *const regs_a[] = {"US-AI-EO", "US-EAR-AC"};
  const char *const regs_b[] = {"EU-AIACT", "US-EAR-AC", "US-EAR-AIDIFF"};
  const rsk_diff_item a[] = {{.heading = "Rules restrict us", .body = body_a,
                              .ordinal = 16, .regulations = regs_a,
                              .n_regulations = 2}};
  const rsk_diff_item b[] = {{.heading = "Rules restrict us", .body = body_b,
                              .ordinal = 16, .regulations = regs_b,
                              .n_regulations = 3}};
  rsk_diff *d = rsk_diff_compute(a, 1, b, 1, RSK_DIFF_DEFAULT_THRESHOLD);
  const rsk_diff_entry *e = &g_array_index(d->entries, rsk_diff_entry, 0);

  assert_int_equal(e->a, 0);
  assert_int_equal(e->b, 0);
  assert_int_equal(e->regulations_gained->len, 2);
  assert_string_equal(g_ptr_array_index(e->regulations_gained, 0), "EU-AIACT");
  assert_string_equal(g_ptr_array_index(e->regulations_gained, 1),
                      "US-EAR-AIDIFF");
  assert_int_equal(e->regulations_lost->len, 1);
  assert_string_equal(g_ptr_array_index(e->regulations_lost, 0), "US-AI-EO");
  rsk_diff_free(d);
}

/* --- The AI total, primary cells, ranking ---------------------------- */

/* Three companies: Acme (AI and data), Bolt (data only, primary), Core
 * (one secondary AI mention in a long risk factor). */
static rsk_matrix *ranked_matrix(void)
{
  rsk_matrix *m = rsk_matrix_new();
  const char *const ai_data[] = {"ai.x", "data.y"};
  const char *const data[] = {"data.y"};
  const char *const ai[] = {"ai.x"};
  const double s[] = {1, 1};

  rsk_matrix_add_column(m, "ai.x", "Ex");
  rsk_matrix_add_column(m, "data.y", "Why");
  guint acme = rsk_matrix_add_row(m, "Acme", NULL, "acme.pdf", 0);
  guint bolt = rsk_matrix_add_row(m, "Bolt", NULL, "bolt.pdf", 0);
  guint core = rsk_matrix_add_row(m, "Core", NULL, "core.pdf", 0);
  rsk_matrix_add_risk_full(m, acme, 100, ai_data, s, "PS", 2);
  rsk_matrix_add_risk_full(m, acme, 100, NULL, NULL, NULL, 0);
  rsk_matrix_add_risk_full(m, bolt, 300, data, s, "P", 1);
  rsk_matrix_add_risk_full(m, bolt, 100, NULL, NULL, NULL, 0);
  rsk_matrix_add_risk_full(m, core, 900, ai, s, "S", 1);
  rsk_matrix_add_risk_full(m, core, 100, NULL, NULL, NULL, 0);
  return m;
}

static const rsk_matrix_row *row(const rsk_matrix *m, guint i)
{
  return &g_array_index(m->rows, rsk_matrix_row, i);
}

static void matrix_ai_total_counts_the_ai_categories_only(void **state)
{
  (void)state;
  rsk_matrix *m = ranked_matrix();
  assert_true(rsk_matrix_has_ai(m));
  assert_int_equal(row(m, 0)->ai_total.count, 1);
  assert_int_equal(row(m, 0)->total.count, 1);
  assert_int_equal(row(m, 1)->ai_total.count, 0);
  assert_int_equal(row(m, 1)->total.count, 1);
  assert_int_equal(m->ai_total.count, 2);
  /* Core's only tag is secondary: counted, but not as primary. */
  const rsk_matrix_cell *c = rsk_matrix_cell_at(m, 2, 0);
  assert_int_equal(c->count, 1);
  assert_int_equal(c->primary, 0);
  assert_int_equal(rsk_matrix_cell_at(m, 0, 0)->primary, 1);
  assert_int_equal(rsk_matrix_cell_at(m, 0, 1)->primary, 0);
  rsk_matrix_free(m);
}

static void matrix_rows_rank_by_a_column_and_keep_the_top(void **state)
{
  (void)state;
  rsk_matrix *m = ranked_matrix();
  int key = 0;

  assert_true(rsk_matrix_parse_key(m, "y", &key));
  assert_int_equal(key, 1);
  assert_true(rsk_matrix_parse_key(m, "data.y", &key));
  assert_true(rsk_matrix_parse_key(m, "AI", &key));
  assert_int_equal(key, RSK_MATRIX_BY_AI);
  assert_false(rsk_matrix_parse_key(m, "z", &key));

  /* By data.y's share: Bolt 75%, Acme 50%, Core 0; the top 2 kept. */
  rsk_matrix_rank_rows(m, 1, RSK_MEASURE_SHARE, 2);
  assert_int_equal(m->rows->len, 2);
  assert_string_equal(row(m, 0)->label, "Bolt");
  assert_string_equal(row(m, 1)->label, "Acme");
  /* The cells moved with their rows; the totals add up the rows kept. */
  assert_int_equal(rsk_matrix_cell_at(m, 0, 1)->words, 300);
  assert_int_equal(rsk_matrix_cell_at(m, 1, 0)->count, 1);
  assert_int_equal(g_array_index(m->columns, rsk_matrix_column, 1).total.count, 2);
  assert_int_equal(g_array_index(m->columns, rsk_matrix_column, 0).total.count, 1);
  assert_int_equal(m->total.count, 2);
  assert_int_equal(m->ai_total.count, 1);
  assert_int_equal(m->words, 600);
  rsk_matrix_free(m);
}

static void matrix_text_shows_the_ai_total_and_flags(void **state)
{
  (void)state;
  rsk_matrix *m = ranked_matrix();
  const char *const flags[] = {"few_risk_factors: 2"};
  rsk_matrix_set_flags(m, 1, flags, 1);
  GString *out = g_string_new(NULL);
  rsk_matrix_write(out, m, RSK_MEASURE_COUNT, RSK_FORMAT_TEXT, 80);
  assert_true(g_str_has_prefix(out->str, "Company   x   y    AI Total\n"
                                         "Acme      1   1     1     1\n"
                                         "! Bolt    -   1     -     1\n"));
  assert_non_null(strstr(out->str, "AI: the same over the AI categories (ai.*)"));
  assert_non_null(strstr(out->str, "! sanity flags raised (the numbers may"
                                   " mislead):\n  bolt.pdf: few_risk_factors: 2\n"));
  g_string_truncate(out, 0);
  rsk_matrix_write(out, m, RSK_MEASURE_COUNT, RSK_FORMAT_CSV, 80);
  assert_string_equal(out->str,
      "company,filing,ai.x,data.y,ai_total,total,flags\r\n"
      "Acme,acme.pdf,1,1,1,1,\r\n"
      "Bolt,bolt.pdf,0,1,0,1,few_risk_factors: 2\r\n"
      "Core,core.pdf,1,0,1,1,\r\n"
      "total,,2,2,2,3,\r\n");
  g_string_free(out, TRUE);
  rsk_matrix_free(m);
}

/* --- Trend ----------------------------------------------------------- */

/* One company's two filings, oldest first. */
static rsk_matrix *trend_matrix(void)
{
  rsk_matrix *m = rsk_matrix_new();
  const char *const ai[] = {"ai.x"};
  const char *const both[] = {"ai.x", "data.y"};
  const double s[] = {1, 1};
  rsk_matrix_add_column(m, "ai.x", "Ex");
  rsk_matrix_add_column(m, "data.y", "Why");
  guint old = rsk_matrix_add_row(m, "2024-01-28", "Acme", "acme_2024.pdf", 1);
  guint now = rsk_matrix_add_row(m, "2025-01-26", "Acme", "acme_2025.pdf", 2);
  rsk_matrix_add_risk(m, old, 100, ai, s, 1);
  rsk_matrix_add_risk(m, old, 300, NULL, NULL, 0);
  rsk_matrix_add_risk(m, now, 100, ai, s, 1);
  rsk_matrix_add_risk(m, now, 100, both, s, 2);
  return m;
}

static void trend_text_has_a_column_per_filing_oldest_first(void **state)
{
  (void)state;
  rsk_matrix *m = trend_matrix();
  GString *out = g_string_new(NULL);
  rsk_trend_write(out, m, "Acme", "10-K", RSK_FORMAT_TEXT, 80);
  assert_string_equal(out->str,
      "Acme: 2 10-K filings, oldest first\n"
      "\n"
      "                          2024-01-28  2025-01-26\n"
      "risk factors                       2           2\n"
      "ai.x                         1 (25%)    2 (100%)\n"
      "data.y                             -     1 (50%)\n"
      "------------------------------------------------\n"
      "AI (ai.*)                    1 (25%)    2 (100%)\n"
      "------------------------------------------------\n"
      "any tag                      1 (25%)    2 (100%)\n"
      "\n"
      "count of risk factors tagged (share of the risk section's words)\n"
      "  2024-01-28  acme_2024.pdf\n"
      "  2025-01-26  acme_2025.pdf\n");
  g_string_truncate(out, 0);
  rsk_trend_write(out, m, "Acme", "10-K", RSK_FORMAT_CSV, 80);
  char **lines = g_strsplit(out->str, "\r\n", -1);
  assert_int_equal(g_strv_length(lines), 1 + 2 * 4 + 1);
  assert_string_equal(lines[3], "Acme,acme_2024.pdf,1,2024-01-28,10-K,2,400,"
                                "ai_total,AI categories (ai.*),1,0.2500,1.0000,");
  g_strfreev(lines);
  g_string_free(out, TRUE);
  rsk_matrix_free(m);
}

static void trend_svg_draws_a_line_per_measure(void **state)
{
  (void)state;
  rsk_matrix *m = trend_matrix();
  GString *out = g_string_new(NULL);
  rsk_trend_write_svg(out, m);
  /* Any tag, AI, and the two categories; a point per filing each. */
  gsize lines = 0, points = 0;
  for (const char *p = out->str; (p = strstr(p, "<polyline")); p++)
    lines++;
  for (const char *p = out->str; (p = strstr(p, "<circle")); p++)
    points++;
  assert_int_equal(lines, 4);
  assert_int_equal(points, 8);
  assert_non_null(strstr(out->str, "2025-01-26, Any tag: 2 of 2 risk factors,"
                                   " 100% of the risk section"));
  g_string_free(out, TRUE);
  rsk_matrix_free(m);
}

/* --- Heat map labels ------------------------------------------------- */

static void heatmap_column_labels_wrap_and_are_never_cut(void **state)
{
  (void)state;
  rsk_matrix *m = rsk_matrix_new();
  const char *label = "Data security, localisation and cross-border transfer";
  rsk_matrix_add_column(m, "data.security_transfer", label);
  rsk_matrix_add_row(m, "Acme", NULL, NULL, 0);
  GString *svg = g_string_new(NULL);
  rsk_heatmap_write_svg(svg, m, FALSE);
  /* Three lines that say the whole label. */
  assert_non_null(strstr(svg->str, "<tspan x=\"0\" y=\"-26\">Data security,"
                                   "</tspan><tspan x=\"0\" y=\"-13\">localisation"
                                   " and</tspan><tspan x=\"0\" y=\"0\">"
                                   "cross-border transfer</tspan>"));
  assert_null(strstr(svg->str, "…</text>"));
  g_string_free(svg, TRUE);
  rsk_matrix_free(m);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(redline_of_identical_texts_is_empty),
    cmocka_unit_test(redline_marks_a_changed_word_in_its_context),
    cmocka_unit_test(redline_shows_a_rewritten_sentence_whole),
    cmocka_unit_test(redline_folds_a_short_stretch_between_changes),
    cmocka_unit_test(redline_html_escapes_and_keeps_paragraphs),
    cmocka_unit_test(redline_leaves_out_hunks_past_the_limit),
    cmocka_unit_test(redline_hunks_shorten_a_long_run),
    cmocka_unit_test(diff_lists_regulations_gained_and_lost),
    cmocka_unit_test(matrix_ai_total_counts_the_ai_categories_only),
    cmocka_unit_test(matrix_rows_rank_by_a_column_and_keep_the_top),
    cmocka_unit_test(matrix_text_shows_the_ai_total_and_flags),
    cmocka_unit_test(trend_text_has_a_column_per_filing_oldest_first),
    cmocka_unit_test(trend_svg_draws_a_line_per_measure),
    cmocka_unit_test(heatmap_column_labels_wrap_and_are_never_cut),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
