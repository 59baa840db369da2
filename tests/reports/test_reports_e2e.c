/* test_reports_e2e.c - compare, diff, search and report run by the built
 * riskscope on generated filings: the prospectus pair with known
 * differences and the escaping 10-K
 *
 * SPDX-License-Identifier: MIT
 */
#include "fixtures.h"
#include "pdfgen.h"
#include "text.h"

#include <cjson/cJSON.h>
#include <glib/gstdio.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#define COMPANY "SinoVerse Intelligence Technology Co., Ltd."

typedef struct {
  char *dir;
  char *db;
  char *proof, *final, *escaping;
  rsk_fx_pair pair;
} world;

static world w;

typedef struct {
  int status;
  char *out;
  char *err;
} run_result;

/* Runs riskscope with ARGS (NULL-terminated) and --db added. */
static run_result run(const char *first, ...)
{
  GPtrArray *argv = g_ptr_array_new();
  va_list ap;
  run_result r = {0};
  GError *error = NULL;
  int wait_status = 0;

  g_ptr_array_add(argv, (gpointer)g_getenv("RISKSCOPE_EXE"));
  va_start(ap, first);
  for (const char *a = first; a; a = va_arg(ap, const char *))
    g_ptr_array_add(argv, (gpointer)a);
  va_end(ap);
  g_ptr_array_add(argv, "--db");
  g_ptr_array_add(argv, w.db);
  g_ptr_array_add(argv, NULL);
  if (!g_spawn_sync(NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL,
                    NULL, &r.out, &r.err, &wait_status, &error))
    fail_msg("cannot run riskscope: %s", error->message);
  r.status = WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : -1;
  g_ptr_array_unref(argv);
  return r;
}

static void run_clear(run_result *r)
{
  g_free(r->out);
  g_free(r->err);
}

static int setup(void **state)
{
  (void)state;
  GError *error = NULL;

  if (!g_getenv("RISKSCOPE_EXE")) {
    print_message("SKIP: RISKSCOPE_EXE not set\n");
    return -1;
  }
  w.dir = g_dir_make_tmp("rsk-reports-XXXXXX", &error);
  assert_non_null(w.dir);
  w.db = g_build_filename(w.dir, "r.db", NULL);
  w.proof = g_build_filename(w.dir, "sinoverse_application_proof.pdf", NULL);
  w.final = g_build_filename(w.dir, "sinoverse_prospectus.pdf", NULL);
  w.escaping = g_build_filename(w.dir, "acme_escaping_10k.pdf", NULL);
  if (!rsk_fixture_prospectus_pair(w.proof, w.final, &w.pair, &error))
    fail_msg("%s", error->message);
  rsk_fx_truth *t = rsk_fixture_escaping(w.escaping, &error);
  assert_non_null(t);
  rsk_fx_truth_free(t);
  rsk_pdf_shutdown();  /* cairo's and fontconfig's caches, for LeakSanitizer */

  run_result r = run("analyze", "--company", COMPANY, w.proof, w.final, NULL);
  if (r.status != 0)
    fail_msg("analyze failed (%d): %s", r.status, r.err);
  run_clear(&r);
  r = run("analyze", w.escaping, NULL);
  if (r.status != 0)
    fail_msg("analyze failed (%d): %s", r.status, r.err);
  run_clear(&r);
  return 0;
}

static void remove_tree(const char *dir)
{
  GDir *d = g_dir_open(dir, 0, NULL);
  const char *name;
  while (d && (name = g_dir_read_name(d))) {
    g_autofree char *path = g_build_filename(dir, name, NULL);
    g_remove(path);
  }
  if (d)
    g_dir_close(d);
  g_rmdir(dir);
}

static int teardown(void **state)
{
  (void)state;
  rsk_fx_pair_clear(&w.pair);
  if (w.dir)
    remove_tree(w.dir);
  g_free(w.dir);
  g_free(w.db);
  g_free(w.proof);
  g_free(w.final);
  g_free(w.escaping);
  return 0;
}

/* --- diff ------------------------------------------------------------ */

static int cmp_str(gconstpointer a, gconstpointer b)
{
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static char *expected_keys(const char *const *headings, guint n)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add(keys, rsk_text_key(headings[i]));
  g_ptr_array_sort(keys, cmp_str);
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < keys->len; i++)
    g_string_append_printf(s, "%s%s", i ? "|" : "",
                           (const char *)g_ptr_array_index(keys, i));
  g_ptr_array_unref(keys);
  return g_string_free(s, FALSE);
}

/* The keys (rsk_text_key) of the "heading" of every element of ARRAY (or
 * of its member SIDE), sorted and joined with "|". */
