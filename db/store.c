/* store.c - open the SQLite database: identity checks, migrations, pragmas
 *
 * A file is accepted when it is empty or new (it is then created), or when
 * it starts with the SQLite header and carries riskscope's application id.
 * Its PRAGMA user_version is the schema version: older databases are brought
 * forward by the steps of schema.sql (cut at "-- @version N" lines), all in
 * one BEGIN IMMEDIATE transaction that re-reads the version first, so two
 * processes opening a new database at once migrate it once. A database
 * newer than this build is refused rather than misread.
 *
 * Several writers: WAL mode lets readers go on while one process writes;
 * writers queue on the write lock through a busy handler that polls for
 * up to the lock timeout and, past two seconds, says once that it waits
 * (silence for minutes looks like a hang). BEGIN IMMEDIATE takes the lock
 * up front, so a transaction never fails half way on SQLITE_BUSY.
 *
 * SPDX-License-Identifier: MIT
 */
#include "store_private.h"

#include "rsk_error.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern const char rsk_schema_sql[];

#define RSK_APPLICATION_ID 0x52534B50  /* 'RSKP', set by schema step 1 */
#define RSK_BUSY_POLL_MS 25

/* The steps of schema.sql: element N-1 takes version N-1 to N. */
static GPtrArray *schema_steps(void)
{
  static gsize once = 0;
  static GPtrArray *steps = NULL;

  if (g_once_init_enter(&once)) {
    GPtrArray *found = g_ptr_array_new();
    const char *marker = "\n-- @version ";
    const char *p = strstr(rsk_schema_sql, marker);
    while (p) {
      p += strlen(marker);
      int version = atoi(p);
      /* The steps must be numbered 1, 2, 3, ... in order. */
      g_assert_cmpint(version, ==, (int)found->len + 1);
      const char *start = strchr(p, '\n');
      const char *end = start ? strstr(start, marker) : NULL;
      if (!start)
        start = p + strlen(p);
      g_ptr_array_add(found, end ? g_strndup(start, (gsize)(end - start))
                                 : g_strdup(start));
      p = end;
    }
    g_assert_cmpuint(found->len, >, 0);
    steps = found;
    g_once_init_leave(&once, 1);
  }
  return steps;
}

int rsk_store_schema_version(void)
{
  return (int)schema_steps()->len;
}

gboolean rsk_store_fail(rsk_store *store, GError **error, const char *what_fmt,
                        ...)
{
  va_list args;
  va_start(args, what_fmt);
  g_autofree char *what = g_strdup_vprintf(what_fmt, args);
  va_end(args);
  g_set_error(error, RSK_ERROR, RSK_ERROR_DB, "DB %s: %s: %s", store->path,
              what, sqlite3_errmsg(store->db));
  return FALSE;
}

/* SQLite's busy handler: COUNT is 0 at the first retry of a new wait. */
static int busy_wait(void *data, int count)
{
  rsk_store *store = data;
  gint64 now = g_get_monotonic_time();
  if (count == 0)
    store->wait_started = now;
  gint64 waited_ms = (now - store->wait_started) / 1000;
  if (waited_ms >= store->lock_wait.timeout_ms)
    return 0;
  if (waited_ms >= RSK_LOCK_NOTICE_MS && !store->wait_told) {
    store->wait_told = TRUE;
    if (store->lock_wait.waiting)
      store->lock_wait.waiting(store->lock_wait.data);
  }
  g_usleep(RSK_BUSY_POLL_MS * 1000);
  return 1;
}

/* Fails with the lock message when RC says the wait ran out. */
static gboolean fail_busy(rsk_store *store, int rc, GError **error,
                          const char *what)
{
  if ((rc & 0xff) == SQLITE_BUSY)
    g_set_error(error, RSK_ERROR, RSK_ERROR_DB,
                "DB %s: locked by another process; gave up after %d s "
                "(--lock-timeout)", store->path,
                (store->lock_wait.timeout_ms + 999) / 1000);
  else
    rsk_store_fail(store, error, "%s", what);
  return FALSE;
}

static int exec_sql(sqlite3 *db, const char *sql)
{
  return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

gboolean rsk_store_begin(rsk_store *store, GError **error)
{
  if (store->read_only) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_DB,
                "DB %s: opened read-only, cannot write", store->path);
    return FALSE;
  }
  int rc = exec_sql(store->db, "BEGIN IMMEDIATE");
  if (rc != SQLITE_OK)
    return fail_busy(store, rc, error, "begin transaction");
  return TRUE;
}

