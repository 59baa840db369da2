/* heatmap.c - the company x category matrix as an inline SVG heat map
 *
 * The colour of a cell is its share (words of the risk factors tagged with
 * the category over the words of the whole risk section) on a linear
 * blue scale from 0 to a round number above the largest cell, so two
 * reports of the same companies stay comparable at a glance and the legend
 * reads simply. An empty cell is grey, not the palest blue: "nothing said"
 * must not look like "said a little".
 *
 * Only primary tags (P) colour a cell: one secondary mention in a long
 * risk factor would otherwise paint the cell as if the whole risk factor
 * were about the category. Secondary tags and mentions show apart, in a
 * strip along the cell's foot on the same scale.
 *
 * Column labels are never cut: they wrap onto lines of about
 * 22 characters, rotated, and the header grows to fit them.
 *
 * SPDX-License-Identifier: MIT
 */
#include "heatmap.h"

#include "escape.h"

#include <math.h>
#include <string.h>

#define CELL_W 52
#define CELL_H 30
#define GAP 2
#define STRIP_H 6
#define TOTAL_W 64
#define LEGEND_H 84
#define LABEL_LINE 22      /* characters per line of a column label */
#define LABEL_LEADING 13   /* px between the lines of a column label */
#define CHAR_W 6.6         /* px per character of a 12 px label, about */
#define ANGLE 62           /* degrees the column labels are rotated: steep
                              enough that three lines clear the next column */

/* ColorBrewer "Blues", from light to dark (without its near-white first). */
static const guint32 stops[] = {
  0xdeebf7, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x4292c6, 0x2171b5, 0x08519c,
  0x08306b,
};
#define ZERO_COLOR "#eef0f3"