static char *sorted_keys(const cJSON *array, const char *side)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
  const cJSON *item;
  cJSON_ArrayForEach(item, array) {
    const cJSON *obj = side ? cJSON_GetObjectItem(item, side) : item;
    const cJSON *h = cJSON_GetObjectItem(obj, "heading");
    g_ptr_array_add(keys, rsk_text_key(cJSON_GetStringValue((cJSON *)h)));
  }
  g_ptr_array_sort(keys, cmp_str);
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < keys->len; i++)
    g_string_append_printf(s, "%s%s", i ? "|" : "",
                           (const char *)g_ptr_array_index(keys, i));
  g_ptr_array_unref(keys);
  return g_string_free(s, FALSE);
}

static void diff_of_the_pair_lists_exactly_the_known_differences(void **state)
{
  (void)state;
  run_result r = run("diff", "--format", "json",
                     "sinoverse_application_proof.pdf",
                     "sinoverse_prospectus.pdf", NULL);
  assert_int_equal(r.status, 0);
  cJSON *d = cJSON_Parse(r.out);
  assert_non_null(d);

  g_autofree char *added = sorted_keys(cJSON_GetObjectItem(d, "added"), NULL);
  g_autofree char *removed = sorted_keys(cJSON_GetObjectItem(d, "removed"), NULL);
  g_autofree char *reworded_a = sorted_keys(cJSON_GetObjectItem(d, "reworded"), "a");
  g_autofree char *reworded_b = sorted_keys(cJSON_GetObjectItem(d, "reworded"), "b");
  g_autofree char *changed = sorted_keys(cJSON_GetObjectItem(d, "changed"), "b");
  g_autofree char *want_added = expected_keys(w.pair.added, 2);
  g_autofree char *want_removed = expected_keys(w.pair.removed, 2);
  g_autofree char *want_from = expected_keys(w.pair.reworded_from, 2);
  g_autofree char *want_to = expected_keys(w.pair.reworded_to, 2);
  g_autofree char *want_changed = expected_keys(w.pair.changed, 2);

  const cJSON *summary = cJSON_GetObjectItem(d, "summary");
  int unchanged = cJSON_GetObjectItem(summary, "unchanged")->valueint;
  if (strcmp(added, want_added) || strcmp(removed, want_removed) ||
      strcmp(changed, want_changed) || strcmp(reworded_a, want_from) ||
      strcmp(reworded_b, want_to) || unchanged != w.pair.n_identical)
    print_message("diff output:\n%s\n", r.out);
  /* Free first: a failed assertion jumps out of the test. */
  cJSON_Delete(d);
  run_clear(&r);
  assert_string_equal(added, want_added);
  assert_string_equal(removed, want_removed);
  assert_string_equal(reworded_a, want_from);
  assert_string_equal(reworded_b, want_to);
  assert_string_equal(changed, want_changed);
  assert_int_equal(unchanged, w.pair.n_identical);
}

static void diff_text_summarises_the_pair(void **state)
{
  (void)state;
  run_result r = run("diff", "sinoverse_application_proof.pdf",
                     "sinoverse_prospectus.pdf", NULL);
  gboolean summary = strstr(r.out, "2 added, 2 removed, 2 reworded, 2 "
                                    "materially changed") != NULL;
  gboolean added = strstr(r.out, "\nAdded (2)\n") != NULL;
  int status = r.status;
  run_clear(&r);
  assert_int_equal(status, 0);
  assert_true(summary);
  assert_true(added);
}

static void diff_of_an_unknown_filing_names_it(void **state)
{
  (void)state;
  run_result r = run("diff", "sinoverse_prospectus.pdf", "nope.pdf", NULL);
  assert_int_equal(r.status, 1);
  assert_non_null(strstr(r.err, "nope.pdf"));
  run_clear(&r);
}

/* --- compare --------------------------------------------------------- */

