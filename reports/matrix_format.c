/* matrix_format.c - the company x category matrix as text, CSV, JSON, Markdown
 *
 * SPDX-License-Identifier: MIT
 */
#include "matrix_format.h"

#include "escape.h"
#include "export_text.h"
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

static double row_ai_total(const rsk_matrix *m, guint i, rsk_measure measure)
{
  const rsk_matrix_row *r = &g_array_index(m->rows, rsk_matrix_row, i);
  return rsk_matrix_value(&r->ai_total, r->words, measure);
}

/* Columns after the categories: the AI total when the matrix has AI
 * categories, then the total. */
static guint n_totals(const rsk_matrix *m)
{
  return rsk_matrix_has_ai(m) ? 2 : 1;
}

/* Appends LABEL in WIDTH characters; a label that does not fit and ends in
 * a parenthesis that tells rows of one company apart ("NVIDIA CORPORATION
 * (2024-01-28)") keeps that part and cuts the name before it. */
static void pad_label(GString *out, const char *label, guint width)
{
  const char *open = strrchr(label, '(');
  glong len = g_utf8_strlen(label, -1);
  if ((guint)len <= width || !open || open == label ||
      !g_str_has_suffix(label, ")")) {
    pad(out, label, width, FALSE);
    return;
  }
  glong tail = g_utf8_strlen(open, -1) + 1;
  if ((guint)tail + 3 > width) {
    pad(out, label, width, FALSE);
    return;
  }
  g_autofree char *head = g_strndup(label, (gsize)(open - label - 1));
  pad(out, head, width - (guint)tail, FALSE);
  g_string_append_c(out, ' ');
  g_string_append(out, open);
}

/* The value at row I, column J of M, where row rows->len holds the column
 * totals and the columns from columns->len on the AI total (when there is
 * one) and the row total. */
static double cell_value(const rsk_matrix *m, guint i, guint j,
                         rsk_measure measure)
{
  gboolean totals_row = i == m->rows->len;
  gboolean ai = j == m->columns->len && n_totals(m) == 2;
  gboolean total = j == m->columns->len + n_totals(m) - 1;
  if (totals_row && ai)
    return rsk_matrix_value(&m->ai_total, m->words, measure);
  if (totals_row && total)
    return rsk_matrix_value(&m->total, m->words, measure);
  if (totals_row)
    return column_total(m, j, measure);
  if (ai)
    return row_ai_total(m, i, measure);
  if (total)
    return row_total(m, i, measure);
  return row_value(m, i, j, measure);
}

/* The label of row I as the text and Markdown tables print it: "! " in
 * front of a filing with sanity flags. */
static char *row_label(const rsk_matrix *m, guint i)
{
  const rsk_matrix_row *r = &g_array_index(m->rows, rsk_matrix_row, i);
  return r->flags ? g_strconcat("! ", r->label, NULL) : g_strdup(r->label);
}

static gboolean any_flags(const rsk_matrix *m)
{
  for (guint i = 0; i < m->rows->len; i++)
    if (g_array_index(m->rows, rsk_matrix_row, i).flags)
      return TRUE;
  return FALSE;
}

/* The footnote under a table with flagged rows, one line each. */
static void append_flag_notes(GString *out, const rsk_matrix *m,
                              gboolean markdown, guint width)
{
  if (!any_flags(m))
    return;
  g_string_append(out, markdown ? "! sanity flags raised (the numbers may"
                                  " mislead):\n\n"
                                : "! sanity flags raised (the numbers may"
                                  " mislead):\n");
  for (guint i = 0; i < m->rows->len; i++) {
    const rsk_matrix_row *r = &g_array_index(m->rows, rsk_matrix_row, i);
    if (!r->flags)
      continue;
    g_autofree char *joined = g_strjoinv("; ", r->flags);
    if (markdown) {
      g_string_append(out, "- ");
      rsk_escape_md(out, r->filing);
      g_string_append(out, ": ");
      rsk_escape_md(out, joined);
      g_string_append_c(out, '\n');
    } else {
      g_autofree char *line = g_strdup_printf("%s: %s", r->filing, joined);
      rsk_text_wrap(out, line, 2, (int)width);
    }
  }
}

