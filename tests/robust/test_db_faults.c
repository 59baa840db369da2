/* test_db_faults.c - riskscope analyze against databases that misbehave
 *
 * Two writers at once, a writer killed in the middle of a filing, and
 * database files that riskscope must refuse: a newer schema, a read-only
 * file, garbage bytes. Each refusal must be one clear line naming the
 * database, with exit status 1.
 *
 * SPDX-License-Identifier: MIT
 */
#include "robust.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <setjmp.h>
#include <cmocka.h>

#define REASONS(...) ((const char *const[]){__VA_ARGS__, NULL})

typedef robust_case fixture;

static char **good_batch(fixture *f, const char *prefix, int first_seed, int n,
                         int n_risks)
{
  return robust_good_batch(f->dir, prefix, first_seed, n, n_risks);
}

/* Starts "analyze --db DB [EXTRA...] FILES..." and returns at once. */
static GPid spawn_analyze_with(const char *db, const char *const *extra,
                               char **files, int *stdout_fd, int *stderr_fd)
{
  GPtrArray *args = g_ptr_array_new();
  g_ptr_array_add(args, "analyze");
  g_ptr_array_add(args, "--db");
  g_ptr_array_add(args, (gpointer)db);
  for (const char *const *e = extra; e && *e; e++)
    g_ptr_array_add(args, (gpointer)*e);
  for (char **p = files; *p; p++)
    g_ptr_array_add(args, *p);
  g_ptr_array_add(args, NULL);
  GPid pid = robust_spawn((const char *const *)args->pdata, stdout_fd, stderr_fd);
  g_ptr_array_unref(args);
  return pid;
}

static GPid spawn_analyze(const char *db, char **files, int *stdout_fd)
{
  return spawn_analyze_with(db, NULL, files, stdout_fd, NULL);
}

static void assert_db_consistent(const char *db)
{
  char *check = db_query_text(db, "PRAGMA integrity_check");
  assert_non_null(check);
  assert_string_equal(check, "ok");
  g_free(check);
  char *fk = db_query_text(db, "SELECT count(*) FROM pragma_foreign_key_check");
  assert_non_null(fk);
  assert_string_equal(fk, "0");
  g_free(fk);
  /* A filing row without its risk factors is a half-stored filing. */
  char *partial = db_query_text(db,
      "SELECT count(*) FROM filings f WHERE NOT EXISTS "
      "(SELECT 1 FROM risk_factors r WHERE r.filing_id = f.id)");
  assert_non_null(partial);
  if (strcmp(partial, "0") != 0)
    print_error("%s filing row(s) without risk factors\n", partial);
  assert_string_equal(partial, "0");
  g_free(partial);
}

static void create_db_with_one_filing(fixture *f)
{
  char *good = robust_good_pdf(f->dir, "first.pdf", 1, 5);
  const char *args[] = {"analyze", "--db", f->db, good, NULL};
  int status = -1;
  char *err = NULL;
  assert_true(run_riskscope(args, &status, NULL, &err));
  if (status != 0)
    print_error("stderr:\n%s\n", err);
  assert_int_equal(status, 0);
  g_free(err);
  g_free(good);
}

/* Analyses a new good file into the database and expects a refusal that
 * names the database. */
static void expect_db_refused_as(fixture *f, const char *const *reasons, int uid)
{
  char *good = robust_good_pdf(f->dir, "second.pdf", 2, 5);
  const char *args[] = {"analyze", "--db", f->db, good, NULL};
  int status = -1;
  char *out = NULL, *err = NULL;
  assert_true(run_riskscope_as(args, uid, &status, &out, &err));
  if (status != 1)
    print_error("exit status %d, expected 1; stdout:\n%s\nstderr:\n%s\n", status,
                out, err);
  assert_int_equal(status, 1);
  assert_one_error(err, "case.db", reasons);
  g_free(out);
  g_free(err);
  g_free(good);
}

/* ----------------------------------------------------------------- cases */

