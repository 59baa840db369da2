/* select.h - which stored filings a comparison, trend or report covers
 *
 * By default: each company's latest annual report or prospectus (the
 * latest document date, else period end, with unknown dates oldest, then
 * analyzed_at, then id: db/read.h's rule), in company-name order; 10-Qs,
 * whose risk factors only update the annual report's, count when --forms
 * names them. --companies keeps only the named companies, in the order
 * given; --filings names the filings themselves. For the report, each
 * company's previous filing (the latest one of another file of the same
 * form: a 10-K is compared with the 10-K before it, not with a 10-Q) comes
 * along, so what changed can be shown (a form not recognised, "unknown",
 * goes with any).
 *
 * Filings with sanity flags (a section that ran into the financial
 * statements, too few risk factors, ...) are left out unless
 * INCLUDE_FLAGGED, as if they were not stored: their numbers would mislead
 * a comparison. Filings named with --filings are kept, flagged or not: the
 * user asked for them. EXCLUDE leaves out filings by name.
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "matrix.h"
#include "read.h"

#include <glib.h>

typedef struct {
  const char *const *companies;  /* NULL: every company; names, tickers or
                                    stock codes (rsk_match_companies()) */
  const char *const *filings;    /* NULL: each company's latest */
  const char *const *exclude;    /* FILING arguments to leave out, or NULL */
  const char *forms;             /* comma-separated doc_types; NULL: annual
                                    reports and prospectuses */
  gboolean with_previous;        /* also load each company's previous one */
  gboolean include_flagged;      /* keep filings with sanity flags */
} rsk_select_options;

typedef struct {
  GPtrArray *latest;     /* rsk_analysis *, one per row */
  GPtrArray *previous;   /* rsk_analysis * or NULL, parallel to latest */
  GPtrArray *labels;     /* char *: the company, or "company (period)" (or
                            "company (file)") when it has several rows */
  GPtrArray *history;    /* GArray of gint64, parallel to latest: the ids
                            of the company's filings of the row's form,
                            oldest first, one analysis per file (with
                            --filings: the row's own id only) */
  GPtrArray *forms;      /* char *, parallel to latest: the form of the
                            row's history, the latest's or, when that is
                            not recognised, the newest one that is */
  guint n_stored;        /* filings in the database */
  GPtrArray *excluded;   /* char *: names of the filings EXCLUDE left out */
  GPtrArray *flagged_out;/* char *: "NAME: FLAG; FLAG" of each flagged
                            filing left out */
  char **category_ids;   /* the taxonomy's categories as stored, in order
                            (empty before schema version 3) */
  char **category_labels;
} rsk_selection;

/* Loads the filings to cover from STORE. COMPANIES are matched as
 * rsk_match_companies() does (exact, then a unique start of a name);
 * FILINGS and EXCLUDE are resolved like any FILING argument, a filing named
 * twice kept once. A company
 * without a filing of the FORMS is left out. Fails with RSK_ERROR_NOT_FOUND
 * naming the company or filing that matched nothing (and listing the
 * stored companies) or a named company without such a filing,
 * RSK_ERROR_USAGE when a name is ambiguous, or RSK_ERROR_DB. Free with
 * rsk_selection_free(). */
rsk_selection *rsk_select(rsk_store *store, const rsk_select_options *options,
                          GError **error);
void rsk_selection_free(rsk_selection *selection);

/* What the selection left out and why, as lines ending in "\n" ("left out
 * 2 filings with sanity flags (--include-flagged shows them): ..."), or
 * NULL when nothing was. Free with g_free(). */
char *rsk_selection_note(const rsk_selection *selection);

/* The matrix of the selection's latest filings, one row each, columns in
 * taxonomy order (rsk_matrix_apply_taxonomy). */
rsk_matrix *rsk_selection_matrix(const rsk_selection *selection);

/* The matrix of row ROW's history (selection->history), one row per
 * filing, oldest first, labelled with its period (period_end, else the
 * document date, else the file name); filings are loaded one at a time. NULL with an error when
 * one cannot be read. */
rsk_matrix *rsk_selection_history_matrix(const rsk_selection *selection,
                                         rsk_store *store, guint row,
                                         GError **error);

/* Splits a comma-separated option ("A,B, C") into trimmed, non-empty
 * parts; NULL when OPTION is NULL. Free with g_strfreev(). */
char **rsk_split_list(const char *option);

/* The same for a repeatable option, each value split at commas too:
 * --exclude A --exclude B,C gives A, B, C. NULL when OPTIONS is NULL. */
char **rsk_split_lists(char **options);
