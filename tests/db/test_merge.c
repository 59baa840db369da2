/* test_merge.c - merge as a cluster needs it: any order, twice, bad shards
 *
 * SPDX-License-Identifier: MIT
 */
#include "fixture.h"
#include "merge.h"
#include "rsk_error.h"

#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

/* Every row of the database in an order of its contents, ids left out:
 * what "the same content" means for two merged databases. */
static const char *const content_queries[] = {
  "SELECT f.sha256, f.taxonomy_version, f.name, f.path, c.name, c.key, "
  "f.analyzed_at, f.pages, f.doc_type, f.title, f.flags, f.risk_first_page, "
  "f.risk_last_page FROM filings f JOIN companies c ON c.id = f.company_id "
  "ORDER BY 1, 2",
  "SELECT f.sha256, f.taxonomy_version, s.ordinal, s.title, s.page_start, "
  "s.page_end FROM sections s JOIN filings f ON f.id = s.filing_id "
  "ORDER BY 1, 2, 3",
  "SELECT f.sha256, f.taxonomy_version, r.ordinal, r.section, "
  "(SELECT s.ordinal FROM sections s WHERE s.id = r.section_id), r.heading, "
  "r.body, r.page_start, r.page_end, r.word_count FROM risk_factors r "
  "JOIN filings f ON f.id = r.filing_id ORDER BY 1, 2, 3",
  "SELECT f.sha256, f.taxonomy_version, r.ordinal, t.category, t.score, "
  "t.strength, e.page, e.in_heading, e.offset, e.length, e.text, e.pattern, "
  "e.weight FROM evidence e JOIN tags t ON t.id = e.tag_id "
  "JOIN risk_factors r ON r.id = t.risk_factor_id "
  "JOIN filings f ON f.id = r.filing_id ORDER BY 1, 2, 3, 4, 7, 9, 11",
  "SELECT f.sha256, f.taxonomy_version, r.ordinal, g.regulation_id "
  "FROM regulations_cited g JOIN risk_factors r ON r.id = g.risk_factor_id "
  "JOIN filings f ON f.id = r.filing_id ORDER BY 1, 2, 3, 4",
  "SELECT f.sha256, f.taxonomy_version, r.ordinal, p.offset, p.page "
  "FROM risk_factor_pages p JOIN risk_factors r ON r.id = p.risk_factor_id "
  "JOIN filings f ON f.id = r.filing_id ORDER BY 1, 2, 3, 4",
  NULL,
};

static char *content_of(const char *path)
{
  sqlite3 *db = NULL;
  GString *dump = g_string_new(NULL);
  assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL),
                   SQLITE_OK);
  for (int q = 0; content_queries[q]; q++) {
    sqlite3_stmt *stmt = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, content_queries[q], -1, &stmt,
                                        NULL),
                     SQLITE_OK);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      for (int c = 0; c < sqlite3_column_count(stmt); c++) {
        const char *text = (const char *)sqlite3_column_text(stmt, c);
        g_string_append_printf(dump, "%s%s", c ? "|" : "",
                               text ? text : "NULL");
      }
      g_string_append_c(dump, '\n');
    }
    sqlite3_finalize(stmt);
    g_string_append(dump, "--\n");
  }
  sqlite3_close(db);
  return g_string_free(dump, FALSE);
}

/* A new database NAME holding the fixtures NAMES[i] (seed SEEDS[i], two
 * risk factors), each put a few milliseconds after the one before. */
static char *shard_with(const char *name, const char *const *names,
                        const char *const *seeds, const char *company)
{
  char *path = fixture_db_path(name);
  g_autoptr(GError) error = NULL;
  rsk_store *store = rsk_store_open(path, FALSE, &error);
  assert_non_null(store);
  for (int i = 0; names[i]; i++) {
    fixture *fx = fixture_new(names[i], seeds[i], 2);
    fx->company = company;
    assert_true(fixture_put(store, fx, NULL, &error));
    fixture_free(fx);
    g_usleep(3000);
  }
  rsk_store_close(store);
  return path;
}

/* Merges SOURCES (NULL-terminated) into TARGET in that order, adding to
 * *COUNTS; every merge must succeed. */
static void merge_all(const char *target, const char *const *sources,
                      rsk_merge_counts *counts)
{
  g_autoptr(GError) error = NULL;
  rsk_store *into = rsk_store_open(target, FALSE, &error);
  assert_non_null(into);
  for (int i = 0; sources[i]; i++) {
    rsk_store *from = rsk_store_open(sources[i], TRUE, &error);
    assert_non_null(from);
    if (!rsk_store_merge(into, from, counts, &error))
      fail_msg("merge %s: %s", sources[i], error->message);
    rsk_store_close(from);
  }
  rsk_store_close(into);
}

