/* test_reports.c - the comparison matrix, the diff matcher, the heat map
 * and the HTML report, over plain values (no database, no PDF)
 *
 * SPDX-License-Identifier: MIT
 */
#include "diff.h"
#include "diff_format.h"
#include "escape.h"
#include "heatmap.h"
#include "html.h"
#include "load.h"
#include "matrix.h"
#include "matrix_format.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>
#include <glib/gstdio.h>

/* --- Helpers --------------------------------------------------------- */

static guint count_substr(const char *haystack, const char *needle)
{
  guint n = 0;
  for (const char *p = strstr(haystack, needle); p;
       p = strstr(p + strlen(needle), needle))
    n++;
  return n;
}

static const char *const labeling_ids[] = {
  "ai.regulation_general", "ai.content_control", "ai.filing_assessment",
  "ai.training_data_ip", "ai.labeling_transparency", "ai.minors_dependence",
  "ai.output_risk", "data.privacy", "data.security_transfer",
  "trade.export_controls", "trade.sanctions_lists",
  "trade.investment_restrictions", "listing.china_oversight",
};

/* Two companies: Acme with 3 risk factors (100, 300, 600 words), Beta with
 * 2 (50, 150). */
static rsk_matrix *small_matrix(void)
{
  rsk_matrix *m = rsk_matrix_new();
  const char *const ab[] = {"a.x", "b.y"};
  const char *const a[] = {"a.x"};
  const char *const b[] = {"b.y", "b.y"};
  const double s2[] = {0.5, 0.25}, s1[] = {1.0};

  rsk_matrix_add_column(m, "a.x", "Ex");
  rsk_matrix_add_column(m, "b.y", "Why");
  guint acme = rsk_matrix_add_row(m, "Acme", "Acme", "acme.pdf", 0);
  guint beta = rsk_matrix_add_row(m, "Beta", "Beta", "beta.pdf", 0);
  rsk_matrix_add_risk(m, acme, 100, ab, s2, 2);
  rsk_matrix_add_risk(m, acme, 300, a, s1, 1);
  rsk_matrix_add_risk(m, acme, 600, NULL, NULL, 0);
  rsk_matrix_add_risk(m, beta, 50, b, s2, 2);
  rsk_matrix_add_risk(m, beta, 150, NULL, NULL, 0);
  return m;
}

static char *render_matrix(const rsk_matrix *m, rsk_measure measure,
                           rsk_format format)
{
  GString *out = g_string_new(NULL);
  rsk_matrix_write(out, m, measure, format, 80);
  return g_string_free(out, FALSE);
}

/* --- Matrix ---------------------------------------------------------- */

static void matrix_counts_each_risk_once_per_category(void **state)
{
  (void)state;
  rsk_matrix *m = small_matrix();

  assert_int_equal(rsk_matrix_cell_at(m, 0, 0)->count, 2);
  assert_int_equal(rsk_matrix_cell_at(m, 0, 0)->words, 400);
  assert_int_equal(rsk_matrix_cell_at(m, 0, 1)->count, 1);
  /* Beta's risk names b.y twice: one risk factor, one score. */
  assert_int_equal(rsk_matrix_cell_at(m, 1, 1)->count, 1);
  assert_true(rsk_matrix_cell_at(m, 1, 1)->score == 0.5);
  rsk_matrix_free(m);
}

static void matrix_totals_count_tagged_risk_factors_not_tags(void **state)
{
  (void)state;
  rsk_matrix *m = small_matrix();
  const rsk_matrix_row *acme = &g_array_index(m->rows, rsk_matrix_row, 0);
  const rsk_matrix_column *x = &g_array_index(m->columns, rsk_matrix_column, 0);

  assert_int_equal(acme->total.count, 2);
  assert_int_equal(acme->total.words, 400);
  assert_int_equal(acme->words, 1000);
  assert_true(rsk_matrix_value(&acme->total, acme->words,
                               RSK_MEASURE_SHARE) == 0.4);
  assert_int_equal(x->total.count, 2);
  assert_int_equal(m->total.count, 3);
  assert_int_equal(m->words, 1200);
  assert_true(rsk_matrix_value(&m->total, m->words, RSK_MEASURE_SCORE) == 2.25);
  rsk_matrix_free(m);
}

