/* trend_format.c - one company's categories across its filings, as text,
 * CSV, JSON and Markdown
 *
 * The matrix behind compare, turned on its side: a column per filing
 * (oldest first, so time runs left to right as in a chart) and a row per
 * category, because a company has a few filings and a taxonomy a dozen
 * categories. Each cell shows both the count and the share: the count
 * says how many risk factors, the share whether they grew as a part of a
 * risk section that itself grows every year.
 *
 * SPDX-License-Identifier: MIT
 */
#include "trend_format.h"

#include "escape.h"
#include "export_text.h"

#include <string.h>

/* The rows of the trend: categories, then the AI total, then the total. */
typedef enum { LINE_CATEGORY, LINE_AI, LINE_TOTAL } line_kind;

typedef struct {
  line_kind kind;
  guint column;            /* LINE_CATEGORY */
  const char *id;          /* "ai_total", "total" or the category id */
  const char *label;
} trend_line;

static GArray *trend_lines(const rsk_matrix *m)
{
  GArray *lines = g_array_new(FALSE, FALSE, sizeof(trend_line));
  for (guint j = 0; j < m->columns->len; j++) {
    const rsk_matrix_column *c = &g_array_index(m->columns, rsk_matrix_column, j);
    trend_line l = {LINE_CATEGORY, j, c->id, c->label};
    g_array_append_val(lines, l);
  }
  if (rsk_matrix_has_ai(m)) {
    trend_line l = {LINE_AI, 0, "ai_total",
                    "AI categories (" RSK_MATRIX_AI_PREFIX "*)"};
    g_array_append_val(lines, l);
  }
  trend_line t = {LINE_TOTAL, 0, "total", "Any tag"};
  g_array_append_val(lines, t);
  return lines;
}

static const rsk_matrix_cell *line_cell(const rsk_matrix *m,
                                        const trend_line *l, guint row)
{
  const rsk_matrix_row *r = &g_array_index(m->rows, rsk_matrix_row, row);
  switch (l->kind) {
  case LINE_AI: return &r->ai_total;
  case LINE_TOTAL: return &r->total;
  case LINE_CATEGORY: break;
  }
  return rsk_matrix_cell_at(m, row, l->column);
}

static double line_share(const rsk_matrix *m, const trend_line *l, guint row)
{
  const rsk_matrix_row *r = &g_array_index(m->rows, rsk_matrix_row, row);
  return rsk_matrix_value(line_cell(m, l, row), r->words, RSK_MEASURE_SHARE);
}

/* "3 (12%)", "-" for none. */
static char *cell_text(const rsk_matrix *m, const trend_line *l, guint row)
{
  const rsk_matrix_cell *c = line_cell(m, l, row);
  if (c->count == 0)
    return g_strdup("-");
  g_autofree char *share =
      rsk_matrix_format_value(line_share(m, l, row), RSK_MEASURE_SHARE);
  return g_strdup_printf("%u (%s%%)", c->count, share);
}

/* --- Text ------------------------------------------------------------ */

