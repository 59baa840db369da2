/* trend_svg.c - one company's categories over its filings as an SVG chart
 *
 * A line per measure, the filings evenly spaced left to right (they are
 * usually a year apart; a gap in the years shows in the axis labels, not
 * in the spacing, which would squeeze the recent, denser filings). The
 * lines are the share of the risk section in risk factors with any tag,
 * with an AI tag and with the few categories that weigh most in the
 * latest filing: a chart of thirteen lines says nothing.
 *
 * SPDX-License-Identifier: MIT
 */
#include "trend_svg.h"

#include "escape.h"

#include <math.h>
#include <string.h>

#define W 800
#define H 230
#define LEFT 44
#define TOP 14
#define PLOT_W 380
#define PLOT_H 170
#define MAX_CATEGORIES 4

/* Tableau 10, from the darkest: distinct on screen and in print. */
static const char *const colours[] = {
  "#1f2933", "#1d4f91", "#e15759", "#59a14f", "#f28e2b", "#b07aa1",
  "#76b7b2",
};

typedef struct {
  const char *label;
  int column;               /* category column, or -1 any tag, -2 AI */
} series;

static const rsk_matrix_cell *cell_of(const rsk_matrix *m, const series *s,
                                      guint row)
{
  const rsk_matrix_row *r = &g_array_index(m->rows, rsk_matrix_row, row);
  if (s->column == -1)
    return &r->total;
  if (s->column == -2)
    return &r->ai_total;
  return rsk_matrix_cell_at(m, row, (guint)s->column);
}

static double share_at(const rsk_matrix *m, const series *s, guint row)
{
  const rsk_matrix_row *r = &g_array_index(m->rows, rsk_matrix_row, row);
  return rsk_matrix_value(cell_of(m, s, row), r->words, RSK_MEASURE_SHARE);
}

typedef struct {
  guint column;
  double value;
} ranked;

static int cmp_ranked(gconstpointer p, gconstpointer q)
{
  const ranked *x = p, *y = q;
  if (x->value != y->value)
    return x->value > y->value ? -1 : 1;
  return (x->column > y->column) - (x->column < y->column);
}

/* Any tag, AI, then the categories with the largest share in the latest
 * filing (any filing's, failing that). */
static GArray *pick_series(const rsk_matrix *m)
{
  GArray *out = g_array_new(FALSE, FALSE, sizeof(series));
  GArray *rank = g_array_new(FALSE, FALSE, sizeof(ranked));
  guint last = m->rows->len - 1;

  series any = {"Any tag", -1};
  g_array_append_val(out, any);
  if (rsk_matrix_has_ai(m)) {
    series ai = {"AI tags (" RSK_MATRIX_AI_PREFIX "*)", -2};
    g_array_append_val(out, ai);
  }
  for (guint j = 0; j < m->columns->len; j++) {
    series s = {NULL, (int)j};
    double best = 0;
    for (guint i = 0; i < m->rows->len; i++)
      best = MAX(best, share_at(m, &s, i));
    if (best <= 0)
      continue;
    ranked r = {j, share_at(m, &s, last) + best / 1000};
    g_array_append_val(rank, r);
  }
  g_array_sort(rank, cmp_ranked);
  for (guint k = 0; k < rank->len && k < MAX_CATEGORIES; k++) {
    guint j = g_array_index(rank, ranked, k).column;
    series s = {g_array_index(m->columns, rsk_matrix_column, j).label, (int)j};
    g_array_append_val(out, s);
  }
  g_array_unref(rank);
  return out;
}

/* The top of the y axis: the largest share rounded up to 10%. */
static double axis_max(const rsk_matrix *m, const GArray *lines)
{
  double max = 0;
  for (guint k = 0; k < lines->len; k++)
    for (guint i = 0; i < m->rows->len; i++)
      max = MAX(max, share_at(m, &g_array_index(lines, series, k), i));
  return MAX(0.1, ceil(max * 10 - 1e-9) / 10);
}

void rsk_trend_write_svg(GString *out, const rsk_matrix *m)
{
  guint n = m->rows->len;
  if (n == 0)
    return;
  GArray *lines = pick_series(m);
  double top = axis_max(m, lines);
  double step = n > 1 ? (double)PLOT_W / (n - 1) : 0;

  g_string_append_printf(out,
      "<svg class=\"trend\" xmlns=\"http://www.w3.org/2000/svg\""
      " viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\""
      " aria-label=\"Share of the risk section by category over the"
      " filings\">\n", W, H, W, H);
  /* Axes and grid: 0%, half and the top. */
  for (int g = 0; g <= 2; g++) {
    double y = TOP + PLOT_H - PLOT_H * g / 2.0;
    g_string_append_printf(out,
        "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>\n"
        "<text class=\"axis\" x=\"%d\" y=\"%.1f\">%.0f%%</text>\n",
        LEFT, LEFT + PLOT_W, y, y, LEFT - 6, y + 4, top * 100 * g / 2.0);
  }
  for (guint i = 0; i < n; i++) {
    double x = LEFT + (n > 1 ? step * i : PLOT_W / 2.0);
    g_string_append_printf(out, "<text class=\"axis x\" x=\"%.1f\" y=\"%d\">",
                           x, TOP + PLOT_H + 18);
    rsk_escape_html(out, g_array_index(m->rows, rsk_matrix_row, i).label);
    g_string_append(out, "</text>\n");
  }
  for (guint k = 0; k < lines->len; k++) {
    const series *s = &g_array_index(lines, series, k);
    const char *colour = colours[k % G_N_ELEMENTS(colours)];
    GString *points = g_string_new(NULL);
    for (guint i = 0; i < n; i++) {
      double x = LEFT + (n > 1 ? step * i : PLOT_W / 2.0);
      double y = TOP + PLOT_H - PLOT_H * share_at(m, s, i) / top;
      g_string_append_printf(points, "%s%.1f,%.1f", i ? " " : "", x, y);
    }
    g_string_append_printf(out,
        "<polyline class=\"series\" fill=\"none\" stroke=\"%s\""
        " stroke-width=\"%s\" points=\"%s\"/>\n", colour, k == 0 ? "2.5" : "1.8",
        points->str);
    for (guint i = 0; i < n; i++) {
      const rsk_matrix_row *r = &g_array_index(m->rows, rsk_matrix_row, i);
      double x = LEFT + (n > 1 ? step * i : PLOT_W / 2.0);
      double share = share_at(m, s, i);
      g_string_append_printf(out,
          "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>",
          x, TOP + PLOT_H - PLOT_H * share / top, colour);
      rsk_escape_html(out, r->label);
      g_string_append(out, ", ");
      rsk_escape_html(out, s->label);
      g_string_append_printf(out, ": %u of %u risk factors, %.0f%% of the"
                             " risk section</title></circle>\n",
                             cell_of(m, s, i)->count, r->risks, share * 100);
    }
    /* The legend, right of the plot. */
    double ly = TOP + 8 + k * 20;
    g_string_append_printf(out,
        "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
        " stroke-width=\"2.5\"/>\n<text class=\"key\" x=\"%d\" y=\"%.1f\">",
        LEFT + PLOT_W + 24, LEFT + PLOT_W + 42, ly, ly, colour,
        LEFT + PLOT_W + 48, ly + 4);
    rsk_escape_html(out, s->label);
    g_string_append(out, "</text>\n");
    g_string_free(points, TRUE);
  }
  g_string_append(out, "</svg>\n");
  g_array_unref(lines);
}
