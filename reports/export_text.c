/* export_text.c - plain-text layout: display width, fitted columns, wrapping
 *
 * SPDX-License-Identifier: MIT
 */
#include "export_text.h"

#include "terminal.h"

#include <string.h>

int rsk_text_width(const char *text)
{
  return rsk_terminal_width(text);
}

void rsk_text_fit(GString *out, const char *text, int width, gboolean right)
{
  int full = rsk_terminal_width(text);

  if (full <= width) {
    int pad = width - full;
    if (right)
      for (int i = 0; i < pad; i++)
        g_string_append_c(out, ' ');
    rsk_terminal_append(out, text, FALSE);
    if (!right)
      for (int i = 0; i < pad; i++)
        g_string_append_c(out, ' ');
    return;
  }
  /* Keep what fits in WIDTH - 1 columns, then the ellipsis. */
  int used = rsk_terminal_append_fit(out, text, width - 1, NULL);
  if (width > 0) {
    g_string_append(out, "…");
    used++;
  }
  for (; used < width; used++)
    g_string_append_c(out, ' ');
}

static void wrap_paragraph(GString *out, const char *text, gsize len,
                           int indent, int width)
{
  int column = 0;
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
      for (int i = 0; i < indent; i++)
        g_string_append_c(out, ' ');
      column = indent;
    } else {
      g_string_append_c(out, ' ');
      column++;
    }
    rsk_terminal_append(out, w, FALSE);
    column += ww;
  }
  if (column > 0)
    g_string_append_c(out, '\n');
}

void rsk_text_wrap(GString *out, const char *text, int indent, int width)
{
  const char *p = text ? text : "";
  while (*p) {
    const char *nl = strchr(p, '\n');
    gsize len = nl ? (gsize)(nl - p) : strlen(p);
    wrap_paragraph(out, p, len, indent, width);
    p += len;
    if (*p == '\n')
      p++;
  }
}

const char *rsk_format_score(char *buf, double score)
{
  return g_ascii_formatd(buf, G_ASCII_DTOSTR_BUF_SIZE, "%.2f", score);
}
