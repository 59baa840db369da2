/* escape.c - escaping for HTML, CSV and Markdown output
 *
 * SPDX-License-Identifier: MIT
 */
#include "escape.h"

#include <string.h>

void rsk_escape_html(GString *out, const char *text)
{
  for (const char *p = text ? text : ""; *p; p++) {
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

void rsk_escape_json(GString *out, const char *text)
{
  g_string_append_c(out, '"');
  for (const char *p = text ? text : ""; *p; p++) {
    unsigned char c = (unsigned char)*p;
    switch (c) {
    case '"': g_string_append(out, "\\\""); break;
    case '\\': g_string_append(out, "\\\\"); break;
    case '\n': g_string_append(out, "\\n"); break;
    case '\r': g_string_append(out, "\\r"); break;
    case '\t': g_string_append(out, "\\t"); break;
    case '\b': g_string_append(out, "\\b"); break;
    case '\f': g_string_append(out, "\\f"); break;
    default:
      if (c < 0x20)
        g_string_append_printf(out, "\\u%04x", c);
      else
        g_string_append_c(out, (char)c);
    }
  }
  g_string_append_c(out, '"');
}

void rsk_escape_csv(GString *out, const char *text)
{
  const char *s = text ? text : "";
  if (!strpbrk(s, ",\"\r\n")) {
    g_string_append(out, s);
    return;
  }
  g_string_append_c(out, '"');
  for (const char *p = s; *p; p++) {
    if (*p == '"')
      g_string_append_c(out, '"');
    g_string_append_c(out, *p);
  }
  g_string_append_c(out, '"');
}

void rsk_escape_md(GString *out, const char *text)
{
  for (const char *p = text ? text : ""; *p; p++) {
    if (strchr("\\`*_[]<>|#", *p))
      g_string_append_c(out, '\\');
    if (*p == '\n' || *p == '\r')
      g_string_append_c(out, ' ');
    else
      g_string_append_c(out, *p);
  }
}
