/* escape.c - escaping for HTML, CSV and Markdown output
 *
 * SPDX-License-Identifier: MIT
 */
#include "escape.h"

void rsk_escape_html(GString *out, const char *text)
{
  for (const char *p = text; *p; p++) {
    switch (*p) {
    case '&': g_string_append(out, "&amp;"); break;
    case '<': g_string_append(out, "&lt;"); break;
    case '>': g_string_append(out, "&gt;"); break;
    case '"': g_string_append(out, "&quot;"); break;
    case '\'': g_string_append(out, "&#39;"); break;
    default: g_string_append_c(out, *p);
    }
  }
}
