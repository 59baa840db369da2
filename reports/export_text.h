/* export_text.h - plain-text layout: display width, fitted columns, wrapping
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include <glib.h>

/* Terminal columns TEXT takes: wide (CJK) characters count two, combining
 * marks, zero-width and control characters none. */
int rsk_text_width(const char *text);

/* Appends TEXT to OUT in exactly WIDTH columns: cut with "…" when longer,
 * padded with spaces (on the left when RIGHT) when shorter. */
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

/* Formats SCORE with two decimals and a '.' whatever the locale, into BUF
 * (G_ASCII_DTOSTR_BUF_SIZE bytes); returns BUF. */
const char *rsk_format_score(char *buf, double score);
