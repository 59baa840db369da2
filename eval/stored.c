/* stored.c - read a stored filing's risk factors and tags for eval
 *
 * SPDX-License-Identifier: MIT
 */
#include "evalset.h"

#include "rsk_error.h"

#include <sqlite3.h>
#include <string.h>

static gboolean db_fail(GError **error, sqlite3 *db, const char *what)
{
  g_set_error(error, RSK_ERROR, RSK_ERROR_DB, "%s: %s", what, sqlite3_errmsg(db));
  return FALSE;
}

static const char *column_text(sqlite3_stmt *stmt, int col)
{
  const unsigned char *text = sqlite3_column_text(stmt, col);
  return text ? (const char *)text : "";
}

/* The id of the newest stored filing named DOC, or 0. */
static gboolean find_filing(sqlite3 *db, const char *doc, gint64 *id,
                            GError **error)
{
  sqlite3_stmt *stmt = NULL;
  const char *sql = "SELECT id FROM filings WHERE name = ?1 ORDER BY id DESC LIMIT 1";
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return db_fail(error, db, "eval: reading filings");
  sqlite3_bind_text(stmt, 1, doc, -1, SQLITE_TRANSIENT);
  int rc = sqlite3_step(stmt);
  *id = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
  sqlite3_finalize(stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return db_fail(error, db, "eval: reading filings");
  return TRUE;
}

rsk_eval_set *rsk_eval_stored_load(sqlite3 *db, const char *doc, GError **error)
{
  gint64 filing_id = 0;
  if (!find_filing(db, doc, &filing_id, error))
    return NULL;
  if (filing_id == 0) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_NOT_FOUND,
                "%s: not analysed; run riskscope analyze %s", doc, doc);
    return NULL;
  }

  const char *risks_sql =
      "SELECT id, ordinal, page_start, section, heading FROM risk_factors "
      "WHERE filing_id = ?1 ORDER BY ordinal";
  const char *tags_sql =
      "SELECT category, strength FROM tags WHERE risk_factor_id = ?1";
  sqlite3_stmt *risks = NULL, *tags = NULL;
  rsk_eval_set *set = rsk_eval_set_new(doc, doc);
  GArray *labels = g_array_new(FALSE, TRUE, sizeof(rsk_eval_label));
  GStringChunk *scratch = g_string_chunk_new(256);
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2(db, risks_sql, -1, &risks, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(db, tags_sql, -1, &tags, NULL) != SQLITE_OK) {
    db_fail(error, db, "eval: reading risk factors");
    goto out;
  }
  sqlite3_bind_int64(risks, 1, filing_id);
  int rc;
  while ((rc = sqlite3_step(risks)) == SQLITE_ROW) {
    g_array_set_size(labels, 0);
    sqlite3_reset(tags);
    sqlite3_bind_int64(tags, 1, sqlite3_column_int64(risks, 0));
    int trc;
    while ((trc = sqlite3_step(tags)) == SQLITE_ROW) {
      const char *strength = column_text(tags, 1);
      rsk_eval_label label = {
        .category = g_string_chunk_insert(scratch, column_text(tags, 0)),
        .strength = *strength ? strength[0] : 'S',
      };
      g_array_append_val(labels, label);
    }
    if (trc != SQLITE_DONE) {
      db_fail(error, db, "eval: reading tags");
      goto out;
    }
    rsk_eval_set_add(set, sqlite3_column_int(risks, 1), sqlite3_column_int(risks, 2),
                     column_text(risks, 3), column_text(risks, 4),
                     (const rsk_eval_label *)labels->data, labels->len);
  }
  if (rc != SQLITE_DONE) {
    db_fail(error, db, "eval: reading risk factors");
    goto out;
  }
  ok = TRUE;
out:
  sqlite3_finalize(risks);
  sqlite3_finalize(tags);
  g_array_unref(labels);
  g_string_chunk_free(scratch);
  if (!ok) {
    rsk_eval_set_free(set);
    return NULL;
  }
  return set;
}
