/* read_reports.c - full-text search over the stored risk factors (FTS5)
 *
 * The query goes to FTS5 nearly as the user typed it, so phrases ("export
 * controls"), prefixes (regulat*), AND/OR/NOT and NEAR() all work; only
 * bare words with punctuation FTS5 would misread (U.S., AI-related, c++)
 * are quoted first, see rsk_search_query_normalize(). FTS5
 * parses it only when the statement first steps, and then reports a bad
 * query as a plain SQLITE_ERROR ("fts5: syntax error near ...",
 * "unterminated string", "no such column: x"): the statement itself is
 * fixed and known good, so an SQLITE_ERROR at that point is the query's
 * fault and becomes a usage error, not a database error.
 *
 * A hit's page is the page of its snippet's first match: search_match.c
 * finds that match in the body, the page marks (rsk_read_page_at) give its
 * page.
 *
 * SPDX-License-Identifier: MIT
 */
#include "read_reports.h"

#include "read.h"
#include "rsk_error.h"
#include "search_match.h"
#include "store_private.h"

#include <string.h>

static const char search_sql[] =
  "SELECT r.id, f.id, c.name, f.name, r.section,"
  "       highlight(risk_factors_fts, 0, char(2), char(3)),"
  "       snippet(risk_factors_fts, 1, char(2), char(3), '…', 24),"
  "       r.ordinal, r.page_start, r.page_end,"
  "       bm25(risk_factors_fts, 3.0, 1.0) AS score, r.body"
  "  FROM risk_factors_fts"
  "  JOIN risk_factors r ON r.id = risk_factors_fts.rowid"
  "  JOIN filings f ON f.id = r.filing_id"
  "  JOIN companies c ON c.id = f.company_id"
  " WHERE risk_factors_fts MATCH ?1"
  "   AND (?2 IS NULL OR EXISTS (SELECT 1 FROM tags t"
  "         WHERE t.risk_factor_id = r.id AND t.category = ?2))"
  "   AND (?3 IS NULL OR instr(?3, ',' || f.company_id || ',') > 0)"
  " ORDER BY score, r.filing_id, r.ordinal"
  " LIMIT ?4";

/* A byte FTS5 takes as part of a bare word. */
static gboolean bareword_byte(char c)
{
  return g_ascii_isalnum(c) || c == '_' || (guchar)c >= 0x80 || c == '\x1a';
}

static gboolean all_bareword(const char *p, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (!bareword_byte(p[i]))
      return FALSE;
  return TRUE;
}

/* Appends the bare token P (N bytes) to OUT, quoted when FTS5 would
 * misread it. */
static void append_token(GString *out, const char *p, gsize n)
{
  static const char *const kept[] = {"AND", "OR", "NOT", "NEAR", "+"};
  for (gsize i = 0; i < G_N_ELEMENTS(kept); i++)
    if (n == strlen(kept[i]) && memcmp(p, kept[i], n) == 0) {
      g_string_append_len(out, p, n);
      return;
    }
  /* A heading: or body: filter stays; what it filters is the token. */
  const char *colon = memchr(p, ':', n);
  if (colon && ((colon - p == 7 && g_ascii_strncasecmp(p, "heading", 7) == 0)
                || (colon - p == 4 && g_ascii_strncasecmp(p, "body", 4) == 0))) {
    g_string_append_len(out, p, colon + 1 - p);
    n -= (gsize)(colon + 1 - p);
    p = colon + 1;
  }
  gsize word = n > 1 && p[n - 1] == '*' ? n - 1 : n;
  if (all_bareword(p, word)) {
    g_string_append_len(out, p, n);
    return;
  }
  g_string_append_c(out, '"');
  g_string_append_len(out, p, word);
  g_string_append_c(out, '"');
  g_string_append_len(out, p + word, n - word);
}

char *rsk_search_query_normalize(const char *query)
{
  GString *out = g_string_new(NULL);
  const char *p = query ? query : "";
  gboolean after_near = FALSE, in_near = FALSE;

  while (*p) {
    if (g_ascii_isspace(*p)) {
      g_string_append_c(out, *p++);
    } else if (*p == '"') {
      /* A phrase as typed, "" inside it included, and a prefix star;
       * unclosed, the rest goes as it is for FTS5 to reject. */
      const char *start = p++;
      while (*p && !(*p == '"' && p[1] != '"'))
        p += *p == '"' ? 2 : 1;
      if (*p)
        p++;
      if (*p == '*')
        p++;
      g_string_append_len(out, start, p - start);
      after_near = FALSE;
    } else if (*p == '(' || *p == ')' || (in_near && *p == ',')) {
      if (*p == '(')
        in_near = after_near;
      else if (*p == ')')
        in_near = FALSE;
      after_near = FALSE;
      g_string_append_c(out, *p++);
    } else {
      const char *start = p;
      while (*p && !g_ascii_isspace(*p) && *p != '"' && *p != '('
             && *p != ')' && !(in_near && *p == ','))
        p++;
      append_token(out, start, (gsize)(p - start));
      after_near = p - start == 4 && memcmp(start, "NEAR", 4) == 0;
    }
  }
  return g_string_free(out, FALSE);
}

