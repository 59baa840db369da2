/* trend_svg.h - one company's categories over its filings as an SVG chart
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "matrix.h"

#include <glib.h>

/* Appends an <svg class="trend"> line chart of TREND (one row per filing,
 * oldest first, as rsk_selection_history_matrix makes it) to OUT: the
 * share of the risk section in risk factors with any tag, with an AI tag
 * (when there are AI categories) and with each of the most prominent
 * categories, one line each, a point per filing with its numbers on hover,
 * and a legend. Every label is escaped. */
void rsk_trend_write_svg(GString *out, const rsk_matrix *trend);