static void compare_text_fits_80_columns_with_a_row_per_company(void **state)
{
  (void)state;
  run_result r = run("compare", "--include-flagged", NULL);
  assert_int_equal(r.status, 0);
  char **lines = g_strsplit(r.out, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    assert_true(g_utf8_strlen(lines[i], -1) <= 80);
  g_strfreev(lines);
  /* The latest SinoVerse filing only, and the escaping company. */
  assert_int_equal(strstr(r.out, "SinoVerse") == NULL, 0);
  assert_null(strstr(strstr(r.out, "SinoVerse") + 1, "\nSinoVerse"));
  assert_non_null(strstr(r.out, "ACME") ? strstr(r.out, "ACME")
                                        : strstr(r.out, "Acme"));
  run_clear(&r);
}

static void compare_csv_has_one_row_per_company_and_a_total(void **state)
{
  (void)state;
  run_result r = run("compare", "--include-flagged", "--format", "csv", "--by",
                     "share", NULL);
  assert_int_equal(r.status, 0);
  char **lines = g_strsplit(r.out, "\r\n", -1);
  assert_int_equal(g_strv_length(lines), 5);  /* header, 2 rows, total, "" */
  assert_true(g_str_has_prefix(lines[3], "total,,"));
  g_strfreev(lines);
  run_clear(&r);
}

static void compare_with_filings_picks_them(void **state)
{
  (void)state;
  run_result r = run("compare", "--filings",
                     "sinoverse_application_proof.pdf,sinoverse_prospectus.pdf",
                     "--format", "json", NULL);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "\"filing\": \"sinoverse_application_proof.pdf\""));
  assert_non_null(strstr(r.out, "\"filing\": \"sinoverse_prospectus.pdf\""));
  run_clear(&r);
  /* A name with a comma in it survives the comma-separated list. */
  r = run("compare", "--companies", COMPANY ",acme", "--format", "csv",
          "--include-flagged", NULL);
  assert_int_equal(r.status, 0);
  assert_true(g_str_has_prefix(strchr(r.out, '\n') + 1, "\"" COMPANY "\","));
  run_clear(&r);
  r = run("compare", "--companies", "nobody", NULL);
  assert_int_equal(r.status, 1);
  assert_non_null(strstr(r.err, "no stored company matches \"nobody\""));
  run_clear(&r);
}

/* The generated filings are all small enough to raise sanity flags: left
 * out by default, with a line saying so, kept with --include-flagged. */
static void compare_leaves_flagged_filings_out_and_says_why(void **state)
{
  (void)state;
  run_result r = run("compare", NULL);
  assert_int_equal(r.status, 1);
  assert_non_null(strstr(r.err, "compare: left out 3 filings with sanity"
                                " flags"));
  assert_non_null(strstr(r.err, "acme_escaping_10k.pdf: few_risk_factors: 3"));
  assert_non_null(strstr(r.err, "nothing left to show"));
  run_clear(&r);
  r = run("compare", "--include-flagged", NULL);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "\n! ACME"));
  assert_non_null(strstr(r.out, "! sanity flags raised"));
  run_clear(&r);
}

static void exclude_leaves_a_filing_out_of_compare_and_trend(void **state)
{
  (void)state;
  run_result r = run("compare", "--include-flagged", "--exclude",
                     "sinoverse_prospectus.pdf", "--format", "csv", NULL);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, ",sinoverse_application_proof.pdf,"));
  assert_null(strstr(r.out, ",sinoverse_prospectus.pdf,"));
  assert_non_null(strstr(r.err, "left out 1 filing by --exclude: "
                                "sinoverse_prospectus.pdf"));
  run_clear(&r);
  r = run("trend", "sinoverse", "--include-flagged", NULL);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, COMPANY ": 2 HK prospectus filings"));
  run_clear(&r);
  r = run("trend", "sinoverse", "--include-flagged", "--exclude", "2", NULL);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, ": 1 HK prospectus filing,"));
  run_clear(&r);
  r = run("compare", "--exclude", "nosuch.pdf", NULL);
  assert_int_equal(r.status, 1);
  assert_non_null(strstr(r.err, "nosuch.pdf"));
  run_clear(&r);
}

/* --- search ---------------------------------------------------------- */

/* The marks around a match in piped output: « and ». */
#define ON "\xc2\xab"
#define OFF "\xc2\xbb"

static void search_finds_phrases_and_prefixes_with_pages(void **state)
{
  (void)state;
  run_result r = run("search", "\"export controls\"", "--limit", "3", NULL);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, ON "export controls" OFF));
  assert_non_null(strstr(r.out, " p"));
  run_clear(&r);
  r = run("search", "regulat*", "--company", "sinoverse", "--category",
          "ai.regulation_general", NULL);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, ON "regulat"));
  assert_null(strstr(r.out, "acme"));
  run_clear(&r);
}