static void matrix_columns_follow_the_given_order_then_alphabet(void **state)
{
  (void)state;
  rsk_matrix *m = rsk_matrix_new();
  const char *const cats[] = {"z.last", "b.two", "a.one"};
  const double scores[] = {1, 2, 3};
  const char *const order[] = {"b.two", "missing"};

  guint r = rsk_matrix_add_row(m, "R", NULL, NULL, 0);
  rsk_matrix_add_risk(m, r, 10, cats, scores, 3);
  rsk_matrix_order_columns(m, order, 2);
  assert_string_equal(g_array_index(m->columns, rsk_matrix_column, 0).id, "b.two");
  assert_string_equal(g_array_index(m->columns, rsk_matrix_column, 1).id, "a.one");
  assert_string_equal(g_array_index(m->columns, rsk_matrix_column, 2).id, "z.last");
  /* The cells moved with their columns. */
  assert_true(rsk_matrix_cell_at(m, 0, 0)->score == 2);
  assert_true(rsk_matrix_cell_at(m, 0, 1)->score == 3);
  assert_true(rsk_matrix_cell_at(m, 0, 2)->score == 1);
  rsk_matrix_free(m);
}

static void matrix_text_prints_counts_totals_and_a_legend(void **state)
{
  (void)state;
  rsk_matrix *m = small_matrix();
  g_autofree char *text = render_matrix(m, RSK_MEASURE_COUNT, RSK_FORMAT_TEXT);

  assert_string_equal(text,
      "Company   x   y Total\n"
      "Acme      2   1     2\n"
      "Beta      -   1     1\n"
      "---------------------\n"
      "Total     2   2     3\n"
      "\n"
      "  x   a.x (Ex)\n"
      "  y   b.y (Why)\n"
      "count: risk factors tagged with the category;\n"
      "Total: risk factors with any tag\n");
  rsk_matrix_free(m);
}

static void matrix_text_prints_shares_as_per_cent(void **state)
{
  (void)state;
  rsk_matrix *m = small_matrix();
  g_autofree char *text = render_matrix(m, RSK_MEASURE_SHARE, RSK_FORMAT_TEXT);

  assert_non_null(strstr(text, "Acme     40  10    40\n"));
  assert_non_null(strstr(text, "Beta      -  25    25\n"));
  assert_non_null(strstr(text, "Total    33  12    38\n"));
  rsk_matrix_free(m);
}

static void matrix_text_with_thirteen_categories_fits_80_columns(void **state)
{
  (void)state;
  rsk_matrix *m = rsk_matrix_new();
  double scores[13];

  for (guint j = 0; j < 13; j++) {
    rsk_matrix_add_column(m, labeling_ids[j], NULL);
    scores[j] = 0.9;
  }
  guint r = rsk_matrix_add_row(m, "Advanced Micro Devices, Incorporated",
                               NULL, NULL, 0);
  for (guint k = 0; k < 120; k++)
    rsk_matrix_add_risk(m, r, 400, labeling_ids, scores, 13);
  for (int measure = 0; measure < 3; measure++) {
    g_autofree char *text = render_matrix(m, (rsk_measure)measure,
                                          RSK_FORMAT_TEXT);
    char **lines = g_strsplit(text, "\n", -1);
    for (guint k = 0; lines[k]; k++)
      assert_true(g_utf8_strlen(lines[k], -1) <= 80);
    g_strfreev(lines);
    assert_non_null(strstr(text, "Advanced"));
  }
  rsk_matrix_free(m);
}

static void column_codes_of_the_labeling_ids_are_short_and_unique(void **state)
{
  (void)state;
  rsk_matrix *m = rsk_matrix_new();
  for (guint j = 0; j < G_N_ELEMENTS(labeling_ids); j++)
    rsk_matrix_add_column(m, labeling_ids[j], NULL);
  char **codes = rsk_matrix_column_codes(m, 3);

  assert_string_equal(codes[0], "reg");
  assert_string_equal(codes[1], "con");
  assert_string_equal(codes[9], "exp");
  assert_string_equal(codes[12], "chi");
  for (guint i = 0; codes[i]; i++) {
    assert_true(strlen(codes[i]) <= 3);
    for (guint j = 0; j < i; j++)
      assert_string_not_equal(codes[i], codes[j]);
  }
  g_strfreev(codes);
  rsk_matrix_free(m);
}

