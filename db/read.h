/* read.h - the read model: stored filings and analyses, without raw SQL
 *
 * Commands and reports read the database through these functions only (the
 * FTS5 search is the one exception: see schema.sql for its table). Open
 * the store with rsk_store_open(path, TRUE, &error) first.
 *
 * Every string in the structs below is borrowed from the list or analysis
 * that holds it (a GStringChunk) and stays valid until that is freed. A
 * string column that is NULL in the database (title, producer, period_end,
 * document_date, company_zh, ticker, cik, stock_code) is NULL here; every
 * other string is never NULL.
 *
 * Typical use:
 *
 *   gint64 id = rsk_read_resolve_filing(store, argv[1], &error);
 *   rsk_analysis *a = id ? rsk_analysis_load(store, id, &error) : NULL;
 *   for (guint i = 0; a && i < a->risks->len; i++) {
 *     const rsk_analysis_risk *risk = rsk_analysis_risk_at(a, i);
 *     for (guint j = 0; j < risk->n_tags; j++) {
 *       const rsk_analysis_tag *tag = rsk_analysis_tag_of(a, risk, j);
 *       ...
 *     }
 *   }
 *   rsk_analysis_free(a);
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "store.h"

#include <glib.h>

/* One stored filing, as `riskscope list` shows it. */
typedef struct {
  gint64 id;                    /* filings.id: what `list` prints */
  const char *name;             /* the file's base name */
  const char *path;             /* the path given to analyze */
  const char *sha256;
  const char *company;
  gint64 company_id;            /* companies.id */
  const char *company_key;      /* companies.key: the name folded */
  const char *company_zh;       /* the name in Chinese, or NULL */
  const char *ticker;           /* "NVDA", or NULL */
  const char *cik;              /* ten digits, or NULL */
  const char *stock_code;       /* HKEX, "9999", or NULL */
  const char *doc_type;         /* "10-K", ..., "unknown" */
  const char *title;            /* or NULL */
  const char *producer;         /* or NULL */
  const char *period_end;       /* YYYY-MM-DD: the fiscal period the
                                   filing reports on, or NULL */
  const char *document_date;    /* YYYY-MM-DD: the document's own date
                                   (signature, prospectus date), or NULL */
  const char *analyzed_at;      /* UTC, YYYY-MM-DDTHH:MM:SS.mmmZ */
  const char *taxonomy_name;
  const char *taxonomy_version;
  int pages;
  int risk_first_page;          /* 0 when no section was found */
  int risk_last_page;
  int risk_count;               /* number of risk factors stored */
  GPtrArray *flags;             /* const char *: sanity flags, maybe empty */
} rsk_filing_info;

/* A list of filings, ordered by id. */
typedef struct {
  GArray *filings;              /* rsk_filing_info */
  GStringChunk *strings;        /* owns the strings */
} rsk_filing_list;

typedef enum {
  RSK_READ_ALL = 0,
  /* Only each company's latest filing (rsk_filing_info_cmp_newer) among
   * its annual reports and prospectuses: a 10-Q only updates the annual
   * report's risk factors, so it is the latest only when asked for. */
  RSK_READ_LATEST_PER_COMPANY = 1 << 0,
} rsk_read_flags;

/* Returns the stored filings (ordered by id), or NULL with RSK_ERROR_DB.
 * Free with rsk_filing_list_free(). */
rsk_filing_list *rsk_read_filings(rsk_store *store, rsk_read_flags flags,
                                  GError **error);

/* rsk_read_filings(), only the filings whose doc_type FORMS names (a
 * comma-separated list, "10-K,10-Q"; NULL: every form, and for the latest
 * per company the annual reports and prospectuses). */
rsk_filing_list *rsk_read_filings_of(rsk_store *store, rsk_read_flags flags,
                                     const char *forms, GError **error);

/* TRUE when INFO is of the forms FORMS names, as rsk_read_filings_of()
 * reads FORMS for the latest per company. */
gboolean rsk_filing_info_of_forms(const rsk_filing_info *info,
                                  const char *forms);

/* The date a filing is ordered by: its document date, else its period
 * end, else NULL. */
const char *rsk_filing_info_date(const rsk_filing_info *info);

