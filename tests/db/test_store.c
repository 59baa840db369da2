/* test_store.c - the SQLite store: writing, replacing, refusing, surviving
 *
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixture.h"
#include "remove.h"
#include "rsk_error.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static rsk_store *open_new(const char *name, char **path)
{
  g_autoptr(GError) error = NULL;
  *path = fixture_db_path(name);
  rsk_store *store = rsk_store_open(*path, FALSE, &error);
  assert_null(error);
  assert_non_null(store);
  return store;
}

static void a_stored_filing_reads_back_with_every_field(void **state)
{
  (void)state;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  rsk_store *store = open_new("a.db", &path);
  fixture *fx = fixture_new("acme_10k.pdf", "acme", 3);
  gint64 id = 0;

  assert_true(fixture_put(store, fx, &id, &error));
  assert_true(id > 0);
  assert_int_equal(fixture_sql_int(path, "PRAGMA user_version"), rsk_store_schema_version());
  assert_int_equal(fixture_sql_int(path, "PRAGMA application_id"), 0x52534B50);
  rsk_analysis *a = rsk_analysis_load(store, id, &error);
  assert_null(error);
  assert_string_equal(a->info.name, "acme_10k.pdf");
  assert_string_equal(a->info.path, "/data/acme_10k.pdf");
  assert_string_equal(a->info.sha256, fx->filing->sha256);
  assert_string_equal(a->info.company, "Acme AI");
  assert_string_equal(a->info.doc_type, "10-K");
  assert_string_equal(a->info.title, "Annual report");
  assert_null(a->info.producer);
  assert_null(a->info.period_end);
  assert_null(a->info.document_date);
  assert_string_equal(a->info.taxonomy_name, "ai-regulation");
  assert_string_equal(a->info.taxonomy_version, "1.0");
  assert_int_equal(a->info.pages, 40);
  assert_int_equal(a->info.risk_first_page, 11);
  assert_int_equal(a->info.risk_last_page, 14);
  assert_int_equal(a->info.risk_count, 3);
  assert_int_equal(a->info.flags->len, 1);
  assert_string_equal(g_ptr_array_index(a->info.flags, 0), "few_risk_factors: 3");
  assert_int_equal(strlen(a->info.analyzed_at), strlen("2025-01-02T03:04:05.678Z"));

  assert_int_equal(a->risks->len, 3);
  const rsk_analysis_risk *r = rsk_analysis_risk_at(a, 2);
  assert_int_equal(r->ordinal, 3);
  assert_string_equal(r->section, "Section B");
  assert_string_equal(r->heading, "Risk 3 heading");
  assert_string_equal(r->body, "Body of risk 3. The AI Act and artificial intelligence laws govern personal data.");
  assert_int_equal(r->page_start, 13);
  assert_int_equal(r->page_end, 14);
  assert_int_equal(r->word_count, 7);
  assert_int_equal(r->n_tags, 2);
  const rsk_analysis_tag *t = rsk_analysis_tag_of(a, r, 0);
  assert_string_equal(t->category, "ai.regulation_general");
  assert_float_equal(t->score, 0.9, 1e-12);
  assert_int_equal(t->strength, 'P');
  assert_int_equal(t->n_evidence, 2);
  const rsk_analysis_evidence *e = rsk_analysis_evidence_of(a, t, 1);
  assert_int_equal(e->page, 14);
  assert_string_equal(e->text, "artificial intelligence laws");
  assert_string_equal(e->pattern, "ai.laws");
  assert_int_equal(e->offset, 31);
  assert_false(e->in_heading);
  assert_float_equal(e->weight, 0.75, 1e-12);
  /* Schema 3: the sentence around the match and the matches it stands for. */
  assert_true(e->has_sentence);
  assert_int_equal(e->sentence_offset, 16);
  assert_int_equal(e->count, 3);
  assert_int_equal(t->sentences, 4);
  g_autofree char *marked = rsk_analysis_evidence_marked(r, e, "[", "]");
  assert_string_equal(marked, "The AI Act and [artificial intelligence laws] govern personal data.");
  t = rsk_analysis_tag_of(a, r, 1);
  assert_string_equal(t->category, "data.privacy");
  assert_int_equal(t->strength, 'S');
  assert_int_equal(t->n_evidence, 1);
  assert_int_equal(r->n_regulations, 2);
  assert_string_equal(rsk_analysis_regulation_of(a, r, 0), "EU-AI-ACT");
  assert_string_equal(rsk_analysis_regulation_of(a, r, 1), "US-EAR");
  rsk_analysis_free(a);
  rsk_store_close(store);

  /* Sub-sections become rows with their page span. */
  assert_int_equal(fixture_sql_int(path, "SELECT count(*) FROM sections"), 2);
  assert_int_equal(fixture_sql_int(path, "SELECT page_end FROM sections WHERE ordinal = 1"), 13);
  fixture_free(fx);
}

