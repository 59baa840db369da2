/* read_reports.h - read functions the reports need beyond db/read.h:
 * full-text search over the stored risk factors (SQLite FTS5)
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "store.h"

#include <glib.h>

/* Around every match in snippet and heading. */
#define RSK_SEARCH_MARK_START '\x02'
#define RSK_SEARCH_MARK_END '\x03'

typedef struct {
  gint64 risk_id;
  gint64 filing_id;
  const char *company;
  const char *filing;        /* the file's base name */
  const char *section;       /* sub-section heading, or "" */
  const char *heading;       /* with the matches marked */
  const char *snippet;       /* part of the body around the best matches,
                                marked, "…" where cut; newlines as spaces */
  int ordinal;
  int page;                  /* where the snippet's first match was printed
                                (page_start when it is in the heading only,
                                or the risk factor has no page marks) */
  int page_start, page_end;  /* the risk factor's */
  double rank;               /* bm25: lower is better */
} rsk_search_hit;

typedef struct {
  GArray *hits;              /* rsk_search_hit, best first */
  GStringChunk *strings;     /* owns the strings */
} rsk_search_result;

/* QUERY with every bare token FTS5 would misread made a quoted phrase:
 * U.S. -> "U.S.", AI-related -> "AI-related", c++ -> "c++". A bare token
 * is a run of characters up to a space, quote or parenthesis (or, inside
 * NEAR(...), a comma); it is kept as typed when it is AND, OR, NOT, NEAR
 * or +, or consists of letters, digits, underscores and non-ASCII bytes,
 * optionally with a trailing prefix "*" and a "heading:" or "body:" column
 * filter (any case). Otherwise the part after such a filter is quoted, a
 * trailing "*" staying outside the quotes (U.S.* -> "U.S."*). Quoted
 * phrases, parentheses and NEAR's ", N" pass through unchanged, so a
 * malformed query (an unclosed quote, a bare AND) stays malformed. NULL is
 * taken as "". Never fails; free with g_free(). */
char *rsk_search_query_normalize(const char *query);

/* Runs the FTS5 QUERY (words, "phrases", prefix*, AND/OR/NOT, NEAR()),
 * made rsk_search_query_normalize(QUERY) first, over headings and bodies,
 * ranked by bm25 with headings weighing three times as much as bodies.
 * CATEGORY (NULL: any) keeps risk factors tagged with it; COMPANY_IDS
 * (gint64 companies.id, NULL: any; companies.h resolves names) those of
 * these companies. At most LIMIT hits (0: no limit). A query FTS5 cannot
 * parse fails with RSK_ERROR_USAGE: "malformed query \"QUERY\": REASON"
 * (the query as typed); other failures with RSK_ERROR_DB. Free with
 * rsk_search_result_free(). */
rsk_search_result *rsk_read_search(rsk_store *store, const char *query,
                                   const char *category,
                                   const GArray *company_ids, int limit,
                                   GError **error);
void rsk_search_result_free(rsk_search_result *result);

/* TRUE when some stored risk factor carries category ID; FALSE when none
 * does or (with ERROR set) when reading failed. */
gboolean rsk_read_has_category(rsk_store *store, const char *id,
                               GError **error);
