/* test_batches.c - batches as a cluster runs them: lists, shards, resume,
 * merge of shards
 *
 * The built riskscope runs on generated filings; what is checked is what
 * a researcher's batch relies on: every listed path is taken (from stdin,
 * NUL-separated, ten thousand of them), shards split a list with no
 * overlap and stay put when files are added, a killed batch run again
 * skips exactly what it stored and ends as an uninterrupted run would,
 * and merge takes good shards and names each bad one.
 *
 * SPDX-License-Identifier: MIT
 */
#include "robust.h"

#include <cjson/cJSON.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <setjmp.h>
#include <cmocka.h>

typedef robust_case fixture;

static char **batch_of(fixture *f, const char *prefix, int first_seed, int n,
                       int n_risks)
{
  return robust_good_batch(f->dir, prefix, first_seed, n, n_risks);
}

static char **good_batch(fixture *f, const char *prefix, int first_seed, int n)
{
  return batch_of(f, prefix, first_seed, n, 6);
}

/* Writes PATHS to DIR/NAME, each followed by SEP; returns the list's path. */
static char *write_list(const char *dir, const char *name, char **paths,
                        char sep)
{
  GString *text = g_string_new(NULL);
  for (char **p = paths; *p; p++) {
    g_string_append(text, *p);
    g_string_append_c(text, sep);
  }
  char *path = g_build_filename(dir, name, NULL);
  robust_write_file(path, text->str, text->len);
  g_string_free(text, TRUE);
  return path;
}

/* Runs riskscope with ARGS and expects exit status WANT; returns stdout,
 * and stderr in *ERR (may be NULL). */
static char *expect_run(const char *const *args, int want, char **err)
{
  int status = -1;
  char *out = NULL, *e = NULL;
  assert_true(run_riskscope(args, &status, &out, &e));
  if (status != want)
    print_error("exit %d, expected %d\nstdout:\n%s\nstderr:\n%s\n", status, want,
                out, e);
  assert_int_equal(status, want);
  if (err)
    *err = e;
  else
    g_free(e);
  return out;
}

static guint count_lines(const char *text)
{
  guint n = 0;
  for (const char *p = text; *p; p++)
    n += *p == '\n';
  return n;
}

/* ---------------------------------------------------------------- lists */

static void a_list_on_stdin_analyses_every_path(void **state)
{
  fixture *f = *state;
  char **batch = good_batch(f, "stdin", 1, 3);
  /* As find prints it, plus what hand-made lists hold: a blank line, a
   * CRLF line end. */
  g_autofree char *text =
      g_strdup_printf("%s\n\n%s\r\n%s\n", batch[0], batch[1], batch[2]);
  g_autofree char *list = g_build_filename(f->dir, "list.txt", NULL);
  robust_write_file(list, text, strlen(text));
  const char *args[] = {"analyze", "--db", f->db, "--files-from", "-", NULL};
  int status = -1;
  g_autofree char *out = NULL, *err = NULL;
  assert_true(run_riskscope_stdin(args, list, &status, &out, &err));
  assert_no_error(err);
  assert_int_equal(status, 0);
  assert_int_equal(count_lines(out), 3);
  for (int i = 1; i <= 3; i++) {
    g_autofree char *name = g_strdup_printf("stdin_%d.pdf", i);
    assert_int_equal(db_count_filings(f->db, name), 1);
  }
  g_strfreev(batch);
}

static void a_nul_separated_list_carries_any_file_name(void **state)
{
  fixture *f = *state;
  char *paths[] = {robust_good_pdf(f->dir, "line\nbreak.pdf", 4, 6),
                   robust_good_pdf(f->dir, "  spaced name.pdf", 5, 6), NULL};
  g_autofree char *list = write_list(f->dir, "list0", paths, '\0');
  /* --company: a warning naming a file with a line break would break in
   * two lines itself. */
  const char *args[] = {"analyze", "--db", f->db, "--company", "Odd Names Ltd",
                        "-0", "--files-from", list, NULL};
  g_autofree char *err = NULL;
  g_autofree char *out = expect_run(args, 0, &err);
  assert_no_error(err);
  assert_int_equal(db_count_filings(f->db, "line\nbreak.pdf"), 1);
  assert_int_equal(db_count_filings(f->db, "  spaced name.pdf"), 1);
  g_free(paths[0]);
  g_free(paths[1]);
}

