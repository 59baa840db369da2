/* export.h - render stored analyses as JSONL, JSON, CSV and Markdown
 *
 * Renderers take the read model (db/read.h) and a stream; they never fail
 * themselves: the caller checks ferror() on the stream. Rows come in
 * stored order: risk factors by ordinal, tags in taxonomy order.
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "read.h"

#include <cjson/cJSON.h>
#include <stdio.h>

/* One JSONL record per risk factor, the contract of DESIGN.md, in this key
 * order: filing, sha256, company, ordinal, section, heading, body,
 * page_start, page_end, tags [{category, score, strength, evidence
 * [{page, text, sentence, match, count, page_label}]}], regulations [];
 * then the additions filing_id, doc_type, period_end, document_date
 * (YYYY-MM-DD or null), taxonomy_version, word_count, company_zh, ticker,
 * cik, stock_code (null when unknown), page_start_label, page_end_label
 * (the printed folios, or null when unknown) and flags (the filing's
 * sanity flags). Returns a new object (cJSON_Delete). */
cJSON *rsk_export_risk_json(const rsk_analysis *analysis,
                            const rsk_analysis_risk *risk);

/* One filing as a JSON object: its fields and "risk_factors", an array of
 * risk objects (the JSONL record without the filing's fields). WHY adds
 * in_heading, pattern and weight to each evidence. */
cJSON *rsk_export_filing_json(const rsk_analysis *analysis, gboolean why);

/* The filing's fields only (what `list --format json` prints per filing),
 * company_zh, ticker, cik and stock_code last. */
cJSON *rsk_export_info_json(const rsk_filing_info *info);

/* ITEM printed as JSON text (FORMATTED: indented, else on one line), with
 * every byte sequence that is not UTF-8 (a file name in another encoding)
 * replaced by U+FFFD, so the output is always valid JSON. Returns a new
 * string (g_free). Every JSON riskscope prints goes through here. */
char *rsk_export_json_text(const cJSON *item, gboolean formatted);

/* Writes one JSONL line per risk factor of ANALYSIS. */
void rsk_export_jsonl(const rsk_analysis *analysis, FILE *out);

typedef enum {
  RSK_EXPORT_PER_RISK,      /* one CSV row per risk factor */
  RSK_EXPORT_PER_TAG,       /* one CSV row per tag */
  RSK_EXPORT_PER_EVIDENCE,  /* one CSV row per evidence match */
} rsk_export_per;

/* The longest cell spreadsheets take (Excel, LibreOffice Calc), in
 * characters (UTF-16 code units). */
#define RSK_CSV_CELL_MAX 32767

/* The CSV columns, documented for `export --help`. */
extern const char rsk_export_csv_help[];

/* Writes the CSV header row, then the rows of one filing (RFC 4180: CRLF
 * line ends, fields with a comma, quote, CR or LF quoted, quotes doubled;
 * text fields that would start a formula neutralised unless RAW, see
 * rsk_escape_csv()). Unless FULL_BODY, a cell longer than RSK_CSV_CELL_MAX
 * is cut to fit, ending in a marker that says so and how long the whole
 * text is. */
void rsk_export_csv_header(rsk_export_per per, FILE *out);
void rsk_export_csv(const rsk_analysis *analysis, rsk_export_per per,
                    gboolean full_body, gboolean raw, FILE *out);

/* Appends TEXT to OUT within MAX UTF-16 code units: whole when it fits,
 * else cut at a character boundary and ended with " [... cut: N characters
 * in all; riskscope export --full-body keeps them]" (the marker within
 * MAX too). Returns TRUE when it cut. */
gboolean rsk_export_fit_cell(GString *out, const char *text, gsize max);

/* Writes a Markdown section with a table of risk factors for one filing. */
void rsk_export_md(const rsk_analysis *analysis, FILE *out);