static void putting_the_same_filing_twice_keeps_one_copy(void **state)
{
  (void)state;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  rsk_store *store = open_new("twice.db", &path);
  fixture *fx = fixture_new("acme.pdf", "acme", 4);

  gint64 first = 0, second = 0;
  assert_true(fixture_put(store, fx, &first, &error));
  assert_true(fixture_put(store, fx, &second, &error));
  assert_int_equal(second, first);
  rsk_store_close(store);
  assert_int_equal(fixture_sql_int(path, "SELECT count(*) FROM filings"), 1);
  assert_int_equal(fixture_sql_int(path, "SELECT count(*) FROM risk_factors"), 4);
  assert_int_equal(fixture_sql_int(path, "SELECT count(*) FROM tags"), 8);
  assert_int_equal(fixture_sql_int(path, "SELECT count(*) FROM evidence"), 12);
  assert_int_equal(fixture_sql_int(path, "SELECT count(*) FROM regulations_cited"), 8);
  assert_int_equal(fixture_sql_int(path, "SELECT count(*) FROM sections"), 2);
  assert_int_equal(fixture_sql_int(path, "SELECT count(*) FROM companies"), 1);
  /* The full-text index follows: one hit per stored risk factor. */
  assert_int_equal(fixture_sql_int(path, "SELECT count(*) FROM risk_factors_fts "
                                         "WHERE risk_factors_fts MATCH 'body'"), 4);
  fixture_free(fx);
}

static void another_taxonomy_version_is_a_second_analysis(void **state)
{
  (void)state;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  rsk_store *store = open_new("versions.db", &path);
  fixture *fx = fixture_new("acme.pdf", "acme", 2);

  assert_true(fixture_put(store, fx, NULL, &error));
  fx->taxonomy_version = "2.0";
  assert_true(fixture_put(store, fx, NULL, &error));
  rsk_store_close(store);
  assert_int_equal(fixture_sql_int(path, "SELECT count(*) FROM filings"), 2);
  fixture_free(fx);
}

/* Stores filings of COMPANIES (NULL-terminated spellings) into a new
 * database NAME, one filing each, and returns its path. */
static char *db_of_spellings(const char *name, const char *const *companies)
{
  char *path = NULL;
  g_autoptr(GError) error = NULL;
  rsk_store *store = open_new(name, &path);
  for (int i = 0; companies[i]; i++) {
    g_autofree char *file = g_strdup_printf("f%d.pdf", i);
    fixture *fx = fixture_new(file, companies[i], 1);
    fx->company = companies[i];
    assert_true(fixture_put(store, fx, NULL, &error));
    fixture_free(fx);
  }
  rsk_store_close(store);
  return path;
}

static void spellings_of_one_company_share_one_row(void **state)
{
  (void)state;
  const char *forward[] = {"ADVANCED MICRO DEVICES, INC.",
                           "Advanced Micro Devices Inc",
                           "Advanced Micro Systems", NULL};
  const char *backward[] = {"Advanced Micro Systems",
                            "Advanced Micro Devices Inc",
                            "ADVANCED MICRO DEVICES, INC.", NULL};
  const char *sql =
      "SELECT name FROM companies WHERE key = 'advanced micro devices'";
  g_autofree char *a = db_of_spellings("companies.db", forward);
  g_autofree char *b = db_of_spellings("companies_backward.db", backward);

  assert_int_equal(fixture_sql_int(a, "SELECT count(*) FROM companies"), 2);
  /* Not the first spelling seen but the same whatever the order: the one
   * not in capitals only. */
  g_autofree char *name_a = fixture_sql_text(a, sql);
  g_autofree char *name_b = fixture_sql_text(b, sql);
  assert_string_equal(name_a, "Advanced Micro Devices Inc");
  assert_string_equal(name_b, "Advanced Micro Devices Inc");
}