static void a_malformed_or_missing_list_is_one_clear_error(void **state)
{
  fixture *f = *state;
  char *paths[] = {robust_good_pdf(f->dir, "a.pdf", 6, 6),
                   robust_good_pdf(f->dir, "b.pdf", 7, 6), NULL};
  g_autofree char *nul = write_list(f->dir, "nul.list", paths, '\0');
  g_autofree char *lines = write_list(f->dir, "lines.list", paths, '\n');
  g_autofree char *missing = g_build_filename(f->dir, "no.list", NULL);
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;

  const char *nul_as_lines[] = {"analyze", "--db", f->db, "--files-from", nul,
                                NULL};
  out = expect_run(nul_as_lines, 1, &err);
  assert_one_error(err, "nul.list", (const char *const[]){"line 1", NULL});
  assert_non_null(strstr(err, "--null"));
  g_clear_pointer(&err, g_free);
  g_clear_pointer(&out, g_free);

  const char *lines_as_nul[] = {"analyze", "--db", f->db, "--null",
                                "--files-from", lines, NULL};
  out = expect_run(lines_as_nul, 1, &err);
  assert_one_error(err, "lines.list", (const char *const[]){"NUL", NULL});
  g_clear_pointer(&err, g_free);
  g_clear_pointer(&out, g_free);

  const char *absent[] = {"analyze", "--db", f->db, "--files-from", missing,
                          NULL};
  out = expect_run(absent, 1, &err);
  assert_one_error(err, "no.list",
                   (const char *const[]){"no such file", NULL});
  g_clear_pointer(&err, g_free);
  g_clear_pointer(&out, g_free);

  g_autofree char *empty = g_build_filename(f->dir, "empty.list", NULL);
  robust_write_file(empty, "\n", 1);
  const char *nothing[] = {"analyze", "--db", f->db, "--files-from", empty,
                           NULL};
  out = expect_run(nothing, 2, &err);
  assert_non_null(strstr(err, "list is empty"));
  /* Nothing was analysed, and no database was made. */
  assert_false(g_file_test(f->db, G_FILE_TEST_EXISTS));
  g_free(paths[0]);
  g_free(paths[1]);
}

/* --------------------------------------------------------------- shards */

/* The paths --dry-run prints for shard K of N of LIST, one a line. */
static char **shard_paths(fixture *f, const char *list, int k, int n)
{
  g_autofree char *shard = g_strdup_printf("%d/%d", k, n);
  const char *args[] = {"analyze", "--db", f->db, "--dry-run", "--shard",
                        shard, "--files-from", list, NULL};
  g_autofree char *err = NULL;
  g_autofree char *out = expect_run(args, 0, &err);
  char **lines = g_strsplit(out, "\n", -1);
  guint len = g_strv_length(lines);
  if (len && !*lines[len - 1]) {
    g_free(lines[len - 1]);
    lines[len - 1] = NULL;
  }
  g_autofree char *note = g_strdup_printf("shard %d/%d: %u of ", k, n,
                                          g_strv_length(lines));
  assert_non_null(strstr(err, note));
  return lines;
}

/* Maps each path of shards 1..N of LIST to its shard number. */
static GHashTable *shard_map(fixture *f, const char *list, int n)
{
  GHashTable *map = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (int k = 1; k <= n; k++) {
    char **paths = shard_paths(f, list, k, n);
    for (char **p = paths; *p; p++) {
      /* In no other shard. */
      assert_false(g_hash_table_contains(map, *p));
      g_hash_table_insert(map, g_strdup(*p), GINT_TO_POINTER(k));
    }
    g_strfreev(paths);
  }
  return map;
}

