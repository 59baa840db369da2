/* matrix_format.c - the company x category matrix as text, CSV, JSON, Markdown
 *
 * SPDX-License-Identifier: MIT
 */
#include "matrix_format.h"

#include "escape.h"
#include "terminal.h"

#include <string.h>

gboolean rsk_format_parse(const char *name, rsk_format *format)
{
  static const struct { const char *name; rsk_format format; } names[] = {
    {"text", RSK_FORMAT_TEXT}, {"csv", RSK_FORMAT_CSV},
    {"json", RSK_FORMAT_JSON}, {"md", RSK_FORMAT_MD},
    {"markdown", RSK_FORMAT_MD},
  };
  for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
    if (name && strcmp(name, names[i].name) == 0) {
      *format = names[i].format;
      return TRUE;
    }
  }
  return FALSE;
}

/* --- Column codes ---------------------------------------------------- */

/* The category id's part after the last dot, split at '_' and '-'. */
static char **id_words(const char *id)
{
  const char *dot = strrchr(id, '.');
  return g_strsplit_set(dot && dot[1] ? dot + 1 : id, "_- ", -1);
}

static char *code_for(const char *id, guint max_len, int strategy)
{
  char **words = id_words(id);
  GString *code = g_string_new(NULL);
  guint n_words = g_strv_length(words);

  if (strategy == 0 || n_words < 2) {
    g_string_append_len(code, words[0], MIN(strlen(words[0]), max_len));
  } else {
    /* The first word's start and the second word's initial: "minors_
     * dependence" -> "mid". */
    guint head = max_len > 1 ? max_len - 1 : 1;
    g_string_append_len(code, words[0], MIN(strlen(words[0]), head));
    g_string_append_c(code, words[1][0]);
  }
  g_strfreev(words);
  return g_string_free(code, FALSE);
}

static gboolean all_unique(char **codes)
{
  for (guint i = 0; codes[i]; i++) {
    if (!*codes[i])
      return FALSE;
    for (guint j = 0; j < i; j++)
      if (strcmp(codes[i], codes[j]) == 0)
        return FALSE;
  }
  return TRUE;
}

char **rsk_matrix_column_codes(const rsk_matrix *m, guint max_len)
{
  guint n = m->columns->len;
  char **codes = g_new0(char *, n + 1);

  for (int strategy = 0; strategy < 2; strategy++) {
    for (guint len = MAX(max_len, 1); len <= MAX(max_len, 1) + 3; len++) {
      for (guint j = 0; j < n; j++) {
        g_free(codes[j]);
        codes[j] = code_for(g_array_index(m->columns, rsk_matrix_column, j).id,
                            len, strategy);
      }
      if (all_unique(codes))
        return codes;
    }
  }
  for (guint j = 0; j < n; j++) {
    g_free(codes[j]);
    codes[j] = g_strdup_printf("c%u", j + 1);
  }
  return codes;
}

/* --- Values ---------------------------------------------------------- */

char *rsk_matrix_format_value(double value, rsk_measure measure)
{
  if (value <= 0)
    return g_strdup("-");
  switch (measure) {
  case RSK_MEASURE_COUNT:
    return g_strdup_printf("%.0f", value);
  case RSK_MEASURE_SHARE:
    if (value * 100 < 0.5)
      return g_strdup("<1");
    return g_strdup_printf("%.0f", value * 100);
  case RSK_MEASURE_SCORE:
    return value < 9.95 ? g_strdup_printf("%.1f", value)
                        : g_strdup_printf("%.0f", value);
  }
  return g_strdup("?");
}

static double row_value(const rsk_matrix *m, guint i, guint j,
                        rsk_measure measure)
{
  const rsk_matrix_row *r = &g_array_index(m->rows, rsk_matrix_row, i);
  return rsk_matrix_value(rsk_matrix_cell_at(m, i, j), r->words, measure);
}

static double row_total(const rsk_matrix *m, guint i, rsk_measure measure)
{
  const rsk_matrix_row *r = &g_array_index(m->rows, rsk_matrix_row, i);
  return rsk_matrix_value(&r->total, r->words, measure);
}

static double column_total(const rsk_matrix *m, guint j, rsk_measure measure)
{
  const rsk_matrix_column *c = &g_array_index(m->columns, rsk_matrix_column, j);
  return rsk_matrix_value(&c->total, m->words, measure);
}

static const char *measure_note(rsk_measure measure)
{
  switch (measure) {
  case RSK_MEASURE_COUNT:
    return "count: risk factors tagged with the category;\n"
           "Total: risk factors with any tag";
  case RSK_MEASURE_SHARE:
    return "share: % of the risk section's words in risk factors tagged with"
           " the category;\nTotal: in risk factors with any tag";
  case RSK_MEASURE_SCORE:
    return "score: sum of the tag scores (0..1 each)";
  }
  return "";
}

/* --- Text ------------------------------------------------------------ */

