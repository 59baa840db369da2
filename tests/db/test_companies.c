/* test_companies.c - the company a user means by --companies; identity
 * stored, read back and migrated
 *
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "companies.h"
#include "fixture.h"
#include "rsk_error.h"

#include <string.h>

/* A database with one filing for each of these companies. */
static const struct {
  const char *company, *ticker, *stock_code, *cik, *company_zh;
} stored_companies[] = {
    {"Intel Corporation", "INTC", NULL, "0000050863", NULL},
    {"Lumenary Intelligence Inc.", NULL, NULL, NULL, NULL},
    {"ADVANCED MICRO DEVICES, INC.", "AMD", NULL, NULL, NULL},
    {"NetEase, Inc.", "NTES", "9999", NULL, "網易公司"},
    {"Harbor Crest Holdings Limited", NULL, "0700", NULL, NULL},
    {"Harbor Light Energy Corporation", "HLE", NULL, NULL, NULL},
};

static rsk_store *store_all(char **path)
{
  *path = fixture_db_path("companies.db");
  g_autoptr(GError) error = NULL;
  rsk_store *store = rsk_store_open(*path, FALSE, &error);
  assert_non_null(store);
  for (gsize i = 0; i < G_N_ELEMENTS(stored_companies); i++) {
    g_autofree char *name = g_strdup_printf("f%d.pdf", (int)i);
    fixture *fx = fixture_new(name, name, 1);
    fx->company = stored_companies[i].company;
    fx->filing->ticker = g_strdup(stored_companies[i].ticker);
    fx->filing->stock_code = g_strdup(stored_companies[i].stock_code);
    fx->filing->cik = g_strdup(stored_companies[i].cik);
    fx->filing->company_zh = g_strdup(stored_companies[i].company_zh);
    assert_true(fixture_put(store, fx, NULL, &error));
    fixture_free(fx);
  }
  return store;
}

/* The company ARG matches, or NULL with *ERROR. */
static char *match(const rsk_filing_list *list, const char *arg, GError **error)
{
  const char *args[] = {arg, NULL};
  g_autoptr(GArray) ids = rsk_match_companies(list, args, error);
  if (!ids)
    return NULL;
  assert_int_equal(ids->len, 1);
  for (guint i = 0; i < list->filings->len; i++) {
    const rsk_filing_info *f = &g_array_index(list->filings, rsk_filing_info, i);
    if (f->company_id == g_array_index(ids, gint64, 0))
      return g_strdup(f->company);
  }
  return NULL;
}

static void companies_match_exactly_then_by_unique_start(void **state)
{
  (void)state;
  g_autofree char *path = NULL;
  rsk_store *store = store_all(&path);
  g_autoptr(GError) error = NULL;
  rsk_filing_list *list = rsk_read_filings(store, RSK_READ_ALL, &error);
  assert_non_null(list);

  static const struct {
    const char *arg, *company;
  } cases[] = {
      {"Intel", "Intel Corporation"},              /* key, not "Intelligence" */
      {"intel corporation", "Intel Corporation"},  /* the name, any case */
      {"amd", "ADVANCED MICRO DEVICES, INC."},     /* a ticker */
      {"Advanced Micro Devices Inc", "ADVANCED MICRO DEVICES, INC."},
      {"advanced micro", "ADVANCED MICRO DEVICES, INC."},  /* a start */
      {"9999", "NetEase, Inc."},                   /* a stock code */
      {"700", "Harbor Crest Holdings Limited"},    /* "0700" as a number */
      {"50863", "Intel Corporation"},              /* a CIK */
      {"網易公司", "NetEase, Inc."},                /* the Chinese name */
      {"Lumenary", "Lumenary Intelligence Inc."},
      {"harbor light", "Harbor Light Energy Corporation"},
  };
  for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
    g_autofree char *got = match(list, cases[i].arg, &error);
    if (!got)
      fail_msg("\"%s\": %s", cases[i].arg, error->message);
    assert_string_equal(got, cases[i].company);
  }

  /* An ambiguous start names the candidates. */
  g_autofree char *none = match(list, "Harbor", &error);
  assert_null(none);
  assert_true(g_error_matches(error, RSK_ERROR, RSK_ERROR_USAGE));
  assert_non_null(strstr(error->message, "company \"Harbor\" is ambiguous"));
  assert_non_null(strstr(error->message, "\"Harbor Crest Holdings Limited\""));
  assert_non_null(strstr(error->message, "\"Harbor Light Energy Corporation\" (HLE)"));
  g_clear_error(&error);

  /* A part inside a name is no match. */
  g_autofree char *inside = match(list, "Intelligence", &error);
  assert_null(inside);
  assert_true(g_error_matches(error, RSK_ERROR, RSK_ERROR_NOT_FOUND));
  assert_non_null(strstr(error->message, "no stored company matches \"Intelligence\""));
  g_clear_error(&error);

  /* A name with a comma arrives split at it; repeats are dropped. */
  const char *split[] = {"ADVANCED MICRO DEVICES", " INC.", "AMD", "NTES", NULL};
  g_autoptr(GArray) ids = rsk_match_companies(list, split, &error);
  assert_non_null(ids);
  assert_int_equal(ids->len, 2);

  rsk_filing_list_free(list);
  rsk_store_close(store);
}

static void identity_is_stored_and_read_back(void **state)
{
  (void)state;
  g_autofree char *path = NULL;
  rsk_store *store = store_all(&path);
  g_autoptr(GError) error = NULL;
  rsk_analysis *a = rsk_analysis_load(store, 4, &error);
  assert_non_null(a);
  assert_string_equal(a->info.company, "NetEase, Inc.");
  assert_string_equal(a->info.company_zh, "網易公司");
  assert_string_equal(a->info.ticker, "NTES");
  assert_string_equal(a->info.stock_code, "9999");
  assert_null(a->info.cik);
  rsk_analysis_free(a);

  /* --ticker: the store's analysis overrides the filing's ticker. */
  fixture *fx = fixture_new("g.pdf", "g", 1);
  fx->filing->ticker = g_strdup("OLD");
  rsk_store_analysis analysis = {
    .filing = fx->filing, .company = "Gamma Ltd", .ticker = "GMMA",
    .results = fx->results, .taxonomy_name = "t", .taxonomy_version = "1.0",
  };
  gint64 id = 0;
  assert_true(rsk_store_put_filing(store, &analysis, &id, &error));
  fixture_free(fx);
  a = rsk_analysis_load(store, id, &error);
  assert_string_equal(a->info.ticker, "GMMA");
  rsk_analysis_free(a);
  rsk_store_close(store);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(companies_match_exactly_then_by_unique_start),
    cmocka_unit_test(identity_is_stored_and_read_back),
  };
  return cmocka_run_group_tests(tests, NULL, fixture_teardown);
}
