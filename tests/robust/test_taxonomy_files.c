/* test_taxonomy_files.c - riskscope on taxonomy files built to hurt it
 *
 * A file of 200,000 rules (the loader once compared every rule id with
 * every other: quadratic, minutes for 100,000), and patterns that match
 * the empty string, which `taxonomy check` must point out and analyze must
 * never store as evidence.
 *
 * SPDX-License-Identifier: MIT
 */
#include "robust.h"

#include <glib/gstdio.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <setjmp.h>
#include <cmocka.h>

typedef struct {
  char *dir;
  robust_result r;
} fixture;

static int setup(void **state)
{
  fixture *f = g_new0(fixture, 1);
  f->dir = robust_dir_new();
  *state = f;
  return 0;
}

static int teardown(void **state)
{
  fixture *f = *state;
  robust_dir_free(f->dir);
  robust_result_clear(&f->r);
  g_free(f);
  return 0;
}

static char *write_taxonomy(fixture *f, const char *name, const char *json)
{
  char *path = g_build_filename(f->dir, name, NULL);
  robust_write_file(path, json, strlen(json));
  return path;
}

/* RULES rules in one category and RULES / 10 regulations. */
static char *big_taxonomy(fixture *f, guint rules)
{
  GString *json = g_string_new("{\"name\": \"big\", \"version\": \"1\", "
                               "\"categories\": [{\"id\": \"big.one\", \"rules\": [");
  for (guint i = 0; i < rules; i++)
    g_string_append_printf(json, "%s{\"id\": \"r%u\", \"pattern\": \"\\\\bword%u\\\\b\"}",
                           i ? "," : "", i, i);
  g_string_append(json, "]}], \"regulations\": [");
  for (guint i = 0; i < rules / 10; i++)
    g_string_append_printf(json, "%s{\"id\": \"REG-%u\", \"name\": \"Act %u\", "
                           "\"categories\": [\"big.one\"], \"patterns\": [\"act%u\"]}",
                           i ? "," : "", i, i, i);
  g_string_append(json, "]}");
  char *path = write_taxonomy(f, "big.json", json->str);
  g_string_free(json, TRUE);
  return path;
}

static void taxonomy_of_200000_rules_is_checked(void **state)
{
  fixture *f = *state;
  g_autofree char *path = big_taxonomy(f, 200000);
  /* No time is asserted: quadratic loading ran into the run's watchdog
   * (exit 137); linear loading takes seconds. */
  ROBUST_EXPECT(&f->r, 0, "taxonomy", "check", path);
  assert_non_null(strstr(f->r.out, "200000 rules, 20000 regulations"));
}

static const char empty_json[] =
    "{\"name\": \"empty\", \"version\": \"1\", \"categories\": ["
    " {\"id\": \"ahead\", \"rules\": [{\"pattern\": \"(?=risk)\", \"weight\": 5}]},"
    " {\"id\": \"either\", \"rules\": [{\"id\": \"could\", \"pattern\": \"\\\\bcould\\\\b|\","
    "  \"weight\": 5}]}]}";

static void check_warns_of_patterns_matching_the_empty_string(void **state)
{
  fixture *f = *state;
  g_autofree char *path = write_taxonomy(f, "empty.json", empty_json);
  ROBUST_EXPECT(&f->r, 0, "taxonomy", "check", path);
  printf("# %s", f->r.err);
  assert_non_null(strstr(f->r.err, "empty.json: category \"ahead\": pattern 1: "
                                   "warning: \"(?=risk)\" can match the empty string"));
  assert_non_null(strstr(f->r.err, "empty.json: category \"either\": rule \"could\" "
                                   "(pattern 1): warning: \"\\bcould\\b|\" matches the "
                                   "empty string"));
  /* The built-in taxonomy has none. */
  ROBUST_EXPECT(&f->r, 0, "taxonomy", "check");
  assert_null(strstr(f->r.err, "warning"));
}

static void analyze_stores_no_empty_evidence(void **state)
{
  fixture *f = *state;
  g_autofree char *path = write_taxonomy(f, "empty.json", empty_json);
  g_autofree char *pdf = robust_good_pdf(f->dir, "filing.pdf", 1, 6);
  g_autofree char *db = g_build_filename(f->dir, "empty.db", NULL);
  ROBUST_EXPECT(&f->r, 0, "analyze", "--db", db, "--taxonomy", path, pdf);
  g_autofree char *empty = db_query_text(db, "SELECT count(*) FROM evidence "
                                             "WHERE length(text) = 0");
  g_autofree char *all = db_query_text(db, "SELECT count(*) FROM evidence");
  printf("# %s of %s evidence rows are empty\n", empty, all);
  assert_string_equal(empty, "0");
  assert_string_not_equal(all, "0");  /* "could" is still found */
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(taxonomy_of_200000_rules_is_checked, setup, teardown),
    cmocka_unit_test_setup_teardown(check_warns_of_patterns_matching_the_empty_string,
                                    setup, teardown),
    cmocka_unit_test_setup_teardown(analyze_stores_no_empty_evidence, setup, teardown),
  };
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  robust_cleanup();
  return failed;
}
