/* test_hostile_pdfs.c - small PDFs built to exhaust memory or time
 *
 * make_hostile_pdfs.py writes them (a few kilobytes each, expanding a
 * thousandfold in a reader): unbalanced "q" in a content stream shared by
 * 8 pages, a page with 2 million "q", text past what a page may hold, a
 * page of the largest size filled with text, forms nested 7 deep, a path
 * never painted, page-tree loops. Each is analysed with a good filing, at
 * -j 1 and -j 8, and must leave riskscope's whole process tree under
 * BOUND_MB of resident memory (the limit given with --max-memory plus what
 * a 20 ms poll lets through), with the good filing stored and at most one
 * error line, naming the hostile file.
 *
 * Then hostile pages are put inside a good filing (qpdf): the filing is
 * stored, the page left out with a warning naming it, and flagged.
 *
 * SPDX-License-Identifier: MIT
 */
#include "robust.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <setjmp.h>
#include <cmocka.h>

/* The limits the runs get: low, so each kill comes quickly. */
#define MAX_MEMORY_MB "256"
#define MAX_PAGE_SECONDS "3"
#define BOUND_MB 384

typedef struct {
  char *dir;
  char *good;
} fixture;

static gboolean have_python(void)
{
  g_autofree char *python = g_find_program_in_path("python3");
  return python != NULL;
}

static int group_setup(void **state)
{
  fixture *f = g_new0(fixture, 1);
  f->dir = robust_dir_new();
  f->good = robust_good_pdf(f->dir, "good_filing.pdf", 1, 6);
  if (have_python()) {
    g_autofree char *script = g_build_filename(robust_data_dir(), "..", "robust",
                                               "make_hostile_pdfs.py", NULL);
    const char *argv[] = {"python3", script, f->dir, NULL};
    int status = -1;
    GError *error = NULL;
    if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                      NULL, NULL, &status, &error) ||
        !g_spawn_check_wait_status(status, NULL)) {
      fprintf(stderr, "make_hostile_pdfs.py failed: %s\n",
              error ? error->message : "exit status");
      return -1;
    }
  }
  /* Sanitizers keep freed memory in quarantine: keep it small, or the
   * good filing would reach the low limit by itself. */
  const char *asan = g_getenv("ASAN_OPTIONS");
  g_autofree char *options = g_strdup_printf("%s%squarantine_size_mb=16",
                                             asan ? asan : "", asan ? ":" : "");
  g_setenv("ASAN_OPTIONS", options, TRUE);
  *state = f;
  return 0;
}

static int group_teardown(void **state)
{
  fixture *f = *state;
  robust_dir_free(f->dir);
  g_free(f->good);
  g_free(f);
  robust_cleanup();
  return 0;
}

static void skip_without_python(void)
{
  if (!have_python()) {
    printf("SKIP: python3 is missing, the hostile PDFs are not made\n");
    skip();
  }
}

/* Runs riskscope with ARGS to the end; *PEAK_KB is the largest resident
 * size of any process in its tree (wait4 folds in the children riskscope
 * itself waited for). */
static int run_measured(const char *const *args, char **out, char **err,
                        long *peak_kb)
{
  GPtrArray *argv = g_ptr_array_new();
  /* A run that never ends is killed (137) by this watchdog. */
  g_autofree char *timeout = g_find_program_in_path("timeout");
  if (timeout) {
    g_ptr_array_add(argv, timeout);
    g_ptr_array_add(argv, "-s");
    g_ptr_array_add(argv, "KILL");
    g_ptr_array_add(argv, "300");
  }
  g_ptr_array_add(argv, (gpointer)g_getenv("RISKSCOPE_EXE"));
  for (const char *const *a = args; *a; a++)
    g_ptr_array_add(argv, (gpointer)*a);
  g_ptr_array_add(argv, NULL);
  GPid pid = 0;
  int out_fd = -1, err_fd = -1;
  GError *error = NULL;
  gboolean ok = g_spawn_async_with_pipes(NULL, (char **)argv->pdata, NULL,
                                         G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                         &pid, NULL, &out_fd, &err_fd, &error);
  g_ptr_array_unref(argv);
  if (!ok) {
    print_error("cannot start riskscope: %s\n", error->message);
    fail();
  }
  GString *o = g_string_new(NULL), *e = g_string_new(NULL);
  struct pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  GString *to[2] = {o, e};
  int open_fds = 2;
  while (open_fds > 0) {
    if (poll(fds, 2, -1) < 0 && errno != EINTR)
      break;
    for (int i = 0; i < 2; i++) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP)))
        continue;
      char buf[4096];
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        g_string_append_len(to[i], buf, n);
      } else {
        close(fds[i].fd);
        fds[i].fd = -1;
        open_fds--;
      }
    }
  }
  int ws = 0;
  struct rusage usage = {0};
  while (wait4(pid, &ws, 0, &usage) < 0 && errno == EINTR)
    ;
  g_spawn_close_pid(pid);
  *peak_kb = usage.ru_maxrss;
  *out = g_string_free(o, FALSE);
  *err = g_string_free(e, FALSE);
  return WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
}