static void column_codes_grow_when_prefixes_collide(void **state)
{
  (void)state;
  rsk_matrix *m = rsk_matrix_new();
  rsk_matrix_add_column(m, "x.export_controls", NULL);
  rsk_matrix_add_column(m, "y.export_sales", NULL);
  char **codes = rsk_matrix_column_codes(m, 3);

  assert_string_equal(codes[0], "exc");
  assert_string_equal(codes[1], "exs");
  g_strfreev(codes);
  rsk_matrix_free(m);
}

static void matrix_csv_has_full_ids_and_a_total_row(void **state)
{
  (void)state;
  rsk_matrix *m = small_matrix();
  g_autofree char *csv = render_matrix(m, RSK_MEASURE_COUNT, RSK_FORMAT_CSV);

  assert_string_equal(csv,
      "company,filing,a.x,b.y,total,flags\r\n"
      "Acme,acme.pdf,2,1,2,\r\n"
      "Beta,beta.pdf,0,1,1,\r\n"
      "total,,2,2,3,\r\n");
  rsk_matrix_free(m);
}

static void matrix_json_has_values_per_category(void **state)
{
  (void)state;
  rsk_matrix *m = small_matrix();
  g_autofree char *json = render_matrix(m, RSK_MEASURE_SHARE, RSK_FORMAT_JSON);

  assert_non_null(strstr(json, "\"measure\": \"share\""));
  assert_non_null(strstr(json, "{\"company\": \"Acme\", \"label\": \"Acme\","
                               " \"filing\": \"acme.pdf\","
                               " \"risk_factors\": 3, \"words\": 1000, \"values\":"
                               " {\"a.x\": 0.4000, \"b.y\": 0.1000},"
                               " \"total\": 0.4000, \"flags\": []}"));
  rsk_matrix_free(m);
}

static void matrix_markdown_escapes_company_names(void **state)
{
  (void)state;
  rsk_matrix *m = rsk_matrix_new();
  rsk_matrix_add_row(m, "A|B *Corp*", NULL, NULL, 0);
  rsk_matrix_add_column(m, "a.x", NULL);
  g_autofree char *md = render_matrix(m, RSK_MEASURE_COUNT, RSK_FORMAT_MD);

  assert_non_null(strstr(md, "| A\\|B \\*Corp\\* | - | - |\n"));
  rsk_matrix_free(m);
}

/* --- Escaping -------------------------------------------------------- */

static void escapers_quote_what_each_format_needs(void **state)
{
  (void)state;
  GString *s = g_string_new(NULL);

  rsk_escape_html(s, "<script>a & \"b\" 'c'</svg>");
  assert_string_equal(s->str,
      "&lt;script&gt;a &amp; &quot;b&quot; &#39;c&#39;&lt;/svg&gt;");
  g_string_truncate(s, 0);
  rsk_escape_json(s, "a\"b\\c\nd\x01");
  assert_string_equal(s->str, "\"a\\\"b\\\\c\\nd\\u0001\"");
  g_string_truncate(s, 0);
  rsk_escape_csv(s, "plain");
  rsk_escape_csv(s, ",say \"hi\"");
  assert_string_equal(s->str, "plain\",say \"\"hi\"\"\"");
  g_string_free(s, TRUE);
}

/* --- Diff ------------------------------------------------------------ */

static const char *const export_tags[] = {"trade.export_controls"};
static const char *const privacy_tags[] = {"data.privacy"};
static const char *const both_tags[] = {"data.privacy", "ai.regulation_general"};

#define ITEM(h, b, tags, n, ord) \
  {.heading = (h), .body = (b), .categories = (tags), .n_categories = (n), \
   .ordinal = (ord), .page_start = 10 + (ord), .page_end = 10 + (ord)}

