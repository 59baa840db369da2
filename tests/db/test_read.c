/* test_read.c - the read model: FILING resolution, listing, merge, page
 * marks and the pages of search hits
 *
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixture.h"
#include "merge.h"
#include "read_reports.h"
#include "rsk_error.h"
#include "search_match.h"

#include <string.h>

/* A database at PATH holding filings named NAMES (seeded by name). */
static char *db_with(const char *file, const char *const *names,
                     const char *company)
{
  char *path = fixture_db_path(file);
  g_autoptr(GError) error = NULL;
  rsk_store *store = rsk_store_open(path, FALSE, &error);
  assert_non_null(store);
  for (const char *const *n = names; *n; n++) {
    fixture *fx = fixture_new(*n, *n, 3);
    fx->company = company;
    assert_true(fixture_put(store, fx, NULL, &error));
    fixture_free(fx);
  }
  rsk_store_close(store);
  return path;
}

static gint64 resolve(rsk_store *store, const char *arg, GError **error)
{
  return rsk_read_resolve_filing(store, arg, error);
}

static void filings_resolve_by_id_name_and_sha256_prefix(void **state)
{
  (void)state;
  const char *names[] = {"alpha.pdf", "beta.pdf", NULL};
  g_autofree char *path = db_with("r.db", names, "Acme AI");
  g_autoptr(GError) error = NULL;
  rsk_store *store = rsk_store_open(path, TRUE, &error);
  g_autofree char *sha = g_compute_checksum_for_string(G_CHECKSUM_SHA256, "beta.pdf", -1);

  assert_int_equal(resolve(store, "2", &error), 2);
  assert_int_equal(resolve(store, "alpha.pdf", &error), 1);
  assert_int_equal(resolve(store, "beta.pdf", &error), 2);
  sha[8] = '\0';
  assert_int_equal(resolve(store, sha, &error), 2);
  g_autofree char *upper = g_ascii_strup(sha, -1);
  assert_int_equal(resolve(store, upper, &error), 2);
  assert_null(error);

  assert_int_equal(resolve(store, "gamma.pdf", &error), 0);
  assert_int_equal(error->code, RSK_ERROR_NOT_FOUND);
  g_autofree char *expected = g_strdup_printf(
      "DB %s: no stored filing has the id, file name, path or sha256 prefix "
      "\"gamma.pdf\"; see riskscope list", path);
  assert_string_equal(error->message, expected);
  g_clear_error(&error);
  assert_int_equal(resolve(store, "99", &error), 0);
  assert_int_equal(error->code, RSK_ERROR_NOT_FOUND);
  rsk_store_close(store);
}

static void an_ambiguous_filing_lists_the_candidates(void **state)
{
  (void)state;
  const char *names[] = {"alpha.pdf", NULL};
  g_autofree char *path = db_with("amb.db", names, "Acme AI");
  g_autoptr(GError) error = NULL;
  rsk_store *store = rsk_store_open(path, FALSE, &error);
  /* The same file analysed with a second taxonomy version. */
  fixture *fx = fixture_new("alpha.pdf", "alpha.pdf", 3);
  fx->taxonomy_version = "2.0";
  assert_true(fixture_put(store, fx, NULL, &error));

  assert_int_equal(resolve(store, "alpha.pdf", &error), 0);
  assert_int_equal(error->code, RSK_ERROR_USAGE);
  g_autofree char *head = g_strdup_printf(
      "DB %s: FILING \"alpha.pdf\" is ambiguous: 2 filings have this file name; "
      "give one of their ids:\n  1  alpha.pdf  Acme AI  sha256 ", path);
  assert_true(g_str_has_prefix(error->message, head));
  assert_non_null(strstr(error->message, "taxonomy 1.0"));
  assert_non_null(strstr(error->message, "\n  2  alpha.pdf  Acme AI  sha256 "));
  assert_non_null(strstr(error->message, "taxonomy 2.0"));
  g_clear_error(&error);
  /* The sha256 prefix is just as ambiguous. */
  g_autofree char *sha = g_strndup(fx->filing->sha256, 6);
  assert_int_equal(resolve(store, sha, &error), 0);
  assert_int_equal(error->code, RSK_ERROR_USAGE);
  fixture_free(fx);
  rsk_store_close(store);
}

