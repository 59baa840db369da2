/* escape.h - escaping for HTML, CSV and Markdown output
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include <glib.h>

/* Appends TEXT to OUT with &, <, >, " and ' escaped for HTML and SVG. */
void rsk_escape_html(GString *out, const char *text);