static const char *insert_text(GStringChunk *strings, sqlite3_stmt *stmt,
                               int column)
{
  const char *text = (const char *)sqlite3_column_text(stmt, column);
  char *copy = g_string_chunk_insert(strings, text ? text : "");
  /* Bodies keep paragraphs on separate lines: a snippet is one line. */
  for (char *p = copy; *p; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';
  return copy;
}

/* Sets HIT->page from the snippet (column 6) and body (column 11) of the
 * row at STMT. */
static gboolean hit_page(rsk_store *store, sqlite3_stmt *stmt,
                         rsk_search_hit *hit, GError **error)
{
  gssize offset = rsk_search_match_offset(
      (const char *)sqlite3_column_text(stmt, 11),
      (const char *)sqlite3_column_text(stmt, 6));
  hit->page = hit->page_start;
  if (offset < 0)
    return TRUE;
  int page = rsk_read_page_at(store, hit->risk_id, (guint)offset, error);
  if (!page)
    return FALSE;
  hit->page = page;
  return TRUE;
}

rsk_search_result *rsk_read_search(rsk_store *store, const char *query,
                                   const char *category,
                                   const GArray *company_ids, int limit,
                                   GError **error)
{
  sqlite3 *db = rsk_store_db(store);
  sqlite3_stmt *stmt = NULL;
  gboolean page_failed = FALSE;
  int rc;

  const char *q = query ? query : "";
  while (g_ascii_isspace(*q))
    q++;
  if (!*q) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_USAGE,
                "malformed query \"%s\": it is empty", query ? query : "");
    return NULL;
  }
  if (sqlite3_prepare_v2(db, search_sql, -1, &stmt, NULL) != SQLITE_OK) {
    rsk_store_fail(store, error, "prepare the search");
    return NULL;
  }
  g_autofree char *fts_query = rsk_search_query_normalize(query);
  sqlite3_bind_text(stmt, 1, fts_query, -1, SQLITE_STATIC);
  if (category)
    sqlite3_bind_text(stmt, 2, category, -1, SQLITE_STATIC);
  /* ",3,17," for instr(): the ids as one bound text */
  g_autoptr(GString) ids = g_string_new(",");
  for (guint k = 0; company_ids && k < company_ids->len; k++)
    g_string_append_printf(ids, "%" G_GINT64_FORMAT ",",
                           g_array_index(company_ids, gint64, k));
  if (company_ids)
    sqlite3_bind_text(stmt, 3, ids->str, -1, SQLITE_STATIC);
  sqlite3_bind_int64(stmt, 4, limit > 0 ? limit : -1);

  rsk_search_result *res = g_new0(rsk_search_result, 1);
  res->hits = g_array_new(FALSE, TRUE, sizeof(rsk_search_hit));
  res->strings = g_string_chunk_new(16 * 1024);
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    rsk_search_hit hit = {
      .risk_id = sqlite3_column_int64(stmt, 0),
      .filing_id = sqlite3_column_int64(stmt, 1),
      .company = insert_text(res->strings, stmt, 2),
      .filing = insert_text(res->strings, stmt, 3),
      .section = insert_text(res->strings, stmt, 4),
      .heading = insert_text(res->strings, stmt, 5),
      .snippet = insert_text(res->strings, stmt, 6),
      .ordinal = sqlite3_column_int(stmt, 7),
      .page_start = sqlite3_column_int(stmt, 8),
      .page_end = sqlite3_column_int(stmt, 9),
      .rank = sqlite3_column_double(stmt, 10),
    };
    if (!hit_page(store, stmt, &hit, error)) {
      page_failed = TRUE;
      break;
    }
    g_array_append_val(res->hits, hit);
  }
  if (page_failed) {
    g_clear_pointer(&res, rsk_search_result_free);
  } else if (rc != SQLITE_DONE) {
    if ((rc & 0xff) == SQLITE_ERROR)
      g_set_error(error, RSK_ERROR, RSK_ERROR_USAGE,
                  "malformed query \"%s\": %s", query, sqlite3_errmsg(db));
    else
      rsk_store_fail(store, error, "search for \"%s\"", query);
    g_clear_pointer(&res, rsk_search_result_free);
  }
  sqlite3_finalize(stmt);
  return res;
}

void rsk_search_result_free(rsk_search_result *res)
{
  if (!res)
    return;
  g_array_unref(res->hits);
  g_string_chunk_free(res->strings);
  g_free(res);
}

gboolean rsk_read_has_category(rsk_store *store, const char *id,
                               GError **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2(rsk_store_db(store),
                         "SELECT 1 FROM tags WHERE category = ?1 LIMIT 1", -1,
                         &stmt, NULL) != SQLITE_OK) {
    rsk_store_fail(store, error, "look up category \"%s\"", id);
    return FALSE;
  }
  sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
  int rc = sqlite3_step(stmt);
  found = rc == SQLITE_ROW;
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    rsk_store_fail(store, error, "look up category \"%s\"", id);
  sqlite3_finalize(stmt);
  return found;
}