static gboolean count_filing(const rsk_filing_info *info, gpointer user_data)
{
  GPtrArray *names = user_data;
  g_ptr_array_add(names, g_strdup(info->name));
  return TRUE;
}

static void latest_per_company_keeps_each_companys_newest(void **state)
{
  (void)state;
  g_autofree char *path = fixture_db_path("latest.db");
  g_autoptr(GError) error = NULL;
  rsk_store *store = rsk_store_open(path, FALSE, &error);
  const struct { const char *name, *company; } rows[] = {
    {"a1.pdf", "A"}, {"b1.pdf", "B"}, {"a2.pdf", "A"},
  };
  for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
    fixture *fx = fixture_new(rows[i].name, rows[i].name, 1);
    fx->company = rows[i].company;
    assert_true(fixture_put(store, fx, NULL, &error));
    fixture_free(fx);
    g_usleep(2000);  /* distinct analyzed_at */
  }
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  assert_true(rsk_read_foreach_filing(store, RSK_READ_LATEST_PER_COMPANY,
                                      count_filing, names, &error));
  assert_int_equal(names->len, 2);
  assert_string_equal(g_ptr_array_index(names, 0), "b1.pdf");
  assert_string_equal(g_ptr_array_index(names, 1), "a2.pdf");
  g_ptr_array_set_size(names, 0);
  assert_true(rsk_read_foreach_filing(store, RSK_READ_ALL, count_filing, names, &error));
  assert_int_equal(names->len, 3);
  g_ptr_array_unref(names);
  rsk_store_close(store);
}

/* Stores a fixture NAME of COMPANY with document date DATE (or NULL). */
static void put_dated(rsk_store *store, const char *name, const char *company,
                      const char *date)
{
  g_autoptr(GError) error = NULL;
  fixture *fx = fixture_new(name, name, 1);
  rsk_store_analysis analysis = {
    .filing = fx->filing,
    .company = company,
    .results = fx->results,
    .taxonomy_name = "ai-regulation",
    .taxonomy_version = fx->taxonomy_version,
    .period_end = date,
  };
  assert_true(rsk_store_put_filing(store, &analysis, NULL, &error));
  fixture_free(fx);
  g_usleep(2000);  /* distinct analyzed_at */
}

static void latest_per_company_is_the_newest_document_not_the_last_analysed(
    void **state)
{
  (void)state;
  g_autofree char *path = fixture_db_path("dated.db");
  g_autoptr(GError) error = NULL;
  rsk_store *store = rsk_store_open(path, FALSE, &error);
  /* Apple: fy2022 re-analysed last must not win over fy2025. */
  put_dated(store, "apple_fy2023.pdf", "Apple", "2023-09-30");
  put_dated(store, "apple_fy2025.pdf", "Apple", "2025-09-27");
  put_dated(store, "apple_fy2022.pdf", "Apple", "2022-09-24");
  /* Beta: a dated filing beats an undated one analysed later. */
  put_dated(store, "beta_dated.pdf", "Beta", "2020-01-31");
  put_dated(store, "beta_undated.pdf", "Beta", NULL);
  /* Gamma: without dates, the last analysed wins. */
  put_dated(store, "gamma_1.pdf", "Gamma", NULL);
  put_dated(store, "gamma_2.pdf", "Gamma", NULL);

  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  assert_true(rsk_read_foreach_filing(store, RSK_READ_LATEST_PER_COMPANY,
                                      count_filing, names, &error));
  assert_int_equal(names->len, 3);
  assert_string_equal(g_ptr_array_index(names, 0), "apple_fy2025.pdf");
  assert_string_equal(g_ptr_array_index(names, 1), "beta_dated.pdf");
  assert_string_equal(g_ptr_array_index(names, 2), "gamma_2.pdf");
  g_ptr_array_unref(names);

  rsk_analysis *a = rsk_analysis_load(store, 2, &error);
  assert_non_null(a);
  assert_string_equal(a->info.period_end, "2025-09-27");
  rsk_analysis_free(a);
  rsk_store_close(store);
}