static void search_writes_json_hits_with_marked_snippets(void **state)
{
  (void)state;
  run_result r = run("search", "\"export controls\"", "--limit", "2",
                     "--format", "json", NULL);
  assert_int_equal(r.status, 0);
  cJSON *hits = cJSON_Parse(r.out);
  assert_true(cJSON_IsArray(hits));
  assert_true(cJSON_GetArraySize(hits) >= 1 && cJSON_GetArraySize(hits) <= 2);
  const cJSON *hit = cJSON_GetArrayItem(hits, 0);
  const char *snippet = cJSON_GetObjectItem(hit, "snippet")->valuestring;
  const char *heading = cJSON_GetObjectItem(hit, "heading")->valuestring;
  assert_non_null(strstr(snippet, ON "export controls" OFF));
  assert_null(strchr(heading, '\x02'));
  int page = cJSON_GetObjectItem(hit, "page")->valueint;
  assert_true(cJSON_GetObjectItem(hit, "page_start")->valueint >= 1);
  assert_true(page >= cJSON_GetObjectItem(hit, "page_start")->valueint);
  assert_true(page <= cJSON_GetObjectItem(hit, "page_end")->valueint);
  cJSON_Delete(hits);
  run_clear(&r);
  r = run("search", "zzzunmatched", "--format", "json", NULL);
  assert_int_equal(r.status, 0);
  assert_string_equal(r.out, "[]\n");
  run_clear(&r);
}

/* The one hit of QUERY as JSON: its page, page_start and page_end. */
static void one_hit_pages(const char *query, int *page, int *start, int *end)
{
  run_result r = run("search", query, "--format", "json", NULL);
  assert_int_equal(r.status, 0);
  cJSON *hits = cJSON_Parse(r.out);
  run_clear(&r);
  assert_true(cJSON_IsArray(hits));
  int n = cJSON_GetArraySize(hits);
  const cJSON *hit = cJSON_GetArrayItem(hits, 0);
  *page = hit ? cJSON_GetObjectItem(hit, "page")->valueint : 0;
  *start = hit ? cJSON_GetObjectItem(hit, "page_start")->valueint : 0;
  *end = hit ? cJSON_GetObjectItem(hit, "page_end")->valueint : 0;
  cJSON_Delete(hits);
  assert_int_equal(n, 1);
}

static void search_gives_the_page_of_a_match_on_a_later_page(void **state)
{
  (void)state;
  int page = 0, start = 0, end = 0;
  /* "prominently" is printed only in the proof's virtual-companion risk
   * factor, past its page break. */
  one_hit_pages("prominently", &page, &start, &end);
  assert_true(end > start);
  assert_int_equal(page, end);
  run_result r = run("search", "prominently", NULL);
  g_autofree char *want = g_strdup_printf(
      " \xc2\xb7 p. %d (risk factor pp. %d-%d) \xc2\xb7 risk factor #", page,
      start, end);
  gboolean found = strstr(r.out, want) != NULL;
  if (!found)
    print_message("search output:\n%s\nwanted: %s\n", r.out, want);
  run_clear(&r);
  assert_true(found);

  /* A match in the heading only is on the risk factor's first page, the
   * multi-page one included. */
  r = run("search", "heading:companion", "--format", "json", NULL);
  assert_int_equal(r.status, 0);
  cJSON *hits = cJSON_Parse(r.out);
  run_clear(&r);
  int n = 0, multi = 0, on_first = 0;
  const cJSON *hit;
  cJSON_ArrayForEach(hit, hits) {
    start = cJSON_GetObjectItem(hit, "page_start")->valueint;
    n++;
    multi += cJSON_GetObjectItem(hit, "page_end")->valueint > start;
    on_first += cJSON_GetObjectItem(hit, "page")->valueint == start;
  }
  cJSON_Delete(hits);
  assert_int_equal(n, 2);
  assert_int_equal(multi, 1);
  assert_int_equal(on_first, 2);
}

/* Words with punctuation are searched as phrases, not read as FTS5
 * syntax: the proof and prospectus print "U.S.", "AI-generated" and
 * "Commerce's". */
static void search_finds_words_with_punctuation(void **state)
{
  (void)state;
  const struct {
    const char *query, *marked;
  } cases[] = {
    {"U.S.", ON "U.S" OFF "."},
    {"AI-generated", ON "AI-generated" OFF},
    {"Commerce's", ON "Commerce's" OFF},
    {"heading:U.S. \"export controls\"", ON "export controls" OFF},
    {"NEAR(U.S. export, 3)",
     ON "U.S" OFF ". " ON "export" OFF},
  };
  for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
    run_result r = run("search", cases[i].query, NULL);
    gboolean found = r.status == 0 && strstr(r.out, cases[i].marked);
    if (!found)
      print_message("search %s exited %d:\n%s%s\nwanted: %s\n",
                    cases[i].query, r.status, r.out, r.err, cases[i].marked);
    run_clear(&r);
    assert_true(found);
  }
}

/* "[REDACTED]", which Hong Kong proofs print for the offering's terms,
 * keeps its brackets and is told apart from the match marks. */