static void a_failure_mid_filing_leaves_the_previous_copy_intact(void **state)
{
  (void)state;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  rsk_store *store = open_new("fail.db", &path);
  fixture *fx = fixture_new("acme.pdf", "acme", 5);
  gint64 id = 0;

  assert_true(fixture_put(store, fx, &id, &error));
  /* A strength the schema's CHECK refuses, in the 4th risk factor. */
  fixture *bad = fixture_new("acme.pdf", "acme", 5);
  g_array_index(bad->results[3].tags, rsk_tag, 1).strength = 'X';
  assert_false(fixture_put(store, bad, NULL, &error));
  assert_non_null(error);
  assert_int_equal(error->code, RSK_ERROR_DB);
  g_autofree char *expected = g_strdup_printf(
      "DB %s: insert tag 2 (data.privacy) of risk factor 4: CHECK constraint failed", path);
  assert_true(g_str_has_prefix(error->message, expected));

  /* The earlier analysis is untouched, and the store still works. */
  rsk_analysis *a = rsk_analysis_load(store, id, &error);
  assert_non_null(a);
  assert_int_equal(a->risks->len, 5);
  assert_int_equal(a->tags->len, 10);
  rsk_analysis_free(a);
  g_clear_error(&error);
  assert_true(fixture_put(store, fx, NULL, &error));
  rsk_store_close(store);
  assert_int_equal(fixture_sql_int(path, "SELECT count(*) FROM filings"), 1);
  assert_int_equal(fixture_sql_int(path, "SELECT count(*) FROM risk_factors"), 5);
  fixture_free(bad);
  fixture_free(fx);
}

static void a_newer_schema_is_refused(void **state)
{
  (void)state;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  rsk_store_close(open_new("newer.db", &path));
  fixture_sql_int(path, "PRAGMA user_version = 99");

  assert_null(rsk_store_open(path, FALSE, &error));
  g_autofree char *expected = g_strdup_printf(
      "DB %s: schema version 99 is newer than this riskscope understands (%d); "
      "upgrade riskscope", path, rsk_store_schema_version());
  assert_string_equal(error->message, expected);
  g_clear_error(&error);
  assert_null(rsk_store_open(path, TRUE, &error));
  assert_string_equal(error->message, expected);
}

extern const char rsk_schema_sql[];

/* A version-1 database at PATH, made from the first step of the embedded
 * schema (cut as store.c cuts it), holding one filing with one risk factor
 * as riskscope 1 stored them. */
static void make_version_1(const char *path)
{
  const char *marker = "\n-- @version ";
  const char *step = strstr(rsk_schema_sql, marker);
  assert_non_null(step);
  step = strchr(step + 1, '\n');
  const char *end = strstr(step, marker);
  assert_non_null(end);
  g_autofree char *v1 = g_strndup(step, (gsize)(end - step));
  assert_null(strstr(v1, "risk_factor_pages"));

  sqlite3 *db = NULL;
  char *message = NULL;
  assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
  g_autofree char *sql = g_strconcat(
      "BEGIN;", v1, ";PRAGMA user_version = 1;"
      "INSERT INTO companies(id, name, key) VALUES (1, 'Old Co', 'old');"
      "INSERT INTO filings(id, company_id, path, name, sha256, pages, doc_type,"
      " analyzed_at, taxonomy_name, taxonomy_version, risk_first_page,"
      " risk_last_page) VALUES (1, 1, '/data/old.pdf', 'old.pdf', "
      "'00000000000000000000000000000000000000000000000000000000000000aa', 30,"
      " '10-K', '2024-01-01T00:00:00.000Z', 'ai-regulation', '1.0', 5, 7);"
      /* filed_date held the period end, or a prospectus's cover date. */
      "UPDATE filings SET filed_date = '2023-12-31' WHERE id = 1;"
      "INSERT INTO filings(id, company_id, path, name, sha256, pages, doc_type,"
      " filed_date, analyzed_at, taxonomy_name, taxonomy_version,"
      " risk_first_page, risk_last_page) VALUES (2, 1, '/data/old_424b.pdf',"
      " 'old_424b.pdf', "
      "'00000000000000000000000000000000000000000000000000000000000000bb', 90,"
      " '424B', '2024-10-10', '2024-01-01T00:00:00.000Z', 'ai-regulation',"
      " '1.0', 0, 0);"
      "INSERT INTO risk_factors(id, filing_id, ordinal, section, heading, body,"
      " page_start, page_end, word_count) VALUES (1, 1, 1, '', 'Old heading',"
      " 'Old body that ran from page five onto page six.', 5, 6, 11);"
      "INSERT INTO tags(id, risk_factor_id, category, score, strength)"
      " VALUES (1, 1, 'data.privacy', 0.5, 'S');"
      "INSERT INTO evidence(tag_id, page, in_heading, offset, length, text,"
      " pattern, weight) VALUES (1, 5, 0, 4, 4, 'body', 'old-rule', 1.0);"
      "COMMIT;", NULL);
  if (sqlite3_exec(db, sql, NULL, NULL, &message) != SQLITE_OK)
    fail_msg("version 1 schema: %s", message);
  sqlite3_close(db);
}

