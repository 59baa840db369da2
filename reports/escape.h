/* escape.h - escaping for HTML, CSV and Markdown output
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include <glib.h>

/* Appends TEXT to OUT with &, <, >, " and ' escaped for HTML and SVG, and
 * bytes that are not UTF-8 replaced by U+FFFD (the page says UTF-8). */
void rsk_escape_html(GString *out, const char *text);

/* Appends TEXT to OUT as a JSON string literal, quotes included; control
 * characters become \uXXXX (\n, \t, ... their short forms), bytes that
 * are not UTF-8 U+FFFD. */
void rsk_escape_json(GString *out, const char *text);

/* Appends TEXT to OUT as one CSV field (RFC 4180): quoted, with quotes
 * doubled, when it holds a comma, quote, CR or LF. A field that a
 * spreadsheet would run as a formula (it starts with =, +, -, @, a tab or
 * a CR) gets a ' in front and is quoted, as OWASP recommends for CSV
 * injection; rsk_escape_csv_raw() leaves it as it is. */
void rsk_escape_csv(GString *out, const char *text);
void rsk_escape_csv_raw(GString *out, const char *text);

/* Appends TEXT to OUT for a Markdown table cell or paragraph: \, `, *, _,
 * [, ], <, >, |, # escaped with a backslash, line breaks as spaces. */
void rsk_escape_md(GString *out, const char *text);
