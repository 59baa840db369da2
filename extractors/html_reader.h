/* html_reader.h - read an EDGAR HTML document as styled lines
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "filing.h"

#include <glib.h>

/* Reads the HTML document DATA (LEN bytes: HTML 3.2 to XHTML and inline
 * XBRL, as EDGAR serves it) into FILING: appends its visible text as
 * lines and spans in reading order, with pages, furniture flags and
 * folios (html_layout.h), and sets page_count and title. PLAIN reads it
 * as preformatted text (a plain-text filing, or HTML that only wraps
 * one). Malformed markup is read as a browser would read it. Returns the
 * number of letters and digits read: 0 when the document shows no text. */
guint rsk_html_read(const char *data, gsize len, gboolean plain,
                    rsk_filing *filing);

/* TRUE when DATA looks like text laid out with spaces and line breaks
 * rather than markup: many lines, hardly any block tags (an old filing
 * wrapped in <html><body> without <pre>). */
gboolean rsk_html_looks_preformatted(const char *data, gsize len);
