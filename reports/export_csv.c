/* export_csv.c - stored analyses as CSV (RFC 4180)
 *
 * SPDX-License-Identifier: MIT
 */
#include "export.h"

#include "escape.h"

#include <string.h>

const char rsk_export_csv_help[] =
    "CSV columns (--format csv, one row per risk factor):\n"
    "  filing_id, filing, sha256, company, doc_type, period_end,\n"
    "  document_date, taxonomy_version, ordinal, section, heading,\n"
    "  page_start, page_end, word_count,\n"
    "  tags (\"category:P;category:S\"), regulations (\"ID;ID\"), body,\n"
    "  ticker, stock_code, cik, company_zh\n"
    "With --per tag, one row per tag:\n"
    "  filing_id, filing, sha256, company, doc_type, period_end,\n"
    "  document_date, taxonomy_version, ordinal, section, heading,\n"
    "  page_start, page_end, category, strength,\n"
    "  score, evidence_pages (\"31;32\"), evidence (matched texts joined by\n"
    "  \" | \"), evidence_sentences (each sentence with its match in \xc2\xab\xc2\xbb,\n"
    "  \" [x13]\" when it stands for 13 matches, strongest first, joined by\n"
    "  \" | \"), ticker, stock_code, cik, company_zh\n"
    "RFC 4180: a header row, CRLF line ends, fields holding a comma, a quote\n"
    "or a line break in double quotes, quotes doubled. Rows are ordered by\n"
    "filing id, then ordinal.\n";

static const char *const risk_columns =
    "filing_id,filing,sha256,company,doc_type,period_end,document_date,"
    "taxonomy_version,ordinal,section,heading,page_start,page_end,word_count,"
    "tags,regulations,body,ticker,stock_code,cik,company_zh";
static const char *const tag_columns =
    "filing_id,filing,sha256,company,doc_type,period_end,document_date,"
    "taxonomy_version,ordinal,section,heading,page_start,page_end,category,"
    "strength,score,evidence_pages,evidence,evidence_sentences,ticker,stock_code,"
    "cik,company_zh";

static void add_text(GString *row, const char *text)
{
  if (row->len)
    g_string_append_c(row, ',');
  rsk_escape_csv(row, text);
}

static void add_int(GString *row, gint64 value)
{
  if (row->len)
    g_string_append_c(row, ',');
  g_string_append_printf(row, "%" G_GINT64_FORMAT, value);
}

static void add_score(GString *row, double score)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  if (row->len)
    g_string_append_c(row, ',');
  g_string_append(row, g_ascii_formatd(buf, sizeof buf, "%.4g", score));
}

static void end_row(GString *row, FILE *out)
{
  g_string_append(row, "\r\n");
  fwrite(row->str, 1, row->len, out);
  g_string_truncate(row, 0);
}

void rsk_export_csv_header(rsk_export_per per, FILE *out)
{
  fputs(per == RSK_EXPORT_PER_TAG ? tag_columns : risk_columns, out);
  fputs("\r\n", out);
}

static void add_risk_start(GString *row, const rsk_analysis *a,
                           const rsk_analysis_risk *risk)
{
  add_int(row, a->info.id);
  add_text(row, a->info.name);
  add_text(row, a->info.sha256);
  add_text(row, a->info.company);
  add_text(row, a->info.doc_type);
  add_text(row, a->info.period_end ? a->info.period_end : "");
  add_text(row, a->info.document_date ? a->info.document_date : "");
  add_text(row, a->info.taxonomy_version);
  add_int(row, risk->ordinal);
  add_text(row, risk->section);
  add_text(row, risk->heading);
  add_int(row, risk->page_start);
  add_int(row, risk->page_end);
}

/* Appended after the columns of earlier versions, so readers by position
 * keep working. */
static void add_identity(GString *row, const rsk_analysis *a)
{
  add_text(row, a->info.ticker ? a->info.ticker : "");
  add_text(row, a->info.stock_code ? a->info.stock_code : "");
  add_text(row, a->info.cik ? a->info.cik : "");
  add_text(row, a->info.company_zh ? a->info.company_zh : "");
}

static void risk_row(GString *row, const rsk_analysis *a,
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
  add_identity(row, a);
  g_string_free(list, TRUE);
}

static void tag_row(GString *row, const rsk_analysis *a,
                    const rsk_analysis_risk *risk, const rsk_analysis_tag *tag)
{
  GString *pages = g_string_new(NULL), *texts = g_string_new(NULL);
  GString *sentences = g_string_new(NULL);
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
    g_autofree char *marked = rsk_analysis_evidence_marked(risk, e, "\xc2\xab", "\xc2\xbb");
    g_string_append_printf(sentences, "%s%s", k ? " | " : "", marked);
    if (e->count > 1)
      g_string_append_printf(sentences, " [x%u]", e->count);
  }
  add_text(row, pages->str);
  add_text(row, texts->str);
  add_text(row, sentences->str);
  add_identity(row, a);
  g_string_free(pages, TRUE);
  g_string_free(texts, TRUE);
  g_string_free(sentences, TRUE);
}

void rsk_export_csv(const rsk_analysis *a, rsk_export_per per, FILE *out)
{
  GString *row = g_string_new(NULL);
  for (guint i = 0; i < a->risks->len; i++) {
    const rsk_analysis_risk *risk = rsk_analysis_risk_at(a, i);
    if (per == RSK_EXPORT_PER_RISK) {
      risk_row(row, a, risk);
      end_row(row, out);
      continue;
    }
    for (guint j = 0; j < risk->n_tags; j++) {
      tag_row(row, a, risk, rsk_analysis_tag_of(a, risk, j));
      end_row(row, out);
    }
  }
  g_string_free(row, TRUE);
}
