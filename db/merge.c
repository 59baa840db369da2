/* merge.c - copy stored filings from one riskscope database into another
 *
 * Goes through the read model rather than ATTACH and INSERT ... SELECT, so
 * row ids are renumbered for the target, companies are matched by name,
 * and the same writers as analyze keep the target's rows consistent.
 *
 * A cluster merges shards in whatever order its tasks finish, so nothing
 * may depend on that order. A filing both databases hold (same sha256 and
 * taxonomy version) ends as the later analysis (analyzed_at), and of two
 * made in the same millisecond as the one with the smaller path: a rule of
 * the two analyses alone, so A then B keeps what B then A keeps, and a
 * shard merged twice has all its filings skipped the second time. Company
 * names follow a rule of the spellings (write.c), not the first one seen.
 *
 * A source is checked before anything is copied from it: one that another
 * process still writes (writer_lock.c) or that PRAGMA quick_check finds
 * damaged is refused whole, rather than half merged.
 *
 * Memory holds one filing's analysis at a time, plus the source's list of
 * filings (about a kilobyte each), however many shards are merged. Filings
 * are written RSK_MERGE_BATCH to a transaction (below).
 *
 * SPDX-License-Identifier: MIT
 */
#include "merge.h"

#include "read.h"
#include "rsk_error.h"
#include "store_private.h"

#include <string.h>

/* Filings per transaction. One a transaction costs most in the FTS5
 * index (a segment for each, merged over and over) and in index pages
 * written to the WAL again and again; a batch keeps every filing whole
 * (in or out with its batch) and holds the target's write lock for about
 * a second at a time, which concurrent writers wait out. */
#define RSK_MERGE_BATCH 64

typedef enum { MERGE_FAILED, MERGE_ADDED, MERGE_REPLACED, MERGE_SKIPPED } merge_outcome;

/* Whether an analysis made at AT from PATH wins over the one the target
 * has, made at HELD_AT from HELD_PATH. */
static gboolean wins_over(const char *at, const char *path, const char *held_at,
                          const char *held_path)
{
  int order = strcmp(at, held_at ? held_at : "");
  if (order != 0)
    return order > 0;
  return strcmp(path, held_path ? held_path : "") < 0;
}

/* Merges one filing, inside the caller's transaction on TARGET. */
static merge_outcome merge_one(rsk_store *target, rsk_store *source,
                               const rsk_filing_info *info, GError **error)
{
  gint64 existing = 0, id = 0;
  g_autofree char *existing_at = NULL;
  g_autofree char *existing_path = NULL;
  merge_outcome outcome = MERGE_FAILED;

  rsk_analysis *analysis = rsk_analysis_load(source, info->id, error);
  if (!analysis)
    return MERGE_FAILED;
  if (!rsk_store_find(target, info->sha256, info->taxonomy_version, &existing,
                      &existing_at, &existing_path, error))
    goto done;
  if (existing &&
      !wins_over(info->analyzed_at, info->path, existing_at, existing_path)) {
    outcome = MERGE_SKIPPED;
    goto done;
  }
  /* The taxonomy's categories come along, so reports read from the merged
   * database order and label their columns as the taxonomy does. */
  char **ids = NULL, **labels = NULL;
  gboolean ok = rsk_read_taxonomy_categories(source, info->taxonomy_name,
                                             info->taxonomy_version, &ids,
                                             &labels, error) &&
                rsk_store_write_categories(
                    target, info->taxonomy_name, info->taxonomy_version,
                    (const char *const *)ids, (const char *const *)labels,
                    g_strv_length(ids), error);
  g_strfreev(ids);
  g_strfreev(labels);
  if (ok && rsk_store_write_analysis(target, analysis, &id, error))
    outcome = existing ? MERGE_REPLACED : MERGE_ADDED;

done:
  if (outcome == MERGE_FAILED)
    g_prefix_error(error, "merge %s (id %" G_GINT64_FORMAT ") from %s: ",
                   info->name, info->id, rsk_store_path(source));
  rsk_analysis_free(analysis);
  return outcome;
}

/* Refuses SOURCE when it is still being written or is damaged. */
static gboolean check_source(rsk_store *source, GError **error)
{
  const char *path = rsk_store_path(source);
  if (rsk_store_written_elsewhere(source)) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_DB,
                "DB %s: still being written (riskscope analyze or merge is "
                "running on it); nothing merged from it: merge it once that "
                "has finished",
                path);
    return FALSE;
  }
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = rsk_store_db(source);
  int rc = sqlite3_prepare_v2(db, "PRAGMA quick_check(1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step(stmt);
  const char *verdict = rc == SQLITE_ROW
                            ? (const char *)sqlite3_column_text(stmt, 0)
                            : sqlite3_errmsg(db);
  gboolean ok = rc == SQLITE_ROW && verdict && strcmp(verdict, "ok") == 0;
  if (!ok) {
    g_autofree char *flat = g_strdup(verdict ? verdict : "no answer");
    g_strdelimit(flat, "\n", ' ');
    g_set_error(error, RSK_ERROR, RSK_ERROR_DB,
                "DB %s: damaged (PRAGMA quick_check: %s); nothing merged "
                "from it",
                path, g_strstrip(flat));
  }
  sqlite3_finalize(stmt);
  return ok;
}

static void count(rsk_merge_counts *counts, merge_outcome outcome)
{
  switch (outcome) {
  case MERGE_ADDED: counts->added++; break;
  case MERGE_REPLACED: counts->replaced++; break;
  case MERGE_SKIPPED: counts->skipped++; break;
  case MERGE_FAILED: break;
  }
}

static void add_counts(rsk_merge_counts *to, const rsk_merge_counts *from)
{
  to->added += from->added;
  to->replaced += from->replaced;
  to->skipped += from->skipped;
}

gboolean rsk_store_merge(rsk_store *target, rsk_store *source,
                         rsk_merge_counts *counts, GError **error)
{
  rsk_merge_counts done = {0}, batch = {0};
  if (!check_source(source, error))
    return FALSE;
  rsk_filing_list *list = rsk_read_filings(source, RSK_READ_ALL, error);
  gboolean ok = list != NULL, open = FALSE;

  for (guint i = 0; ok && i < list->filings->len; i++) {
    if (!open && !(ok = open = rsk_store_begin(target, error)))
      break;
    merge_outcome outcome = merge_one(
        target, source, &g_array_index(list->filings, rsk_filing_info, i),
        error);
    if (outcome == MERGE_FAILED) {
      ok = FALSE;
      break;
    }
    count(&batch, outcome);
    if ((i + 1) % RSK_MERGE_BATCH == 0 || i + 1 == list->filings->len) {
      open = FALSE;
      if (!(ok = rsk_store_commit(target, error)))
        break;
      add_counts(&done, &batch);
      batch = (rsk_merge_counts){0};
    }
  }
  if (open)
    rsk_store_rollback(target);
  rsk_filing_list_free(list);
  if (counts)
    add_counts(counts, &done);
  return ok;
}
