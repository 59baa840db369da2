/* lines.h - one PDF page's glyphs → styled lines (inside extractors/)
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "filing.h"

#include <poppler.h>

/* The lines of one page, built by a worker thread without touching the
 * filing; pdf.c merges them into the filing in page order. */
typedef struct {
  int page;                /* 1-based */
  double width, height;    /* points */
  GArray *lines;           /* rsk_line; text and font live in strings,
                              first_span indexes spans */
  GArray *spans;           /* rsk_span */
  GStringChunk *strings;
  guint n_chars;           /* non-space characters kept */
  guint n_letters;         /* of which letters */
  guint n_bad;             /* private-use, control or U+FFFD characters */
  guint n_words;           /* runs of 4+ Latin letters */
  guint n_vowelless;       /* of which with no vowel (garbage encodings) */
  guint n_tokens;          /* runs of Latin letters, any length */
  guint n_common;          /* of which common English words ("the", "of") */
  guint n_han;             /* Han ideographs */
  char *pdf_label;         /* the PDF's label of the page (Poppler gives
                              the page index when it has no labels), or
                              NULL; pdf.c sets it */
  char *dropped;           /* why the page's text was left out
                              (page_guard.h), a filing flag; or NULL */
} rsk_page_lines;

/* Reads PAGE (number PAGE_NUMBER, 1-based) into lines. Never fails: a page
 * without text gives no lines. Free with rsk_page_lines_free(). */
rsk_page_lines *rsk_page_lines_read(PopplerPage *page, int page_number);
void rsk_page_lines_free(rsk_page_lines *pl);

/* Marks running headers, footers and page numbers in LINES (all the lines
 * of pages, in page order) with RSK_LINE_FURNITURE. PAGE_HEIGHT[p - 1] is
 * the height of page p (0 when unknown; such pages are skipped). */
void rsk_lines_mark_furniture(GArray *lines, const double *page_height,
                              int n_pages);

/* TRUE when TEXT is one of the forms page numbers take: "23", "– 23 –",
 * "- 23 -", "Page 23", "Page 23 of 90", "23 | Company", "xiv", "F-3". */
gboolean rsk_is_page_number(const char *text);

/* The number itself of such a line ("23" of "Page 23 of 90", "F-3" of
 * "– F-3 –"), newly allocated; NULL when TEXT is not a page number. */
char *rsk_page_number_of(const char *text);
