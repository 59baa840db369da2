/* heatmap.c - the company x category matrix as an inline SVG heat map
 *
 * The colour of a cell is its share (words of the risk factors tagged with
 * the category over the words of the whole risk section) on a linear
 * blue scale from 0 to a round number above the largest cell, so two
 * reports of the same companies stay comparable at a glance and the legend
 * reads simply. An empty cell is grey, not the palest blue: "nothing said"
 * must not look like "said a little".
 *
 * SPDX-License-Identifier: MIT
 */
#include "heatmap.h"

#include "escape.h"

#include <math.h>
#include <string.h>

#define CELL_W 48
#define CELL_H 30
#define GAP 2
#define HEADER_H 190
#define TOTAL_W 64
#define LEGEND_H 64

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
    for (guint j = 0; j < m->columns->len; j++)
      max = MAX(max, rsk_matrix_value(rsk_matrix_cell_at(m, i, j), words,
                                      RSK_MEASURE_SHARE));
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

static void write_cell(GString *out, const rsk_matrix *m, guint i, guint j,
                       double x, double y, double max)
{
  const rsk_matrix_row *r = &g_array_index(m->rows, rsk_matrix_row, i);
  const rsk_matrix_column *c = &g_array_index(m->columns, rsk_matrix_column, j);
  const rsk_matrix_cell *cell = rsk_matrix_cell_at(m, i, j);
  double share = rsk_matrix_value(cell, r->words, RSK_MEASURE_SHARE);
  char fill[8];

  rsk_heatmap_color(share, max, fill);
  g_string_append_printf(out,
      "<rect class=\"cell\" x=\"%.0f\" y=\"%.0f\" width=\"%d\" height=\"%d\""
      " rx=\"3\" fill=\"%s\"><title>", x, y, CELL_W - GAP, CELL_H - GAP, fill);
  rsk_escape_html(out, r->label);
  g_string_append(out, " \xe2\x80\x94 ");
  rsk_escape_html(out, c->label);
  g_string_append(out, " (");
  rsk_escape_html(out, c->id);
  g_string_append(out, "): ");
  format_share(out, share);
  g_string_append_printf(out, " of the risk section, %u risk factor%s, "
                         "score %.2f</title></rect>\n",
                         cell->count, cell->count == 1 ? "" : "s", cell->score);
  if (cell->count) {
    gboolean dark = share / max > 0.5;
    g_string_append_printf(out,
        "<text class=\"v%s\" x=\"%.0f\" y=\"%.0f\">", dark ? " dark" : "",
        x + (CELL_W - GAP) / 2.0, y + (CELL_H - GAP) / 2.0 + 4);
    format_share(out, share);
    g_string_append(out, "</text>\n");
  }
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
      " (words) in risk factors tagged with the category</text>\n"
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
      " factor</text>\n</g>\n",
      w + 30, 18, h, w + 54, 10 + h - 1);
}

void rsk_heatmap_write_svg(GString *out, const rsk_matrix *m,
                           gboolean link_rows)
{
  guint n_rows = m->rows->len, n_cols = m->columns->len;
  glong longest = 8;
  double max = rsk_heatmap_scale_max(m);

  for (guint i = 0; i < n_rows; i++)
    longest = MAX(longest, g_utf8_strlen(
        g_array_index(m->rows, rsk_matrix_row, i).label, -1));
  /* Bold capitals run to about 8.4 px a character at this size. */
  double label_w = CLAMP(longest, 12, 44) * 8.4 + 16;
  double grid_x = label_w, grid_y = HEADER_H;
  double width = grid_x + n_cols * CELL_W + TOTAL_W + 110;
  double height = grid_y + n_rows * CELL_H + 16 + LEGEND_H;

  width = MAX(width, 560);
  g_string_append_printf(out,
      "<svg class=\"heatmap\" xmlns=\"http://www.w3.org/2000/svg\""
      " viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\""
      " role=\"img\" aria-label=\"Heat map of AI-regulation risk categories"
      " by company\">\n", width, height, width, height);

  /* Column headers, rotated, with the full id on hover. */
  for (guint j = 0; j < n_cols; j++) {
    const rsk_matrix_column *c = &g_array_index(m->columns, rsk_matrix_column, j);
    double cx = grid_x + j * CELL_W + (CELL_W - GAP) / 2.0;
    g_string_append_printf(out,
        "<text class=\"col\" transform=\"translate(%.0f,%.0f) rotate(-40)\">"
        "<title>", cx + 4, grid_y - 8);
    rsk_escape_html(out, c->label);
    if (strcmp(c->label, c->id) != 0) {
      g_string_append(out, " (");
      rsk_escape_html(out, c->id);
      g_string_append(out, ")");
    }
    g_string_append(out, "</title>");
    append_cut(out, c->label, 40);
    g_string_append(out, "</text>\n");
  }
  g_string_append_printf(out,
      "<text class=\"col total\" x=\"%.0f\" y=\"%.0f\">Any tag</text>\n",
      grid_x + n_cols * CELL_W + 8 + TOTAL_W / 2.0, grid_y - 10);

  for (guint i = 0; i < n_rows; i++) {
    const rsk_matrix_row *r = &g_array_index(m->rows, rsk_matrix_row, i);
    double y = grid_y + i * CELL_H;
    if (link_rows)
      g_string_append_printf(out, "<a href=\"#company-%u\">", i + 1);
    g_string_append_printf(out, "<text class=\"row\" x=\"%.0f\" y=\"%.0f\">",
                           grid_x - 10, y + (CELL_H - GAP) / 2.0 + 4);
    append_cut(out, r->label, 44);
    g_string_append(out, "</text>");
    if (link_rows)
      g_string_append(out, "</a>");
    g_string_append_c(out, '\n');
    for (guint j = 0; j < n_cols; j++)
      write_cell(out, m, i, j, grid_x + j * CELL_W, y, max);
    GString *total = g_string_new(NULL);
    format_share(total, rsk_matrix_value(&r->total, r->words,
                                         RSK_MEASURE_SHARE));
    g_string_append_printf(out,
        "<text class=\"total\" x=\"%.0f\" y=\"%.0f\"><title>%u of %u risk"
        " factors tagged</title>%s</text>\n",
        grid_x + n_cols * CELL_W + 8 + TOTAL_W / 2.0,
        y + (CELL_H - GAP) / 2.0 + 4, r->total.count, r->risks, total->str);
    g_string_free(total, TRUE);
  }
  write_legend(out, grid_x, grid_y + n_rows * CELL_H + 28, max);
  g_string_append(out, "</svg>\n");
}