static void shards_split_ten_thousand_paths_and_stay_put(void **state)
{
  fixture *f = *state;
  const int total = 10000, added = 500;
  char **paths = g_new0(char *, total + added + 1);
  for (int i = 0; i < total + added; i++)
    paths[i] = g_strdup_printf("%s/filings/%04d/10-K_%d.pdf", f->dir, i % 997,
                               i);
  char *keep = paths[total];
  paths[total] = NULL;
  g_autofree char *list = write_list(f->dir, "ten-thousand.list", paths, '\n');
  paths[total] = keep;
  g_autofree char *longer = write_list(f->dir, "more.list", paths, '\n');

  /* Four shards: every path in exactly one, none much bigger than N/4. */
  GHashTable *four = shard_map(f, list, 4);
  assert_int_equal(g_hash_table_size(four), total);
  for (int k = 1; k <= 4; k++) {
    guint size = 0;
    GHashTableIter it;
    gpointer value;
    g_hash_table_iter_init(&it, four);
    while (g_hash_table_iter_next(&it, NULL, &value))
      size += GPOINTER_TO_INT(value) == k;
    assert_in_range(size, total / 4 - 250, total / 4 + 250);
  }
  /* Files added to the list: no old one changes shard. */
  GHashTable *four_more = shard_map(f, longer, 4);
  assert_int_equal(g_hash_table_size(four_more), total + added);
  for (int i = 0; i < total; i++)
    assert_ptr_equal(g_hash_table_lookup(four, paths[i]),
                     g_hash_table_lookup(four_more, paths[i]));
  /* A fifth shard takes about a fifth, from the others, and moves nothing
   * else. */
  GHashTable *five = shard_map(f, list, 5);
  int moved = 0;
  for (int i = 0; i < total; i++) {
    int was = GPOINTER_TO_INT(g_hash_table_lookup(four, paths[i]));
    int now = GPOINTER_TO_INT(g_hash_table_lookup(five, paths[i]));
    if (was != now) {
      assert_int_equal(now, 5);
      moved++;
    }
  }
  assert_in_range(moved, total / 5 - 300, total / 5 + 300);
  /* A dry run leaves no database behind. */
  assert_false(g_file_test(f->db, G_FILE_TEST_EXISTS));

  g_hash_table_unref(four);
  g_hash_table_unref(four_more);
  g_hash_table_unref(five);
  g_strfreev(paths);
}

static void a_bad_shard_is_a_usage_error(void **state)
{
  fixture *f = *state;
  static const char *const bad[] = {"0/4", "5/4", "4", "1/0", "a/b", "2/-3",
                                    "1/4x"};
  g_autofree char *pdf = robust_good_pdf(f->dir, "a.pdf", 8, 6);
  for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
    const char *args[] = {"analyze", "--db", f->db, "--shard", bad[i], pdf,
                          NULL};
    g_autofree char *err = NULL;
    g_autofree char *out = expect_run(args, 2, &err);
    assert_non_null(strstr(err, "--shard wants K/N"));
    assert_non_null(strstr(err, bad[i]));
  }
  assert_false(g_file_test(f->db, G_FILE_TEST_EXISTS));
}

static void every_shard_makes_its_database_and_they_merge_into_one(void **state)
{
  fixture *f = *state;
  char **batch = good_batch(f, "sharded", 10, 3);
  g_autofree char *list = write_list(f->dir, "three.list", batch, '\n');
  const int n = 6;  /* more shards than files: some are empty */
  GPtrArray *merge = g_ptr_array_new_with_free_func(g_free);
  g_autofree char *merged = g_build_filename(f->dir, "merged.db", NULL);
  g_ptr_array_add(merge, g_strdup("merge"));
  g_ptr_array_add(merge, g_strdup("--db"));
  g_ptr_array_add(merge, g_strdup(merged));
  int empty = 0;
  for (int k = 1; k <= n; k++) {
    g_autofree char *shard = g_strdup_printf("%d/%d", k, n);
    char *db = g_strdup_printf("%s/shard-%d.db", f->dir, k);
    const char *args[] = {"analyze", "--db", db, "--shard", shard,
                          "--files-from", list, NULL};
    g_autofree char *err = NULL;
    g_autofree char *out = expect_run(args, 0, &err);
    empty += *out == '\0';
    /* An empty shard still leaves a database, so the merge finds it. */
    assert_true(g_file_test(db, G_FILE_TEST_IS_REGULAR));
    g_ptr_array_add(merge, db);
  }
  assert_true(empty >= n - 3);
  g_ptr_array_add(merge, NULL);
  g_autofree char *out = expect_run((const char *const *)merge->pdata, 0, NULL);
  assert_non_null(strstr(out, "3 added, 0 replaced, 0 skipped in all"));
  for (int i = 1; i <= 3; i++) {
    g_autofree char *name = g_strdup_printf("sharded_%d.pdf", i);
    assert_int_equal(db_count_filings(merged, name), 1);
  }
  g_ptr_array_unref(merge);
  g_strfreev(batch);
}

/* --------------------------------------------------------------- resume */

static char *analyzed_at(const char *db, const char *name)
{
  g_autofree char *sql = g_strdup_printf(
      "SELECT analyzed_at FROM filings WHERE name = '%s'", name);
  return db_query_text(db, sql);
}

