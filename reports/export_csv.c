/* export_csv.c - stored analyses as CSV (RFC 4180)
 *
 * The CSV is meant to open in a spreadsheet, which holds at most 32,767
 * characters in a cell and silently drops or breaks longer ones: bodies of
 * over 100,000 characters occur. Such a cell is cut, visibly, unless the
 * user asks for the whole text (--full-body), for tools that have no such
 * limit.
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
    "  page_start, page_end, word_count, tags (\"category:P;category:S\"),\n"
    "  regulations (\"ID;ID\"), body, page_start_label, page_end_label,\n"
    "  flags, ticker, stock_code, cik, company_zh\n"
    "With --per tag, one row per tag:\n"
    "  filing_id ... page_end as above, category, strength, score,\n"
    "  evidence_pages (\"31;32\"), evidence (matched texts joined by\n"
    "  \" | \"), evidence_sentences (each sentence with its match in\n"
    "  \xc2\xab\xc2\xbb, \" [x13]\" when it stands for 13 matches, strongest\n"
    "  first, joined by \" | \"), evidence_page_labels, flags, ticker,\n"
    "  stock_code, cik, company_zh\n"
    "With --per evidence, one row per evidence sentence:\n"
    "  filing_id ... page_end, category, strength, score, page,\n"
    "  page_label, in_heading, rule, text, sentence (the match in\n"
    "  \xc2\xab\xc2\xbb), count, flags, ticker, stock_code, cik, company_zh\n"
    "Pages are PDF page indices; *_label columns hold the printed page\n"
    "label (folio) where known. flags: the filing's sanity flags, \"; \".\n"
    "A cell over 32,767 characters (a spreadsheet's limit) is cut, with a\n"
    "marker saying so, unless --full-body.\n"
    "RFC 4180: a header row, CRLF line ends, fields holding a comma, a quote\n"
    "or a line break in double quotes, quotes doubled. Rows are ordered by\n"
    "filing id, then ordinal. A text field starting with = + - @, a tab or a\n"
    "CR, which a spreadsheet would run as a formula, starts with ' instead\n"
    "(OWASP's advice on CSV injection); --csv-raw leaves such fields as\n"
    "they are.\n";

#define START_COLUMNS                                                       \
  "filing_id,filing,sha256,company,doc_type,period_end,document_date,"     \
  "taxonomy_version,ordinal,section,heading,page_start,page_end,"
/* Appended after the columns of earlier versions, so readers by position
 * keep working. */
#define IDENTITY_COLUMNS ",ticker,stock_code,cik,company_zh"

static const char *const risk_columns =
    START_COLUMNS "word_count,tags,regulations,body,page_start_label,"
    "page_end_label,flags" IDENTITY_COLUMNS;
static const char *const tag_columns =
    START_COLUMNS "category,strength,score,evidence_pages,evidence,"
    "evidence_sentences,evidence_page_labels,flags" IDENTITY_COLUMNS;
static const char *const evidence_columns =
    START_COLUMNS "category,strength,score,page,page_label,in_heading,rule,"
    "text,sentence,count,flags" IDENTITY_COLUMNS;

typedef struct {
  GString *row;
  gboolean full;            /* keep cells whole (--full-body) */
  gboolean raw;             /* leave formula-like cells (--csv-raw) */
} csv_row;

/* UTF-16 code units of the UTF-8 character at P. */
static gsize utf16_units(const char *p)
{
  return g_utf8_get_char(p) > 0xFFFF ? 2 : 1;
}

gboolean rsk_export_fit_cell(GString *out, const char *text, gsize max)
{
  gsize units = 0, chars = 0;
  for (const char *p = text; *p; p = g_utf8_next_char(p)) {
    units += utf16_units(p);
    chars++;
  }
  if (units <= max) {
    g_string_append(out, text);
    return FALSE;
  }
  g_autofree char *marker = g_strdup_printf(
      " [... cut: %" G_GSIZE_FORMAT " characters in all; riskscope export"
      " --full-body keeps them]", chars);
  gsize room = max - (gsize)g_utf8_strlen(marker, -1), used = 0;
  const char *p = text;
  while (*p && used + utf16_units(p) <= room) {
    used += utf16_units(p);
    p = g_utf8_next_char(p);
  }
  g_string_append_len(out, text, p - text);
  g_string_append(out, marker);
  return TRUE;
}

