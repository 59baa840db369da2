/* lines.h - hand-set line streams for the segmenter tests
 *
 * A tiny typesetter: it appends rsk_line and rsk_span values to a filing as
 * a PDF reader would, on US Letter pages with a 72 pt left margin, 12 pt
 * leading and a wider gap between paragraphs.
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "filing.h"

#define TL_ROMAN 0
#define TL_BOLD RSK_STYLE_BOLD
#define TL_ITALIC RSK_STYLE_ITALIC
#define TL_BOLD_ITALIC (RSK_STYLE_BOLD | RSK_STYLE_ITALIC)

typedef struct {
  rsk_filing *filing;
  int page;
  float y;
  guint32 color;        /* colour of the next runs */
  float size;           /* size of the next runs */
} tl_pen;

/* A new filing at page 1 with the pen at the top. */
void tl_begin(tl_pen *pen, const char *name);

/* One line of runs: STYLE, TEXT pairs ended by -1 (style < 0). FULL says
 * whether the line reaches the right margin. Returns the line's index. */
guint tl_line(tl_pen *pen, gboolean full, int style, const char *text, ...);

/* A paragraph of N_LINES full lines (the last one short) in STYLE made of
 * repeated words, starting with FIRST. */
void tl_para(tl_pen *pen, int style, const char *first, int n_lines);

/* Extra space before the next paragraph. */
void tl_gap(tl_pen *pen);

/* Ends the page with a footer page number (furniture) and starts the next
 * one under a running header (furniture). */
void tl_page_break(tl_pen *pen);

/* A line flagged as furniture, at the pen. */
void tl_furniture(tl_pen *pen, const char *text);