gboolean rsk_store_commit(rsk_store *store, GError **error)
{
  int rc = exec_sql(store->db, "COMMIT");
  if (rc != SQLITE_OK) {
    fail_busy(store, rc, error, "commit");
    rsk_store_rollback(store);
    return FALSE;
  }
  return TRUE;
}

void rsk_store_rollback(rsk_store *store)
{
  for (int i = 0; i < RSK_STMT_COUNT; i++) {
    if (store->stmts[i])
      sqlite3_reset(store->stmts[i]);
  }
  if (!sqlite3_get_autocommit(store->db))
    sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Fails unless the file at PATH is absent, empty or an SQLite database. */
static gboolean check_header(const char *path, gboolean *exists,
                             GError **error)
{
  static const char magic[16] = "SQLite format 3";
  char header[16];

  FILE *file = fopen(path, "rb");
  if (!file) {
    if (errno == ENOENT) {
      *exists = FALSE;
      return TRUE;
    }
    g_set_error(error, RSK_ERROR, RSK_ERROR_IO, "DB %s: %s", path,
                g_strerror(errno));
    return FALSE;
  }
  *exists = TRUE;
  size_t n = fread(header, 1, sizeof header, file);
  fclose(file);
  if (n == 0)
    return TRUE;
  if (n < sizeof header || memcmp(header, magic, sizeof magic) != 0) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_DB,
                "DB %s: not an SQLite database (wrong file, or damaged)",
                path);
    return FALSE;
  }
  return TRUE;
}

static gboolean pragma_int(rsk_store *store, const char *sql, gint64 *value,
                           GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2(store->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK) {
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
      *value = sqlite3_column_int64(stmt, 0);
      rc = SQLITE_OK;
    }
  }
  if (rc != SQLITE_OK) {
    if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
      g_set_error(error, RSK_ERROR, RSK_ERROR_DB,
                  "DB %s: not an SQLite database, or damaged: %s",
                  store->path, sqlite3_errmsg(store->db));
    else if ((rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_CANTOPEN)
      /* WAL mode writes beside the file even to read: say which it is. */
      g_set_error(error, RSK_ERROR, RSK_ERROR_DB,
                  "DB %s: cannot write the database or its folder "
                  "(check permissions): %s",
                  store->path, sqlite3_errmsg(store->db));
    else
      rsk_store_fail(store, error, "%s", sql);
    sqlite3_finalize(stmt);
    return FALSE;
  }
  sqlite3_finalize(stmt);
  return TRUE;
}

/* Checks the application id and version; sets *VERSION. */
static gboolean check_identity(rsk_store *store, gint64 *version,
                               GError **error)
{
  gint64 app_id = 0, tables = 0;
  int current = rsk_store_schema_version();

  /* One read transaction, so the three values come from one snapshot:
   * another process may be creating the schema between two reads. */
  sqlite3_exec(store->db, "BEGIN", NULL, NULL, NULL);
  gboolean read = pragma_int(store, "PRAGMA application_id", &app_id, error) &&
                  pragma_int(store, "PRAGMA user_version", version, error) &&
                  pragma_int(store, "SELECT count(*) FROM sqlite_master", &tables,
                             error);
  if (!sqlite3_get_autocommit(store->db))
    sqlite3_exec(store->db, "COMMIT", NULL, NULL, NULL);
  if (!read)
    return FALSE;
  if (app_id != RSK_APPLICATION_ID && (app_id != 0 || tables > 0)) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_DB,
                "DB %s: an SQLite database, but not riskscope's "
                "(application id %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
                " tables)",
                store->path, app_id, tables);
    return FALSE;
  }
  if (*version > current) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_DB,
                "DB %s: schema version %" G_GINT64_FORMAT
                " is newer than this riskscope understands (%d); "
                "upgrade riskscope",
                store->path, *version, current);
    return FALSE;
  }
  if (store->read_only && app_id != RSK_APPLICATION_ID) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_DB,
                "DB %s: empty, not a riskscope database; "
                "run riskscope analyze first", store->path);
    return FALSE;
  }
  if (store->read_only && *version < current) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_DB,
                "DB %s: schema version %" G_GINT64_FORMAT
                " is older than this riskscope's (%d); open it once for "
                "writing (riskscope analyze or merge --db) to migrate it",
                store->path, *version, current);
    return FALSE;
  }
  return TRUE;
}