static void filings_resolve_by_stored_path_and_by_base_name_of_a_path(
    void **state)
{
  (void)state;
  const char *names[] = {"alpha.pdf", "beta.pdf", NULL};
  g_autofree char *path = db_with("paths.db", names, "Acme AI");
  g_autoptr(GError) error = NULL;
  rsk_store *store = rsk_store_open(path, TRUE, &error);

  /* fixture_new() stores the path "/data/NAME". */
  assert_int_equal(resolve(store, "/data/alpha.pdf", &error), 1);
  assert_int_equal(resolve(store, "/work/shared/corpus/beta.pdf", &error), 2);
  assert_int_equal(resolve(store, "../corpus/alpha.pdf", &error), 1);
  assert_null(error);

  assert_int_equal(resolve(store, "/data/gamma.pdf", &error), 0);
  assert_int_equal(error->code, RSK_ERROR_NOT_FOUND);
  g_clear_error(&error);
  rsk_store_close(store);
}

static void a_short_hex_filing_says_a_sha256_prefix_needs_four_digits(
    void **state)
{
  (void)state;
  const char *names[] = {"alpha.pdf", NULL};
  g_autofree char *path = db_with("short.db", names, "Acme AI");
  g_autoptr(GError) error = NULL;
  rsk_store *store = rsk_store_open(path, TRUE, &error);

  assert_int_equal(resolve(store, "fe9", &error), 0);
  assert_int_equal(error->code, RSK_ERROR_NOT_FOUND);
  assert_non_null(strstr(error->message, "\"fe9\" (a sha256 prefix needs at "
                                         "least 4 hex digits)"));
  g_clear_error(&error);
  /* A number is an id, not a short prefix. */
  assert_int_equal(resolve(store, "99", &error), 0);
  assert_null(strstr(error->message, "hex digits"));
  rsk_store_close(store);
}

static void merging_copies_filings_without_duplicates(void **state)
{
  (void)state;
  const char *left[] = {"a.pdf", "b.pdf", NULL};
  const char *right[] = {"b.pdf", "c.pdf", NULL};
  g_autofree char *a = db_with("left.db", left, "Left Co");
  g_usleep(5000);  /* right.db analyses b.pdf later */
  g_autofree char *b = db_with("right.db", right, "Right Co");
  g_autofree char *out = fixture_db_path("out.db");
  g_autoptr(GError) error = NULL;
  rsk_merge_counts counts = {0};

  rsk_store *target = rsk_store_open(out, FALSE, &error);
  rsk_store *src = rsk_store_open(a, TRUE, &error);
  assert_true(rsk_store_merge(target, src, &counts, &error));
  rsk_store_close(src);
  src = rsk_store_open(b, TRUE, &error);
  assert_true(rsk_store_merge(target, src, &counts, &error));
  rsk_store_close(src);
  /* right.db analysed b.pdf later than left.db: it replaces it. */
  assert_int_equal(counts.added, 3);
  assert_int_equal(counts.replaced, 1);
  assert_int_equal(counts.skipped, 0);

  /* Again: nothing new. */
  counts = (rsk_merge_counts){0};
  src = rsk_store_open(a, TRUE, &error);
  assert_true(rsk_store_merge(target, src, &counts, &error));
  rsk_store_close(src);
  assert_int_equal(counts.added, 0);
  assert_int_equal(counts.replaced, 0);
  assert_int_equal(counts.skipped, 2);

  /* The copy is complete, down to evidence. */
  gint64 id = rsk_read_resolve_filing(target, "c.pdf", &error);
  rsk_analysis *copy = rsk_analysis_load(target, id, &error);
  assert_non_null(copy);
  assert_string_equal(copy->info.company, "Right Co");
  assert_int_equal(copy->risks->len, 3);
  assert_int_equal(copy->tags->len, 6);
  assert_int_equal(copy->evidence->len, 9);
  assert_int_equal(copy->regulations->len, 6);
  assert_int_equal(copy->info.flags->len, 1);
  /* Page marks too: "risk 3." of risk 3 was printed on page 14. */
  assert_int_equal(copy->page_marks->len, 6);
  const rsk_analysis_risk *third = rsk_analysis_risk_at(copy, 2);
  assert_int_equal(third->n_marks, 2);
  assert_int_equal(rsk_analysis_page_at(copy, third, 7), 13);
  assert_int_equal(rsk_analysis_page_at(copy, third, 8), 14);
  assert_int_equal(rsk_read_page_at(target, third->id, 8, &error), 14);
  rsk_store_close(target);

  src = rsk_store_open(b, TRUE, &error);
  gint64 src_id = rsk_read_resolve_filing(src, "c.pdf", &error);
  rsk_analysis *orig = rsk_analysis_load(src, src_id, &error);
  assert_string_equal(copy->info.analyzed_at, orig->info.analyzed_at);
  assert_string_equal(rsk_analysis_risk_at(copy, 2)->body,
                      rsk_analysis_risk_at(orig, 2)->body);
  rsk_analysis_free(orig);
  rsk_analysis_free(copy);
  rsk_store_close(src);

  assert_int_equal(fixture_sql_int(out, "SELECT count(*) FROM filings"), 3);
  assert_int_equal(fixture_sql_int(out, "SELECT count(*) FROM risk_factors"), 9);
  assert_int_equal(fixture_sql_int(out, "SELECT count(*) FROM risk_factor_pages"), 18);
  assert_int_equal(fixture_sql_int(out, "SELECT count(*) FROM companies"), 2);
  assert_int_equal(fixture_sql_int(out,
      "SELECT count(*) FROM filings f JOIN companies c ON c.id = f.company_id "
      "WHERE f.name = 'b.pdf' AND c.name = 'Right Co'"), 1);
}