/* Appends S in WIDTH columns, right- or left-aligned, cut with "~";
 * control characters show as escapes, never cut in half (terminal.h). */
static void pad(GString *out, const char *s, guint width, gboolean right)
{
  guint len = (guint)rsk_terminal_width(s);
  if (len > width) {
    rsk_terminal_append_fit(out, s, width > 0 ? (int)width - 1 : 0, NULL);
    if (width > 0)
      g_string_append_c(out, '~');
    return;
  }
  if (right)
    for (guint k = len; k < width; k++)
      g_string_append_c(out, ' ');
  rsk_terminal_append(out, s, FALSE);
  if (!right)
    for (guint k = len; k < width; k++)
      g_string_append_c(out, ' ');
}

/* The value at row I, column J of M, where row rows->len holds the column
 * totals and column columns->len the row totals. */
static double cell_value(const rsk_matrix *m, guint i, guint j,
                         rsk_measure measure)
{
  gboolean totals_row = i == m->rows->len, totals_column = j == m->columns->len;
  if (totals_row && totals_column)
    return rsk_matrix_value(&m->total, m->words, measure);
  if (totals_row)
    return column_total(m, j, measure);
  if (totals_column)
    return row_total(m, i, measure);
  return row_value(m, i, j, measure);
}

static void write_text(GString *out, const rsk_matrix *m, rsk_measure measure,
                       guint width)
{
  guint n_rows = m->rows->len, n_cols = m->columns->len;
  char **cells = g_new0(char *, (n_rows + 1) * (n_cols + 1) + 1);
  guint cw = 3, tw = 5, lw = 7;
#define CELL(i, j) cells[(i) * (n_cols + 1) + (j)]

  /* Row n_rows holds the column totals, column n_cols the row totals. */
  for (guint i = 0; i <= n_rows; i++) {
    for (guint j = 0; j <= n_cols; j++) {
      CELL(i, j) = rsk_matrix_format_value(cell_value(m, i, j, measure), measure);
      if (j == n_cols)
        tw = MAX(tw, strlen(CELL(i, j)));
      else
        cw = MAX(cw, strlen(CELL(i, j)));
    }
  }
  for (guint i = 0; i < n_rows; i++) {
    const char *label = g_array_index(m->rows, rsk_matrix_row, i).label;
    lw = MAX(lw, (guint)rsk_terminal_width(label));
  }
  guint fixed = n_cols * (cw + 1) + tw + 1;
  if (lw + fixed > width)
    lw = width > fixed + 8 ? width - fixed : 8;

  char **codes = rsk_matrix_column_codes(m, cw);
  pad(out, "Company", lw, FALSE);
  for (guint j = 0; j < n_cols; j++) {
    g_string_append_c(out, ' ');
    pad(out, codes[j], cw, TRUE);
  }
  g_string_append_c(out, ' ');
  pad(out, "Total", tw, TRUE);
  g_string_append_c(out, '\n');

  for (guint i = 0; i <= n_rows; i++) {
    if (i == n_rows) {
      for (guint k = 0; k < lw + fixed; k++)
        g_string_append_c(out, '-');
      g_string_append_c(out, '\n');
    }
    pad(out, i == n_rows ? "Total"
                         : g_array_index(m->rows, rsk_matrix_row, i).label,
        lw, FALSE);
    for (guint j = 0; j < n_cols; j++) {
      g_string_append_c(out, ' ');
      pad(out, CELL(i, j), cw, TRUE);
    }
    g_string_append_c(out, ' ');
    pad(out, CELL(i, n_cols), tw, TRUE);
    g_string_append_c(out, '\n');
  }

  g_string_append(out, "\n");
  for (guint j = 0; j < n_cols; j++) {
    const rsk_matrix_column *c = &g_array_index(m->columns, rsk_matrix_column, j);
    GString *line = g_string_new(NULL);
    g_string_append_printf(line, "  %-*s %s", (int)cw, codes[j], c->id);
    if (strcmp(c->label, c->id) != 0)
      g_string_append_printf(line, " (%s)", c->label);
    pad(out, line->str, MIN(width, (guint)rsk_terminal_width(line->str)), FALSE);
    g_string_append_c(out, '\n');
    g_string_free(line, TRUE);
  }
  g_string_append_printf(out, "%s\n", measure_note(measure));
  g_strfreev(codes);
  for (guint k = 0; k < (n_rows + 1) * (n_cols + 1); k++)
    g_free(cells[k]);
  g_free(cells);
#undef CELL
}

/* --- CSV, JSON, Markdown --------------------------------------------- */

static void append_number(GString *out, double v, rsk_measure measure)
{
  if (measure == RSK_MEASURE_COUNT)
    g_string_append_printf(out, "%.0f", v);
  else
    g_string_append_printf(out, "%.4f", v);
}

