/* remove.c - delete stored filings whole
 *
 * One DELETE of the filing's row does it: every child row references its
 * parent ON DELETE CASCADE (schema.sql), and the delete trigger on
 * risk_factors takes each risk factor out of the full-text index. The rows
 * are counted first, in the same transaction, so the report of what went
 * is exact.
 *
 * SPDX-License-Identifier: MIT
 */
#include "remove.h"

#include "rsk_error.h"
#include "store_private.h"

static const char *const count_sql[] = {
  "SELECT count(*) FROM risk_factors WHERE filing_id = ?1",
  "SELECT count(*) FROM tags t JOIN risk_factors r ON r.id = t.risk_factor_id"
  " WHERE r.filing_id = ?1",
  "SELECT count(*) FROM evidence e JOIN tags t ON t.id = e.tag_id"
  " JOIN risk_factors r ON r.id = t.risk_factor_id WHERE r.filing_id = ?1",
  "SELECT count(*) FROM regulations_cited g JOIN risk_factors r"
  " ON r.id = g.risk_factor_id WHERE r.filing_id = ?1",
  "SELECT count(*) FROM risk_factor_pages p JOIN risk_factors r"
  " ON r.id = p.risk_factor_id WHERE r.filing_id = ?1",
  "SELECT count(*) FROM page_labels WHERE filing_id = ?1",
};

/* Runs SQL with ?1 bound to ID; the first column of its first row into
 * *NUMBER. */
static gboolean query_one(rsk_store *store, const char *sql, gint64 id,
                          gint64 *number, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  if (sqlite3_prepare_v2(rsk_store_db(store), sql, -1, &stmt, NULL) != SQLITE_OK)
    return rsk_store_fail(store, error, "prepare \"%.40s...\"", sql);
  sqlite3_bind_int64(stmt, 1, id);
  int rc = sqlite3_step(stmt);
  if (rc == SQLITE_ROW)
    *number = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return rsk_store_fail(store, error, "read filing %" G_GINT64_FORMAT, id);
  return TRUE;
}

/* The filing's name, company and taxonomy into WHAT, its company's id into
 * *COMPANY_ID; RSK_ERROR_NOT_FOUND when there is no filing ID. */
static gboolean read_filing(rsk_store *store, gint64 id, rsk_removed *what,
                            gint64 *company_id, GError **error)
{
  static const char sql[] =
      "SELECT f.name, c.name, f.taxonomy_name || ' ' || f.taxonomy_version,"
      " f.company_id FROM filings f JOIN companies c ON c.id = f.company_id"
      " WHERE f.id = ?1";
  sqlite3_stmt *stmt = NULL;
  if (sqlite3_prepare_v2(rsk_store_db(store), sql, -1, &stmt, NULL) != SQLITE_OK)
    return rsk_store_fail(store, error, "prepare the filing's query");
  sqlite3_bind_int64(stmt, 1, id);
  int rc = sqlite3_step(stmt);
  if (rc == SQLITE_ROW) {
    what->name = g_strdup((const char *)sqlite3_column_text(stmt, 0));
    what->company = g_strdup((const char *)sqlite3_column_text(stmt, 1));
    what->taxonomy = g_strdup((const char *)sqlite3_column_text(stmt, 2));
    *company_id = sqlite3_column_int64(stmt, 3);
  }
  sqlite3_finalize(stmt);
  if (rc == SQLITE_DONE)
    g_set_error(error, RSK_ERROR, RSK_ERROR_NOT_FOUND,
                "DB %s: no filing with id %" G_GINT64_FORMAT,
                rsk_store_path(store), id);
  else if (rc != SQLITE_ROW)
    rsk_store_fail(store, error, "read filing %" G_GINT64_FORMAT, id);
  return rc == SQLITE_ROW;
}

static gboolean exec_id(rsk_store *store, const char *sql, gint64 id,
                        GError **error)
{
  sqlite3_stmt *stmt = NULL;
  if (sqlite3_prepare_v2(rsk_store_db(store), sql, -1, &stmt, NULL) != SQLITE_OK)
    return rsk_store_fail(store, error, "prepare \"%.40s...\"", sql);
  sqlite3_bind_int64(stmt, 1, id);
  int rc = sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  if (rc != SQLITE_DONE)
    return rsk_store_fail(store, error, "delete filing %" G_GINT64_FORMAT, id);
  return TRUE;
}

gboolean rsk_store_remove_filing(rsk_store *store, gint64 id,
                                 rsk_removed *what, GError **error)
{
  gint64 counts[G_N_ELEMENTS(count_sql)] = {0}, company_id = 0, left = 0;

  *what = (rsk_removed){0};
  if (!rsk_store_begin(store, error))
    return FALSE;
  if (!read_filing(store, id, what, &company_id, error))
    goto fail;
  for (guint k = 0; k < G_N_ELEMENTS(count_sql); k++)
    if (!query_one(store, count_sql[k], id, &counts[k], error))
      goto fail;
  if (!exec_id(store, "DELETE FROM filings WHERE id = ?1", id, error) ||
      !query_one(store, "SELECT count(*) FROM filings WHERE company_id = ?1",
                 company_id, &left, error))
    goto fail;
  if (left == 0 &&
      !exec_id(store, "DELETE FROM companies WHERE id = ?1", company_id, error))
    goto fail;
  if (!rsk_store_commit(store, error))
    goto fail_cleared;
  what->risk_factors = (guint)counts[0];
  what->tags = (guint)counts[1];
  what->evidence = (guint)counts[2];
  what->regulations = (guint)counts[3];
  what->page_marks = (guint)counts[4];
  what->page_labels = (guint)counts[5];
  what->company_removed = left == 0;
  return TRUE;

fail:
  rsk_store_rollback(store);
fail_cleared:
  rsk_removed_clear(what);
  return FALSE;
}

void rsk_removed_clear(rsk_removed *what)
{
  g_clear_pointer(&what->name, g_free);
  g_clear_pointer(&what->company, g_free);
  g_clear_pointer(&what->taxonomy, g_free);
}