/* FX's risk I (0-based) with BODY and the page marks MARKS (N of them). */
static void set_body(fixture *fx, guint i, const char *body,
                     const rsk_page_mark *marks, guint n)
{
  rsk_filing *f = fx->filing;
  rsk_risk_factor *risk = &g_array_index(f->risks, rsk_risk_factor, i);
  risk->body = rsk_filing_intern(f, body);
  risk->first_mark = f->page_marks->len;
  risk->n_marks = n;
  g_array_append_vals(f->page_marks, marks, n);
}

static void page_marks_round_trip_through_put_read_and_lookup(void **state)
{
  (void)state;
  g_autofree char *path = fixture_db_path("pages.db");
  g_autoptr(GError) error = NULL;
  rsk_store *store = rsk_store_open(path, FALSE, &error);
  fixture *fx = fixture_new("pages.pdf", "pages", 3);
  /* Heading alone at the foot of page 20: two marks at offset 0, the
   * later one is where the body was printed. */
  const rsk_page_mark marks[] = {{0, 20}, {0, 21}, {30, 22}, {61, 23}};
  set_body(fx, 0,
           "The first part, on page 21...\nThe second part, on page 22...\n"
           "The third part, on page 23.", marks, G_N_ELEMENTS(marks));
  g_array_index(fx->filing->risks, rsk_risk_factor, 0).page_start = 20;
  g_array_index(fx->filing->risks, rsk_risk_factor, 0).page_end = 23;
  /* Risk 2 without marks, as stored before schema version 2. */
  g_array_index(fx->filing->risks, rsk_risk_factor, 1).n_marks = 0;
  gint64 id = 0;
  assert_true(fixture_put(store, fx, &id, &error));
  assert_true(fixture_put(store, fx, &id, &error));  /* replaced, not doubled */
  assert_int_equal(fixture_sql_int(path, "SELECT count(*) FROM risk_factor_pages"), 5);

  rsk_analysis *a = rsk_analysis_load(store, id, &error);
  assert_non_null(a);
  const rsk_analysis_risk *r = rsk_analysis_risk_at(a, 0);
  assert_int_equal(r->n_marks, 3);
  const rsk_page_mark *m = rsk_analysis_marks_of(a, r);
  assert_int_equal(m[0].offset, 0);
  assert_int_equal(m[0].page, 21);
  assert_int_equal(m[2].offset, 61);
  assert_int_equal(m[2].page, 23);
  const struct { guint offset; int page; } cases[] = {
    {0, 21}, {29, 21}, {30, 22}, {60, 22}, {61, 23}, {5000, 23},
  };
  for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
    assert_int_equal(rsk_analysis_page_at(a, r, cases[i].offset), cases[i].page);
    assert_int_equal(rsk_read_page_at(store, r->id, cases[i].offset, &error),
                     cases[i].page);
    assert_null(error);
  }
  /* No marks: the risk factor's first page. */
  r = rsk_analysis_risk_at(a, 1);
  assert_int_equal(r->n_marks, 0);
  assert_null(rsk_analysis_marks_of(a, r));
  assert_int_equal(rsk_analysis_page_at(a, r, 10), 12);
  assert_int_equal(rsk_read_page_at(store, r->id, 10, &error), 12);
  r = rsk_analysis_risk_at(a, 2);
  assert_int_equal(rsk_read_page_at(store, r->id, 9, &error), 14);
  rsk_analysis_free(a);

  assert_int_equal(rsk_read_page_at(store, 999, 0, &error), 0);
  assert_int_equal(error->code, RSK_ERROR_NOT_FOUND);
  g_autofree char *expected =
      g_strdup_printf("DB %s: no risk factor with id 999", path);
  assert_string_equal(error->message, expected);
  rsk_store_close(store);
  fixture_free(fx);
}