static const char body_export[] =
  "The United States government has imposed export controls on advanced "
  "computing chips and semiconductor manufacturing items destined for "
  "China. These rules require licences we may not obtain, restrict our "
  "ability to sell data center products to customers in affected regions, "
  "and could cause customers to shift demand to competitors.";
static const char body_privacy[] =
  "We collect and process personal information of users and employees. "
  "Privacy and data protection laws such as the GDPR and the CCPA impose "
  "obligations on consent, retention and cross-border transfer, and a "
  "breach could lead to fines, litigation and damage to our reputation.";
static const char body_supply[] =
  "We depend on a limited number of foundries and assembly partners to "
  "manufacture our products. Capacity shortages, natural disasters or "
  "geopolitical tensions affecting Taiwan could disrupt supply, raise our "
  "costs and delay shipments to our customers.";
static const char body_climate[] =
  "Climate change and related regulations could increase our operating "
  "costs, require changes to our facilities and affect investor sentiment "
  "about our environmental, social and governance practices.";
static const char body_ai[] =
  "New laws regulating artificial intelligence, including the EU AI Act, "
  "may impose transparency, risk management and documentation duties on "
  "developers and deployers of models, increase our compliance costs and "
  "limit how customers may use our platforms.";

static rsk_diff *diff_of(const rsk_diff_item *a, guint n_a,
                         const rsk_diff_item *b, guint n_b)
{
  return rsk_diff_compute(a, n_a, b, n_b, RSK_DIFF_DEFAULT_THRESHOLD);
}

static const rsk_diff_entry *entry(const rsk_diff *d, guint i)
{
  return &g_array_index(d->entries, rsk_diff_entry, i);
}

static void bigram_similarity_ignores_case_punctuation_and_moves(void **state)
{
  (void)state;
  assert_true(rsk_diff_bigram_similarity("One two, three!", "one TWO three")
              == 1.0);
  assert_true(rsk_diff_bigram_similarity("", "") == 1.0);
  assert_true(rsk_diff_bigram_similarity("a b", "") == 0.0);
  /* Two paragraphs swapped: only the pair across the seam differs. */
  double moved = rsk_diff_bigram_similarity(
      "alpha beta gamma delta. epsilon zeta eta theta.",
      "epsilon zeta eta theta. alpha beta gamma delta.");
  assert_true(moved > 0.8 && moved < 1.0);
}

static void diff_of_reordered_identical_filings_is_all_unchanged(void **state)
{
  (void)state;
  const rsk_diff_item a[] = {
    ITEM("Export controls may harm us", body_export, export_tags, 1, 1),
    ITEM("Privacy laws are strict", body_privacy, privacy_tags, 1, 2),
    ITEM("We rely on suppliers", body_supply, NULL, 0, 3),
  };
  const rsk_diff_item b[] = {a[2], a[0], a[1]};
  rsk_diff *d = diff_of(a, 3, b, 3);

  assert_int_equal(d->counts[RSK_DIFF_UNCHANGED], 3);
  assert_int_equal(entry(d, 0)->b, 1);
  assert_int_equal(entry(d, 1)->b, 2);
  assert_int_equal(entry(d, 2)->b, 0);
  rsk_diff_free(d);
}

