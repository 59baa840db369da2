/* escape.c - escaping for HTML, CSV and Markdown output
 *
 * SPDX-License-Identifier: MIT
 */
#include "escape.h"

#include <string.h>

void rsk_escape_html(GString *out, const char *text)
{
  g_autofree char *valid = g_utf8_make_valid(text ? text : "", -1);
  for (const char *p = valid; *p; p++) {
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
  g_autofree char *valid = g_utf8_make_valid(text ? text : "", -1);
  g_string_append_c(out, '"');
  for (const char *p = valid; *p; p++) {
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

static void csv_field(GString *out, const char *text, gboolean neutralise)
{
  const char *s = text ? text : "";
  gboolean formula = neutralise && *s && strchr("=+-@\t\r", *s);
  if (!formula && !strpbrk(s, ",\"\r\n")) {
    g_string_append(out, s);
    return;
  }
  g_string_append_c(out, '"');
  if (formula)
    g_string_append_c(out, '\'');
  for (const char *p = s; *p; p++) {
    if (*p == '"')
      g_string_append_c(out, '"');
    g_string_append_c(out, *p);
  }
  g_string_append_c(out, '"');
}

void rsk_escape_csv(GString *out, const char *text)
{
  csv_field(out, text, TRUE);
}

void rsk_escape_csv_raw(GString *out, const char *text)
{
  csv_field(out, text, FALSE);
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