static void escape_cell(const csv_row *r, const char *text)
{
  if (r->raw)
    rsk_escape_csv_raw(r->row, text);
  else
    rsk_escape_csv(r->row, text);
}

static void add_text(csv_row *r, const char *text)
{
  if (r->row->len)
    g_string_append_c(r->row, ',');
  if (r->full) {
    escape_cell(r, text ? text : "");
    return;
  }
  GString *cell = g_string_new(NULL);
  rsk_export_fit_cell(cell, text ? text : "", RSK_CSV_CELL_MAX);
  escape_cell(r, cell->str);
  g_string_free(cell, TRUE);
}

static void add_int(csv_row *r, gint64 value)
{
  if (r->row->len)
    g_string_append_c(r->row, ',');
  g_string_append_printf(r->row, "%" G_GINT64_FORMAT, value);
}

static void add_score(csv_row *r, double score)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  if (r->row->len)
    g_string_append_c(r->row, ',');
  g_string_append(r->row, g_ascii_formatd(buf, sizeof buf, "%.4g", score));
}

static void add_flags(csv_row *r, const rsk_analysis *a)
{
  GString *flags = g_string_new(NULL);
  for (guint i = 0; a->info.flags && i < a->info.flags->len; i++)
    g_string_append_printf(flags, "%s%s", i ? "; " : "",
                           (const char *)g_ptr_array_index(a->info.flags, i));
  add_text(r, flags->str);
  g_string_free(flags, TRUE);
}

static void end_row(csv_row *r, FILE *out)
{
  g_string_append(r->row, "\r\n");
  fwrite(r->row->str, 1, r->row->len, out);
  g_string_truncate(r->row, 0);
}

void rsk_export_csv_header(rsk_export_per per, FILE *out)
{
  fputs(per == RSK_EXPORT_PER_TAG        ? tag_columns
        : per == RSK_EXPORT_PER_EVIDENCE ? evidence_columns
                                         : risk_columns, out);
  fputs("\r\n", out);
}

static void add_risk_start(csv_row *r, const rsk_analysis *a,
                           const rsk_analysis_risk *risk)
{
  add_int(r, a->info.id);
  add_text(r, a->info.name);
  add_text(r, a->info.sha256);
  add_text(r, a->info.company);
  add_text(r, a->info.doc_type);
  add_text(r, a->info.period_end ? a->info.period_end : "");
  add_text(r, a->info.document_date ? a->info.document_date : "");
  add_text(r, a->info.taxonomy_version);
  add_int(r, risk->ordinal);
  add_text(r, risk->section);
  add_text(r, risk->heading);
  add_int(r, risk->page_start);
  add_int(r, risk->page_end);
}

static void add_identity(csv_row *r, const rsk_analysis *a)
{
  add_text(r, a->info.ticker ? a->info.ticker : "");
  add_text(r, a->info.stock_code ? a->info.stock_code : "");
  add_text(r, a->info.cik ? a->info.cik : "");
  add_text(r, a->info.company_zh ? a->info.company_zh : "");
}

static void add_tag_start(csv_row *r, const rsk_analysis_tag *tag)
{
  char strength[2] = {tag->strength, '\0'};
  add_text(r, tag->category);
  add_text(r, strength);
  add_score(r, tag->score);
}

static void risk_row(csv_row *r, const rsk_analysis *a,
                     const rsk_analysis_risk *risk)
{
  GString *list = g_string_new(NULL);

  add_risk_start(r, a, risk);
  add_int(r, risk->word_count);
  for (guint j = 0; j < risk->n_tags; j++) {
    const rsk_analysis_tag *tag = rsk_analysis_tag_of(a, risk, j);
    g_string_append_printf(list, "%s%s:%c", j ? ";" : "", tag->category,
                           tag->strength);
  }
  add_text(r, list->str);
  g_string_truncate(list, 0);
  for (guint k = 0; k < risk->n_regulations; k++)
    g_string_append_printf(list, "%s%s", k ? ";" : "",
                           rsk_analysis_regulation_of(a, risk, k));
  add_text(r, list->str);
  add_text(r, risk->body);
  add_text(r, rsk_analysis_page_label(a, risk->page_start));
  add_text(r, rsk_analysis_page_label(a, risk->page_end));
  add_flags(r, a);
  add_identity(r, a);
  g_string_free(list, TRUE);
}