static void diff_finds_added_removed_reworded_and_changed(void **state)
{
  (void)state;
  g_autofree char *changed_body = g_strconcat(
      body_privacy, " In addition, new rules on automated decision-making "
      "and profiling require us to offer opt-outs, conduct impact "
      "assessments and explain the logic of automated decisions to users, "
      "which may require costly changes to our products.", NULL);
  const rsk_diff_item a[] = {
    ITEM("Export controls may harm us", body_export, export_tags, 1, 1),
    ITEM("Privacy laws are strict", body_privacy, privacy_tags, 1, 2),
    ITEM("We rely on suppliers", body_supply, NULL, 0, 3),
    ITEM("Climate rules may raise costs", body_climate, NULL, 0, 4),
  };
  const rsk_diff_item b[] = {
    ITEM("New AI laws could restrict our business", body_ai, both_tags + 1, 1, 1),
    ITEM("Privacy laws are strict", changed_body, both_tags, 2, 2),
    ITEM("Our reliance on third-party foundries could disrupt supply",
         body_supply, NULL, 0, 3),
    ITEM("Export controls may harm us", body_export, export_tags, 1, 4),
  };
  rsk_diff *d = diff_of(a, 4, b, 4);

  assert_int_equal(d->counts[RSK_DIFF_UNCHANGED], 1);
  assert_int_equal(d->counts[RSK_DIFF_CHANGED], 1);
  assert_int_equal(d->counts[RSK_DIFF_REWORDED], 1);
  assert_int_equal(d->counts[RSK_DIFF_REMOVED], 1);
  assert_int_equal(d->counts[RSK_DIFF_ADDED], 1);
  assert_int_equal(entry(d, 0)->kind, RSK_DIFF_UNCHANGED);
  assert_int_equal(entry(d, 0)->b, 3);
  assert_int_equal(entry(d, 1)->kind, RSK_DIFF_CHANGED);
  assert_int_equal(entry(d, 1)->tags_gained->len, 1);
  assert_string_equal(g_ptr_array_index(entry(d, 1)->tags_gained, 0),
                      "ai.regulation_general");
  assert_int_equal(entry(d, 2)->kind, RSK_DIFF_REWORDED);
  assert_true(entry(d, 2)->heading_changed);
  assert_int_equal(entry(d, 3)->kind, RSK_DIFF_REMOVED);
  assert_int_equal(entry(d, 4)->kind, RSK_DIFF_ADDED);
  assert_int_equal(entry(d, 4)->b, 0);
  rsk_diff_free(d);
}

static void diff_threshold_decides_what_is_material(void **state)
{
  (void)state;
  g_autofree char *edited = g_strconcat(body_export, " We may lose sales.",
                                        NULL);
  const rsk_diff_item a[] = {ITEM("Export", body_export, NULL, 0, 1)};
  const rsk_diff_item b[] = {ITEM("Export", edited, NULL, 0, 1)};
  rsk_diff *loose = rsk_diff_compute(a, 1, b, 1, 0.5);
  rsk_diff *strict = rsk_diff_compute(a, 1, b, 1, 0.01);

  assert_int_equal(entry(loose, 0)->kind, RSK_DIFF_UNCHANGED);
  assert_int_equal(entry(strict, 0)->kind, RSK_DIFF_CHANGED);
  rsk_diff_free(loose);
  rsk_diff_free(strict);
}

static void diff_pairs_a_rewritten_body_under_the_same_heading(void **state)
{
  (void)state;
  const rsk_diff_item a[] = {
    ITEM("Filing with the CSRC may be delayed", body_supply, NULL, 0, 1),
    ITEM("Climate rules may raise costs", body_climate, NULL, 0, 2),
  };
  const rsk_diff_item b[] = {
    ITEM("Climate rules may raise costs", body_climate, NULL, 0, 1),
    ITEM("Filing with the CSRC may be delayed", body_privacy, NULL, 0, 2),
  };
  rsk_diff *d = diff_of(a, 2, b, 2);

  assert_int_equal(d->counts[RSK_DIFF_CHANGED], 1);
  assert_int_equal(d->counts[RSK_DIFF_UNCHANGED], 1);
  assert_int_equal(entry(d, 0)->kind, RSK_DIFF_CHANGED);
  assert_int_equal(entry(d, 0)->b, 1);
  rsk_diff_free(d);
}

static void diff_of_empty_filings_is_empty(void **state)
{
  (void)state;
  const rsk_diff_item b[] = {ITEM("Export", body_export, NULL, 0, 1)};
  rsk_diff *none = diff_of(NULL, 0, NULL, 0);
  rsk_diff *added = diff_of(NULL, 0, b, 1);

  assert_int_equal(none->entries->len, 0);
  assert_int_equal(added->counts[RSK_DIFF_ADDED], 1);
  rsk_diff_free(none);
  rsk_diff_free(added);
}