static void a_rerun_skips_what_is_stored_and_force_does_not(void **state)
{
  fixture *f = *state;
  char **batch = good_batch(f, "resume", 20, 4);
  char *last = batch[3];
  batch[3] = NULL;
  g_autofree char *three = write_list(f->dir, "three.list", batch, '\n');
  batch[3] = last;
  g_autofree char *four = write_list(f->dir, "four.list", batch, '\n');
  const char *first[] = {"analyze", "--db", f->db, "--files-from", three, NULL};
  g_autofree char *out1 = expect_run(first, 0, NULL);
  g_autofree char *before = analyzed_at(f->db, "resume_1.pdf");

  const char *again[] = {"analyze", "--db", f->db, "--files-from", four, NULL};
  g_autofree char *err2 = NULL;
  g_autofree char *out2 = expect_run(again, 0, &err2);
  assert_non_null(strstr(err2, "3 of 4 files already stored in"));
  assert_non_null(strstr(err2, "--force"));
  assert_int_equal(count_lines(out2), 1);
  assert_non_null(strstr(out2, "resume_4.pdf"));
  g_autofree char *after = analyzed_at(f->db, "resume_1.pdf");
  assert_string_equal(before, after);

  const char *force[] = {"analyze", "--db", f->db, "--force", "--files-from",
                         four, NULL};
  g_autofree char *err3 = NULL;
  g_autofree char *out3 = expect_run(force, 0, &err3);
  assert_null(strstr(err3, "already stored"));
  assert_int_equal(count_lines(out3), 4);
  g_autofree char *forced = analyzed_at(f->db, "resume_1.pdf");
  assert_string_not_equal(before, forced);
  assert_int_equal(db_count_filings(f->db, "resume_1.pdf"), 1);
  g_strfreev(batch);
}

static gint compare_strings(gconstpointer a, gconstpointer b)
{
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The export of DB as JSON with ids and analysis times left out, filings
 * in sha256 order: what two runs over the same files must agree on. */
static char *export_without_ids(const char *db)
{
  const char *args[] = {"export", "--db", db, "--format", "json", NULL};
  g_autofree char *out = expect_run(args, 0, NULL);
  cJSON *filings = cJSON_Parse(out);
  assert_true(cJSON_IsArray(filings));
  GPtrArray *printed = g_ptr_array_new_with_free_func(g_free);
  cJSON *filing;
  cJSON_ArrayForEach(filing, filings)
  {
    cJSON_DeleteItemFromObject(filing, "id");
    cJSON_DeleteItemFromObject(filing, "analyzed_at");
    char *text = cJSON_PrintUnformatted(filing);
    g_ptr_array_add(printed, g_strdup(text));
    cJSON_free(text);
  }
  cJSON_Delete(filings);
  /* Any fixed order will do: both exports are sorted the same way. */
  g_ptr_array_sort(printed, compare_strings);
  GString *all = g_string_new(NULL);
  for (guint i = 0; i < printed->len; i++)
    g_string_append_printf(all, "%s\n", (char *)printed->pdata[i]);
  g_ptr_array_unref(printed);
  return g_string_free(all, FALSE);
}

/* Starts analyze of LIST into DB with stdout and stderr on pipes. */
static GPid spawn_batch(const char *db, const char *list, int *out_fd,
                        int *err_fd)
{
  const char *argv[] = {g_getenv("RISKSCOPE_EXE"), "analyze", "--db", db,
                        "--files-from", list, NULL};
  GPid pid = 0;
  g_autoptr(GError) error = NULL;
  if (!g_spawn_async_with_pipes(NULL, (char **)argv, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                                NULL, out_fd, err_fd, &error))
    fail_msg("cannot start riskscope: %s", error->message);
  return pid;
}

static char *read_all_fd(int fd)
{
  GString *text = g_string_new(NULL);
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0)
    g_string_append_len(text, buf, n);
  close(fd);
  return g_string_free(text, FALSE);
}