static void two_processes_writing_one_database_both_store(void **state)
{
  fixture *f = *state;
  char **a = good_batch(f, "alpha", 10, 4, 12);
  char **b = good_batch(f, "beta", 20, 4, 12);
  GPid pa = spawn_analyze(f->db, a, NULL);
  GPid pb = spawn_analyze(f->db, b, NULL);
  int sa = robust_wait(pa), sb = robust_wait(pb);
  assert_int_equal(sa, 0);
  assert_int_equal(sb, 0);
  for (char **p = a; *p; p++) {
    char *name = g_path_get_basename(*p);
    assert_int_equal(db_count_filings(f->db, name), 1);
    g_free(name);
  }
  for (char **p = b; *p; p++) {
    char *name = g_path_get_basename(*p);
    assert_int_equal(db_count_filings(f->db, name), 1);
    g_free(name);
  }
  assert_db_consistent(f->db);
  g_strfreev(a);
  g_strfreev(b);
}

static void sigkill_in_the_middle_leaves_no_partial_filing(void **state)
{
  fixture *f = *state;
  char **batch = good_batch(f, "killed", 30, 6, 40);
  /* Kill at several moments after the first filing was stored: some land
   * inside a transaction, some between two. */
  static const int delays_us[] = {0, 1000, 3000, 8000, 15000, 30000};
  int killed = 0;
  for (guint i = 0; i < G_N_ELEMENTS(delays_us); i++) {
    int fd = -1;
    GPid pid = spawn_analyze(f->db, batch, &fd);
    char c;
    while (read(fd, &c, 1) == 1 && c != '\n')
      ;  /* the first summary line: one filing is in */
    g_usleep((gulong)delays_us[i]);
    kill(pid, SIGKILL);
    /* Count the runs that were still going when the signal came. */
    killed += robust_wait(pid) == 128 + SIGKILL;
    close(fd);
    assert_db_consistent(f->db);
  }
  assert_true(killed > 0);
  /* The database is still usable: a full run stores every filing. */
  GPid pid = spawn_analyze(f->db, batch, NULL);
  assert_int_equal(robust_wait(pid), 0);
  for (char **p = batch; *p; p++) {
    char *name = g_path_get_basename(*p);
    assert_int_equal(db_count_filings(f->db, name), 1);
    g_free(name);
  }
  assert_db_consistent(f->db);
  g_strfreev(batch);
}

static void database_of_a_newer_schema_is_refused(void **state)
{
  fixture *f = *state;
  create_db_with_one_filing(f);
  assert_true(db_exec(f->db, "PRAGMA user_version = 9999"));
  expect_db_refused_as(f, REASONS("newer"), -1);
  /* Refusing must not have touched it. */
  char *v = db_query_text(f->db, "PRAGMA user_version");
  assert_string_equal(v, "9999");
  g_free(v);
}

static void read_only_database_file_is_reported(void **state)
{
  fixture *f = *state;
  create_db_with_one_filing(f);
  int uid = -1;
  if (geteuid() == 0) {
    uid = robust_unprivileged_uid();
    if (uid < 0) {
      printf("SKIP: running as root and \"nobody\" cannot run riskscope: "
             "root writes a read-only file anyway\n");
      skip();
    }
  }
  /* Checkpoint the WAL so the file alone holds the data, then lock it. */
  assert_true(db_exec(f->db, "PRAGMA wal_checkpoint(TRUNCATE)"));
  assert_int_equal(g_chmod(f->db, 0444), 0);
  expect_db_refused_as(f, REASONS("read-only", "readonly", "permission",
                                  "unable to open", "cannot write"), uid);
}

static void read_only_database_file_can_still_be_read(void **state)
{
  fixture *f = *state;
  create_db_with_one_filing(f);
  int uid = robust_unprivileged_uid();
  if (geteuid() == 0 && uid < 0) {
    printf("SKIP: running as root and \"nobody\" cannot run riskscope\n");
    skip();
  }
  assert_true(db_exec(f->db, "PRAGMA wal_checkpoint(TRUNCATE)"));
  assert_int_equal(g_chmod(f->db, 0444), 0);
  const char *args[] = {"list", "--db", f->db, NULL};
  int status = -1;
  g_autofree char *out = NULL, *err = NULL;
  assert_true(run_riskscope_as(args, geteuid() == 0 ? uid : -1, &status, &out, &err));
  if (status != 0)
    print_error("stdout:\n%s\nstderr:\n%s\n", out, err);
  assert_int_equal(status, 0);
  assert_no_error(err);
  assert_non_null(strstr(out, ".pdf"));
}