static void search_marks_do_not_collide_with_redacted(void **state)
{
  (void)state;
  run_result r = run("search", "REDACTED", "--limit", "1", NULL);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "[" ON "REDACTED" OFF "]"));
  run_clear(&r);
}

static void search_of_an_unknown_company_names_it(void **state)
{
  (void)state;
  run_result r = run("search", "export", "--company", "nosuch", NULL);
  assert_int_equal(r.status, 1);
  assert_string_equal(r.out, "");
  assert_true(g_str_has_prefix(
      r.err, "riskscope: search: no stored company matches \"nosuch\" (stored: "));
  assert_non_null(strstr(r.err, "\"SinoVerse Intelligence Technology Co., Ltd.\""));
  run_clear(&r);
  /* A known company without a match is no error. */
  r = run("search", "zzzunmatched", "--company", "SINOVERSE", NULL);
  assert_int_equal(r.status, 0);
  assert_string_equal(r.out, "No risk factor matches zzzunmatched.\n");
  run_clear(&r);
}

static void search_rejects_malformed_queries_clearly(void **state)
{
  (void)state;
  const char *bad[] = {"\"export controls", "AND", "privacy AND", "(privacy"};
  for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
    run_result r = run("search", bad[i], NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "search: malformed query"));
    assert_null(strstr(r.err, "SQL"));
    run_clear(&r);
  }
}

/* --- report ---------------------------------------------------------- */

static void report_renders_pdf_strings_as_text(void **state)
{
  (void)state;
  g_autofree char *path = g_build_filename(w.dir, "report.html", NULL);
  g_autofree char *html = NULL;
  run_result r = run("report", "--html", path, "--include-flagged", NULL);
  assert_int_equal(r.status, 0);
  run_clear(&r);
  assert_true(g_file_get_contents(path, &html, NULL, NULL));

  assert_null(strstr(html, "<script"));
  assert_null(strstr(html, "<img"));
  /* Nothing to fetch: no src attribute, no link to another host. */
  assert_null(strstr(html, " src="));
  assert_null(strstr(html, "href=\"http"));
  assert_non_null(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  assert_non_null(strstr(html, "&lt;/svg&gt;"));
  assert_non_null(strstr(html, "&amp;"));
  /* One heat map and the trend of the company with two filings, each
   * closed once. */
  gsize svg_open = 0, svg_close = 0, heatmaps = 0, trends = 0;
  for (const char *p = html; (p = strstr(p, "<svg")); p++)
    svg_open++;
  for (const char *p = html; (p = strstr(p, "</svg>")); p++)
    svg_close++;
  for (const char *p = html; (p = strstr(p, "<svg class=\"heatmap\"")); p++)
    heatmaps++;
  for (const char *p = html; (p = strstr(p, "<svg class=\"trend\"")); p++)
    trends++;
  assert_int_equal(heatmaps, 1);
  assert_int_equal(trends, 1);
  assert_int_equal(svg_open, 2);
  assert_int_equal(svg_close, 2);
  assert_non_null(strstr(html, "Changes since the previous "));
  assert_non_null(strstr(html, "taxonomy <code>"));
}

static void report_without_html_is_a_usage_error(void **state)
{
  (void)state;
  run_result r = run("report", NULL);
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, "--html"));
  run_clear(&r);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(diff_of_the_pair_lists_exactly_the_known_differences),
    cmocka_unit_test(diff_text_summarises_the_pair),
    cmocka_unit_test(diff_of_an_unknown_filing_names_it),
    cmocka_unit_test(compare_text_fits_80_columns_with_a_row_per_company),
    cmocka_unit_test(compare_csv_has_one_row_per_company_and_a_total),
    cmocka_unit_test(compare_with_filings_picks_them),
    cmocka_unit_test(search_finds_phrases_and_prefixes_with_pages),
    cmocka_unit_test(search_writes_json_hits_with_marked_snippets),
    cmocka_unit_test(search_gives_the_page_of_a_match_on_a_later_page),
    cmocka_unit_test(search_finds_words_with_punctuation),
    cmocka_unit_test(search_marks_do_not_collide_with_redacted),
    cmocka_unit_test(compare_leaves_flagged_filings_out_and_says_why),
    cmocka_unit_test(exclude_leaves_a_filing_out_of_compare_and_trend),
    cmocka_unit_test(search_of_an_unknown_company_names_it),
    cmocka_unit_test(search_rejects_malformed_queries_clearly),
    cmocka_unit_test(report_renders_pdf_strings_as_text),
    cmocka_unit_test(report_without_html_is_a_usage_error),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
