/* test_options.c - option parsing: ranges, attached values, "--", repeats
 *
 * SPDX-License-Identifier: MIT
 */
#include "robust.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <setjmp.h>
#include <cmocka.h>

typedef struct {
  char *dir;
  char *db;
  char *pdf;
  robust_result r;
} fixture;

#define EXPECT(f, want, ...) ROBUST_EXPECT(&(f)->r, want, __VA_ARGS__)

static int group_setup(void **state)
{
  fixture *f = g_new0(fixture, 1);
  f->dir = robust_dir_new();
  f->db = g_build_filename(f->dir, "options.db", NULL);
  f->pdf = robust_good_pdf(f->dir, "filing.pdf", 1, 6);
  *state = f;
  return 0;
}

static int group_teardown(void **state)
{
  fixture *f = *state;
  robust_dir_free(f->dir);
  g_free(f->db);
  g_free(f->pdf);
  robust_result_clear(&f->r);
  g_free(f);
  robust_cleanup();
  return 0;
}

static void jobs_given_as_j1_are_accepted(void **state)
{
  fixture *f = *state;
  EXPECT(f, 0, "analyze", "-j1", "--db", f->db, f->pdf);
  assert_non_null(strstr(f->r.out, "filing.pdf: [1]"));
  EXPECT(f, 0, "extract", "-j2", "-p1", f->pdf);
  assert_non_null(strstr(f->r.out, "RISK FACTORS"));
}

/* 4294967297 is 2^32 + 1: cast to int it was page 1. */
static void page_numbers_beyond_int_are_refused(void **state)
{
  fixture *f = *state;
  static const char *const ranges[] = {"4294967297", "1-4294967297",
                                       "99999999999999999999", "4294967297-"};
  for (guint i = 0; i < G_N_ELEMENTS(ranges); i++) {
    EXPECT(f, 2, "extract", "--pages", ranges[i], f->pdf);
    assert_non_null(strstr(f->r.err, "bad page range"));
    assert_string_equal(f->r.out, "");
  }
}

static void double_dash_ends_the_options(void **state)
{
  fixture *f = *state;
  EXPECT(f, 0, "analyze", "--db", f->db, f->pdf);
  /* A query starting with "-" is a query, not an option. */
  EXPECT(f, 0, "search", "--db", f->db, "--", "-algorithm");
  EXPECT(f, 0, "search", "--db", f->db, "--format", "json", "--", "--db");
  assert_string_equal(f->r.out, "[]\n");
}

static void a_filing_named_twice_is_compared_once(void **state)
{
  fixture *f = *state;
  EXPECT(f, 0, "analyze", "--db", f->db, f->pdf);
  EXPECT(f, 0, "compare", "--db", f->db, "--filings", "1,1,filing.pdf",
      "--format", "json");
  cJSON *json = cJSON_Parse(f->r.out);
  assert_non_null(json);
  assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(json, "rows")), 1);
  cJSON_Delete(json);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(jobs_given_as_j1_are_accepted),
    cmocka_unit_test(page_numbers_beyond_int_are_refused),
    cmocka_unit_test(double_dash_ends_the_options),
    cmocka_unit_test(a_filing_named_twice_is_compared_once),
  };
  return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