/* Merging SOURCE into a fresh database fails; returns the message. */
static char *merge_error(const char *source)
{
  g_autofree char *target = fixture_db_path("target.db");
  GError *error = NULL;
  rsk_merge_counts counts = {0};
  rsk_store *into = rsk_store_open(target, FALSE, &error);
  assert_non_null(into);
  rsk_store *from = rsk_store_open(source, TRUE, &error);
  if (from) {
    assert_false(rsk_store_merge(into, from, &counts, &error));
    /* Refused whole: nothing of it was copied. */
    assert_int_equal(counts.added, 0);
  }
  rsk_store_close(from);
  rsk_store_close(into);
  assert_int_equal(fixture_sql_int(target, "SELECT count(*) FROM filings"), 0);
  assert_non_null(error);
  char *message = g_strdup(error->message);
  g_error_free(error);
  return message;
}

/* Three shards that overlap: b.pdf's content in all three (analysed later
 * in the second, and at the very same millisecond in the third under
 * another path), a second taxonomy version of a.pdf in the third, and
 * two spellings of one company. */
static void three_overlapping_shards(char *paths[3])
{
  const char *n1[] = {"a.pdf", "b.pdf", NULL}, *s1[] = {"a", "b", NULL};
  const char *n2[] = {"b-copy.pdf", "c.pdf", NULL}, *s2[] = {"b", "c", NULL};
  const char *n3[] = {"d.pdf", "b-third.pdf", NULL}, *s3[] = {"d", "b", NULL};
  paths[0] = shard_with("s1.db", n1, s1, "ACME AI INC.");
  paths[1] = shard_with("s2.db", n2, s2, "Acme AI");
  paths[2] = shard_with("s3.db", n3, s3, "Acme AI");

  g_autofree char *at = fixture_sql_text(
      paths[1], "SELECT analyzed_at FROM filings WHERE name = 'b-copy.pdf'");
  g_autofree char *tie = g_strdup_printf(
      "UPDATE filings SET analyzed_at = '%s' WHERE name = 'b-third.pdf'", at);
  fixture_sql_int(paths[2], tie);

  g_autoptr(GError) error = NULL;
  rsk_store *store = rsk_store_open(paths[2], FALSE, &error);
  fixture *fx = fixture_new("a.pdf", "a", 3);
  fx->taxonomy_version = "2.0";
  assert_true(fixture_put(store, fx, NULL, &error));
  fixture_free(fx);
  rsk_store_close(store);
}

static void shards_merged_in_any_order_give_the_same_content(void **state)
{
  (void)state;
  static const int orders[6][3] = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2},
                                   {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
  char *shards[3];
  three_overlapping_shards(shards);
  char *first = NULL;

  for (int o = 0; o < 6; o++) {
    g_autofree char *target = fixture_db_path("merged.db");
    const char *sources[] = {shards[orders[o][0]], shards[orders[o][1]],
                             shards[orders[o][2]], NULL};
    rsk_merge_counts counts = {0};
    merge_all(target, sources, &counts);
    /* a, b, c, d and a's second taxonomy version; b three times. */
    assert_int_equal(counts.added, 5);
    assert_int_equal(counts.added + counts.replaced + counts.skipped, 7);

    char *content = content_of(target);
    if (!first)
      first = content;
    else if (strcmp(first, content) != 0)
      fail_msg("order %d %d %d differs:\n%s\nfrom:\n%s", orders[o][0],
               orders[o][1], orders[o][2], content, first);
    else
      g_free(content);
    /* The later analysis of b, and of the tie the smaller path. */
    g_autofree char *b = fixture_sql_text(
        target, "SELECT name FROM filings WHERE name LIKE 'b%'");
    assert_string_equal(b, "b-copy.pdf");
    g_autofree char *company =
        fixture_sql_text(target, "SELECT DISTINCT c.name FROM filings f "
                                 "JOIN companies c ON c.id = f.company_id");
    assert_string_equal(company, "Acme AI");
    assert_int_equal(fixture_sql_int(target,
                                     "SELECT count(*) FROM risk_factors"),
                     11);
    fixture_sql_int(target, "INSERT INTO risk_factors_fts(risk_factors_fts) "
                            "VALUES ('integrity-check')");
  }
  g_free(first);
  for (int i = 0; i < 3; i++)
    g_free(shards[i]);
}

static void merging_a_shard_twice_changes_nothing(void **state)
{
  (void)state;
  char *shards[3];
  three_overlapping_shards(shards);
  g_autofree char *target = fixture_db_path("twice.db");
  const char *all[] = {shards[0], shards[1], shards[2], NULL};
  rsk_merge_counts counts = {0};
  merge_all(target, all, &counts);
  g_autofree char *once = content_of(target);

  for (int i = 0; i < 3; i++) {
    const char *again[] = {shards[i], NULL};
    rsk_merge_counts more = {0};
    merge_all(target, again, &more);
    assert_int_equal(more.added, 0);
    assert_int_equal(more.replaced, 0);
    assert_int_equal(more.skipped,
                     fixture_sql_int(shards[i], "SELECT count(*) FROM filings"));
    g_autofree char *twice = content_of(target);
    assert_string_equal(once, twice);
  }
  for (int i = 0; i < 3; i++)
    g_free(shards[i]);
}