static void write_csv(GString *out, const rsk_matrix *m, rsk_measure measure,
                      gboolean raw)
{
  void (*cell)(GString *, const char *) = raw ? rsk_escape_csv_raw : rsk_escape_csv;
  g_string_append(out, "company,filing");
  for (guint j = 0; j < m->columns->len; j++) {
    g_string_append_c(out, ',');
    cell(out, g_array_index(m->columns, rsk_matrix_column, j).id);
  }
  g_string_append(out, ",total\r\n");
  for (guint i = 0; i <= m->rows->len; i++) {
    gboolean totals = i == m->rows->len;
    if (totals) {
      g_string_append(out, "total,");
    } else {
      const rsk_matrix_row *r = &g_array_index(m->rows, rsk_matrix_row, i);
      cell(out, r->company);
      g_string_append_c(out, ',');
      cell(out, r->filing);
    }
    for (guint j = 0; j <= m->columns->len; j++) {
      g_string_append_c(out, ',');
      append_number(out, cell_value(m, i, j, measure), measure);
    }
    g_string_append(out, "\r\n");
  }
}

static void write_json(GString *out, const rsk_matrix *m, rsk_measure measure)
{
  g_string_append(out, "{\"measure\": ");
  rsk_escape_json(out, rsk_measure_name(measure));
  g_string_append(out, ",\n \"categories\": [");
  for (guint j = 0; j < m->columns->len; j++) {
    const rsk_matrix_column *c = &g_array_index(m->columns, rsk_matrix_column, j);
    g_string_append(out, j ? ",\n   {\"id\": " : "\n   {\"id\": ");
    rsk_escape_json(out, c->id);
    g_string_append(out, ", \"label\": ");
    rsk_escape_json(out, c->label);
    g_string_append(out, ", \"total\": ");
    append_number(out, column_total(m, j, measure), measure);
    g_string_append(out, "}");
  }
  g_string_append(out, "],\n \"rows\": [");
  for (guint i = 0; i < m->rows->len; i++) {
    const rsk_matrix_row *r = &g_array_index(m->rows, rsk_matrix_row, i);
    g_string_append(out, i ? ",\n   {\"company\": " : "\n   {\"company\": ");
    rsk_escape_json(out, r->company);
    g_string_append(out, ", \"filing\": ");
    rsk_escape_json(out, r->filing);
    if (r->filing_id)
      g_string_append_printf(out, ", \"filing_id\": %" G_GINT64_FORMAT,
                             r->filing_id);
    g_string_append_printf(out, ", \"risk_factors\": %u, \"words\": %u,"
                           " \"values\": {", r->risks, r->words);
    for (guint j = 0; j < m->columns->len; j++) {
      if (j)
        g_string_append(out, ", ");
      rsk_escape_json(out, g_array_index(m->columns, rsk_matrix_column, j).id);
      g_string_append(out, ": ");
      append_number(out, row_value(m, i, j, measure), measure);
    }
    g_string_append(out, "}, \"total\": ");
    append_number(out, row_total(m, i, measure), measure);
    g_string_append(out, "}");
  }
  g_string_append(out, "],\n \"total\": ");
  append_number(out, rsk_matrix_value(&m->total, m->words, measure), measure);
  g_string_append(out, "}\n");
}

static void write_md(GString *out, const rsk_matrix *m, rsk_measure measure)
{
  g_string_append(out, "| Company |");
  for (guint j = 0; j < m->columns->len; j++) {
    g_string_append_c(out, ' ');
    rsk_escape_md(out, g_array_index(m->columns, rsk_matrix_column, j).id);
    g_string_append(out, " |");
  }
  g_string_append(out, " Total |\n|---|");
  for (guint j = 0; j <= m->columns->len; j++)
    g_string_append(out, "---:|");
  g_string_append_c(out, '\n');
  for (guint i = 0; i <= m->rows->len; i++) {
    gboolean totals = i == m->rows->len;
    g_string_append(out, "| ");
    if (totals)
      g_string_append(out, "**Total**");
    else
      rsk_escape_md(out, g_array_index(m->rows, rsk_matrix_row, i).label);
    g_string_append(out, " |");
    for (guint j = 0; j <= m->columns->len; j++) {
      g_autofree char *s =
          rsk_matrix_format_value(cell_value(m, i, j, measure), measure);
      g_string_append_printf(out, " %s |", s);
    }
    g_string_append_c(out, '\n');
  }
  g_string_append_printf(out, "\n%s\n", measure_note(measure));
}

void rsk_matrix_write(GString *out, const rsk_matrix *m, rsk_measure measure,
                      rsk_format format, guint width)
{
  switch (format) {
  case RSK_FORMAT_TEXT: write_text(out, m, measure, width); break;
  case RSK_FORMAT_CSV: write_csv(out, m, measure, FALSE); break;
  case RSK_FORMAT_CSV_RAW: write_csv(out, m, measure, TRUE); break;
  case RSK_FORMAT_JSON: write_json(out, m, measure); break;
  case RSK_FORMAT_MD: write_md(out, m, measure); break;
  }
}
