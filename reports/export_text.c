/* export_text.c - plain-text layout: display width, fitted columns, wrapping
 *
 * SPDX-License-Identifier: MIT
 */
#include "export_text.h"

#include <string.h>

static int char_width(gunichar c)
{
  /* Control characters print nothing (the search's match marks). */
  if (g_unichar_iszerowidth(c) || g_unichar_ismark(c) || g_unichar_iscntrl(c))
    return 0;
  return g_unichar_iswide(c) ? 2 : 1;
}

int rsk_text_width(const char *text)
{
  int width = 0;
  for (const char *p = text; p && *p; p = g_utf8_next_char(p))
    width += char_width(g_utf8_get_char_validated(p, -1) == (gunichar)-1
                            ? '?'
                            : g_utf8_get_char(p));
  return width;
}

void rsk_text_fit(GString *out, const char *text, int width, gboolean right)
{
  const char *p = text ? text : "";
  int used = 0;

  if (rsk_text_width(p) <= width) {
    int pad = width - rsk_text_width(p);
    if (right)
      for (int i = 0; i < pad; i++)
        g_string_append_c(out, ' ');
    g_string_append(out, p);
    if (!right)
      for (int i = 0; i < pad; i++)
        g_string_append_c(out, ' ');
    return;
  }
  /* Keep what fits in WIDTH - 1 columns, then the ellipsis. */
  for (; *p; p = g_utf8_next_char(p)) {
    int w = char_width(g_utf8_get_char(p));
    if (used + w > width - 1)
      break;
    g_string_append_len(out, p, g_utf8_next_char(p) - p);
    used += w;
  }
  if (width > 0) {
    g_string_append(out, "…");
    used++;
  }
  for (; used < width; used++)
    g_string_append_c(out, ' ');
}

static void wrap_paragraph(GString *out, const char *text, gsize len,
                           int first_indent, int indent, int width)
{
  int column = 0;
  gboolean first = TRUE;
  const char *p = text, *end = text + len;

  while (p < end) {
    while (p < end && *p == ' ')
      p++;
    if (p >= end)
      break;
    const char *word = p;
    while (p < end && *p != ' ')
      p++;
    g_autofree char *w = g_strndup(word, (gsize)(p - word));
    int ww = rsk_text_width(w);
    if (column > 0 && column + 1 + ww > width) {
      g_string_append_c(out, '\n');
      column = 0;
    }
    if (column == 0) {
      int n = first ? first_indent : indent;
      for (int i = 0; i < n; i++)
        g_string_append_c(out, ' ');
      column = n;
      first = FALSE;
    } else {
      g_string_append_c(out, ' ');
      column++;
    }
    g_string_append(out, w);
    column += ww;
  }
  if (column > 0)
    g_string_append_c(out, '\n');
}

void rsk_text_wrap(GString *out, const char *text, int indent, int width)
{
  rsk_text_wrap_hanging(out, text, indent, indent, width);
}

void rsk_text_wrap_hanging(GString *out, const char *text, int first_indent,
                           int indent, int width)
{
  const char *p = text ? text : "";
  while (*p) {
    const char *nl = strchr(p, '\n');
    gsize len = nl ? (gsize)(nl - p) : strlen(p);
    wrap_paragraph(out, p, len, first_indent, indent, width);
    p += len;
    if (*p == '\n')
      p++;
  }
}

void rsk_text_wrap_joined(GString *out, const char *text, int indent,
                          int width)
{
  g_autofree char *joined = g_strdup(text ? text : "");
  for (char *p = joined; *p; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';
  rsk_text_wrap(out, joined, indent, width);
}

const char *rsk_format_score(char *buf, double score)
{
  return g_ascii_formatd(buf, G_ASCII_DTOSTR_BUF_SIZE, "%.2f", score);
}
