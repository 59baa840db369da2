/* export_csv.c - stored analyses as CSV (RFC 4180)
 *
 * SPDX-License-Identifier: MIT
 */
#include "export.h"

#include "escape.h"

#include <string.h>

const char rsk_export_csv_help[] =
    "CSV columns (--format csv, one row per risk factor):\n"
    "  filing_id, filing, sha256, company, doc_type, taxonomy_version,\n"
    "  ordinal, section, heading, page_start, page_end, word_count,\n"
    "  tags (\"category:P;category:S\"), regulations (\"ID;ID\"), body\n"
    "With --per tag, one row per tag:\n"
    "  filing_id, filing, sha256, company, doc_type, taxonomy_version,\n"
    "  ordinal, section, heading, page_start, page_end, category, strength,\n"
    "  score, evidence_pages (\"31;32\"), evidence (matched texts joined by\n"
    "  \" | \")\n"
    "RFC 4180: a header row, CRLF line ends, fields holding a comma, a quote\n"
    "or a line break in double quotes, quotes doubled. Rows are ordered by\n"
    "filing id, then ordinal. A text field starting with = + - @, a tab or a\n"
    "CR, which a spreadsheet would run as a formula, starts with ' instead\n"
    "(OWASP's advice on CSV injection); --csv-raw leaves such fields as\n"
    "they are.\n";

static const char *const risk_columns =
    "filing_id,filing,sha256,company,doc_type,taxonomy_version,ordinal,"
    "section,heading,page_start,page_end,word_count,tags,regulations,body";
static const char *const tag_columns =
    "filing_id,filing,sha256,company,doc_type,taxonomy_version,ordinal,"
    "section,heading,page_start,page_end,category,strength,score,"
    "evidence_pages,evidence";

/* The row being built; RAW (--csv-raw) leaves cells that look like
 * formulas as they are. */
typedef struct {
  GString *text;
  gboolean raw;
} csv_row;

static void add_text(csv_row *row, const char *text)
{
  if (row->text->len)
    g_string_append_c(row->text, ',');
  if (row->raw)
    rsk_escape_csv_raw(row->text, text);
  else
    rsk_escape_csv(row->text, text);
}

static void add_int(csv_row *row, gint64 value)
{
  if (row->text->len)
    g_string_append_c(row->text, ',');
  g_string_append_printf(row->text, "%" G_GINT64_FORMAT, value);
}

static void add_score(csv_row *row, double score)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  if (row->text->len)
    g_string_append_c(row->text, ',');
  g_string_append(row->text, g_ascii_formatd(buf, sizeof buf, "%.4g", score));
}

static void end_row(csv_row *row, FILE *out)
{
  g_string_append(row->text, "\r\n");
  fwrite(row->text->str, 1, row->text->len, out);
  g_string_truncate(row->text, 0);
}

void rsk_export_csv_header(rsk_export_per per, FILE *out)
{
  fputs(per == RSK_EXPORT_PER_TAG ? tag_columns : risk_columns, out);
  fputs("\r\n", out);
}

static void add_risk_start(csv_row *row, const rsk_analysis *a,
                           const rsk_analysis_risk *risk)
{
  add_int(row, a->info.id);
  add_text(row, a->info.name);
  add_text(row, a->info.sha256);
  add_text(row, a->info.company);
  add_text(row, a->info.doc_type);
  add_text(row, a->info.taxonomy_version);
  add_int(row, risk->ordinal);
  add_text(row, risk->section);
  add_text(row, risk->heading);
  add_int(row, risk->page_start);
  add_int(row, risk->page_end);
}

static void risk_row(csv_row *row, const rsk_analysis *a,
                     const rsk_analysis_risk *risk)
{
  GString *list = g_string_new(NULL);

  add_risk_start(row, a, risk);
  add_int(row, risk->word_count);
  for (guint j = 0; j < risk->n_tags; j++) {
    const rsk_analysis_tag *tag = rsk_analysis_tag_of(a, risk, j);
    g_string_append_printf(list, "%s%s:%c", j ? ";" : "", tag->category,
                           tag->strength);
  }
  add_text(row, list->str);
  g_string_truncate(list, 0);
  for (guint k = 0; k < risk->n_regulations; k++)
    g_string_append_printf(list, "%s%s", k ? ";" : "",
                           rsk_analysis_regulation_of(a, risk, k));
  add_text(row, list->str);
  add_text(row, risk->body);
  g_string_free(list, TRUE);
}

static void tag_row(csv_row *row, const rsk_analysis *a,
                    const rsk_analysis_risk *risk, const rsk_analysis_tag *tag)
{
  GString *pages = g_string_new(NULL), *texts = g_string_new(NULL);
  char strength[2] = {tag->strength, '\0'};
  int last_page = -1;

  add_risk_start(row, a, risk);
  add_text(row, tag->category);
  add_text(row, strength);
  add_score(row, tag->score);
  for (guint k = 0; k < tag->n_evidence; k++) {
    const rsk_analysis_evidence *e = rsk_analysis_evidence_of(a, tag, k);
    if (e->page != last_page)
      g_string_append_printf(pages, "%s%d", pages->len ? ";" : "", e->page);
    last_page = e->page;
    g_string_append_printf(texts, "%s%s", k ? " | " : "", e->text);
  }
  add_text(row, pages->str);
  add_text(row, texts->str);
  g_string_free(pages, TRUE);
  g_string_free(texts, TRUE);
}

void rsk_export_csv(const rsk_analysis *a, rsk_export_per per, gboolean raw,
                    FILE *out)
{
  csv_row row = {.text = g_string_new(NULL), .raw = raw};
  for (guint i = 0; i < a->risks->len; i++) {
    const rsk_analysis_risk *risk = rsk_analysis_risk_at(a, i);
    if (per == RSK_EXPORT_PER_RISK) {
      risk_row(&row, a, risk);
      end_row(&row, out);
      continue;
    }
    for (guint j = 0; j < risk->n_tags; j++) {
      tag_row(&row, a, risk, rsk_analysis_tag_of(a, risk, j));
      end_row(&row, out);
    }
  }
  g_string_free(row.text, TRUE);
}