static void diff_text_lists_each_kind_with_tags(void **state)
{
  (void)state;
  const rsk_diff_item a[] = {
    ITEM("Climate rules may raise costs", body_climate, NULL, 0, 1),
    ITEM("Privacy laws are strict", body_privacy, privacy_tags, 1, 2),
  };
  const rsk_diff_item b[] = {
    ITEM("Privacy and data protection laws are strict", body_privacy,
         privacy_tags, 1, 1),
    ITEM("Export controls may harm us", body_export, export_tags, 1, 2),
  };
  rsk_diff *d = diff_of(a, 2, b, 2);
  GString *out = g_string_new(NULL);

  rsk_diff_write_text(out, d, a, 2, "old.pdf", b, 2, "new.pdf");
  assert_string_equal(out->str,
      "old.pdf (2 risk factors) -> new.pdf (2 risk factors)\n"
      "1 added, 1 removed, 1 reworded, 0 materially changed (body changed by"
      " more than\n15%), 0 unchanged\n"
      "\n"
      "Added (1)\n"
      "  + #2 (p. 12) Export controls may harm us\n"
      "      tags gained: trade.export_controls\n"
      "\n"
      "Removed (1)\n"
      "  - #1 (p. 11) Climate rules may raise costs\n"
      "\n"
      "Reworded (heading changed, body within threshold) (1)\n"
      "  ~ #2 -> #1 (p. 11)\n"
      "      was: Privacy laws are strict\n"
      "      now: Privacy and data protection laws are strict\n"
      "\n"
      "Risk factors per category\n"
      "  trade.export_controls                0 ->   1 (+1)\n");
  g_string_truncate(out, 0);
  rsk_diff_write_json(out, d, a, 2, "old.pdf", b, 2, "new.pdf");
  assert_non_null(strstr(out->str, "\"summary\": {\"unchanged\": 0,"
                                   " \"reworded\": 1, \"changed\": 0,"
                                   " \"removed\": 1, \"added\": 1}"));
  assert_non_null(strstr(out->str, "\"added\": [\n  {\"ordinal\": 2, \"heading\":"
                                   " \"Export controls may harm us\""));
  g_string_free(out, TRUE);
  rsk_diff_free(d);
}

/* --- Heat map and HTML ----------------------------------------------- */

static void heatmap_has_one_cell_per_company_and_category(void **state)
{
  (void)state;
  rsk_matrix *m = small_matrix();
  rsk_matrix_add_column(m, "c.empty", NULL);
  rsk_matrix_add_row(m, "Gamma </svg><script>x()</script> & \"Co\"", NULL,
                     NULL, 0);
  GString *svg = g_string_new(NULL);

  rsk_heatmap_write_svg(svg, m, TRUE);
  assert_int_equal(count_substr(svg->str, "<rect class=\"cell\""), 9);
  assert_int_equal(count_substr(svg->str, "<title>"), 9 + 3 + 3);
  assert_null(strstr(svg->str, "<script"));
  assert_int_equal(count_substr(svg->str, "</svg>"), 1);
  assert_non_null(strstr(svg->str, "Gamma &lt;/svg&gt;&lt;script&gt;"));
  g_string_free(svg, TRUE);
  rsk_matrix_free(m);
}

static void heatmap_colours_zero_grey_and_the_top_darkest(void **state)
{
  (void)state;
  char c[8];
  rsk_heatmap_color(0, 0.2, c);
  assert_string_equal(c, "#eef0f3");
  rsk_heatmap_color(0.2, 0.2, c);
  assert_string_equal(c, "#08306b");
  rsk_heatmap_color(0.5, 0.2, c);
  assert_string_equal(c, "#08306b");
  rsk_matrix *m = small_matrix();
  assert_true(rsk_heatmap_scale_max(m) == 0.4);
  rsk_matrix_free(m);
}

