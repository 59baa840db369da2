/* escape.h - escaping for HTML, CSV and Markdown output
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include <glib.h>

/* Appends TEXT to OUT with &, <, >, " and ' escaped for HTML and SVG. */
void rsk_escape_html(GString *out, const char *text);

/* Appends TEXT to OUT as a JSON string literal, quotes included; control
 * characters become \uXXXX (\n, \t, ... their short forms). */
void rsk_escape_json(GString *out, const char *text);

/* Appends TEXT to OUT as one CSV field (RFC 4180): quoted, with quotes
 * doubled, when it holds a comma, quote, CR or LF. */
void rsk_escape_csv(GString *out, const char *text);

/* Appends TEXT to OUT for a Markdown table cell or paragraph: \, `, *, _,
 * [, ], <, >, |, # escaped with a backslash, line breaks as spaces. */
void rsk_escape_md(GString *out, const char *text);