static void a_shard_of_a_newer_schema_is_refused_by_name(void **state)
{
  (void)state;
  const char *names[] = {"a.pdf", NULL}, *seeds[] = {"a", NULL};
  g_autofree char *shard = shard_with("newer.db", names, seeds, "Acme AI");
  fixture_sql_int(shard, "PRAGMA user_version = 99");
  g_autofree char *message = merge_error(shard);
  assert_non_null(strstr(message, shard));
  assert_non_null(strstr(message, "schema version 99 is newer"));
}

static void a_foreign_file_is_refused_by_name(void **state)
{
  (void)state;
  g_autofree char *text = fixture_db_path("notes.db");
  g_assert_true(g_file_set_contents(text, "shard list\n", -1, NULL));
  g_autofree char *message = merge_error(text);
  assert_non_null(strstr(message, text));
  assert_non_null(strstr(message, "not an SQLite database"));

  g_autofree char *other = fixture_db_path("other.db");
  fixture_sql_int(other, "CREATE TABLE t(x)");
  g_free(message);
  message = merge_error(other);
  assert_non_null(strstr(message, "not riskscope's"));
}

static void a_damaged_shard_is_refused_whole(void **state)
{
  (void)state;
  const char *names[] = {"a.pdf", "b.pdf", "c.pdf", "d.pdf", "e.pdf",
                         "f.pdf", "g.pdf", "h.pdf", NULL};
  const char *seeds[] = {"a", "b", "c", "d", "e", "f", "g", "h", NULL};
  g_autofree char *shard = shard_with("damaged.db", names, seeds, "Acme AI");
  /* Checkpoint into the main file, then scribble over its later pages:
   * the header and schema still read, the rows do not. */
  fixture_sql_int(shard, "PRAGMA journal_mode = DELETE");
  gint64 pages = fixture_sql_int(shard, "PRAGMA page_count");
  gint64 size = fixture_sql_int(shard, "PRAGMA page_size");
  assert_true(pages > 8);
  FILE *f = fopen(shard, "r+b");
  assert_non_null(f);
  for (gint64 p = pages / 2; p < pages; p++) {
    fseek(f, (long)(p * size), SEEK_SET);
    for (int i = 0; i < 64; i++)
      fputc(0xA5, f);
  }
  fclose(f);
  g_autofree char *message = merge_error(shard);
  assert_non_null(strstr(message, shard));
  assert_true(strstr(message, "damaged") || strstr(message, "malformed"));
}

static void a_shard_still_being_written_is_refused_until_done(void **state)
{
  (void)state;
  const char *names[] = {"a.pdf", NULL}, *seeds[] = {"a", NULL};
  g_autofree char *shard = shard_with("busy.db", names, seeds, "Acme AI");
  int ready[2];
  assert_int_equal(pipe(ready), 0);

  /* A writer in another process, as a Slurm task still running. */
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    alarm(60);  /* never outlives a failed test for long */
    rsk_store *store = rsk_store_open(shard, FALSE, NULL);
    if (write(ready[1], store ? "y" : "n", 1) != 1)
      _exit(1);
    pause();
    _exit(0);
  }
  char c = 0;
  assert_int_equal(read(ready[0], &c, 1), 1);
  assert_int_equal(c, 'y');
  g_autofree char *message = merge_error(shard);
  assert_non_null(strstr(message, shard));
  assert_non_null(strstr(message, "still being written"));

  /* Killed (a time limit, kill -9): it writes no more, and what it stored
   * merges. */
  kill(pid, SIGKILL);
  waitpid(pid, NULL, 0);
  close(ready[0]);
  close(ready[1]);
  g_autofree char *target = fixture_db_path("after.db");
  const char *sources[] = {shard, NULL};
  rsk_merge_counts counts = {0};
  merge_all(target, sources, &counts);
  assert_int_equal(counts.added, 1);
}

static void a_reader_does_not_count_as_a_writer(void **state)
{
  (void)state;
  const char *names[] = {"a.pdf", NULL}, *seeds[] = {"a", NULL};
  g_autofree char *shard = shard_with("read.db", names, seeds, "Acme AI");
  g_autoptr(GError) error = NULL;
  rsk_store *reader = rsk_store_open(shard, TRUE, &error);
  assert_non_null(reader);
  assert_false(rsk_store_written_elsewhere(reader));
  g_autofree char *target = fixture_db_path("read-target.db");
  const char *sources[] = {shard, NULL};
  rsk_merge_counts counts = {0};
  merge_all(target, sources, &counts);
  assert_int_equal(counts.added, 1);
  rsk_store_close(reader);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(shards_merged_in_any_order_give_the_same_content),
    cmocka_unit_test(merging_a_shard_twice_changes_nothing),
    cmocka_unit_test(a_shard_of_a_newer_schema_is_refused_by_name),
    cmocka_unit_test(a_foreign_file_is_refused_by_name),
    cmocka_unit_test(a_damaged_shard_is_refused_whole),
    cmocka_unit_test(a_shard_still_being_written_is_refused_until_done),
    cmocka_unit_test(a_reader_does_not_count_as_a_writer),
  };
  return cmocka_run_group_tests(tests, NULL, fixture_teardown);
}