static void a_batch_killed_five_times_ends_as_one_uninterrupted_run(void **state)
{
  fixture *f = *state;
  const int n = 8;
  char **batch = batch_of(f, "killed", 30, n, 40);
  int killed = 0;
  g_autofree char *list = write_list(f->dir, "batch.list", batch, '\n');
  g_autofree char *reference = g_build_filename(f->dir, "reference.db", NULL);
  const char *whole[] = {"analyze", "--db", reference, "--files-from", list,
                         NULL};
  g_autofree char *ref_out = expect_run(whole, 0, NULL);
  GRand *rand = g_rand_new();

  for (int round = 0; round < 5; round++) {
    g_autofree char *count =
        g_file_test(f->db, G_FILE_TEST_EXISTS)
            ? db_query_text(f->db, "SELECT count(*) FROM filings")
            : NULL;
    int stored = count ? atoi(count) : 0;
    int out_fd = -1, err_fd = -1;
    GPid pid = spawn_batch(f->db, list, &out_fd, &err_fd);
    /* A random moment after the first filing of this run is stored (its
     * summary line): inside a transaction or between two. */
    char c;
    while (read(out_fd, &c, 1) == 1 && c != '\n')
      ;
    g_usleep((gulong)g_rand_int_range(rand, 0, 60000));
    kill(pid, SIGKILL);
    int ws = 0;
    waitpid(pid, &ws, 0);
    g_spawn_close_pid(pid);
    killed += WIFSIGNALED(ws);
    g_autofree char *rest = read_all_fd(out_fd);
    g_autofree char *err = read_all_fd(err_fd);
    /* It skipped exactly what the runs before had stored. */
    if (stored > 0) {
      g_autofree char *note =
          g_strdup_printf("%d of %d files already stored", stored, n);
      if (!strstr(err, note))
        fail_msg("round %d: expected \"%s\" in:\n%s", round, note, err);
    } else {
      assert_null(strstr(err, "already stored"));
    }
  }
  g_rand_free(rand);
  /* Some runs were cut short (others may have found little left to do). */
  assert_true(killed > 0);
  const char *finish[] = {"analyze", "--db", f->db, "--files-from", list,
                          NULL};
  g_autofree char *out = expect_run(finish, 0, NULL);
  g_autofree char *want = export_without_ids(reference);
  g_autofree char *got = export_without_ids(f->db);
  if (strcmp(want, got) != 0) {
    size_t at = 0;
    while (want[at] && want[at] == got[at])
      at++;
    size_t from = at > 200 ? at - 200 : 0;
    fail_msg("the resumed export differs at byte %zu:\n  uninterrupted: "
             "...%.300s\n  resumed:       ...%.300s",
             at, want + from, got + from);
  }
  g_strfreev(batch);
}

/* ---------------------------------------------------------------- merge */

static void merge_names_each_bad_shard_and_takes_the_good_ones(void **state)
{
  fixture *f = *state;
  char **batch = good_batch(f, "merge", 40, 2);
  g_autofree char *good = g_build_filename(f->dir, "good.db", NULL);
  g_autofree char *newer = g_build_filename(f->dir, "newer.db", NULL);
  g_autofree char *notes = g_build_filename(f->dir, "notes.db", NULL);
  g_autofree char *out_db = g_build_filename(f->dir, "out.db", NULL);
  const char *a[] = {"analyze", "--db", good, batch[0], NULL};
  const char *b[] = {"analyze", "--db", newer, batch[1], NULL};
  g_free(expect_run(a, 0, NULL));
  g_free(expect_run(b, 0, NULL));
  assert_true(db_exec(newer, "PRAGMA user_version = 99"));
  robust_write_file(notes, "not a database\n", 15);

  const char *args[] = {"merge", "--db", out_db, newer, good, notes, NULL};
  g_autofree char *err = NULL;
  g_autofree char *out = expect_run(args, 1, &err);
  /* One line for each bad shard, naming it; the good one merged. */
  char **lines = g_strsplit(err, "\n", -1);
  int errors = 0;
  for (char **l = lines; *l; l++) {
    if (!**l)
      continue;
    errors++;
    assert_true((strstr(*l, "newer.db") && strstr(*l, "newer than")) ||
                (strstr(*l, "notes.db") && strstr(*l, "not an SQLite")));
  }
  g_strfreev(lines);
  assert_int_equal(errors, 2);
  assert_non_null(strstr(out, "1 added, 0 replaced, 0 skipped in all"));
  assert_int_equal(db_count_filings(out_db, "merge_1.pdf"), 1);
  g_strfreev(batch);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
#define CASE(name)                                                            \
  cmocka_unit_test_setup_teardown(name, robust_case_setup, robust_case_teardown)
    CASE(a_list_on_stdin_analyses_every_path),
    CASE(a_nul_separated_list_carries_any_file_name),
    CASE(a_malformed_or_missing_list_is_one_clear_error),
    CASE(shards_split_ten_thousand_paths_and_stay_put),
    CASE(a_bad_shard_is_a_usage_error),
    CASE(every_shard_makes_its_database_and_they_merge_into_one),
    CASE(a_rerun_skips_what_is_stored_and_force_does_not),
    CASE(a_batch_killed_five_times_ends_as_one_uninterrupted_run),
    CASE(merge_names_each_bad_shard_and_takes_the_good_ones),
#undef CASE
  };
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  robust_cleanup();
  return failed;
}