static void a_version_1_database_migrates_on_its_first_write_open(void **state)
{
  (void)state;
  g_autofree char *path = fixture_db_path("v1.db");
  g_autoptr(GError) error = NULL;
  make_version_1(path);
  assert_int_equal(fixture_sql_int(path, "PRAGMA user_version"), 1);

  /* Read-only: refused with a way out, and left at version 1. */
  assert_null(rsk_store_open(path, TRUE, &error));
  g_autofree char *expected = g_strdup_printf(
      "DB %s: schema version 1 is older than this riskscope's (%d); open it "
      "once for writing (riskscope analyze or merge --db) to migrate it",
      path, rsk_store_schema_version());
  assert_string_equal(error->message, expected);
  g_clear_error(&error);
  assert_int_equal(fixture_sql_int(path, "PRAGMA user_version"), 1);

  rsk_store *store = rsk_store_open(path, FALSE, &error);
  assert_null(error);
  assert_non_null(store);
  assert_int_equal(rsk_store_schema_version(), 6);
  assert_int_equal(fixture_sql_int(path, "PRAGMA user_version"), rsk_store_schema_version());
  /* Version 6: page labels and the taxonomy's categories. */
  assert_int_equal(fixture_sql_int(path, "SELECT count(*) FROM sqlite_master "
                                         "WHERE name IN ('page_labels', "
                                         "'taxonomy_categories')"), 2);
  assert_int_equal(fixture_sql_int(path, "SELECT count(*) FROM sqlite_master "
                                         "WHERE name = 'risk_factor_pages'"), 1);
  assert_int_equal(fixture_sql_int(path, "SELECT count(*) FROM sqlite_master "
                                         "WHERE name = 'filings_ticker'"), 1);
  /* Version 4: evidence sentences and counts, sentences per tag. */
  assert_int_equal(fixture_sql_int(path, "SELECT count(*) FROM pragma_table_info('evidence') "
                                         "WHERE name IN ('sentence_offset', "
                                         "'sentence_length', 'count')"), 3);
  assert_int_equal(fixture_sql_int(path, "SELECT count(*) FROM pragma_table_info('tags') "
                                         "WHERE name = 'sentences'"), 1);

  /* The old rows are intact; without page marks, pages are page_start. */
  rsk_analysis *a = rsk_analysis_load(store, 1, &error);
  assert_non_null(a);
  assert_string_equal(a->info.company, "Old Co");
  /* Version 3's identity columns are empty for rows stored before it. */
  assert_null(a->info.ticker);
  assert_null(a->info.stock_code);
  assert_null(a->info.cik);
  assert_null(a->info.company_zh);
  /* Version 5: a report's filed_date is its period end, a prospectus's
   * its document date. */
  assert_string_equal(a->info.period_end, "2023-12-31");
  assert_null(a->info.document_date);
  assert_int_equal(a->risks->len, 1);
  const rsk_analysis_risk *r = rsk_analysis_risk_at(a, 0);
  assert_string_equal(r->body, "Old body that ran from page five onto page six.");
  assert_int_equal(r->n_marks, 0);
  assert_int_equal(rsk_analysis_page_at(a, r, 40), 5);
  /* Evidence from before version 3 has no sentence: its text is shown. */
  const rsk_analysis_tag *t = rsk_analysis_tag_of(a, r, 0);
  assert_int_equal(t->n_evidence, 1);
  assert_int_equal(t->sentences, 0);
  const rsk_analysis_evidence *e = rsk_analysis_evidence_of(a, t, 0);
  assert_false(e->has_sentence);
  assert_int_equal(e->count, 1);
  g_autofree char *marked = rsk_analysis_evidence_marked(r, e, "[", "]");
  assert_string_equal(marked, "[body]");
  rsk_analysis_free(a);
  a = rsk_analysis_load(store, 2, &error);
  assert_non_null(a);
  assert_null(a->info.period_end);
  assert_string_equal(a->info.document_date, "2024-10-10");
  rsk_analysis_free(a);
  assert_int_equal(rsk_read_page_at(store, 1, 40, &error), 5);
  assert_null(error);
  assert_int_equal(fixture_sql_int(path, "SELECT count(*) FROM risk_factors_fts "
                                         "WHERE risk_factors_fts MATCH 'onto'"), 1);

  /* A new filing gets its page marks. */
  fixture *fx = fixture_new("new.pdf", "new", 2);
  gint64 id = 0;
  assert_true(fixture_put(store, fx, &id, &error));
  assert_int_equal(fixture_sql_int(path, "SELECT count(*) FROM risk_factor_pages"), 4);
  assert_int_equal(fixture_sql_int(path, "SELECT count(*) FROM filings"), 3);
  rsk_store_close(store);
  fixture_free(fx);

  /* Reopening migrates nothing more, and readers are let in now. */
  store = rsk_store_open(path, TRUE, &error);
  assert_non_null(store);
  rsk_store_close(store);
  assert_int_equal(fixture_sql_int(path, "PRAGMA user_version"), rsk_store_schema_version());
  g_autofree char *check = fixture_sql_text(path, "PRAGMA integrity_check");
  assert_string_equal(check, "ok");
}

