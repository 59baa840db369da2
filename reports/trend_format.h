/* trend_format.h - one company's categories across its filings, as text,
 * CSV, JSON and Markdown
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "matrix.h"
#include "matrix_format.h"

#include <glib.h>

/* Appends the trend of COMPANY's filings of form DOC_TYPE to OUT: MATRIX
 * has one row per filing, oldest first, labelled with its period (see
 * rsk_selection_history_matrix). Each category, the AI total (when the
 * matrix has AI categories) and the total ("any tag") get the count of
 * risk factors tagged and their share of the filing's risk-factor words,
 * per filing. The text form fits WIDTH columns where it can.
 *
 *   csv   one row per filing and category (tidy): company, filing,
 *         filing_id, period, doc_type, risk_factors, words, category,
 *         label, count, share, score, flags; "ai_total" and "total" as
 *         categories
 *   json  {"company", "doc_type", "categories": [{id, label}],
 *          "filings": [{filing, filing_id, period, risk_factors, words,
 *                       flags, values: {ID: {count, share, score}},
 *                       ai_total, total}]}
 *   md    one table, a column per filing, "count (share %)" cells */
void rsk_trend_write(GString *out, const rsk_matrix *matrix,
                     const char *company, const char *doc_type,
                     rsk_format format, guint width);