static void a_snippets_first_match_is_found_in_the_body(void **state)
{
  (void)state;
  const char *body = "Data rules apply. We store data abroad.\n"
                     "More data is stored here, and export controls apply.";
  const char *second = strstr(body, "data abroad");
  const char *third = strstr(body, "data is");

  /* The marked word with its neighbours, not its first occurrence. */
  assert_int_equal(rsk_search_match_offset(body,
      "\xe2\x80\xa6 We store \x02" "data\x03 abroad. More \x02" "data\x03 is\xe2\x80\xa6"),
      second - body);
  /* Newlines of the body are spaces in the snippet. */
  assert_int_equal(rsk_search_match_offset(body,
      "\xe2\x80\xa6" "abroad. More \x02" "data\x03 is stored here\xe2\x80\xa6"),
      third - body);
  /* Right after the cut. */
  assert_int_equal(rsk_search_match_offset(body,
      "\xe2\x80\xa6\x02" "data\x03 is stored"), third - body);
  /* A phrase. */
  assert_int_equal(rsk_search_match_offset(body,
      "\xe2\x80\xa6 and \x02" "export controls\x03 apply."),
      strstr(body, "export controls") - body);
  /* Context the body does not hold: the nearest window that it does. */
  assert_int_equal(rsk_search_match_offset(body,
      "More \x02" "data\x03 is stored here, but different words follow"),
      third - body);
  /* Nothing around it fits: the first occurrence. */
  assert_int_equal(rsk_search_match_offset(body, "zz \x02" "data\x03 zz"),
                   strstr(body, "data") - body);
  /* The match is in the heading only, or not in the body at all. */
  assert_int_equal(rsk_search_match_offset(body, "Data rules apply. We\xe2\x80\xa6"), -1);
  assert_int_equal(rsk_search_match_offset(body, "\x02nowhere\x03"), -1);
  assert_int_equal(rsk_search_match_offset(NULL, "\x02x\x03"), -1);
}

static void assert_normalized(const char *query, const char *expected)
{
  g_autofree char *got = rsk_search_query_normalize(query);
  if (strcmp(got, expected) != 0)
    print_message("query: %s\n", query ? query : "(null)");
  assert_string_equal(got, expected);
}

static void search_queries_quote_bare_words_with_punctuation(void **state)
{
  (void)state;
  assert_normalized("U.S.", "\"U.S.\"");
  assert_normalized("AI-related", "\"AI-related\"");
  assert_normalized("Nvidia's", "\"Nvidia's\"");
  assert_normalized("c++", "\"c++\"");
  assert_normalized("R&D a,b", "\"R&D\" \"a,b\"");
  assert_normalized("U.S.* export", "\"U.S.\"* export");
  assert_normalized("nocolumn:x", "\"nocolumn:x\"");
  assert_normalized("heading:U.S.", "heading:\"U.S.\"");
  assert_normalized("Body:AI-related", "Body:\"AI-related\"");
  assert_normalized("(privacy OR U.S.) NOT U.K.",
                    "(privacy OR \"U.S.\") NOT \"U.K.\"");
  assert_normalized("NEAR(U.S. export, 5)", "NEAR(\"U.S.\" export, 5)");
}