static void garbage_bytes_are_not_taken_for_a_database(void **state)
{
  (void)state;
  g_autofree char *path = fixture_db_path("garbage.db");
  g_autoptr(GError) error = NULL;
  assert_true(g_file_set_contents(path, "%PDF-1.7 this is no database\n", -1, NULL));

  assert_null(rsk_store_open(path, FALSE, &error));
  g_autofree char *expected =
      g_strdup_printf("DB %s: not an SQLite database (wrong file, or damaged)", path);
  assert_string_equal(error->message, expected);
  g_clear_error(&error);
  assert_null(rsk_store_open(path, TRUE, &error));
  assert_string_equal(error->message, expected);

  /* A damaged database past its header is caught by SQLite itself. */
  char block[8192];
  memset(block, 0x5a, sizeof block);
  memcpy(block, "SQLite format 3", 16);
  assert_true(g_file_set_contents(path, block, sizeof block, NULL));
  g_clear_error(&error);
  assert_null(rsk_store_open(path, FALSE, &error));
  assert_non_null(strstr(error->message, "not an SQLite database, or damaged"));
}

static void a_foreign_sqlite_database_is_refused(void **state)
{
  (void)state;
  g_autofree char *path = fixture_db_path("foreign.db");
  g_autoptr(GError) error = NULL;
  fixture_sql_int(path, "CREATE TABLE t(x)");

  assert_null(rsk_store_open(path, FALSE, &error));
  g_autofree char *expected = g_strdup_printf(
      "DB %s: an SQLite database, but not riskscope's (application id 0, 1 tables)", path);
  assert_string_equal(error->message, expected);
  /* Left as it was. */
  assert_int_equal(fixture_sql_int(path, "SELECT count(*) FROM sqlite_master"), 1);
}

static void a_read_command_does_not_create_a_missing_database(void **state)
{
  (void)state;
  g_autofree char *path = fixture_db_path("missing.db");
  g_autoptr(GError) error = NULL;

  assert_null(rsk_store_open(path, TRUE, &error));
  g_autofree char *expected =
      g_strdup_printf("DB %s: no such database; run riskscope analyze first", path);
  assert_string_equal(error->message, expected);
  assert_false(g_file_test(path, G_FILE_TEST_EXISTS));
}

static void a_read_only_store_reads_but_refuses_to_write(void **state)
{
  (void)state;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  fixture *fx = fixture_new("acme.pdf", "acme", 2);
  rsk_store *store = open_new("ro.db", &path);
  assert_true(fixture_put(store, fx, NULL, &error));
  rsk_store_close(store);

  store = rsk_store_open(path, TRUE, &error);
  assert_non_null(store);
  rsk_filing_list *list = rsk_read_filings(store, RSK_READ_ALL, &error);
  assert_int_equal(list->filings->len, 1);
  rsk_filing_list_free(list);
  assert_false(fixture_put(store, fx, NULL, &error));
  g_autofree char *expected =
      g_strdup_printf("DB %s: opened read-only, cannot write", path);
  assert_string_equal(error->message, expected);
  rsk_store_close(store);
  fixture_free(fx);
}