static void write_text(GString *out, const rsk_matrix *m, const char *company,
                       const char *doc_type, guint width)
{
  GArray *lines = trend_lines(m);
  guint n = m->rows->len;
  int cw = 9;

  for (guint i = 0; i < n; i++)
    cw = MAX(cw, rsk_text_width(g_array_index(m->rows, rsk_matrix_row, i).label));
  for (guint k = 0; k < lines->len; k++)
    for (guint i = 0; i < n; i++) {
      g_autofree char *t = cell_text(m, &g_array_index(lines, trend_line, k), i);
      cw = MAX(cw, rsk_text_width(t));
    }
  int lw = 24;
  for (guint k = 0; k < lines->len; k++)
    lw = MAX(lw, rsk_text_width(g_array_index(lines, trend_line, k).id));
  int room = (int)width - (int)n * (cw + 2);
  lw = MAX(20, MIN(lw, room));

  g_string_append_printf(out, "%s: %u %s filing%s, oldest first\n\n", company,
                         n, doc_type, n == 1 ? "" : "s");
  rsk_text_fit(out, "", lw, FALSE);
  for (guint i = 0; i < n; i++) {
    g_string_append(out, "  ");
    rsk_text_fit(out, g_array_index(m->rows, rsk_matrix_row, i).label, cw,
                  TRUE);
  }
  g_string_append_c(out, '\n');
  rsk_text_fit(out, "risk factors", lw, FALSE);
  for (guint i = 0; i < n; i++) {
    char num[32];
    g_snprintf(num, sizeof num, "%u",
               g_array_index(m->rows, rsk_matrix_row, i).risks);
    g_string_append(out, "  ");
    rsk_text_fit(out, num, cw, TRUE);
  }
  g_string_append_c(out, '\n');
  for (guint k = 0; k < lines->len; k++) {
    const trend_line *l = &g_array_index(lines, trend_line, k);
    if (l->kind != LINE_CATEGORY) {
      for (int c = 0; c < lw + (int)n * (cw + 2); c++)
        g_string_append_c(out, '-');
      g_string_append_c(out, '\n');
    }
    rsk_text_fit(out, l->kind == LINE_AI ? "AI (" RSK_MATRIX_AI_PREFIX "*)"
                     : l->kind == LINE_TOTAL ? "any tag" : l->id,
                  lw, FALSE);
    for (guint i = 0; i < n; i++) {
      g_autofree char *t = cell_text(m, l, i);
      g_string_append(out, "  ");
      rsk_text_fit(out, t, cw, TRUE);
    }
    g_string_append_c(out, '\n');
  }
  g_string_append(out, "\ncount of risk factors tagged (share of the risk"
                       " section's words)\n");
  for (guint i = 0; i < n; i++) {
    const rsk_matrix_row *r = &g_array_index(m->rows, rsk_matrix_row, i);
    g_string_append_printf(out, "  %s  %s%s\n", r->label, r->filing,
                           r->flags ? "  ! sanity flags" : "");
  }
  g_array_unref(lines);
}

/* --- CSV, JSON, Markdown --------------------------------------------- */

static void csv_number(GString *out, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_string_append_c(out, ',');
  g_string_append(out, g_ascii_formatd(buf, sizeof buf, "%.4f", v));
}

static void write_csv(GString *out, const rsk_matrix *m, const char *company,
                      const char *doc_type)
{
  GArray *lines = trend_lines(m);

  g_string_append(out, "company,filing,filing_id,period,doc_type,risk_factors,"
                       "words,category,label,count,share,score,flags\r\n");
  for (guint i = 0; i < m->rows->len; i++) {
    const rsk_matrix_row *r = &g_array_index(m->rows, rsk_matrix_row, i);
    g_autofree char *flags = r->flags ? g_strjoinv("; ", r->flags)
                                      : g_strdup("");
    for (guint k = 0; k < lines->len; k++) {
      const trend_line *l = &g_array_index(lines, trend_line, k);
      const rsk_matrix_cell *c = line_cell(m, l, i);
      rsk_escape_csv(out, company);
      g_string_append_c(out, ',');
      rsk_escape_csv(out, r->filing);
      g_string_append_printf(out, ",%" G_GINT64_FORMAT ",", r->filing_id);
      rsk_escape_csv(out, r->label);
      g_string_append_c(out, ',');
      rsk_escape_csv(out, doc_type);
      g_string_append_printf(out, ",%u,%u,", r->risks, r->words);
      rsk_escape_csv(out, l->id);
      g_string_append_c(out, ',');
      rsk_escape_csv(out, l->label);
      g_string_append_printf(out, ",%u", c->count);
      csv_number(out, line_share(m, l, i));
      csv_number(out, c->score);
      g_string_append_c(out, ',');
      rsk_escape_csv(out, flags);
      g_string_append(out, "\r\n");
    }
  }
  g_array_unref(lines);
}

static void json_cell(GString *out, const rsk_matrix *m, const trend_line *l,
                      guint row)
{
  char share[G_ASCII_DTOSTR_BUF_SIZE], score[G_ASCII_DTOSTR_BUF_SIZE];
  const rsk_matrix_cell *c = line_cell(m, l, row);
  g_string_append_printf(out, "{\"count\": %u, \"share\": %s, \"score\": %s}",
                         c->count,
                         g_ascii_formatd(share, sizeof share, "%.4f",
                                         line_share(m, l, row)),
                         g_ascii_formatd(score, sizeof score, "%.4f", c->score));
}

