/* test_identity_cli.c - identity through the built riskscope: analyze
 * stores ticker, stock code and the weak-name flag; list, show and export
 * show them; --companies takes tickers and codes everywhere
 *
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixtures.h"
#include "pdfgen.h"
#include "robust.h"

#include <glib/gstdio.h>
#include <string.h>

static char *dir, *db;

/* Runs riskscope ARGS... --db DB; its exit status, output in *OUT, errors
 * in *ERR (both may be NULL: freed). */
static int riskscope(char **out, char **err, const char *first, ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new();
  va_list ap;
  va_start(ap, first);
  for (const char *a = first; a; a = va_arg(ap, const char *))
    g_ptr_array_add(args, (gpointer)a);
  va_end(ap);
  g_ptr_array_add(args, "--db");
  g_ptr_array_add(args, db);
  g_ptr_array_add(args, NULL);
  int status = -1;
  if (!run_riskscope((const char *const *)args->pdata, &status, out, err))
    fail_msg("cannot run riskscope");
  return status;
}

/* Three filings: Meridian's 10-K (no ticker printed: --ticker mns), the
 * same 10-K with a placeholder where the name goes (so the file name
 * names it), SinoVerse's final prospectus ("Stock code: 2788"). */
static int setup(void **state)
{
  (void)state;
  GError *error = NULL;
  if (!g_getenv("RISKSCOPE_EXE")) {
    print_message("SKIP: RISKSCOPE_EXE not set\n");
    return -1;
  }
  dir = robust_dir_new();
  db = g_build_filename(dir, "id.db", NULL);
  g_autofree char *meridian = g_build_filename(dir, "meridian_10k.pdf", NULL);
  g_autofree char *logo = g_build_filename(dir, "logo_10k.pdf", NULL);
  g_autofree char *sinoverse = g_build_filename(dir, "sinoverse_prospectus.pdf", NULL);
  rsk_fx_truth *t = rsk_fixture_us_10k(meridian, NULL, &error);
  assert_non_null(t);
  rsk_fx_truth_free(t);
  rsk_fx_doc nameless = rsk_meridian_doc;
  nameless.company = "[LOGO]";
  t = rsk_fx_generate(&nameless, NULL, logo, &error);
  assert_non_null(t);
  rsk_fx_truth_free(t);
  rsk_fx_options final;
  rsk_fx_options_init(&final);
  final.application_proof = FALSE;
  t = rsk_fx_generate(&rsk_sinoverse_doc, &final, sinoverse, &error);
  assert_non_null(t);
  rsk_fx_truth_free(t);
  rsk_pdf_shutdown();

  g_autofree char *err = NULL;
  if (riskscope(NULL, &err, "analyze", "--ticker", "mns", meridian, NULL) != 0)
    fail_msg("analyze: %s", err);
  g_clear_pointer(&err, g_free);
  if (riskscope(NULL, &err, "analyze", logo, sinoverse, NULL) != 0)
    fail_msg("analyze: %s", err);
  assert_non_null(strstr(err, "riskscope: logo_10k.pdf: warning: company_from_file_name"));
  return 0;
}

static int teardown(void **state)
{
  (void)state;
  robust_dir_free(dir);
  g_free(db);
  return 0;
}

static void list_and_show_carry_the_identity(void **state)
{
  (void)state;
  g_autofree char *list = NULL, *json = NULL, *shown = NULL, *code = NULL,
                  *logo = NULL;
  assert_int_equal(riskscope(&list, NULL, "list", NULL), 0);
  assert_non_null(strstr(list, "TICKER"));
  assert_non_null(strstr(list, " MNS "));
  assert_non_null(strstr(list, " 2788 "));
  assert_int_equal(riskscope(&json, NULL, "list", "--format", "json", NULL), 0);
  assert_non_null(strstr(json, "\"ticker\":\t\"MNS\""));
  assert_non_null(strstr(json, "\"stock_code\":\t\"2788\""));
  assert_non_null(strstr(json, "\"company_from_file_name\""));
  assert_int_equal(riskscope(&shown, NULL, "show", "meridian_10k.pdf", NULL), 0);
  assert_non_null(strstr(shown, "  Company       MERIDIAN NEURAL SYSTEMS, INC.\n"));
  assert_non_null(strstr(shown, "  Ticker        MNS\n"));
  assert_int_equal(riskscope(&code, NULL, "show", "sinoverse_prospectus.pdf", NULL), 0);
  assert_non_null(strstr(code, "  Stock code    2788\n"));
  assert_int_equal(riskscope(&logo, NULL, "show", "logo_10k.pdf", NULL), 0);
  assert_non_null(strstr(logo, "  Company       logo\n"));
  assert_non_null(strstr(logo, "!! SANITY FLAG: company_from_file_name"));
}

static void companies_are_named_by_ticker_code_or_start(void **state)
{
  (void)state;
  g_autofree char *csv = NULL, *prefix = NULL, *err = NULL;
  assert_int_equal(riskscope(&csv, NULL, "compare", "--companies", "2788,mns",
                             "--format", "csv", NULL), 0);
  g_auto(GStrv) rows = g_strsplit(csv, "\r\n", -1);
  assert_true(g_str_has_prefix(rows[1], "\"SINOVERSE INTELLIGENCE TECHNOLOGY CO., LTD.\","));
  assert_true(g_str_has_prefix(rows[2], "\"MERIDIAN NEURAL SYSTEMS, INC.\","));
  assert_int_equal(riskscope(&prefix, NULL, "compare", "--companies", "meridian neural",
                             "--format", "csv", NULL), 0);
  assert_non_null(strstr(prefix, "MERIDIAN"));
  assert_null(strstr(prefix, "SINOVERSE"));
  /* A part inside a name matches nothing. */
  assert_int_equal(riskscope(NULL, &err, "compare", "--companies", "neural", NULL), 1);
  assert_non_null(strstr(err, "no stored company matches \"neural\" (stored: "));
  assert_non_null(strstr(err, "\"MERIDIAN NEURAL SYSTEMS, INC.\" (MNS)"));
}

static void search_and_export_take_tickers_and_codes(void **state)
{
  (void)state;
  g_autofree char *hits = NULL, *jsonl = NULL, *csv = NULL;
  assert_int_equal(riskscope(&hits, NULL, "search", "export*", "--companies", "MNS",
                             "--format", "json", NULL), 0);
  assert_non_null(strstr(hits, "MERIDIAN"));
  assert_null(strstr(hits, "SINOVERSE"));
  assert_int_equal(riskscope(&jsonl, NULL, "export", "--companies", "2788", NULL), 0);
  g_auto(GStrv) lines = g_strsplit(jsonl, "\n", -1);
  assert_true(g_strv_length(lines) > 5);
  for (char **l = lines; *l && **l; l++) {
    assert_non_null(strstr(*l, "\"company\":\"SINOVERSE INTELLIGENCE TECHNOLOGY CO., LTD.\""));
    assert_non_null(strstr(*l, "\"stock_code\":\"2788\""));
  }
  assert_int_equal(riskscope(&csv, NULL, "export", "--format", "csv", "--companies",
                             "mns", NULL), 0);
  assert_true(g_str_has_prefix(csv, "filing_id,filing,sha256,company,"));
  assert_non_null(strstr(csv, ",body,page_start_label,page_end_label,flags,ticker,stock_code,cik,company_zh\r\n"));
  assert_non_null(strstr(csv, ",MNS,,,\r\n"));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(list_and_show_carry_the_identity),
    cmocka_unit_test(companies_are_named_by_ticker_code_or_start),
    cmocka_unit_test(search_and_export_take_tickers_and_codes),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
