/* select.h - which stored filings a comparison or report covers
 *
 * By default: each company's latest filing (the greatest filed_date, with
 * unknown dates oldest, then analyzed_at, then id: db/read.h's rule), in
 * company-name order. --companies keeps only the named companies, in the
 * order given; --filings names the filings themselves. For the report,
 * each company's previous filing (the latest one of another file) comes
 * along, so what changed can be shown.
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "matrix.h"
#include "read.h"

#include <glib.h>

typedef struct {
  GPtrArray *latest;     /* rsk_analysis *, one per row */
  GPtrArray *previous;   /* rsk_analysis * or NULL, parallel to latest */
  GPtrArray *labels;     /* char *: the company, or "company (file)" when a
                            company has several rows */
} rsk_selection;

/* Loads the filings to cover from STORE. COMPANIES (NULL: all) are
 * matched without regard to case, in full or, failing that, as the unique
 * company containing the text; FILINGS (NULL: each company's latest) are
 * resolved like any FILING argument, a filing named twice kept once.
 * WITH_PREVIOUS also loads each company's previous filing. Fails with
 * RSK_ERROR_NOT_FOUND naming the company or filing that matched nothing
 * (and listing the stored companies), RSK_ERROR_USAGE when a name is
 * ambiguous, or RSK_ERROR_DB.
 * Free with rsk_selection_free(). */
rsk_selection *rsk_select(rsk_store *store, const char *const *companies,
                          const char *const *filings, gboolean with_previous,
                          GError **error);
void rsk_selection_free(rsk_selection *selection);

/* The matrix of the selection's latest filings, one row each, columns in
 * taxonomy order (rsk_matrix_apply_taxonomy). */
rsk_matrix *rsk_selection_matrix(const rsk_selection *selection);

/* Splits a comma-separated option ("A,B, C") into trimmed, non-empty
 * parts; NULL when OPTION is NULL. Free with g_strfreev(). */
char **rsk_split_list(const char *option);