static void survive(fixture *f, const char *name)
{
  skip_without_python();
  g_autofree char *bad = g_build_filename(f->dir, name, NULL);
  static const char *const jobs[] = {"1", "8"};
  for (guint j = 0; j < G_N_ELEMENTS(jobs); j++) {
    g_autofree char *db = g_strdup_printf("%s/%s-j%s.db", f->dir, name, jobs[j]);
    const char *args[] = {"analyze", "--db", db, "-j", jobs[j],
                          "--max-memory", MAX_MEMORY_MB,
                          "--max-page-seconds", MAX_PAGE_SECONDS, bad, f->good,
                          NULL};
    g_autofree char *out = NULL, *err = NULL;
    long peak_kb = 0;
    int status = run_measured(args, &out, &err, &peak_kb);
    printf("# %s -j %s: exit %d, peak RSS %ld MB\n", name, jobs[j], status,
           peak_kb / 1024);
    if (peak_kb > BOUND_MB * 1024L || (status != 0 && status != 1))
      print_error("stdout:\n%s\nstderr:\n%s\n", out, err);
    assert_true(status == 0 || status == 1);
    assert_true(peak_kb <= BOUND_MB * 1024L);
    /* The batch went on. */
    assert_int_equal(db_count_filings(db, "good_filing.pdf"), 1);
    if (status == 1)
      assert_one_error(err, name, (const char *const[]){"", NULL});
    else
      assert_no_error(err);
  }
}

static void shared_unbalanced_q_over_eight_pages(void **state)
{
  survive(*state, "shared-q.pdf");
}

static void two_million_q_on_one_page(void **state)
{
  survive(*state, "deep-q.pdf");
}

static void more_text_than_a_page_may_hold(void **state)
{
  survive(*state, "huge-text.pdf");
}

static void the_largest_page_filled_with_text(void **state)
{
  survive(*state, "vast-text.pdf");
}

static void forms_nested_seven_deep(void **state)
{
  survive(*state, "nested-xobjects.pdf");
}

static void a_path_of_four_million_segments(void **state)
{
  survive(*state, "huge-path.pdf");
}

static void page_tree_loops_and_lies(void **state)
{
  survive(*state, "page-tree-loop.pdf");
  survive(*state, "inflated-count.pdf");
}

/* ------------------------------------------------ a hostile page inside */

/* GOOD with the page of HOSTILE appended, via qpdf; NULL when qpdf is
 * missing. */
static char *with_hostile_page(fixture *f, const char *hostile, const char *name)
{
  g_autofree char *qpdf = g_find_program_in_path("qpdf");
  if (!qpdf)
    return NULL;
  g_autofree char *bad = g_build_filename(f->dir, hostile, NULL);
  char *out = g_build_filename(f->dir, name, NULL);
  /* The hostile page first: its number is 1 whatever the good one holds. */
  const char *argv[] = {qpdf, "--empty", "--pages", bad, "1", f->good, "--", out,
                        NULL};
  int status = -1;
  assert_true(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                           NULL, NULL, NULL, NULL, &status, NULL));
  /* qpdf exits 3 for warnings about the hostile file; the output is made. */
  assert_true(g_file_test(out, G_FILE_TEST_EXISTS));
  return out;
}

static void page_left_out(fixture *f, const char *hostile, const char *why)
{
  skip_without_python();
  g_autofree char *name = g_strdup_printf("with-%s", hostile);
  g_autofree char *mixed = with_hostile_page(f, hostile, name);
  if (!mixed) {
    printf("SKIP: qpdf is missing (apt-get install qpdf)\n");
    skip();
  }
  g_autofree char *db = g_strdup_printf("%s/%s.db", f->dir, name);
  const char *args[] = {"analyze", "--db", db, "-j", "8", "--max-memory",
                        MAX_MEMORY_MB, "--max-page-seconds", MAX_PAGE_SECONDS,
                        mixed, NULL};
  g_autofree char *out = NULL, *err = NULL;
  long peak_kb = 0;
  int status = run_measured(args, &out, &err, &peak_kb);
  printf("# %s", err);
  if (status != 0)
    print_error("stdout:\n%s\nstderr:\n%s\n", out, err);
  assert_int_equal(status, 0);
  assert_true(peak_kb <= BOUND_MB * 1024L);
  /* The good filing's pages are kept, the hostile first one is not. */
  assert_int_equal(db_count_risks(db, name), 6);
  g_autofree char *warning = g_strdup_printf("riskscope: %s: warning: page_skipped: "
                                             "page 1: ", name);
  assert_non_null(strstr(err, warning));
  assert_non_null(strstr(err, why));
  g_autofree char *flags = db_query_text(db, "SELECT flags FROM filings");
  assert_non_null(strstr(flags, "page_skipped: page 1: "));
}

static void page_over_the_memory_limit_is_left_out(void **state)
{
  page_left_out(*state, "vast-text.pdf", "--max-");
}

static void page_over_the_time_limit_is_left_out(void **state)
{
  page_left_out(*state, "nested-xobjects.pdf", "--max-");
}

static void page_over_the_character_cap_is_left_out(void **state)
{
  page_left_out(*state, "huge-text.pdf", "characters, more than the");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(shared_unbalanced_q_over_eight_pages),
    cmocka_unit_test(two_million_q_on_one_page),
    cmocka_unit_test(more_text_than_a_page_may_hold),
    cmocka_unit_test(the_largest_page_filled_with_text),
    cmocka_unit_test(forms_nested_seven_deep),
    cmocka_unit_test(a_path_of_four_million_segments),
    cmocka_unit_test(page_tree_loops_and_lies),
    cmocka_unit_test(page_over_the_memory_limit_is_left_out),
    cmocka_unit_test(page_over_the_time_limit_is_left_out),
    cmocka_unit_test(page_over_the_character_cap_is_left_out),
  };
  return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