/* Child: opens PATH and puts COUNT filings seeded "TAGn"; exit 0 when all
 * were stored. */
static void writer_child(const char *path, const char *tag, int count)
{
  GError *error = NULL;
  rsk_store *store = rsk_store_open(path, FALSE, &error);
  gboolean ok = store != NULL;
  for (int i = 0; ok && i < count; i++) {
    g_autofree char *seed = g_strdup_printf("%s%d", tag, i);
    g_autofree char *name = g_strdup_printf("%s.pdf", seed);
    fixture *fx = fixture_new(name, seed, 6);
    ok = fixture_put(store, fx, NULL, &error);
    fixture_free(fx);
  }
  if (error)
    fprintf(stderr, "writer %s: %s\n", tag, error->message);
  rsk_store_close(store);
  _exit(ok ? 0 : 1);
}

static void two_processes_writing_one_database_both_succeed(void **state)
{
  (void)state;
  /* Both start on a database that does not exist yet: they also race to
   * create and migrate it. */
  g_autofree char *path = fixture_db_path("shared.db");
  pid_t pids[2];
  const char *tags[2] = {"left", "right"};

  for (int i = 0; i < 2; i++) {
    pids[i] = fork();
    assert_true(pids[i] >= 0);
    if (pids[i] == 0)
      writer_child(path, tags[i], 40);
  }
  for (int i = 0; i < 2; i++) {
    int status = 0;
    assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
  }
  assert_int_equal(fixture_sql_int(path, "SELECT count(*) FROM filings"), 80);
  assert_int_equal(fixture_sql_int(path, "SELECT count(*) FROM risk_factors"), 480);
}