static gboolean migrate(rsk_store *store, GError **error)
{
  GPtrArray *steps = schema_steps();
  gint64 version = 0;

  if (!rsk_store_begin(store, error))
    return FALSE;
  /* Re-read inside the lock: another process may have migrated it. */
  if (!pragma_int(store, "PRAGMA user_version", &version, error))
    goto fail;
  if (version > (gint64)steps->len) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_DB,
                "DB %s: schema version %" G_GINT64_FORMAT
                " is newer than this riskscope understands (%u); "
                "upgrade riskscope",
                store->path, version, steps->len);
    goto fail;
  }
  for (gint64 v = version + 1; v <= (gint64)steps->len; v++) {
    g_autofree char *set_version =
        g_strdup_printf("PRAGMA user_version = %" G_GINT64_FORMAT, v);
    if (sqlite3_exec(store->db, g_ptr_array_index(steps, v - 1), NULL, NULL,
                     NULL) != SQLITE_OK) {
      rsk_store_fail(store, error, "migrate to schema version %" G_GINT64_FORMAT,
                     v);
      goto fail;
    }
    if (sqlite3_exec(store->db, set_version, NULL, NULL, NULL) != SQLITE_OK) {
      rsk_store_fail(store, error, "%s", set_version);
      goto fail;
    }
  }
  return rsk_store_commit(store, error);

fail:
  rsk_store_rollback(store);
  return FALSE;
}

/* TRUE when the write-ahead log beside PATH holds frames: committed data
 * that is not in the database file yet. */
static gboolean wal_has_data(const char *path)
{
  g_autofree char *wal = g_strconcat(path, "-wal", NULL);
  GStatBuf st;
  return g_stat(wal, &st) == 0 && st.st_size > 0;
}

static int open_flags(rsk_store *store, const char *name, int flags)
{
  sqlite3_close(store->db);
  store->db = NULL;
  int rc = sqlite3_open_v2(name, &store->db, flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK) {
    sqlite3_busy_handler(store->db, busy_wait, store);
    rc = sqlite3_exec(store->db, "SELECT count(*) FROM sqlite_master", NULL,
                      NULL, NULL);
  }
  return rc;
}

/* Opens a database we may read but not write beside (a write-protected
 * file or folder). A WAL reader needs the -shm index: SQLite reads the WAL
 * through an existing -shm, or makes one where the folder allows. Where
 * neither works the committed data in the WAL cannot be read; opening the
 * file as immutable would silently show it without those commits (or as
 * "malformed" when the schema is in the WAL), so that is done only when
 * the WAL is empty or gone. */
static gboolean open_write_protected(rsk_store *store, GError **error)
{
  const char *path = store->path;
  int rc = open_flags(store, path, SQLITE_OPEN_READONLY);
  if (rc == SQLITE_OK)
    return TRUE;
  if ((rc & 0xff) != SQLITE_READONLY && (rc & 0xff) != SQLITE_CANTOPEN) {
    rsk_store_fail(store, error, "open");
    return FALSE;
  }
  if (wal_has_data(path)) {
    g_autofree char *dir = g_path_get_dirname(path);
    g_set_error(error, RSK_ERROR, RSK_ERROR_DB,
                "DB %s: committed data is still in its write-ahead log "
                "%s-wal, which can be read only with a %s-shm index that "
                "cannot be made in %s (not writable); copy the database with "
                "its -wal file to a folder you can write, or open it once "
                "with write access (e.g. riskscope list as its owner) to "
                "checkpoint the log into the file",
                path, path, path, dir);
    return FALSE;
  }
  /* Everything is in the file: immutable needs no -shm. */
  g_autofree char *escaped = g_uri_escape_string(path, "/", TRUE);
  g_autofree char *uri = g_strdup_printf("file:%s?immutable=1", escaped);
  if (open_flags(store, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI) != SQLITE_OK) {
    rsk_store_fail(store, error, "open");
    return FALSE;
  }
  return TRUE;
}

/* TRUE when both the file at PATH and its folder may be written. */
static gboolean can_write_beside(const char *path)
{
  g_autofree char *dir = g_path_get_dirname(path);
  return access(path, W_OK) == 0 && access(dir, W_OK) == 0;
}

/* TRUE when PATH is a regular file of 0 bytes. */
static gboolean is_empty_file(const char *path)
{
  GStatBuf st;
  return g_lstat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 0;
}

/* Removes the files of a database this process created and could not set
 * up (a full disk): an empty file would pass for a database next time.
 * Only empty files go: a database another process set up meanwhile has a
 * header in its file (WAL mode writes it there first) and stays whole. */
static void remove_failed_new(const char *path)
{
  if (!is_empty_file(path))
    return;
  static const char *const suffixes[] = {"-journal", "-wal", "-shm"};
  for (guint i = 0; i < G_N_ELEMENTS(suffixes); i++) {
    g_autofree char *file = g_strconcat(path, suffixes[i], NULL);
    if (is_empty_file(file))
      g_unlink(file);
  }
  g_unlink(path);
}

