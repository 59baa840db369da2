/* test_fuzz_regressions.c - every input a fuzzer crashed on, replayed
 *
 * tests/data/fuzz/ holds the minimised inputs of the crashes that fuzz/
 * found, one file each, named by target:
 *   taxonomy-*.json  given to `riskscope analyze --taxonomy FILE GOOD`:
 *                    refused with one error line naming the file;
 *   pdf-*, html-*    given to `riskscope analyze FILE GOOD`: analysed or
 *                    refused, never a crash, and GOOD is stored;
 *   segment-*        decoded as fuzz_segment does (fuzz/line_stream.h) and
 *                    segmented in this process.
 * No sanitizer report may appear (CI runs this under ASan and UBSan).
 *
 * SPDX-License-Identifier: MIT
 */
#include "line_stream.h"
#include "robust.h"
#include "segment.h"

#include <glib/gstdio.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <setjmp.h>
#include <cmocka.h>

static GPtrArray *inputs(const char *prefix)
{
  GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
  char *dir = g_build_filename(robust_data_dir(), "fuzz", NULL);
  GDir *d = g_dir_open(dir, 0, NULL);
  const char *name;
  while (d && (name = g_dir_read_name(d)))
    if (g_str_has_prefix(name, prefix))
      g_ptr_array_add(out, g_build_filename(dir, name, NULL));
  if (d)
    g_dir_close(d);
  g_free(dir);
  return out;
}

static void taxonomy_crash_inputs_are_refused_cleanly(void **state)
{
  (void)state;
  GPtrArray *files = inputs("taxonomy-");
  char *dir = robust_dir_new();
  char *good = robust_good_pdf(dir, "good.pdf", 1, 4);
  char *db = g_build_filename(dir, "fuzz.db", NULL);
  for (guint i = 0; i < files->len; i++) {
    const char *path = files->pdata[i];
    const char *args[] = {"analyze", "--db", db, "--taxonomy", path, good, NULL};
    int status = -1;
    char *err = NULL;
    printf("# %s\n", path);
    assert_true(run_riskscope(args, &status, NULL, &err));
    assert_int_equal(status, 1);
    char *base = g_path_get_basename(path);
    assert_one_error(err, base, (const char *const[]){"taxonomy", "category", "rule", NULL});
    g_free(base);
    g_free(err);
  }
  robust_dir_free(dir);
  g_free(good);
  g_free(db);
  g_ptr_array_unref(files);
}

/* Runs analyze on each input named PREFIX* with a good filing after it. */
static void analyze_crash_inputs(const char *prefix)
{
  GPtrArray *files = inputs(prefix);
  char *dir = robust_dir_new();
  char *good = robust_good_pdf(dir, "good.pdf", 1, 4);
  char *db = g_build_filename(dir, "fuzz.db", NULL);
  for (guint i = 0; i < files->len; i++) {
    const char *path = files->pdata[i];
    const char *args[] = {"analyze", "--db", db, path, good, NULL};
    int status = -1;
    char *err = NULL;
    printf("# %s\n", path);
    assert_true(run_riskscope(args, &status, NULL, &err));
    if (status > 1 || strstr(err, "Sanitizer") || strstr(err, "runtime error:"))
      print_error("exit status %d; stderr:\n%s\n", status, err);
    assert_in_range(status, 0, 1);
    assert_null(strstr(err, "Sanitizer"));
    assert_null(strstr(err, "runtime error:"));
    assert_int_equal(db_count_filings(db, "good.pdf"), 1);
    g_free(err);
  }
  robust_dir_free(dir);
  g_free(good);
  g_free(db);
  g_ptr_array_unref(files);
}

static void pdf_crash_inputs_do_not_crash_analyze(void **state)
{
  (void)state;
  analyze_crash_inputs("pdf-");
}

static void html_crash_inputs_do_not_crash_analyze(void **state)
{
  (void)state;
  analyze_crash_inputs("html-");
}

static void segment_crash_inputs_are_segmented(void **state)
{
  (void)state;
  GPtrArray *files = inputs("segment-");
  for (guint i = 0; i < files->len; i++) {
    char *data = NULL;
    gsize len = 0;
    printf("# %s\n", (const char *)files->pdata[i]);
    assert_true(g_file_get_contents(files->pdata[i], &data, &len, NULL));
    rsk_filing *filing = rsk_filing_new("fuzz.pdf");
    rsk_fuzz_lines_decode(filing, (const guint8 *)data, len);
    rsk_segment(filing);
    for (guint r = 0; r < filing->risks->len; r++) {
      const rsk_risk_factor *risk = &g_array_index(filing->risks, rsk_risk_factor, r);
      assert_true(risk->page_start >= 1 && risk->page_start <= risk->page_end);
      assert_true(risk->page_end <= filing->page_count);
      assert_true(risk->first_mark + risk->n_marks <= filing->page_marks->len);
    }
    rsk_filing_free(filing);
    g_free(data);
  }
  g_ptr_array_unref(files);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(taxonomy_crash_inputs_are_refused_cleanly),
    cmocka_unit_test(pdf_crash_inputs_do_not_crash_analyze),
    cmocka_unit_test(html_crash_inputs_do_not_crash_analyze),
    cmocka_unit_test(segment_crash_inputs_are_segmented),
  };
  int failed = cmocka_run_group_tests_name("robust_fuzz", tests, NULL, NULL);
  robust_cleanup();
  return failed;
}
