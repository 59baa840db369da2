/* store_private.h - what the files of db/ share about the store: the
 * handle's fields and the row writers used by put_filing and merge
 *
 * Not for use outside db/.
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "read.h"
#include "store.h"

#include <sqlite3.h>

typedef enum {
  RSK_STMT_COMPANY_UPSERT,
  RSK_STMT_FILING_FIND,
  RSK_STMT_FILING_DELETE,
  RSK_STMT_FILING_INSERT,
  RSK_STMT_SECTION_INSERT,
  RSK_STMT_SECTION_EXTEND,
  RSK_STMT_RISK_INSERT,
  RSK_STMT_TAG_INSERT,
  RSK_STMT_EVIDENCE_INSERT,
  RSK_STMT_REGULATION_INSERT,
  RSK_STMT_PAGE_INSERT,
  RSK_STMT_PAGE_AT,
  RSK_STMT_PAGE_LABEL_INSERT,
  RSK_STMT_CATEGORY_INSERT,
  RSK_STMT_COUNT
} rsk_stmt_id;

struct rsk_store {
  sqlite3 *db;
  char *path;
  gboolean read_only;
  int lock_fd;                          /* writer_lock.c; -1 when none */
  rsk_lock_wait lock_wait;
  gint64 wait_started;         /* monotonic us: the current lock wait */
  gboolean wait_told;          /* lock_wait.waiting was called */
  sqlite3_stmt *stmts[RSK_STMT_COUNT];  /* prepared on first use */
  /* The sub-section the last written risk factor sat in. */
  gint64 section_id;
  int section_ordinal;
  char *section_title;
};

/* writer_lock.c: opens PATH for the writer lock, taking it when WRITER;
 * returns the descriptor (-1 when the file cannot be opened). Close it with
 * rsk_writer_lock_close() after sqlite3_close(), never before. */
int rsk_writer_lock_open(const char *path, gboolean writer);
/* TRUE when a process other than the holder of FD has the file open for
 * writing. */
gboolean rsk_writer_lock_held_elsewhere(int fd);
void rsk_writer_lock_close(int fd);

/* Sets ERROR to "DB PATH: WHAT: sqlite3_errmsg" (RSK_ERROR_DB); returns
 * FALSE. */
gboolean rsk_store_fail(rsk_store *store, GError **error, const char *what_fmt,
                        ...) G_GNUC_PRINTF(3, 4);

/* BEGIN IMMEDIATE, waiting (rsk_lock_wait) while another writer holds the
 * lock. */
gboolean rsk_store_begin(rsk_store *store, GError **error);
gboolean rsk_store_commit(rsk_store *store, GError **error);
void rsk_store_rollback(rsk_store *store);

/* The statement ID, prepared on first use and kept until the store
 * closes; NULL with RSK_ERROR_DB when it cannot be prepared. */
sqlite3_stmt *rsk_store_stmt(rsk_store *store, rsk_stmt_id id, GError **error);

/* Looks up the filing with SHA256 and TAXONOMY_VERSION: sets *ID (0 when
 * there is none), *ANALYZED_AT and *PATH (newly allocated, or NULL; either
 * may be NULL). */
gboolean rsk_store_find(rsk_store *store, const char *sha256,
                        const char *taxonomy_version, gint64 *id,
                        char **analyzed_at, char **path, GError **error);

/* Writers, inside a transaction of the caller's. write_filing deletes any
 * filing with the same sha256 and taxonomy version first (its rows go by
 * cascade) and ignores INFO->id, risk_count and the risk's first_* and n_*
 * fields. TAG_NUMBER and EVIDENCE_NUMBER are 1-based, for messages. */
gboolean rsk_store_write_filing(rsk_store *store, const rsk_filing_info *info,
                                gint64 *filing_id, GError **error);
gboolean rsk_store_write_risk(rsk_store *store, gint64 filing_id,
                              const rsk_analysis_risk *risk, gint64 *risk_id,
                              GError **error);
gboolean rsk_store_write_tag(rsk_store *store, gint64 risk_id, int ordinal,
                             guint tag_number, const rsk_analysis_tag *tag,
                             gint64 *tag_id, GError **error);
gboolean rsk_store_write_evidence(rsk_store *store, gint64 tag_id,
                                  int ordinal, guint tag_number,
                                  guint evidence_number,
                                  const rsk_analysis_evidence *evidence,
                                  GError **error);
gboolean rsk_store_write_regulation(rsk_store *store, gint64 risk_id,
                                    int ordinal, const char *regulation,
                                    GError **error);
/* The N_MARKS page marks of a risk factor's body, in order; of two marks
 * at one offset the later wins (as in rsk_risk_page_at). */
gboolean rsk_store_write_pages(rsk_store *store, gint64 risk_id, int ordinal,
                               const rsk_page_mark *marks, guint n_marks,
                               GError **error);

/* The printed labels of a filing's pages: LABELS[page - 1] (N of them),
 * NULL entries skipped. */
gboolean rsk_store_write_page_labels(rsk_store *store, gint64 filing_id,
                                     const char *const *labels, guint n,
                                     GError **error);

/* The N categories of taxonomy NAME VERSION, in order; categories already
 * stored for that version are kept as they are. */
gboolean rsk_store_write_categories(rsk_store *store, const char *name,
                                    const char *version,
                                    const char *const *ids,
                                    const char *const *labels, guint n,
                                    GError **error);

/* Writes a whole stored analysis (from another database) with its
 * analyzed_at kept; inside a transaction of the caller's. */
gboolean rsk_store_write_analysis(rsk_store *store,
                                  const rsk_analysis *analysis,
                                  gint64 *filing_id, GError **error);