/* A hand-made analysis as rsk_analysis_load() would return it. */
static rsk_analysis *fake_analysis(const char *company, const char *name)
{
  rsk_analysis *a = g_new0(rsk_analysis, 1);
  GStringChunk *s = a->strings = g_string_chunk_new(1024);
  a->risks = g_array_new(FALSE, TRUE, sizeof(rsk_analysis_risk));
  a->tags = g_array_new(FALSE, TRUE, sizeof(rsk_analysis_tag));
  a->evidence = g_array_new(FALSE, TRUE, sizeof(rsk_analysis_evidence));
  a->regulations = g_ptr_array_new();
  a->info = (rsk_filing_info){
    .id = 1, .name = g_string_chunk_insert(s, name),
    .path = g_string_chunk_insert(s, name), .sha256 = "00",
    .company = g_string_chunk_insert(s, company), .doc_type = "10-K",
    .analyzed_at = "2025-01-01T00:00:00.000Z", .taxonomy_name = "ai-regulation",
    .taxonomy_version = "1.0.0", .pages = 40, .risk_first_page = 10,
    .risk_last_page = 30, .risk_count = 2, .flags = g_ptr_array_new(),
  };
  const char *body = g_string_chunk_insert(s,
      "Our chatbot may print <script>alert(1)</script> & \"quotes\" "
      "</svg> and we face export controls on chips.\nSecond paragraph.");
  const char *hit = strstr(body, "export controls");
  rsk_analysis_evidence ev = {
    .page = 12, .offset = (guint)(hit - body), .length = 15,
    .has_sentence = TRUE, .sentence_offset = 0,
    .sentence_length = (guint)(strchr(body, '\n') - body), .count = 4,
    .text = "export controls", .pattern = "p1", .weight = 1,
  };
  g_array_append_val(a->evidence, ev);
  rsk_analysis_tag tag = {.category = "trade.export_controls", .score = 0.9,
                          .strength = 'P', .first_evidence = 0, .n_evidence = 1,
                          .sentences = 5};
  g_array_append_val(a->tags, tag);
  g_ptr_array_add(a->regulations, "US-EAR-AC");
  rsk_analysis_risk tagged = {
    .id = 1, .ordinal = 1, .section = "Risks <b>Related</b>",
    .heading = g_string_chunk_insert(s, "Heading with <script>evil()</script>"),
    .body = body, .page_start = 12, .page_end = 13, .word_count = 30,
    .first_tag = 0, .n_tags = 1, .first_regulation = 0, .n_regulations = 1,
  };
  rsk_analysis_risk plain = {
    .id = 2, .ordinal = 2, .section = "", .heading = "Untagged & fine",
    .body = "Nothing here.", .page_start = 14, .page_end = 14,
    .word_count = 2,
  };
  g_array_append_val(a->risks, tagged);
  g_array_append_val(a->risks, plain);
  return a;
}

static void html_report_escapes_every_filing_string(void **state)
{
  (void)state;
  rsk_analysis *a = fake_analysis("Evil <script>Co</script> & Sons", "evil.pdf");
  rsk_matrix *m = rsk_matrix_new();
  rsk_matrix_add_column(m, "ai.output_risk", "Output risk");
  rsk_matrix_add_analysis(m, a->info.company, a);
  rsk_html_company company = {.latest = a};
  rsk_html_report report = {.matrix = m, .companies = &company,
                            .n_companies = 1, .generated_at = "today"};
  g_autofree char *html = rsk_html_render(&report);

  assert_null(strstr(html, "<script"));
  assert_int_equal(count_substr(html, "</svg>"), 1);
  assert_int_equal(count_substr(html, "<rect class=\"cell\""), 2);
  assert_non_null(strstr(html, "Evil &lt;script&gt;Co&lt;/script&gt; &amp; Sons"));
  /* The evidence is its whole sentence, escaped, with the match marked,
   * the matches it stands for and the sentences not shown. */
  assert_non_null(strstr(html, "<q>Our chatbot may print &lt;script&gt;alert(1)"
                               "&lt;/script&gt; &amp; &quot;quotes&quot; &lt;/svg&gt; and we "
                               "face <mark>export controls</mark> on chips.</q>"));
  assert_non_null(strstr(html, "p.\xc2\xa0" "12, 4\xc2\xa0matches"));
  assert_non_null(strstr(html, "and 4 more sentences"));
  assert_non_null(strstr(html, "<code>US-EAR-AC</code>"));
  assert_non_null(strstr(html, "<code>ai-regulation 1.0.0</code>"));
  assert_non_null(strstr(html, "Untagged &amp; fine"));
  rsk_matrix_free(m);
  rsk_analysis_free(a);
}

