/* test_html_cli.c - riskscope on HTML filings, end to end
 *
 * The built riskscope ($RISKSCOPE_EXE) runs on generated HTML filings and
 * bad files in one batch: each bad one gives one clear line and the
 * batch goes on; on the corpus's two edge cases (no risk section, an Item
 * 1A that reads "Not applicable"); and a 10-K and a later 10-Q of one
 * company, which compare and list must keep apart.
 *
 * SPDX-License-Identifier: MIT
 */
#include "html_fixtures.h"
#include "robust.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#define ARGS(...) ((const char *const[]){__VA_ARGS__, NULL})

static char *dir;

static int setup(void **state)
{
  (void)state;
  if (!g_getenv("RISKSCOPE_EXE"))
    return 0;
  dir = robust_dir_new();
  return 0;
}

static int teardown(void **state)
{
  (void)state;
  robust_dir_free(dir);
  return 0;
}

static void need_exe(void)
{
  if (!g_getenv("RISKSCOPE_EXE")) {
    print_message("SKIP: RISKSCOPE_EXE absent\n");
    skip();
  }
}

static char *in_dir(const char *name)
{
  return g_build_filename(dir, name, NULL);
}

/* The error lines of ERR (not warnings). */
static GPtrArray *error_lines(const char *err)
{
  GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
  char **lines = g_strsplit(err ? err : "", "\n", -1);
  for (char **l = lines; *l; l++)
    if (g_str_has_prefix(*l, "riskscope: ") && !strstr(*l, ": warning: "))
      g_ptr_array_add(out, g_strdup(*l));
  g_strfreev(lines);
  return out;
}

/* The one line of LINES that names NAME; fails unless it says REASON. */
static void expect_line(const GPtrArray *lines, const char *name, const char *reason)
{
  const char *found = NULL;
  for (guint i = 0; i < lines->len; i++)
    if (strstr(g_ptr_array_index(lines, i), name)) {
      if (found)
        fail_msg("two error lines name %s", name);
      found = g_ptr_array_index(lines, i);
    }
  if (!found || !strstr(found, reason))
    fail_msg("no error line names %s with \"%s\" (got: %s)", name, reason,
             found ? found : "none");
  printf("# %s\n", found);
}

static char *replace(const char *text, const char *from, const char *to)
{
  g_auto(GStrv) parts = g_strsplit(text, from, -1);
  assert_true(g_strv_length(parts) >= 2);
  return g_strjoinv(to, parts);
}

static void a_batch_of_bad_html_gives_one_line_each_and_stores_the_rest(void **state)
{
  (void)state;
  need_exe();
  g_autofree char *db = in_dir("batch.db");
  g_autofree char *good_html = html_fixture_10k(HTML_BOLD_CSS, HTML_PAGES_CSS_AFTER, 6);
  g_autofree char *good_txt = html_fixture_submission(good_html, TRUE);
  /* Cut before Item 1B, its closing tags and the signatures. */
  const char *item_1b = strstr(good_html, "Item 1B. Unresolved");
  assert_non_null(item_1b);
  g_autofree char *cut = g_strndup(good_html, (gsize)(item_1b - good_html));
  static const char binary[] = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00";
  g_autofree char *good = html_fixture_write(dir, "good.htm", good_html, -1);
  g_autofree char *txt = html_fixture_write(dir, "good_fullsubmission.txt", good_txt, -1);
  g_autofree char *truncated = html_fixture_write(dir, "truncated.htm", cut, -1);
  g_autofree char *empty = html_fixture_write(dir, "empty.htm", "", 0);
  g_autofree char *bin = html_fixture_write(dir, "image.htm", binary, sizeof binary);
  g_autofree char *none = html_fixture_write(
      dir, "no_risks.htm", "<html><body><p><b>FORM 10-K</b></p><p>Item 1. Business</p>"
      "<p>We make robots.</p></body></html>", -1);
  g_autofree char *na = html_fixture_write(
      dir, "not_applicable.htm", "<html><body><p><b>FORM 10-K</b></p>"
      "<p><b>Item 1A. Risk Factors</b></p><p>Not applicable.</p>"
      "<p><b>Item 1B. Unresolved Staff Comments</b></p></body></html>", -1);
  int status = 0;
  g_autofree char *err = NULL;
  assert_true(run_riskscope(ARGS("analyze", "--db", db, empty, good, bin, none, truncated,
                                 na, txt),
                            &status, NULL, &err));
  assert_int_equal(status, 1);
  GPtrArray *lines = error_lines(err);
  expect_line(lines, "empty.htm", "empty file");
  expect_line(lines, "image.htm", "not a PDF or HTML filing (binary data)");
  expect_line(lines, "no_risks.htm", "no Risk Factors section found");
  expect_line(lines, "not_applicable.htm", "reads \"Not applicable\"");
  if (lines->len != 4)
    fail_msg("%u error lines, not 4:\n%s", lines->len, err);
  g_ptr_array_unref(lines);
  assert_non_null(strstr(err, "truncated.htm: warning: truncated"));
  assert_int_equal(db_count_risks(db, "good.htm"), 6);
  assert_int_equal(db_count_risks(db, "good_fullsubmission.txt"), 6);
  assert_int_equal(db_count_risks(db, "truncated.htm"), 6);
  assert_int_equal(db_count_filings(db, "empty.htm"), 0);
  g_autofree char *dates = db_query_text(
      db, "SELECT doc_type || ' ' || period_end || ' ' || document_date FROM filings "
          "WHERE name = 'good.htm'");
  assert_string_equal(dates, "10-K 2024-12-31 2025-02-20");
}