static void output_over_the_database_is_refused(void **state)
{
  fixture *f = *state;
  create_db_with_one_filing(f);
  const char *export_args[] = {"export", "--db", f->db, "--format", "jsonl",
                               "--output", f->db, NULL};
  const char *report_args[] = {"report", "--db", f->db, "--html", f->db, NULL};
  const char *const *runs[] = {export_args, report_args};
  for (size_t i = 0; i < G_N_ELEMENTS(runs); i++) {
    int status = -1;
    g_autofree char *out = NULL, *err = NULL;
    assert_true(run_riskscope(runs[i], &status, &out, &err));
    assert_int_equal(status, 2);
    assert_non_null(strstr(err, "is the database"));
  }
  /* Still a riskscope database with its filing. */
  char *n = db_query_text(f->db, "SELECT count(*) FROM filings");
  assert_string_equal(n, "1");
  g_free(n);
}

static void corrupt_database_file_is_reported(void **state)
{
  fixture *f = *state;
  GRand *rand = g_rand_new_with_seed(7);
  guint8 junk[16384];
  for (gsize i = 0; i < sizeof junk; i++)
    junk[i] = (guint8)g_rand_int_range(rand, 0, 256);
  g_rand_free(rand);
  robust_write_file(f->db, junk, sizeof junk);
  expect_db_refused_as(f, REASONS("not a database", "not an SQLite database",
                                  "corrupt", "malformed", "damaged"), -1);
}

/* The uid to read a write-protected folder as: ourselves, or "nobody" when
 * we are root (root writes anywhere); -1 (the case is skipped) when root
 * cannot switch. */
static int reader_uid(void)
{
  if (geteuid() != 0)
    return (int)geteuid();
  int uid = robust_unprivileged_uid();
  if (uid < 0) {
    printf("SKIP: running as root and \"nobody\" cannot run riskscope\n");
    skip();
  }
  return uid;
}

/* Leaves N_MORE filings committed in the database's write-ahead log and
 * not in its file: a connection that holds a snapshot from before them
 * keeps any checkpoint from copying them, and stays open (returned; close
 * it with sqlite3_close) so that nobody deletes the log. */