/* Negative when X is newer than Y, positive when older: the later date
 * (rsk_filing_info_date; unknown dates count as oldest), then the later
 * analyzed_at, then the greater id. */
int rsk_filing_info_cmp_newer(const rsk_filing_info *x,
                              const rsk_filing_info *y);
void rsk_filing_list_free(rsk_filing_list *list);

/* Calls FN on each stored filing in id order (only each company's latest
 * with RSK_READ_LATEST_PER_COMPANY) until it returns FALSE. INFO is valid
 * during the call only. Returns FALSE with RSK_ERROR_DB when reading
 * failed; stopping early is not a failure. */
typedef gboolean (*rsk_filing_fn)(const rsk_filing_info *info,
                                  gpointer user_data);
gboolean rsk_read_foreach_filing(rsk_store *store, rsk_read_flags flags,
                                 rsk_filing_fn fn, gpointer user_data,
                                 GError **error);

/* The sha256 of every filing stored with TAXONOMY_VERSION, as a set of
 * strings (what a resumed analyze skips). NULL with RSK_ERROR_DB. Free
 * with g_hash_table_unref(). */
GHashTable *rsk_read_stored_sha256s(rsk_store *store,
                                    const char *taxonomy_version,
                                    GError **error);

/* Resolves a FILING argument: a numeric id as `list` prints it, a file's
 * base name, a prefix (at least 4 hex digits) of its sha256, the path as
 * given to analyze, or the base name of a path ("/x/nvidia_10k_fy2024.pdf"),
 * tried in that order; failing those, a unique case-insensitive start of a
 * base name ("nvidia" for nvidia_10k_fy2024.pdf). Returns the
 * filing id, or 0 with RSK_ERROR_NOT_FOUND when nothing matches (the
 * message says when a short hex ARG is too short for a sha256 prefix), with
 * RSK_ERROR_USAGE when several match (the message lists them, one per line:
 * "  ID  NAME  COMPANY  taxonomy VERSION  analyzed AT"), or RSK_ERROR_DB. */
gint64 rsk_read_resolve_filing(rsk_store *store, const char *arg,
                               GError **error);

/* --- One filing's full analysis --------------------------------------- */

typedef struct {
  int page;                     /* PDF page of the match */
  gboolean in_heading;          /* offset is in the heading, else the body */
  guint offset, length;         /* the match: bytes */
  gboolean has_sentence;        /* FALSE when stored before schema 3 */
  guint sentence_offset;        /* the sentence shown around the match: */
  guint sentence_length;        /* bytes of the same text */
  guint count;                  /* matches of the same rule and words (1+) */
  const char *text;             /* the matched text */
  const char *pattern;          /* rule id or pattern source */
  double weight;
} rsk_analysis_evidence;

typedef struct {
  const char *category;         /* taxonomy category id */
  double score;                 /* 0..1 */
  char strength;                /* 'P', 'S' (or 'M') */
  guint first_evidence;         /* index into rsk_analysis.evidence */
  guint n_evidence;             /* strongest sentence first */
  guint sentences;              /* sentences that carried evidence, shown
                                   or not; 0 when unknown (before schema 3) */
} rsk_analysis_tag;

typedef struct {
  gint64 id;                    /* risk_factors.id (the FTS5 rowid) */
  int ordinal;                  /* 1-based */
  const char *section;          /* sub-section heading, or "" */
  const char *heading;
  const char *body;             /* paragraphs separated by "\n" */
  int page_start, page_end;
  int word_count;
  guint first_tag;              /* index into rsk_analysis.tags */
  guint n_tags;                 /* tags in stored (taxonomy) order */
  guint first_regulation;       /* index into rsk_analysis.regulations */
  guint n_regulations;          /* sorted by id */
  guint first_mark;             /* index into rsk_analysis.page_marks */
  guint n_marks;                /* by offset; 0 when stored before schema
                                   version 2 */
} rsk_analysis_risk;

/* A stored filing with its risk factors, tags, evidence and regulations:
 * what reports render. Arrays are flat; each risk names its slice of tags
 * and regulations, each tag its slice of evidence. */
