/* html_layout.h - HTML blocks → styled lines on pages (inside extractors/)
 *
 * html_reader.c walks the markup and hands over blocks of styled text (one per
 * paragraph, heading, list item or table row), vertical gaps and page
 * breaks; this lays the blocks out as the lines a printed page would show
 * and gives them pages, positions, furniture flags and folios.
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "filing.h"

#include <glib.h>

/* The look of a run of text. FONT is interned in the filing's strings. */
typedef struct {
  guint style;             /* rsk_style bits */
  float size;              /* points */
  guint32 color;
  const char *font;
} rsk_html_style;

/* A block of text: what one line box after another would show, before it
 * is cut into lines. */
typedef struct {
  GString *text;           /* normalised (text.h), no '\n' */
  GString *scratch;        /* for normalising the next piece */
  GArray *runs;            /* html_run (html_layout.c), in text order */
  GArray *breaks;          /* html_break: forced line ends (<br>, a new
                              line of preformatted text) */
  gboolean pending_space;  /* white space seen after the last letter */
  gboolean blank_line;     /* held a non-breaking space: an empty block
                              still takes a line */
  gboolean table_row;      /* a row of a table of figures, its cells side
                              by side: its lines get RSK_LINE_FIGURES */
  float indent;            /* points from the column's left edge */
  float text_indent;       /* first line only; may be negative */
  int align;               /* RSK_CSS_ALIGN_* */
  float size;              /* font size where the block started */
} rsk_html_block;

rsk_html_block *rsk_html_block_new(void);
void rsk_html_block_free(rsk_html_block *block);
/* Empties BLOCK for reuse. */
void rsk_html_block_reset(rsk_html_block *block);

/* Appends raw text (LEN bytes of UTF-8, entities already decoded) in
 * STYLE. White space collapses as in a browser unless PRE, where each
 * '\n' ends a line and leading spaces indent it. */
void rsk_html_block_add_text(rsk_html_block *block, const char *text,
                             gsize len, const rsk_html_style *style,
                             gboolean pre);
/* A visual gap between two runs (inline padding, a table cell): one
 * space unless the text already ends with one. */
void rsk_html_block_add_space(rsk_html_block *block);
/* A forced line end (<br>). */
void rsk_html_block_add_break(rsk_html_block *block);
/* TRUE when BLOCK holds a letter or digit or any other visible mark. */
gboolean rsk_html_block_has_text(const rsk_html_block *block);
/* Appends SRC's text and runs to DST after one space (table cells joined
 * into a row); SRC's forced line ends become spaces. */
void rsk_html_block_append(rsk_html_block *dst, const rsk_html_block *src);

typedef struct rsk_html_pages rsk_html_pages;

/* Starts laying out into FILING's lines and spans. */
rsk_html_pages *rsk_html_pages_new(rsk_filing *filing);
/* Lays BLOCK out as lines below what came before, GAP points below it
 * (margins: the larger of the gap asked for and a paragraph's minimum). */
void rsk_html_pages_add_block(rsk_html_pages *pages,
                              const rsk_html_block *block, float gap);
/* A page break; CSS: from page-break-before/after or break-before/after
 * (else an <hr>, which counts only in a document without CSS breaks). */
void rsk_html_pages_add_break(rsk_html_pages *pages, gboolean css);
/* Gives every line its page and position, marks furniture, sets the
 * filing's page count and folios, and frees PAGES. Returns the number of
 * letters laid out (0: the document shows no text). */
guint rsk_html_pages_finish(rsk_html_pages *pages);
