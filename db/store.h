/* store.h - the SQLite database: schema, migrations, writing a filing
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "classifier.h"
#include "filing.h"
#include "taxonomy.h"

#include <glib.h>

typedef struct rsk_store rsk_store;

/* Opens (creating when missing) the database at PATH, migrates it to the
 * current schema, WAL mode, foreign keys on. Refuses a database of a newer
 * schema or one that is not riskscope's (RSK_ERROR_DB). READ_ONLY opens
 * without creating or migrating: a missing file fails with "DB PATH: no
 * such database; run riskscope analyze first". A database it had to create
 * and could not set up (a full disk) is removed again, not left empty.
 * Messages start with "DB PATH: ". Writers of one file from several
 * processes at once wait for each other's lock, RSK_LOCK_TIMEOUT_S at the
 * most. Close with rsk_store_close() (accepts NULL). */
rsk_store *rsk_store_open(const char *path, gboolean read_only, GError **error);
void rsk_store_close(rsk_store *store);

#define RSK_LOCK_TIMEOUT_S 60

/* How to wait when another process holds the database's lock. */
typedef struct {
  int timeout_ms;                  /* then fail; 0: do not wait at all */
  void (*waiting)(gpointer data);  /* called once, when a wait passes
                                      RSK_LOCK_NOTICE_MS; may be NULL */
  gpointer data;
} rsk_lock_wait;

#define RSK_LOCK_NOTICE_MS 2000

/* rsk_store_open() waiting as WAIT says (NULL: RSK_LOCK_TIMEOUT_S, no
 * notice); WAIT is copied. A wait that runs out fails with "DB PATH: locked
 * by another process; gave up after N s". */
rsk_store *rsk_store_open_waiting(const char *path, gboolean read_only,
                                  const rsk_lock_wait *wait, GError **error);

/* The analysis of one filing, as handed to rsk_store_put_filing(). */
typedef struct {
  const rsk_filing *filing;
  const char *company;               /* never NULL */
  const char *ticker;                /* NULL: the filing's own */
  const rsk_classification *results; /* one per filing->risks entry */
  const char *taxonomy_name;
  const char *taxonomy_version;
  const char *period_end;            /* YYYY-MM-DD, or NULL when unknown */
  const char *document_date;         /* YYYY-MM-DD, or NULL when unknown */
  const rsk_taxonomy *taxonomy;      /* its categories are stored with
                                        their order and labels; may be
                                        NULL */
} rsk_store_analysis;

/* Stores ANALYSIS in one transaction, replacing any earlier analysis of the
 * same file (same sha256) and taxonomy version. On failure nothing of it is
 * stored. Sets *FILING_ID (may be NULL) to the filing's row id, which a
 * replaced analysis keeps. */
gboolean rsk_store_put_filing(rsk_store *store,
                              const rsk_store_analysis *analysis,
                              gint64 *filing_id, GError **error);

/* The raw handle, for the read and report modules in db/. */
struct sqlite3 *rsk_store_db(rsk_store *store);

/* TRUE when another process (or another store of this one) has the file
 * open for writing: riskscope analyze or merge still running on it. Every
 * store opened for writing says so for as long as it is open, and a killed
 * process no longer does. FALSE where the file system has no locks. */
gboolean rsk_store_written_elsewhere(rsk_store *store);

/* The path the store was opened with, for messages ("DB PATH: ..."). */
const char *rsk_store_path(const rsk_store *store);

/* The schema version (PRAGMA user_version) this build creates and reads. */
int rsk_store_schema_version(void);
