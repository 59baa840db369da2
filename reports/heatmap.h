/* heatmap.h - the company x category matrix as an inline SVG heat map
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "matrix.h"

#include <glib.h>

/* Appends an <svg> element to OUT: one <rect class="cell"> per row and
 * column, coloured by share on a sequential scale from 0 to the largest
 * share, each with a <title> (company, category, share, count, score) and
 * its share printed inside; row and column totals at the ends; a colour
 * legend below. Every label is escaped. Rows link to "#company-I" (I the
 * 1-based row) when LINK_ROWS. */
void rsk_heatmap_write_svg(GString *out, const rsk_matrix *matrix,
                           gboolean link_rows);

/* The colour of share VALUE on a scale whose top is MAX, as "#rrggbb"
 * into BUF (8 bytes). Zero is a neutral grey. */
void rsk_heatmap_color(double value, double max, char buf[8]);

/* The top of the scale for MATRIX: the largest cell share rounded up to a
 * round number (5%, 10%, 20%, 25%, 50%, 100%...). */
double rsk_heatmap_scale_max(const rsk_matrix *matrix);