void rsk_heatmap_color(double value, double max, char buf[8])
{
  if (value <= 0 || max <= 0) {
    g_strlcpy(buf, ZERO_COLOR, 8);
    return;
  }
  double t = MIN(value / max, 1.0) * (G_N_ELEMENTS(stops) - 1);
  guint k = (guint)floor(t);
  if (k >= G_N_ELEMENTS(stops) - 1)
    k = G_N_ELEMENTS(stops) - 2;
  double f = t - k;
  guint32 a = stops[k], b = stops[k + 1];
  int rgb[3];
  for (int c = 0; c < 3; c++) {
    int shift = 16 - 8 * c;
    double x = ((a >> shift) & 0xff) * (1 - f) + ((b >> shift) & 0xff) * f;
    rgb[c] = (int)lround(x);
  }
  g_snprintf(buf, 8, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
}

double rsk_heatmap_scale_max(const rsk_matrix *m)
{
  static const double steps[] = {0.05, 0.1, 0.2, 0.25, 0.4, 0.5, 0.75, 1.0};
  double max = 0;

  for (guint i = 0; i < m->rows->len; i++) {
    guint words = g_array_index(m->rows, rsk_matrix_row, i).words;
    for (guint j = 0; j < m->columns->len; j++) {
      const rsk_matrix_cell *c = rsk_matrix_cell_at(m, i, j);
      max = MAX(max, words ? (double)MAX(c->primary_words,
                                         c->words - c->primary_words) / words
                           : 0);
    }
  }
  for (guint k = 0; k < G_N_ELEMENTS(steps); k++)
    if (max <= steps[k] + 1e-9)
      return steps[k];
  return 1.0;
}

static void format_share(GString *out, double share)
{
  if (share <= 0)
    g_string_append(out, "0%");
  else if (share < 0.001)
    g_string_append(out, "<0.1%");
  else if (share < 0.1)
    g_string_append_printf(out, "%.1f%%", share * 100);
  else
    g_string_append_printf(out, "%.0f%%", share * 100);
}

/* Appends TEXT cut to MAX characters with an ellipsis, escaped. */
static void append_cut(GString *out, const char *text, glong max)
{
  if (g_utf8_strlen(text, -1) <= max) {
    rsk_escape_html(out, text);
    return;
  }
  g_autofree char *cut = g_utf8_substring(text, 0, max - 1);
  rsk_escape_html(out, cut);
  g_string_append(out, "…");
}

static double share_of(guint part, guint words)
{
  return words ? (double)part / words : 0;
}

static void write_cell(GString *out, const rsk_matrix *m, guint i, guint j,
                       double x, double y, double max)
{
  const rsk_matrix_row *r = &g_array_index(m->rows, rsk_matrix_row, i);
  const rsk_matrix_column *c = &g_array_index(m->columns, rsk_matrix_column, j);
  const rsk_matrix_cell *cell = rsk_matrix_cell_at(m, i, j);
  double primary = share_of(cell->primary_words, r->words);
  double secondary = share_of(cell->words - cell->primary_words, r->words);
  guint n_secondary = cell->count - cell->primary;
  char fill[8], strip[8];

  rsk_heatmap_color(primary, max, fill);
  rsk_heatmap_color(secondary, max, strip);
  g_string_append_printf(out,
      "<rect class=\"cell\" x=\"%.0f\" y=\"%.0f\" width=\"%d\" height=\"%d\""
      " rx=\"3\" fill=\"%s\"><title>", x, y, CELL_W - GAP, CELL_H - GAP, fill);
  rsk_escape_html(out, r->label);
  g_string_append(out, " \xe2\x80\x94 ");
  rsk_escape_html(out, c->label);
  g_string_append(out, " (");
  rsk_escape_html(out, c->id);
  g_string_append_printf(out, "): primary in %u risk factor%s (",
                         cell->primary, cell->primary == 1 ? "" : "s");
  format_share(out, primary);
  g_string_append_printf(out, " of the risk section), secondary or a mention"
                         " in %u (", n_secondary);
  format_share(out, secondary);
  g_string_append_printf(out, "), score %.2f</title></rect>\n", cell->score);
  if (n_secondary)
    g_string_append_printf(out,
        "<rect class=\"strip\" x=\"%.0f\" y=\"%.0f\" width=\"%d\" height=\"%d\""
        " fill=\"%s\"/>\n", x + 3, y + CELL_H - GAP - STRIP_H - 2,
        CELL_W - GAP - 6, STRIP_H, strip);
  if (cell->primary) {
    gboolean dark = primary / max > 0.5;
    g_string_append_printf(out,
        "<text class=\"v%s\" x=\"%.0f\" y=\"%.0f\">", dark ? " dark" : "",
        x + (CELL_W - GAP) / 2.0, y + (CELL_H - GAP) / 2.0 + 2);
    format_share(out, primary);
    g_string_append(out, "</text>\n");
  } else if (n_secondary) {
    g_string_append_printf(out,
        "<text class=\"v s\" x=\"%.0f\" y=\"%.0f\">S</text>\n",
        x + (CELL_W - GAP) / 2.0, y + (CELL_H - GAP) / 2.0 + 2);
  }
}

/* LABEL cut into lines of about LABEL_LINE characters at spaces (a longer
 * word gets a line of its own, whole). Free with g_strfreev(). */
static char **wrap_label(const char *label)
{
  char **words = g_strsplit(label, " ", -1);
  GPtrArray *lines = g_ptr_array_new();
  GString *line = g_string_new(NULL);

  for (guint k = 0; words[k]; k++) {
    if (!*words[k])
      continue;
    glong need = g_utf8_strlen(line->str, -1) + 1 + g_utf8_strlen(words[k], -1);
    if (line->len && need > LABEL_LINE) {
      g_ptr_array_add(lines, g_strdup(line->str));
      g_string_truncate(line, 0);
    }
    if (line->len)
      g_string_append_c(line, ' ');
    g_string_append(line, words[k]);
  }
  if (line->len || lines->len == 0)
    g_ptr_array_add(lines, g_strdup(line->str));
  g_ptr_array_add(lines, NULL);
  g_string_free(line, TRUE);
  g_strfreev(words);
  return (char **)g_ptr_array_free(lines, FALSE);
}

/* How far a rotated label of N_LINES lines, the longest LONGEST
 * characters, reaches up and to the right of its anchor. */
static void label_extent(guint n_lines, glong longest, double *up,
                         double *right)
{
  double a = ANGLE * G_PI / 180, len = longest * CHAR_W;
  double depth = (n_lines - 1) * LABEL_LEADING;
  *up = len * sin(a) + depth * cos(a) + 12;
  *right = len * cos(a) + 12;
}

static void write_column_label(GString *out, const rsk_matrix_column *c,
                               double cx, double y)
{
  char **lines = wrap_label(c->label);
  guint n = g_strv_length(lines);

  g_string_append_printf(out,
      "<text class=\"col\" transform=\"translate(%.0f,%.0f) rotate(-%d)\">"
      "<title>", cx + 4, y, ANGLE);
  rsk_escape_html(out, c->label);
  if (strcmp(c->label, c->id) != 0) {
    g_string_append(out, " (");
    rsk_escape_html(out, c->id);
    g_string_append(out, ")");
  }
  g_string_append(out, "</title>");
  /* The last line sits on the anchor, the ones before above it. */
  for (guint k = 0; k < n; k++) {
    g_string_append_printf(out, "<tspan x=\"0\" y=\"%d\">",
                           -(int)(n - 1 - k) * LABEL_LEADING);
    rsk_escape_html(out, lines[k]);
    g_string_append(out, "</tspan>");
  }
  g_string_append(out, "</text>\n");
  g_strfreev(lines);
}

/* Intervals of the legend's scale, so that ticks fall on round numbers. */
static guint scale_ticks(double max)
{
  static const struct { double max; guint ticks; } table[] = {
    {0.05, 5}, {0.1, 5}, {0.2, 4}, {0.25, 5}, {0.4, 4}, {0.5, 5},
    {0.75, 3}, {1.0, 4},
  };
  for (guint k = 0; k < G_N_ELEMENTS(table); k++)
    if (fabs(max - table[k].max) < 1e-9)
      return table[k].ticks;
  return 4;
}

static void write_legend(GString *out, double x, double y, double max)
{
  const double w = 240, h = 12;

  g_string_append_printf(out,
      "<g class=\"legend\" transform=\"translate(%.0f,%.0f)\">\n"
      "<text class=\"legend-title\" x=\"0\" y=\"0\">Share of the risk section"
      " (words) in risk factors where the category is primary</text>\n"
      "<defs><linearGradient id=\"rsk-scale\" x1=\"0\" x2=\"1\" y1=\"0\""
      " y2=\"0\">\n", x, y);
  for (guint k = 0; k <= 8; k++) {
    char color[8];
    rsk_heatmap_color(max * MAX(k, 0.001) / 8.0, max, color);
    g_string_append_printf(out, "<stop offset=\"%.3f\" stop-color=\"%s\"/>\n",
                           k / 8.0, color);
  }
  g_string_append_printf(out,
      "</linearGradient></defs>\n"
      "<rect class=\"scale\" x=\"0\" y=\"10\" width=\"%.0f\" height=\"%.0f\""
      " fill=\"url(#rsk-scale)\"/>\n", w, h);
  guint ticks = scale_ticks(max);
  for (guint k = 0; k <= ticks; k++) {
    double tx = w * k / ticks;
    GString *label = g_string_new(NULL);
    format_share(label, max * k / ticks);
    g_string_append_printf(out,
        "<line x1=\"%.0f\" x2=\"%.0f\" y1=\"%.0f\" y2=\"%.0f\""
        " stroke=\"#555\"/>\n"
        "<text class=\"tick\" x=\"%.0f\" y=\"%.0f\">%s</text>\n",
        tx, tx, 10 + h, 10 + h + 4, tx, 10 + h + 16, label->str);
    g_string_free(label, TRUE);
  }
  g_string_append_printf(out,
      "<rect x=\"%.0f\" y=\"10\" width=\"%d\" height=\"%.0f\" rx=\"2\""
      " fill=\"" ZERO_COLOR "\"/>\n"
      "<text class=\"tick start\" x=\"%.0f\" y=\"%.0f\">no tagged risk"
      " factor</text>\n"
      "<rect class=\"strip\" x=\"0\" y=\"%.0f\" width=\"40\""
      " height=\"%d\" fill=\"#6baed6\"/>\n"
      "<text class=\"tick start\" x=\"48\" y=\"%.0f\">strip at a cell's"
      " foot: secondary tags and mentions, same scale (\"S\": only"
      " those)</text>\n</g>\n",
      w + 30, 18, h, w + 54, 10 + h - 1, 10 + h + 30, STRIP_H,
      10 + h + 30 + STRIP_H);
}

/* A total column's cell: the share, with counts on hover. */
static void write_total(GString *out, const rsk_matrix_cell *c,
                        const rsk_matrix_row *r, const char *what, double x,
                        double y)
{
  GString *share = g_string_new(NULL);
  format_share(share, rsk_matrix_value(c, r->words, RSK_MEASURE_SHARE));
  g_string_append_printf(out,
      "<text class=\"total\" x=\"%.0f\" y=\"%.0f\"><title>%u of %u risk"
      " factors with %s</title>%s</text>\n", x, y, c->count, r->risks, what,
      share->str);
  g_string_free(share, TRUE);
}

void rsk_heatmap_write_svg(GString *out, const rsk_matrix *m,
                           gboolean link_rows)
{
  guint n_rows = m->rows->len, n_cols = m->columns->len;
  guint n_totals = rsk_matrix_has_ai(m) ? 2 : 1;
  glong longest = 8;
  double max = rsk_heatmap_scale_max(m), up = 0, right = 0;

  for (guint i = 0; i < n_rows; i++)
    longest = MAX(longest, g_utf8_strlen(
        g_array_index(m->rows, rsk_matrix_row, i).label, -1) + 2);
  /* How high the header must be for the longest wrapped column label. */
  for (guint j = 0; j < n_cols; j++) {
    char **lines = wrap_label(g_array_index(m->columns, rsk_matrix_column, j).label);
    glong widest = 0;
    for (guint k = 0; lines[k]; k++)
      widest = MAX(widest, g_utf8_strlen(lines[k], -1));
    double u, r;
    label_extent(g_strv_length(lines), widest, &u, &r);
    up = MAX(up, u);
    if (j + 1 == n_cols)
      right = r;
    g_strfreev(lines);
  }
  /* Bold capitals run to about 8.4 px a character at this size. */
  double label_w = CLAMP(longest, 12, 46) * 8.4 + 16;
  double grid_x = label_w, grid_y = MAX(up, 40) + 16;
  double totals_x = grid_x + n_cols * CELL_W + 8;
  double width = MAX(totals_x + n_totals * TOTAL_W + 24,
                     grid_x + (n_cols - 0.5) * CELL_W + right);
  double height = grid_y + n_rows * CELL_H + 16 + LEGEND_H;

  width = MAX(width, 640);
  g_string_append_printf(out,
      "<svg class=\"heatmap\" xmlns=\"http://www.w3.org/2000/svg\""
      " viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\""
      " role=\"img\" aria-label=\"Heat map of AI-regulation risk categories"
      " by company\">\n", width, height, width, height);

  for (guint j = 0; j < n_cols; j++)
    write_column_label(out, &g_array_index(m->columns, rsk_matrix_column, j),
                       grid_x + j * CELL_W + (CELL_W - GAP) / 2.0, grid_y - 8);
  if (n_totals == 2)
    g_string_append_printf(out,
        "<text class=\"col total\" x=\"%.0f\" y=\"%.0f\">AI tags</text>\n",
        totals_x + TOTAL_W / 2.0, grid_y - 10);
  g_string_append_printf(out,
      "<text class=\"col total\" x=\"%.0f\" y=\"%.0f\">Any tag</text>\n",
      totals_x + (n_totals - 1) * TOTAL_W + TOTAL_W / 2.0, grid_y - 10);

  for (guint i = 0; i < n_rows; i++) {
    const rsk_matrix_row *r = &g_array_index(m->rows, rsk_matrix_row, i);
    double y = grid_y + i * CELL_H, ty = y + (CELL_H - GAP) / 2.0 + 4;
    if (link_rows)
      g_string_append_printf(out, "<a href=\"#company-%u\">", i + 1);
    g_string_append_printf(out, "<text class=\"row%s\" x=\"%.0f\" y=\"%.0f\">",
                           r->flags ? " flagged" : "", grid_x - 10, ty);
    if (r->flags) {
      g_autofree char *joined = g_strjoinv("; ", r->flags);
      g_string_append(out, "<title>Sanity flags: ");
      rsk_escape_html(out, joined);
      g_string_append(out, "</title>\xe2\x9a\xa0 ");
    }
    append_cut(out, r->label, 44);
    g_string_append(out, "</text>");
    if (link_rows)
      g_string_append(out, "</a>");
    g_string_append_c(out, '\n');
    for (guint j = 0; j < n_cols; j++)
      write_cell(out, m, i, j, grid_x + j * CELL_W, y, max);
    if (n_totals == 2)
      write_total(out, &r->ai_total, r, "an AI tag", totals_x + TOTAL_W / 2.0,
                  ty);
    write_total(out, &r->total, r, "any tag",
                totals_x + (n_totals - 1) * TOTAL_W + TOTAL_W / 2.0, ty);
  }
  write_legend(out, grid_x, grid_y + n_rows * CELL_H + 28, max);
  g_string_append(out, "</svg>\n");
}