static void write_text(GString *out, const rsk_matrix *m, rsk_measure measure,
                       guint width)
{
  guint n_rows = m->rows->len, n_cols = m->columns->len, n_t = n_totals(m);
  guint n_all = n_cols + n_t;
  char **cells = g_new0(char *, (n_rows + 1) * n_all + 1);
  char **labels = g_new0(char *, n_rows + 2);
  guint cw = 3, tw = 5, lw = 7;
#define CELL(i, j) cells[(i) * n_all + (j)]

  /* Row n_rows holds the column totals; the last N_T columns the totals. */
  for (guint i = 0; i <= n_rows; i++) {
    for (guint j = 0; j < n_all; j++) {
      CELL(i, j) = rsk_matrix_format_value(cell_value(m, i, j, measure), measure);
      if (j >= n_cols)
        tw = MAX(tw, strlen(CELL(i, j)));
      else
        cw = MAX(cw, strlen(CELL(i, j)));
    }
  }
  for (guint i = 0; i < n_rows; i++) {
    labels[i] = row_label(m, i);
    lw = MAX(lw, (guint)rsk_terminal_width(labels[i]));
  }
  guint fixed = n_cols * (cw + 1) + n_t * (tw + 1);
  if (lw + fixed > width)
    lw = width > fixed + 8 ? width - fixed : 8;

  char **codes = rsk_matrix_column_codes(m, cw);
  pad(out, "Company", lw, FALSE);
  for (guint j = 0; j < n_cols; j++) {
    g_string_append_c(out, ' ');
    pad(out, codes[j], cw, TRUE);
  }
  if (n_t == 2) {
    g_string_append_c(out, ' ');
    pad(out, "AI", tw, TRUE);
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
    pad_label(out, i == n_rows ? "Total" : labels[i], lw);
    for (guint j = 0; j < n_all; j++) {
      g_string_append_c(out, ' ');
      pad(out, CELL(i, j), j >= n_cols ? tw : cw, TRUE);
    }
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
  if (n_t == 2)
    g_string_append(out, "AI: the same over the AI categories ("
                    RSK_MATRIX_AI_PREFIX "*) only\n");
  append_flag_notes(out, m, FALSE, width);
  g_strfreev(codes);
  g_strfreev(labels);
  for (guint k = 0; k < (n_rows + 1) * n_all; k++)
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
  guint n_all = m->columns->len + n_totals(m);
  void (*cell)(GString *, const char *) = raw ? rsk_escape_csv_raw : rsk_escape_csv;

  g_string_append(out, "company,filing");
  for (guint j = 0; j < m->columns->len; j++) {
    g_string_append_c(out, ',');
    cell(out, g_array_index(m->columns, rsk_matrix_column, j).id);
  }
  g_string_append(out, n_totals(m) == 2 ? ",ai_total,total,flags\r\n"
                                        : ",total,flags\r\n");
  for (guint i = 0; i <= m->rows->len; i++) {
    gboolean totals = i == m->rows->len;
    const rsk_matrix_row *r =
        totals ? NULL : &g_array_index(m->rows, rsk_matrix_row, i);
    if (totals) {
      g_string_append(out, "total,");
    } else {
      cell(out, r->company);
      g_string_append_c(out, ',');
      cell(out, r->filing);
    }
    for (guint j = 0; j < n_all; j++) {
      g_string_append_c(out, ',');
      append_number(out, cell_value(m, i, j, measure), measure);
    }
    g_string_append_c(out, ',');
    if (r && r->flags) {
      g_autofree char *joined = g_strjoinv("; ", r->flags);
      rsk_escape_csv(out, joined);
    }
    g_string_append(out, "\r\n");
  }
}

void rsk_matrix_json_column(GString *out, const rsk_matrix *m, guint j)
{
  const rsk_matrix_column *c = &g_array_index(m->columns, rsk_matrix_column, j);
  g_string_append(out, j ? ",\n   {\"id\": " : "\n   {\"id\": ");
  rsk_escape_json(out, c->id);
  g_string_append(out, ", \"label\": ");
  rsk_escape_json(out, c->label);
}

void rsk_matrix_json_flags(GString *out, const rsk_matrix_row *r)
{
  g_string_append_c(out, '[');
  for (guint k = 0; r->flags && r->flags[k]; k++) {
    if (k)
      g_string_append(out, ", ");
    rsk_escape_json(out, r->flags[k]);
  }
  g_string_append_c(out, ']');
}

static void write_json(GString *out, const rsk_matrix *m, rsk_measure measure)
{
  gboolean ai = n_totals(m) == 2;

  g_string_append(out, "{\"measure\": ");
  rsk_escape_json(out, rsk_measure_name(measure));
  g_string_append(out, ",\n \"categories\": [");
  for (guint j = 0; j < m->columns->len; j++) {
    rsk_matrix_json_column(out, m, j);
    g_string_append(out, ", \"total\": ");
    append_number(out, column_total(m, j, measure), measure);
    g_string_append(out, "}");
  }
  g_string_append(out, "],\n \"rows\": [");
  for (guint i = 0; i < m->rows->len; i++) {
    const rsk_matrix_row *r = &g_array_index(m->rows, rsk_matrix_row, i);
    g_string_append(out, i ? ",\n   {\"company\": " : "\n   {\"company\": ");
    rsk_escape_json(out, r->company);
    g_string_append(out, ", \"label\": ");
    rsk_escape_json(out, r->label);
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
    g_string_append(out, "}");
    if (ai) {
      g_string_append(out, ", \"ai_total\": ");
      append_number(out, row_ai_total(m, i, measure), measure);
    }
    g_string_append(out, ", \"total\": ");
    append_number(out, row_total(m, i, measure), measure);
    g_string_append(out, ", \"flags\": ");
    rsk_matrix_json_flags(out, r);
    g_string_append(out, "}");
  }
  g_string_append(out, "],\n");
  if (ai) {
    g_string_append(out, " \"ai_total\": ");
    append_number(out, rsk_matrix_value(&m->ai_total, m->words, measure),
                  measure);
    g_string_append(out, ",\n");
  }
  g_string_append(out, " \"total\": ");
  append_number(out, rsk_matrix_value(&m->total, m->words, measure), measure);
  g_string_append(out, "}\n");
}

static void write_md(GString *out, const rsk_matrix *m, rsk_measure measure)
{
  guint n_all = m->columns->len + n_totals(m);

  g_string_append(out, "| Company |");
  for (guint j = 0; j < m->columns->len; j++) {
    g_string_append_c(out, ' ');
    rsk_escape_md(out, g_array_index(m->columns, rsk_matrix_column, j).id);
    g_string_append(out, " |");
  }
  g_string_append(out, n_totals(m) == 2 ? " AI | Total |\n|---|"
                                        : " Total |\n|---|");
  for (guint j = 0; j < n_all; j++)
    g_string_append(out, "---:|");
  g_string_append_c(out, '\n');
  for (guint i = 0; i <= m->rows->len; i++) {
    gboolean totals = i == m->rows->len;
    g_string_append(out, "| ");
    if (totals) {
      g_string_append(out, "**Total**");
    } else {
      g_autofree char *label = row_label(m, i);
      rsk_escape_md(out, label);
    }
    g_string_append(out, " |");
    for (guint j = 0; j < n_all; j++) {
      g_autofree char *s =
          rsk_matrix_format_value(cell_value(m, i, j, measure), measure);
      g_string_append_printf(out, " %s |", s);
    }
    g_string_append_c(out, '\n');
  }
  g_string_append_printf(out, "\n%s\n", measure_note(measure));
  if (n_totals(m) == 2)
    g_string_append(out, "AI: the same over the AI categories ("
                    RSK_MATRIX_AI_PREFIX "\\*) only\n");
  if (any_flags(m))
    g_string_append_c(out, '\n');
  append_flag_notes(out, m, TRUE, 0);
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