static void a_writer_killed_mid_put_leaves_the_database_consistent(void **state)
{
  (void)state;
  g_autofree char *path = fixture_db_path("killed.db");
  g_autoptr(GError) error = NULL;
  rsk_store_close(rsk_store_open(path, FALSE, &error));

  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    /* Loops forever, over a few sha256s, so kills land on replacements too. */
    rsk_store *store = rsk_store_open(path, FALSE, NULL);
    for (int i = 0;; i++) {
      g_autofree char *seed = g_strdup_printf("loop%d", i % 7);
      fixture *fx = fixture_new("loop.pdf", seed, 25);
      fixture_put(store, fx, NULL, NULL);
      fixture_free(fx);
    }
  }
  /* Let it store some, then kill it at an arbitrary point. */
  for (int tries = 0; tries < 200; tries++) {
    g_usleep(20000);
    if (fixture_sql_int(path, "SELECT count(*) FROM filings") >= 3)
      break;
  }
  g_usleep(g_random_int_range(0, 20000));
  kill(pid, SIGKILL);
  int status = 0;
  assert_int_equal(waitpid(pid, &status, 0), pid);
  assert_true(WIFSIGNALED(status));

  rsk_store *store = rsk_store_open(path, FALSE, &error);
  assert_non_null(store);
  rsk_store_close(store);
  g_autofree char *check = fixture_sql_text(path, "PRAGMA integrity_check");
  assert_string_equal(check, "ok");
  assert_true(fixture_sql_int(path, "SELECT count(*) FROM filings") >= 1);
  /* No filing without all of its risk factors, no tag without evidence. */
  assert_int_equal(fixture_sql_int(path,
      "SELECT count(*) FROM filings f WHERE "
      "(SELECT count(*) FROM risk_factors r WHERE r.filing_id = f.id) != 25"), 0);
  assert_int_equal(fixture_sql_int(path,
      "SELECT count(*) FROM risk_factors r WHERE "
      "(SELECT count(*) FROM tags t WHERE t.risk_factor_id = r.id) != 2"), 0);
  assert_int_equal(fixture_sql_int(path,
      "SELECT count(*) FROM risk_factors r WHERE "
      "(SELECT count(*) FROM risk_factor_pages p "
      "WHERE p.risk_factor_id = r.id) != 2"), 0);
  assert_int_equal(fixture_sql_int(path,
      "SELECT count(*) FROM tags t WHERE NOT EXISTS "
      "(SELECT 1 FROM evidence e WHERE e.tag_id = t.id)"), 0);
  assert_int_equal(fixture_sql_int(path, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
  /* The FTS index agrees with its content table (errors if not). */
  assert_int_equal(fixture_sql_int(path,
      "INSERT INTO risk_factors_fts(risk_factors_fts) VALUES ('integrity-check')"), 0);
  assert_int_equal(fixture_sql_int(path, "SELECT count(*) FROM risk_factors_fts "
                                         "WHERE risk_factors_fts MATCH 'heading'"),
                   fixture_sql_int(path, "SELECT count(*) FROM risk_factors"));
}

/* remove: one filing whole, its search index entries too, its company
 * when it was the last; an unknown id deletes nothing. */
static void a_removed_filing_goes_whole_and_says_what_went(void **state)
{
  (void)state;
  g_autofree char *path = fixture_db_path("remove.db");
  g_autoptr(GError) error = NULL;
  rsk_store *store = rsk_store_open(path, FALSE, &error);
  fixture *a = fixture_new("a.pdf", "a", 3), *b = fixture_new("b.pdf", "b", 2);
  gint64 id_a = 0, id_b = 0;
  assert_true(fixture_put(store, a, &id_a, &error));
  assert_true(fixture_put(store, b, &id_b, &error));

  rsk_removed what;
  assert_true(rsk_store_remove_filing(store, id_a, &what, &error));
  assert_string_equal(what.name, "a.pdf");
  assert_string_equal(what.company, "Acme AI");
  assert_string_equal(what.taxonomy, "ai-regulation 1.0");
  assert_int_equal(what.risk_factors, 3);
  assert_int_equal(what.tags, 6);
  assert_int_equal(what.evidence, 9);
  assert_int_equal(what.regulations, 6);
  assert_int_equal(what.page_marks, 6);
  assert_false(what.company_removed);
  rsk_removed_clear(&what);
  assert_int_equal(fixture_sql_int(path, "SELECT count(*) FROM risk_factors"), 2);
  assert_int_equal(fixture_sql_int(path, "SELECT count(*) FROM evidence"), 6);
  /* The index holds b's two risk factors only, and agrees with the table. */
  assert_int_equal(fixture_sql_int(path, "SELECT count(*) FROM risk_factors_fts"
                                         " WHERE risk_factors_fts MATCH 'risk'"), 2);
  assert_int_equal(fixture_sql_int(path, "INSERT INTO risk_factors_fts("
                                         "risk_factors_fts) VALUES"
                                         " ('integrity-check')"), 0);

  /* Nothing goes for an id that is not there. */
  assert_false(rsk_store_remove_filing(store, 999, &what, &error));
  assert_int_equal(error->code, RSK_ERROR_NOT_FOUND);
  g_clear_error(&error);
  assert_int_equal(fixture_sql_int(path, "SELECT count(*) FROM filings"), 1);

  assert_true(rsk_store_remove_filing(store, id_b, &what, &error));
  assert_true(what.company_removed);
  rsk_removed_clear(&what);
  assert_int_equal(fixture_sql_int(path, "SELECT count(*) FROM companies"), 0);
  assert_int_equal(fixture_sql_int(path, "SELECT count(*) FROM tags"), 0);
  rsk_store_close(store);
  fixture_free(a);
  fixture_free(b);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(a_stored_filing_reads_back_with_every_field),
    cmocka_unit_test(putting_the_same_filing_twice_keeps_one_copy),
    cmocka_unit_test(another_taxonomy_version_is_a_second_analysis),
    cmocka_unit_test(spellings_of_one_company_share_one_row),
    cmocka_unit_test(a_failure_mid_filing_leaves_the_previous_copy_intact),
    cmocka_unit_test(a_newer_schema_is_refused),
    cmocka_unit_test(a_version_1_database_migrates_on_its_first_write_open),
    cmocka_unit_test(garbage_bytes_are_not_taken_for_a_database),
    cmocka_unit_test(a_foreign_sqlite_database_is_refused),
    cmocka_unit_test(a_read_command_does_not_create_a_missing_database),
    cmocka_unit_test(a_read_only_store_reads_but_refuses_to_write),
    cmocka_unit_test(two_processes_writing_one_database_both_succeed),
    cmocka_unit_test(a_writer_killed_mid_put_leaves_the_database_consistent),
    cmocka_unit_test(a_removed_filing_goes_whole_and_says_what_went),
  };
  return cmocka_run_group_tests(tests, NULL, fixture_teardown);
}
