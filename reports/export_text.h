/* export_text.h - plain-text layout: display width, fitted columns, wrapping
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include <glib.h>

/* Every function here prints control characters, bidirectional overrides
 * and invalid UTF-8 of TEXT as visible escapes (terminal.h). */

/* Terminal columns TEXT takes: wide (CJK) characters count two, combining
 * marks and zero-width characters none, an escape its length. */
int rsk_text_width(const char *text);

/* Appends TEXT to OUT in exactly WIDTH columns: cut with "…" when longer
 * (never inside an escape), padded with spaces (on the left when RIGHT)
 * when shorter. A '\n' in TEXT shows as "\n": a table row stays one line. */
void rsk_text_fit(GString *out, const char *text, int width, gboolean right);

/* Appends TEXT word-wrapped to WIDTH columns, each line starting with
 * INDENT spaces and ending with "\n"; "\n" in TEXT starts a new paragraph. */
void rsk_text_wrap(GString *out, const char *text, int indent, int width);

/* The same with the first line of each paragraph indented by FIRST_INDENT
 * and the lines after it by INDENT. */
void rsk_text_wrap_hanging(GString *out, const char *text, int first_indent,
                           int indent, int width);

/* The same as rsk_text_wrap with line breaks in TEXT taken as spaces: one
 * paragraph (a quote that ran over a line break). */
void rsk_text_wrap_joined(GString *out, const char *text, int indent,
                          int width);

/* Marks inside a text to wrap: the bytes ON and OFF (control characters,
 * which a text from a document never holds) take no room and are printed
 * as the strings START and END (a terminal's bold on and off). */
typedef struct {
  char on, off;
  const char *start, *end;
} rsk_text_marks;

/* rsk_text_wrap_joined for a TEXT holding MARKS. */
void rsk_text_wrap_marked(GString *out, const char *text, int indent,
                          int width, const rsk_text_marks *marks);

/* Formats SCORE with two decimals and a '.' whatever the locale, into BUF
 * (G_ASCII_DTOSTR_BUF_SIZE bytes); returns BUF. */
const char *rsk_format_score(char *buf, double score);