static void html_report_shows_the_diff_of_two_filings(void **state)
{
  (void)state;
  rsk_analysis *old = fake_analysis("Acme", "old.pdf");
  rsk_analysis *new = fake_analysis("Acme", "new.pdf");
  g_array_index(new->risks, rsk_analysis_risk, 1).heading = "Brand new risk";
  g_array_index(new->risks, rsk_analysis_risk, 1).body =
      "Completely different words about climate and weather patterns.";
  rsk_diff_items *ia = rsk_diff_items_new(old), *ib = rsk_diff_items_new(new);
  rsk_diff *d = rsk_diff_compute(ia->items, ia->n, ib->items, ib->n, 0.15);
  rsk_matrix *m = rsk_matrix_new();
  rsk_matrix_add_analysis(m, "Acme", new);
  rsk_html_company company = {new, old, d, ia, ib, NULL, NULL};
  rsk_html_report report = {.matrix = m, .companies = &company,
                            .n_companies = 1};
  g_autofree char *path = g_build_filename(g_get_tmp_dir(),
                                           "rsk-test-report.html", NULL);
  g_autofree char *html = NULL;

  assert_true(rsk_html_write(&report, path, NULL));
  assert_true(g_file_get_contents(path, &html, NULL, NULL));
  assert_non_null(strstr(html, "Changes since the previous "));
  assert_non_null(strstr(html, "<span class=\"kind added\">added</span>"));
  assert_non_null(strstr(html, "<span class=\"kind removed\">removed</span>"));
  assert_non_null(strstr(html, "1 company (1 latest filing compared)"
                               " \xc2\xb7 1 earlier filing for what changed"));
  g_unlink(path);

  GError *error = NULL;
  assert_false(rsk_html_write(&report, "/nonexistent-dir/r.html", &error));
  assert_non_null(strstr(error->message, "/nonexistent-dir/r.html"));
  g_error_free(error);
  rsk_diff_free(d);
  rsk_diff_items_free(ia);
  rsk_diff_items_free(ib);
  rsk_matrix_free(m);
  rsk_analysis_free(old);
  rsk_analysis_free(new);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(matrix_counts_each_risk_once_per_category),
    cmocka_unit_test(matrix_totals_count_tagged_risk_factors_not_tags),
    cmocka_unit_test(matrix_columns_follow_the_given_order_then_alphabet),
    cmocka_unit_test(matrix_text_prints_counts_totals_and_a_legend),
    cmocka_unit_test(matrix_text_prints_shares_as_per_cent),
    cmocka_unit_test(matrix_text_with_thirteen_categories_fits_80_columns),
    cmocka_unit_test(column_codes_of_the_labeling_ids_are_short_and_unique),
    cmocka_unit_test(column_codes_grow_when_prefixes_collide),
    cmocka_unit_test(matrix_csv_has_full_ids_and_a_total_row),
    cmocka_unit_test(matrix_json_has_values_per_category),
    cmocka_unit_test(matrix_markdown_escapes_company_names),
    cmocka_unit_test(escapers_quote_what_each_format_needs),
    cmocka_unit_test(bigram_similarity_ignores_case_punctuation_and_moves),
    cmocka_unit_test(diff_of_reordered_identical_filings_is_all_unchanged),
    cmocka_unit_test(diff_finds_added_removed_reworded_and_changed),
    cmocka_unit_test(diff_threshold_decides_what_is_material),
    cmocka_unit_test(diff_pairs_a_rewritten_body_under_the_same_heading),
    cmocka_unit_test(diff_of_empty_filings_is_empty),
    cmocka_unit_test(diff_text_lists_each_kind_with_tags),
    cmocka_unit_test(heatmap_has_one_cell_per_company_and_category),
    cmocka_unit_test(heatmap_colours_zero_grey_and_the_top_darkest),
    cmocka_unit_test(html_report_escapes_every_filing_string),
    cmocka_unit_test(html_report_shows_the_diff_of_two_filings),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
