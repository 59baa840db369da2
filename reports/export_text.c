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

/* Appends the word W made safe, its MARKS (if any) as their strings. */
static void append_word(GString *out, const char *w, const rsk_text_marks *marks)
{
  if (!marks) {
    rsk_terminal_append(out, w, FALSE);
    return;
  }
  const char set[] = {marks->on, marks->off, '\0'};
  while (*w) {
    gsize n = strcspn(w, set);
    g_autofree char *run = g_strndup(w, n);
    rsk_terminal_append(out, run, FALSE);
    w += n;
    if (*w) {
      g_string_append(out, *w == marks->on ? marks->start : marks->end);
      w++;
    }
  }
}

/* Columns the word W takes, its MARKS none. */
static int word_width(const char *w, const rsk_text_marks *marks)
{
  if (!marks)
    return rsk_text_width(w);
  g_autofree char *plain = g_strdup(w);
  char *to = plain;
  for (const char *from = w; *from; from++)
    if (*from != marks->on && *from != marks->off)
      *to++ = *from;
  *to = '\0';
  return rsk_text_width(plain);
}

static void wrap_paragraph(GString *out, const char *text, gsize len,
                           int first_indent, int indent, int width,
                           const rsk_text_marks *marks)
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
    int ww = word_width(w, marks);
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
    append_word(out, w, marks);
    column += ww;
  }
  if (column > 0)
    g_string_append_c(out, '\n');
}

void rsk_text_wrap(GString *out, const char *text, int indent, int width)
{
  rsk_text_wrap_hanging(out, text, indent, indent, width);
}

static void wrap_paragraphs(GString *out, const char *text, int first_indent,
                            int indent, int width, const rsk_text_marks *marks)
{
  const char *p = text ? text : "";
  while (*p) {
    const char *nl = strchr(p, '\n');
    gsize len = nl ? (gsize)(nl - p) : strlen(p);
    wrap_paragraph(out, p, len, first_indent, indent, width, marks);
    p += len;
    if (*p == '\n')
      p++;
  }
}

void rsk_text_wrap_hanging(GString *out, const char *text, int first_indent,
                           int indent, int width)
{
  wrap_paragraphs(out, text, first_indent, indent, width, NULL);
}

static char *joined_copy(const char *text)
{
  char *joined = g_strdup(text ? text : "");
  for (char *p = joined; *p; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';
  return joined;
}

void rsk_text_wrap_joined(GString *out, const char *text, int indent,
                          int width)
{
  g_autofree char *joined = joined_copy(text);
  wrap_paragraphs(out, joined, indent, indent, width, NULL);
}

void rsk_text_wrap_marked(GString *out, const char *text, int indent,
                          int width, const rsk_text_marks *marks)
{
  g_autofree char *joined = joined_copy(text);
  wrap_paragraphs(out, joined, indent, indent, width, marks);
}

const char *rsk_format_score(char *buf, double score)
{
  return g_ascii_formatd(buf, G_ASCII_DTOSTR_BUF_SIZE, "%.2f", score);
}