rsk_store *rsk_store_open(const char *path, gboolean read_only, GError **error)
{
  return rsk_store_open_waiting(path, read_only, NULL, error);
}

rsk_store *rsk_store_open_waiting(const char *path, gboolean read_only,
                                  const rsk_lock_wait *wait, GError **error)
{
  gboolean exists = FALSE;
  gint64 version = 0;

  g_return_val_if_fail(path != NULL, NULL);
  if (!check_header(path, &exists, error))
    return NULL;
  if (!exists && read_only) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_DB,
                "DB %s: no such database; run riskscope analyze first", path);
    return NULL;
  }

  if (!exists) {
    g_autofree char *dir = g_path_get_dirname(path);
    if (!g_file_test(dir, G_FILE_TEST_IS_DIR)) {
      g_set_error(error, RSK_ERROR, RSK_ERROR_DB,
                  "DB %s: folder %s does not exist", path, dir);
      return NULL;
    }
  }
  rsk_store *store = g_new0(rsk_store, 1);
  store->path = g_strdup(path);
  store->read_only = read_only;
  store->lock_fd = -1;
  store->lock_wait = wait ? *wait : (rsk_lock_wait){.timeout_ms = RSK_LOCK_TIMEOUT_S * 1000};
  /* A reader opens read-write under query_only: as the last connection to
   * close it can then checkpoint the WAL and remove the -wal and -shm files
   * a WAL reader needs. SQLite falls back to read-only by itself when the
   * file is write-protected. */
  int flags = read_only ? SQLITE_OPEN_READWRITE
                        : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  if (read_only && !can_write_beside(path)) {
    if (!open_write_protected(store, error))
      goto fail;
  } else if (sqlite3_open_v2(path, &store->db, flags | SQLITE_OPEN_NOMUTEX,
                             NULL) != SQLITE_OK) {
    if (store->db)
      rsk_store_fail(store, error, "open");
    else
      g_set_error(error, RSK_ERROR, RSK_ERROR_DB, "DB %s: out of memory",
                  path);
    goto fail;
  }
  /* Announce a writer before anything is written (writer_lock.c). */
  store->lock_fd = rsk_writer_lock_open(path, !read_only);
  sqlite3_extended_result_codes(store->db, 1);
  sqlite3_busy_handler(store->db, busy_wait, store);
  /* SQLite falls back to read-only on a file it may not write; a writer
   * would only find out at its first INSERT. */
  if (!read_only && sqlite3_db_readonly(store->db, "main") == 1) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_DB,
                "DB %s: read-only file; riskscope needs to write it "
                "(check its permissions, or use another --db)", path);
    goto fail;
  }
  if (!check_identity(store, &version, error))
    goto fail;
  if (read_only)
    sqlite3_exec(store->db, "PRAGMA query_only = ON", NULL, NULL, NULL);
  if (sqlite3_exec(store->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL) !=
      SQLITE_OK) {
    rsk_store_fail(store, error, "PRAGMA foreign_keys");
    goto fail;
  }
  if (!read_only) {
    /* WAL survives a kill -9 mid-transaction and lets readers run during
     * a write; NORMAL sync is crash-safe in WAL (only power loss can undo
     * the last commits). */
    int rc = exec_sql(store->db, "PRAGMA journal_mode = WAL");
    if (rc != SQLITE_OK) {
      fail_busy(store, rc, error, "PRAGMA journal_mode = WAL");
      goto fail;
    }
    sqlite3_exec(store->db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
    if (version < rsk_store_schema_version() && !migrate(store, error))
      goto fail;
  }
  return store;

fail:
  rsk_store_close(store);
  if (!exists)
    remove_failed_new(path);
  return NULL;
}

void rsk_store_close(rsk_store *store)
{
  if (!store)
    return;
  for (int i = 0; i < RSK_STMT_COUNT; i++)
    sqlite3_finalize(store->stmts[i]);
  sqlite3_close(store->db);
  /* Only now: closing a descriptor of the file drops SQLite's locks on it. */
  rsk_writer_lock_close(store->lock_fd);
  g_free(store->section_title);
  g_free(store->path);
  g_free(store);
}

struct sqlite3 *rsk_store_db(rsk_store *store)
{
  return store ? store->db : NULL;
}

gboolean rsk_store_written_elsewhere(rsk_store *store)
{
  return rsk_writer_lock_held_elsewhere(store->lock_fd);
}

const char *rsk_store_path(const rsk_store *store)
{
  return store->path;
}