static void write_json(GString *out, const rsk_matrix *m, const char *company,
                       const char *doc_type)
{
  GArray *lines = trend_lines(m);

  g_string_append(out, "{\"company\": ");
  rsk_escape_json(out, company);
  g_string_append(out, ", \"doc_type\": ");
  rsk_escape_json(out, doc_type);
  g_string_append(out, ",\n \"categories\": [");
  for (guint j = 0; j < m->columns->len; j++) {
    rsk_matrix_json_column(out, m, j);
    g_string_append_c(out, '}');
  }
  g_string_append(out, "],\n \"filings\": [");
  for (guint i = 0; i < m->rows->len; i++) {
    const rsk_matrix_row *r = &g_array_index(m->rows, rsk_matrix_row, i);
    g_string_append(out, i ? ",\n   {\"filing\": " : "\n   {\"filing\": ");
    rsk_escape_json(out, r->filing);
    g_string_append_printf(out, ", \"filing_id\": %" G_GINT64_FORMAT
                           ", \"period\": ", r->filing_id);
    rsk_escape_json(out, r->label);
    g_string_append_printf(out, ", \"risk_factors\": %u, \"words\": %u,"
                           " \"flags\": ", r->risks, r->words);
    rsk_matrix_json_flags(out, r);
    g_string_append(out, ",\n    \"values\": {");
    gboolean first = TRUE;
    for (guint k = 0; k < lines->len; k++) {
      const trend_line *l = &g_array_index(lines, trend_line, k);
      if (l->kind != LINE_CATEGORY)
        continue;
      g_string_append(out, first ? "" : ", ");
      first = FALSE;
      rsk_escape_json(out, l->id);
      g_string_append(out, ": ");
      json_cell(out, m, l, i);
    }
    g_string_append(out, "}");
    for (guint k = 0; k < lines->len; k++) {
      const trend_line *l = &g_array_index(lines, trend_line, k);
      if (l->kind == LINE_CATEGORY)
        continue;
      g_string_append_printf(out, ",\n    \"%s\": ", l->id);
      json_cell(out, m, l, i);
    }
    g_string_append_c(out, '}');
  }
  g_string_append(out, "]}\n");
  g_array_unref(lines);
}

static void write_md(GString *out, const rsk_matrix *m, const char *company,
                     const char *doc_type)
{
  GArray *lines = trend_lines(m);

  g_string_append(out, "### ");
  rsk_escape_md(out, company);
  g_string_append(out, ": ");
  rsk_escape_md(out, doc_type);
  g_string_append(out, " filings\n\n| Category |");
  for (guint i = 0; i < m->rows->len; i++) {
    const rsk_matrix_row *r = &g_array_index(m->rows, rsk_matrix_row, i);
    g_string_append_c(out, ' ');
    rsk_escape_md(out, r->label);
    g_string_append(out, r->flags ? " (!) |" : " |");
  }
  g_string_append(out, "\n|---|");
  for (guint i = 0; i < m->rows->len; i++)
    g_string_append(out, "---:|");
  g_string_append(out, "\n| Risk factors |");
  for (guint i = 0; i < m->rows->len; i++)
    g_string_append_printf(out, " %u |",
                           g_array_index(m->rows, rsk_matrix_row, i).risks);
  g_string_append_c(out, '\n');
  for (guint k = 0; k < lines->len; k++) {
    const trend_line *l = &g_array_index(lines, trend_line, k);
    g_string_append(out, l->kind == LINE_CATEGORY ? "| " : "| **");
    rsk_escape_md(out, l->label);
    g_string_append(out, l->kind == LINE_CATEGORY ? " |" : "** |");
    for (guint i = 0; i < m->rows->len; i++) {
      g_autofree char *t = cell_text(m, l, i);
      g_string_append_printf(out, " %s |", t);
    }
    g_string_append_c(out, '\n');
  }
  g_string_append(out, "\nCount of risk factors tagged (share of the risk"
                       " section's words).\n");
  g_array_unref(lines);
}

void rsk_trend_write(GString *out, const rsk_matrix *m, const char *company,
                     const char *doc_type, rsk_format format, guint width)
{
  switch (format) {
  case RSK_FORMAT_TEXT: write_text(out, m, company, doc_type, width); break;
  /* Trend cells are ids, dates and names: neutralised either way. */
  case RSK_FORMAT_CSV:
  case RSK_FORMAT_CSV_RAW: write_csv(out, m, company, doc_type); break;
  case RSK_FORMAT_JSON: write_json(out, m, company, doc_type); break;
  case RSK_FORMAT_MD: write_md(out, m, company, doc_type); break;
  }
}