static sqlite3 *commit_filings_into_the_wal(fixture *f, int n_more)
{
  create_db_with_one_filing(f);
  sqlite3 *hold = NULL;
  assert_int_equal(sqlite3_open(f->db, &hold), SQLITE_OK);
  assert_int_equal(sqlite3_exec(hold, "BEGIN; SELECT count(*) FROM filings",
                                NULL, NULL, NULL), SQLITE_OK);
  char **more = good_batch(f, "more", 10, n_more, 4);
  GPid pid = spawn_analyze(f->db, more, NULL);
  assert_int_equal(robust_wait(pid), 0);
  g_strfreev(more);
  assert_int_equal(sqlite3_exec(hold, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
  g_autofree char *wal = g_strconcat(f->db, "-wal", NULL);
  assert_true(g_file_test(wal, G_FILE_TEST_EXISTS));
  return hold;
}

static int count_listed(const char *json)
{
  int n = 0;
  for (const char *p = json; (p = strstr(p, "\"sha256\"")); p++)
    n++;
  return n;
}

static void read_only_folder_shows_what_the_wal_holds(void **state)
{
  fixture *f = *state;
  int uid = reader_uid();
  sqlite3 *hold = commit_filings_into_the_wal(f, 3);
  assert_int_equal(g_chmod(f->dir, 0555), 0);
  const char *args[] = {"list", "--db", f->db, "--format", "json", NULL};
  int status = -1;
  g_autofree char *out = NULL, *err = NULL;
  gboolean ran = run_riskscope_as(args, geteuid() == 0 ? uid : -1, &status,
                                  &out, &err);
  g_chmod(f->dir, 0755);
  sqlite3_close(hold);
  assert_true(ran);
  if (status != 0 || count_listed(out) != 4)
    print_error("exit %d; stdout:\n%s\nstderr:\n%s\n", status, out, err);
  assert_int_equal(status, 0);
  assert_int_equal(count_listed(out), 4);
}

/* Checkpointed, no -wal: the file alone is the database, and is read
 * without a -shm index (none can be made). */
static void read_only_folder_without_a_wal_is_read(void **state)
{
  fixture *f = *state;
  int uid = reader_uid();
  create_db_with_one_filing(f);
  assert_true(db_exec(f->db, "PRAGMA wal_checkpoint(TRUNCATE)"));
  static const char *const side[] = {"-wal", "-shm"};
  for (guint i = 0; i < G_N_ELEMENTS(side); i++) {
    g_autofree char *file = g_strconcat(f->db, side[i], NULL);
    g_unlink(file);
  }
  assert_int_equal(g_chmod(f->dir, 0555), 0);
  const char *args[] = {"list", "--db", f->db, "--format", "json", NULL};
  int status = -1;
  g_autofree char *out = NULL, *err = NULL;
  gboolean ran = run_riskscope_as(args, geteuid() == 0 ? uid : -1, &status,
                                  &out, &err);
  g_chmod(f->dir, 0755);
  assert_true(ran);
  if (status != 0)
    print_error("exit %d; stderr:\n%s\n", status, err);
  assert_int_equal(status, 0);
  assert_int_equal(count_listed(out), 1);
}

/* A copy of a database and its -wal, without the -shm index, in a folder
 * the reader may not write: the log cannot be read, and riskscope must say
 * so rather than list the file's stale contents. */
static void unreadable_wal_is_reported_with_how_to_read_it(void **state)
{
  fixture *f = *state;
  int uid = reader_uid();
  sqlite3 *hold = commit_filings_into_the_wal(f, 2);
  g_autofree char *copies = g_build_filename(f->dir, "copy", NULL);
  assert_int_equal(g_mkdir(copies, 0755), 0);
  g_autofree char *copy = g_build_filename(copies, "faults.db", NULL);
  static const char *const suffixes[] = {"", "-wal"};
  for (guint i = 0; i < G_N_ELEMENTS(suffixes); i++) {
    g_autofree char *from = g_strconcat(f->db, suffixes[i], NULL);
    g_autofree char *to = g_strconcat(copy, suffixes[i], NULL);
    g_autofree char *data = NULL;
    gsize len = 0;
    assert_true(g_file_get_contents(from, &data, &len, NULL));
    robust_write_file(to, data, len);
  }
  sqlite3_close(hold);
  assert_int_equal(g_chmod(copies, 0555), 0);
  const char *args[] = {"list", "--db", copy, NULL};
  int status = -1;
  g_autofree char *out = NULL, *err = NULL;
  gboolean ran = run_riskscope_as(args, geteuid() == 0 ? uid : -1, &status,
                                  &out, &err);
  g_chmod(copies, 0755);
  assert_true(ran);
  if (status != 1)
    print_error("exit %d; stdout:\n%s\nstderr:\n%s\n", status, out, err);
  assert_int_equal(status, 1);
  assert_one_error(err, "faults.db", REASONS("-wal"));
  assert_non_null(strstr(err, "copy"));
  assert_non_null(strstr(err, "checkpoint"));
}

/* ------------------------------------------------------------- locks */

#define WAITING_LINE "riskscope: waiting for the database lock held by another riskscope..."

static guint count_of(const char *text, const char *needle)
{
  guint n = 0;
  for (const char *p = text; (p = strstr(p, needle)); p += strlen(needle))
    n++;
  return n;
}

/* Another process holds the write lock (an open BEGIN IMMEDIATE). */
static sqlite3 *hold_write_lock(fixture *f)
{
  sqlite3 *hold = NULL;
  assert_int_equal(sqlite3_open(f->db, &hold), SQLITE_OK);
  assert_int_equal(sqlite3_exec(hold, "BEGIN IMMEDIATE", NULL, NULL, NULL),
                   SQLITE_OK);
  return hold;
}

static void lock_wait_is_announced_and_gives_up_at_the_timeout(void **state)
{
  fixture *f = *state;
  create_db_with_one_filing(f);
  char **more = good_batch(f, "late", 40, 1, 4);
  sqlite3 *hold = hold_write_lock(f);
  int err_fd = -1;
  const char *extra[] = {"--lock-timeout", "3", NULL};
  GPid pid = spawn_analyze_with(f->db, extra, more, NULL, &err_fd);
  GString *err = g_string_new(NULL);
  robust_read_until(err_fd, err, NULL);
  close(err_fd);
  int status = robust_wait(pid);
  sqlite3_exec(hold, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close(hold);
  printf("# %s", err->str);
  assert_int_equal(status, 1);
  assert_int_equal(count_of(err->str, WAITING_LINE), 1);
  assert_non_null(strstr(err->str, "locked by another process; gave up after 3 s"));
  assert_int_equal(db_count_filings(f->db, "late_1.pdf"), 0);
  g_string_free(err, TRUE);
  g_strfreev(more);
}

static void lock_released_while_waiting_lets_the_filing_in(void **state)
{
  fixture *f = *state;
  create_db_with_one_filing(f);
  char **more = good_batch(f, "patient", 50, 1, 4);
  sqlite3 *hold = hold_write_lock(f);
  int err_fd = -1;
  const char *extra[] = {"--lock-timeout", "120", NULL};
  GPid pid = spawn_analyze_with(f->db, extra, more, NULL, &err_fd);
  GString *err = g_string_new(NULL);
  /* Let go once it says it waits; no clock is asked how long it took. */
  gboolean announced = robust_read_until(err_fd, err, WAITING_LINE);
  sqlite3_exec(hold, "COMMIT", NULL, NULL, NULL);
  sqlite3_close(hold);
  robust_read_until(err_fd, err, NULL);
  close(err_fd);
  int status = robust_wait(pid);
  printf("# %s", err->str);
  assert_true(announced);
  assert_int_equal(status, 0);
  assert_int_equal(count_of(err->str, WAITING_LINE), 1);
  assert_int_equal(db_count_filings(f->db, "patient_1.pdf"), 1);
  g_string_free(err, TRUE);
  g_strfreev(more);
}

/* --------------------------------------------------------- interrupts */

/* Interrupts a batch with SIG once its first filing is stored. */
static void interrupt_batch(fixture *f, int sig)
{
  char **batch = good_batch(f, sig == SIGINT ? "int" : "term", 60, 10, 30);
  int out_fd = -1, err_fd = -1;
  const char *extra[] = {"-j", "1", NULL};
  GPid pid = spawn_analyze_with(f->db, extra, batch, &out_fd, &err_fd);
  GString *out = g_string_new(NULL), *err = g_string_new(NULL);
  assert_true(robust_read_until(out_fd, out, "\n"));
  kill(pid, sig);
  robust_read_until(out_fd, out, NULL);
  robust_read_until(err_fd, err, NULL);
  close(out_fd);
  close(err_fd);
  int status = robust_wait(pid);
  printf("# %s", err->str);
  assert_int_equal(status, 128 + sig);
  assert_db_consistent(f->db);
  /* One summary line per stored filing, and the last line says how many. */
  guint lines = count_of(out->str, "\n");
  g_autofree char *stored = db_query_text(f->db, "SELECT count(*) FROM filings");
  assert_int_equal(atoi(stored), (int)lines);
  assert_true(lines >= 1 && lines < 10);
  g_autofree char *said = g_strdup_printf("%u filing%s stored", lines,
                                          lines == 1 ? "" : "s");
  assert_non_null(strstr(err->str, "riskscope: interrupted ("));
  assert_non_null(strstr(err->str, said));
  g_autofree char *missing = g_strdup_printf("%u not stored: ", 10 - lines);
  assert_non_null(strstr(err->str, missing));
  g_string_free(out, TRUE);
  g_string_free(err, TRUE);
  g_strfreev(batch);
}

static void ctrl_c_stores_or_drops_whole_filings_and_says_which(void **state)
{
  interrupt_batch(*state, SIGINT);
}

static void sigterm_stores_or_drops_whole_filings_and_says_which(void **state)
{
  interrupt_batch(*state, SIGTERM);
}

/* --------------------------------------------------------- full disk */

static void new_database_on_a_full_disk_leaves_no_file(void **state)
{
  fixture *f = *state;
  char *good = robust_good_pdf(f->dir, "first.pdf", 1, 5);
  const char *args[] = {"analyze", "--db", f->db, good, NULL};
  int status = -1;
  g_autofree char *err = NULL;
  assert_true(run_riskscope_disk_full(args, 0, &status, &err));
  g_free(good);
  assert_int_equal(status, 1);
  assert_one_error(err, "case.db", REASONS("disk", "full", "I/O", "space",
                                             "too large"));
  static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
  for (guint i = 0; i < G_N_ELEMENTS(suffixes); i++) {
    g_autofree char *file = g_strconcat(f->db, suffixes[i], NULL);
    if (g_file_test(file, G_FILE_TEST_EXISTS))
      print_error("%s was left behind\n", file);
    assert_false(g_file_test(file, G_FILE_TEST_EXISTS));
  }
}

static void database_of_another_program_is_refused(void **state)
{
  fixture *f = *state;
  assert_true(db_exec(f->db, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);"
                             "INSERT INTO notes (text) VALUES ('mine');"));
  expect_db_refused_as(f, REASONS("not riskscope", "riskscope's", "another",
                                  "foreign"), -1);
  char *n = db_query_text(f->db, "SELECT count(*) FROM notes");
  assert_string_equal(n, "1");
  g_free(n);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(two_processes_writing_one_database_both_store, robust_case_setup, robust_case_teardown),
    cmocka_unit_test_setup_teardown(sigkill_in_the_middle_leaves_no_partial_filing, robust_case_setup, robust_case_teardown),
    cmocka_unit_test_setup_teardown(database_of_a_newer_schema_is_refused, robust_case_setup, robust_case_teardown),
    cmocka_unit_test_setup_teardown(read_only_database_file_is_reported, robust_case_setup, robust_case_teardown),
    cmocka_unit_test_setup_teardown(read_only_database_file_can_still_be_read, robust_case_setup, robust_case_teardown),
    cmocka_unit_test_setup_teardown(output_over_the_database_is_refused, robust_case_setup, robust_case_teardown),
    cmocka_unit_test_setup_teardown(corrupt_database_file_is_reported, robust_case_setup, robust_case_teardown),
    cmocka_unit_test_setup_teardown(database_of_another_program_is_refused, robust_case_setup, robust_case_teardown),
    cmocka_unit_test_setup_teardown(read_only_folder_shows_what_the_wal_holds, robust_case_setup, robust_case_teardown),
    cmocka_unit_test_setup_teardown(read_only_folder_without_a_wal_is_read, robust_case_setup, robust_case_teardown),
    cmocka_unit_test_setup_teardown(unreadable_wal_is_reported_with_how_to_read_it, robust_case_setup, robust_case_teardown),
    cmocka_unit_test_setup_teardown(lock_wait_is_announced_and_gives_up_at_the_timeout, robust_case_setup, robust_case_teardown),
    cmocka_unit_test_setup_teardown(lock_released_while_waiting_lets_the_filing_in, robust_case_setup, robust_case_teardown),
    cmocka_unit_test_setup_teardown(ctrl_c_stores_or_drops_whole_filings_and_says_which, robust_case_setup, robust_case_teardown),
    cmocka_unit_test_setup_teardown(sigterm_stores_or_drops_whole_filings_and_says_which, robust_case_setup, robust_case_teardown),
    cmocka_unit_test_setup_teardown(new_database_on_a_full_disk_leaves_no_file, robust_case_setup, robust_case_teardown),
  };
  int failed = cmocka_run_group_tests_name("robust_db", tests, NULL, NULL);
  robust_cleanup();
  return failed;
}