static void tag_row(csv_row *r, const rsk_analysis *a,
                    const rsk_analysis_risk *risk, const rsk_analysis_tag *tag)
{
  GString *pages = g_string_new(NULL), *texts = g_string_new(NULL);
  GString *labels = g_string_new(NULL), *sentences = g_string_new(NULL);
  int last_page = -1;

  add_risk_start(r, a, risk);
  add_tag_start(r, tag);
  for (guint k = 0; k < tag->n_evidence; k++) {
    const rsk_analysis_evidence *e = rsk_analysis_evidence_of(a, tag, k);
    if (e->page != last_page) {
      const char *label = rsk_analysis_page_label(a, e->page);
      g_string_append_printf(pages, "%s%d", pages->len ? ";" : "", e->page);
      g_string_append_printf(labels, "%s%s", last_page >= 0 ? ";" : "",
                             label ? label : "");
    }
    last_page = e->page;
    g_string_append_printf(texts, "%s%s", k ? " | " : "", e->text);
    g_autofree char *marked = rsk_analysis_evidence_marked(risk, e, "\xc2\xab", "\xc2\xbb");
    g_strdelimit(marked, "\n", ' ');
    g_string_append_printf(sentences, "%s%s", k ? " | " : "", marked);
    if (e->count > 1)
      g_string_append_printf(sentences, " [x%u]", e->count);
  }
  add_text(r, pages->str);
  add_text(r, texts->str);
  add_text(r, sentences->str);
  add_text(r, labels->str);
  add_flags(r, a);
  add_identity(r, a);
  g_string_free(pages, TRUE);
  g_string_free(texts, TRUE);
  g_string_free(labels, TRUE);
  g_string_free(sentences, TRUE);
}

static void evidence_row(csv_row *r, const rsk_analysis *a,
                         const rsk_analysis_risk *risk,
                         const rsk_analysis_tag *tag,
                         const rsk_analysis_evidence *e)
{
  add_risk_start(r, a, risk);
  add_tag_start(r, tag);
  add_int(r, e->page);
  add_text(r, rsk_analysis_page_label(a, e->page));
  add_int(r, e->in_heading ? 1 : 0);
  add_text(r, e->pattern);
  add_text(r, e->text);
  g_autofree char *marked = rsk_analysis_evidence_marked(risk, e, "\xc2\xab", "\xc2\xbb");
  g_strdelimit(marked, "\n", ' ');
  add_text(r, marked);
  add_int(r, e->count);
  add_flags(r, a);
  add_identity(r, a);
}

void rsk_export_csv(const rsk_analysis *a, rsk_export_per per,
                    gboolean full_body, gboolean raw, FILE *out)
{
  csv_row r = {g_string_new(NULL), full_body, raw};
  for (guint i = 0; i < a->risks->len; i++) {
    const rsk_analysis_risk *risk = rsk_analysis_risk_at(a, i);
    if (per == RSK_EXPORT_PER_RISK) {
      risk_row(&r, a, risk);
      end_row(&r, out);
      continue;
    }
    for (guint j = 0; j < risk->n_tags; j++) {
      const rsk_analysis_tag *tag = rsk_analysis_tag_of(a, risk, j);
      if (per == RSK_EXPORT_PER_TAG) {
        tag_row(&r, a, risk, tag);
        end_row(&r, out);
        continue;
      }
      for (guint k = 0; k < tag->n_evidence; k++) {
        evidence_row(&r, a, risk, tag, rsk_analysis_evidence_of(a, tag, k));
        end_row(&r, out);
      }
    }
  }
  g_string_free(r.row, TRUE);
}