static void extract_prints_an_html_filings_lines(void **state)
{
  (void)state;
  need_exe();
  g_autofree char *html = html_fixture_10k(HTML_BOLD_TAG, HTML_PAGES_HR, 5);
  g_autofree char *path = html_fixture_write(dir, "extract.htm", html, -1);
  int status = 0;
  g_autofree char *out = NULL, *err = NULL;
  assert_true(run_riskscope(ARGS("extract", path, "--pages", "4"), &status, &out, &err));
  assert_int_equal(status, 0);
  assert_non_null(strstr(out, "extract.htm: 7 pages, 10-K"));
  /* The heading, bold, in the face <font face> names, on page 4 only. */
  g_autofree char *want = g_strdup_printf("B--  %-24s %s", "Times New Roman",
                                          html_fixture_heading(2));
  if (!strstr(out, want) || strstr(out, html_fixture_heading(3)) || !strstr(out, "\np4 "))
    fail_msg("page 4 of extract.htm:\n%s", out);
}

static void a_10q_is_compared_only_when_asked(void **state)
{
  (void)state;
  need_exe();
  g_autofree char *db = in_dir("forms.db");
  g_autofree char *annual = html_fixture_10k(HTML_BOLD_CSS, HTML_PAGES_CSS_AFTER, 6);
  g_autofree char *q1 = replace(annual, "FORM 10-K", "FORM 10-Q");
  g_autofree char *q2 = replace(q1, "For the fiscal year ended December&nbsp;31, 2024",
                                "For the quarterly period ended March 31, 2025");
  g_autofree char *quarterly = replace(q2, "Date: February 20, 2025", "Date: May 1, 2025");
  g_autofree char *k = html_fixture_write(dir, "acme_10k.htm", annual, -1);
  g_autofree char *q = html_fixture_write(dir, "acme_10q.htm", quarterly, -1);
  int status = 0;
  assert_true(run_riskscope(ARGS("analyze", "--db", db, k, q), &status, NULL, NULL));
  assert_int_equal(status, 0);

  g_autofree char *out = NULL, *err = NULL;
  assert_true(run_riskscope(ARGS("list", "--db", db, "--latest", "--format", "json"),
                            &status, &out, &err));
  assert_int_equal(status, 0);
  assert_non_null(strstr(out, "acme_10k.htm"));
  assert_null(strstr(out, "acme_10q.htm"));
  assert_non_null(strstr(out, "\"document_date\":\t\"2025-02-20\""));
  g_clear_pointer(&out, g_free);
  g_clear_pointer(&err, g_free);
  assert_true(run_riskscope(ARGS("list", "--db", db, "--latest", "--forms", "10-Q,10-K",
                                 "--format", "json"), &status, &out, &err));
  assert_non_null(strstr(out, "acme_10q.htm"));
  assert_null(strstr(out, "acme_10k.htm"));
  g_clear_pointer(&out, g_free);
  g_clear_pointer(&err, g_free);
  assert_true(run_riskscope(ARGS("compare", "--db", db, "--include-flagged", "--format", "json"), &status, &out,
                            &err));
  assert_int_equal(status, 0);
  assert_non_null(strstr(out, "acme_10k.htm"));
  assert_null(strstr(out, "acme_10q.htm"));
  g_clear_pointer(&out, g_free);
  g_clear_pointer(&err, g_free);
  assert_true(run_riskscope(ARGS("compare", "--db", db, "--include-flagged", "--forms", "10-Q", "--format", "json"),
                            &status, &out, &err));
  assert_non_null(strstr(out, "acme_10q.htm"));
  g_clear_pointer(&out, g_free);
  g_clear_pointer(&err, g_free);
  assert_true(run_riskscope(ARGS("diff", "--db", db, "acme_10k.htm", "acme_10q.htm"), &status,
                            &out, &err));
  assert_int_equal(status, 0);
  assert_non_null(strstr(err, "warning: different forms (acme_10k.htm 10-K, acme_10q.htm 10-Q)"));
}

static void corpus_edge_cases_get_the_right_message(void **state)
{
  (void)state;
  need_exe();
  const char *corpus = g_getenv("RISKSCOPE_CORPUS");
  g_autofree char *none = corpus ? g_build_filename(corpus, "html",
      "medicispharmaceutical_10-k_fy1999.htm", NULL) : NULL;
  g_autofree char *na = corpus ? g_build_filename(corpus, "html",
      "commonwealthincomegrowthfundv_10-k_fy2015.htm", NULL) : NULL;
  if (!none || !g_file_test(none, G_FILE_TEST_EXISTS) || !g_file_test(na, G_FILE_TEST_EXISTS)) {
    print_message("SKIP: corpus HTML edge cases absent\n");
    skip();
  }
  g_autofree char *db = in_dir("edge.db");
  int status = 0;
  g_autofree char *err = NULL;
  assert_true(run_riskscope(ARGS("analyze", "--db", db, none, na), &status, NULL, &err));
  assert_int_equal(status, 1);
  GPtrArray *lines = error_lines(err);
  expect_line(lines, "medicispharmaceutical_10-k_fy1999.htm", "no Risk Factors section found");
  expect_line(lines, "commonwealthincomegrowthfundv_10-k_fy2015.htm",
              "the Risk Factors item reads \"Not applicable\"");
  assert_int_equal(lines->len, 2);
  g_ptr_array_unref(lines);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(a_batch_of_bad_html_gives_one_line_each_and_stores_the_rest),
      cmocka_unit_test(extract_prints_an_html_filings_lines),
      cmocka_unit_test(a_10q_is_compared_only_when_asked),
      cmocka_unit_test(corpus_edge_cases_get_the_right_message),
  };
  int failed = cmocka_run_group_tests(tests, setup, teardown);
  robust_cleanup();
  return failed;
}