static void search_queries_keep_fts5_syntax_as_typed(void **state)
{
  (void)state;
  const char *kept[] = {
    "\"export controls\" AND china",
    "\"U.S. export\"* OR \"say \"\"hi\"\" x\"",
    "regulat* NOT data_centre",
    "heading:companion body:regulat* heading:\"risk 1\"",
    "one + two",
    "NEAR(a b, 10) OR NEAR(\"x y\" z)",
    "Gesetz \xc3\xbc" "ber KI donn\xc3\xa9" "es",
    "  spaced   out\t",
    "and or not near",
    /* Malformed, for FTS5 to reject. */
    "\"export controls",
    "AND",
    "privacy AND",
    "(privacy",
    "",
  };
  for (gsize i = 0; i < G_N_ELEMENTS(kept); i++)
    assert_normalized(kept[i], kept[i]);
  assert_normalized(NULL, "");
}

static const rsk_search_hit *only_hit(rsk_search_result *res)
{
  assert_non_null(res);
  assert_int_equal(res->hits->len, 1);
  return &g_array_index(res->hits, rsk_search_hit, 0);
}

static void a_search_hit_carries_the_page_of_its_match(void **state)
{
  (void)state;
  g_autofree char *path = fixture_db_path("search.db");
  g_autoptr(GError) error = NULL;
  rsk_store *store = rsk_store_open(path, FALSE, &error);
  fixture *fx = fixture_new("search.pdf", "search", 2);
  const char *body = "Our chips need licences on page ten.\n"
                     "Quantum annealers follow on page eleven, with chips again.";
  const rsk_page_mark marks[] = {{0, 11}, {37, 12}};
  set_body(fx, 0, body, marks, 2);
  assert_true(fixture_put(store, fx, NULL, &error));

  rsk_search_result *res = rsk_read_search(store, "annealers", NULL, NULL, 0, &error);
  const rsk_search_hit *hit = only_hit(res);
  assert_int_equal(hit->page, 12);
  assert_int_equal(hit->page_start, 11);
  assert_int_equal(hit->page_end, 12);
  rsk_search_result_free(res);
  /* The first match of the snippet decides. */
  res = rsk_read_search(store, "chips", NULL, NULL, 0, &error);
  assert_int_equal(only_hit(res)->page, 11);
  rsk_search_result_free(res);
  /* In the heading only: the risk factor's first page. */
  res = rsk_read_search(store, "heading:\"risk 1\"", NULL, NULL, 0, &error);
  assert_int_equal(only_hit(res)->page, 11);
  rsk_search_result_free(res);
  rsk_store_close(store);
  fixture_free(fx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(filings_resolve_by_id_name_and_sha256_prefix),
    cmocka_unit_test(an_ambiguous_filing_lists_the_candidates),
    cmocka_unit_test(latest_per_company_keeps_each_companys_newest),
    cmocka_unit_test(latest_per_company_is_the_newest_document_not_the_last_analysed),
    cmocka_unit_test(filings_resolve_by_stored_path_and_by_base_name_of_a_path),
    cmocka_unit_test(a_short_hex_filing_says_a_sha256_prefix_needs_four_digits),
    cmocka_unit_test(merging_copies_filings_without_duplicates),
    cmocka_unit_test(page_marks_round_trip_through_put_read_and_lookup),
    cmocka_unit_test(a_snippets_first_match_is_found_in_the_body),
    cmocka_unit_test(a_search_hit_carries_the_page_of_its_match),
    cmocka_unit_test(search_queries_quote_bare_words_with_punctuation),
    cmocka_unit_test(search_queries_keep_fts5_syntax_as_typed),
  };
  return cmocka_run_group_tests(tests, NULL, fixture_teardown);
}