typedef struct {
  rsk_filing_info info;
  GArray *risks;                /* rsk_analysis_risk, by ordinal */
  GArray *tags;                 /* rsk_analysis_tag */
  GArray *evidence;             /* rsk_analysis_evidence */
  GPtrArray *regulations;       /* const char *: regulation ids */
  GArray *page_marks;           /* rsk_page_mark: where pages start in
                                   the bodies */
  GPtrArray *page_labels;       /* const char * or NULL, [page - 1]: the
                                   printed page label (folio) where known
                                   (schema version 3 on); may be NULL */
  GStringChunk *strings;        /* owns the strings */
} rsk_analysis;

/* Loads filing FILING_ID in full. Fails with RSK_ERROR_NOT_FOUND ("DB PATH:
 * no filing with id N") or RSK_ERROR_DB. Free with rsk_analysis_free(). */
rsk_analysis *rsk_analysis_load(rsk_store *store, gint64 filing_id,
                                GError **error);
void rsk_analysis_free(rsk_analysis *analysis);

/* The page on which byte OFFSET of RISK_ID's body was printed: the page of
 * the last page mark at or before it, or the risk factor's page_start when
 * it has none (stored before schema version 2). Returns 0 with
 * RSK_ERROR_NOT_FOUND ("DB PATH: no risk factor with id N") or
 * RSK_ERROR_DB. */
int rsk_read_page_at(rsk_store *store, gint64 risk_id, guint offset,
                     GError **error);

/* The same for a loaded analysis. */
int rsk_analysis_page_at(const rsk_analysis *a, const rsk_analysis_risk *risk,
                         guint offset);

/* The printed label of PAGE of A (its folio: "29", "F-3", "xiv"), or NULL
 * when not known. */
const char *rsk_analysis_page_label(const rsk_analysis *a, int page);

/* The categories stored for taxonomy NAME VERSION, in the taxonomy's order:
 * sets *IDS and *LABELS to NULL-terminated arrays (empty when the
 * database has none for it, as one made before schema version 3). FALSE
 * with RSK_ERROR_DB when reading failed. Free both with g_strfreev(). */
gboolean rsk_read_taxonomy_categories(rsk_store *store, const char *name,
                                      const char *version, char ***ids,
                                      char ***labels, GError **error);

static inline const rsk_analysis_risk *
rsk_analysis_risk_at(const rsk_analysis *a, guint i)
{
  return &g_array_index(a->risks, rsk_analysis_risk, i);
}

static inline const rsk_analysis_tag *
rsk_analysis_tag_of(const rsk_analysis *a, const rsk_analysis_risk *risk,
                    guint j)
{
  return &g_array_index(a->tags, rsk_analysis_tag, risk->first_tag + j);
}

static inline const rsk_analysis_evidence *
rsk_analysis_evidence_of(const rsk_analysis *a, const rsk_analysis_tag *tag,
                         guint k)
{
  return &g_array_index(a->evidence, rsk_analysis_evidence,
                        tag->first_evidence + k);
}

/* Where EV of RISK is shown: the sentence [*START, *END) of the heading or
 * body (returned) with the match at [*MATCH_START, *MATCH_END) inside it.
 * Returns NULL when EV has no sentence (stored before schema 3) or its
 * offsets do not fit the text on character boundaries: show ev->text. */
const char *rsk_analysis_evidence_sentence(const rsk_analysis_risk *risk,
                                           const rsk_analysis_evidence *ev,
                                           gsize *start, gsize *end,
                                           gsize *match_start,
                                           gsize *match_end);

/* EV's sentence with its match between OPEN and CLOSE ("«", "»"), or the
 * matched text alone between them when it has no sentence. Free with
 * g_free(). */
char *rsk_analysis_evidence_marked(const rsk_analysis_risk *risk,
                                   const rsk_analysis_evidence *ev,
                                   const char *open, const char *close);

static inline const char *
rsk_analysis_regulation_of(const rsk_analysis *a,
                           const rsk_analysis_risk *risk, guint k)
{
  return g_ptr_array_index(a->regulations, risk->first_regulation + k);
}

/* RISK's page marks (n_marks of them), or NULL when it has none. */
static inline const rsk_page_mark *
rsk_analysis_marks_of(const rsk_analysis *a, const rsk_analysis_risk *risk)
{
  return risk->n_marks ? &g_array_index(a->page_marks, rsk_page_mark,
                                        risk->first_mark)
                       : NULL;
}
