/* lines.c - hand-set line streams for the segmenter tests
 *
 * SPDX-License-Identifier: MIT
 */
#include "lines.h"

#include <stdarg.h>
#include <string.h>

#define LEFT 72.0f
#define RIGHT 540.0f
#define TOP 72.0f
#define LEADING 12.0f

static const char *font_of(int style)
{
  switch (style) {
  case TL_BOLD: return "Times-Bold";
  case TL_ITALIC: return "Times-Italic";
  case TL_BOLD_ITALIC: return "Times-BoldItalic";
  default: return "Times-Roman";
  }
}

void tl_begin(tl_pen *pen, const char *name)
{
  pen->filing = rsk_filing_new(name);
  pen->filing->page_count = 1;
  pen->page = 1;
  pen->y = TOP;
  pen->color = 0;
  pen->size = 10;
}

guint tl_line(tl_pen *pen, gboolean full, int style, const char *text, ...)
{
  rsk_filing *f = pen->filing;
  GString *all = g_string_new(NULL);
  rsk_line line = {.page = pen->page, .x0 = LEFT, .y0 = pen->y - pen->size,
                   .y1 = pen->y, .first_span = f->spans->len,
                   .font_size = pen->size, .color = pen->color};
  guint most = 0;
  va_list args;
  va_start(args, text);
  for (const char *run = text; style >= 0;) {
    rsk_span span = {.offset = (guint)all->len, .length = (guint)strlen(run),
                     .style = (guint)style, .font_size = pen->size,
                     .color = pen->color,
                     .font = rsk_filing_intern(f, font_of(style))};
    g_string_append(all, run);
    g_array_append_val(f->spans, span);
    line.n_spans++;
    if (span.length > most) {
      most = span.length;
      line.style = span.style;
      line.font = span.font;
    }
    style = va_arg(args, int);
    if (style >= 0)
      run = va_arg(args, const char *);
  }
  va_end(args);
  line.text = rsk_filing_intern(f, all->str);
  /* Full lines reach the margin; others end where their text would. */
  line.x1 = full ? RIGHT : MIN(RIGHT - 60, LEFT + 4.5f * (float)all->len);
  g_string_free(all, TRUE);
  g_array_append_val(f->lines, line);
  pen->y += LEADING;
  return f->lines->len - 1;
}

void tl_para(tl_pen *pen, int style, const char *first, int n_lines)
{
  static const char *filler =
      "the company may face adverse effects on its results of operations and";
  for (int i = 0; i < n_lines; i++) {
    g_autofree char *text = i == 0 ? g_strdup_printf("%s %s", first, filler)
                                   : g_strdup(i + 1 < n_lines ? filler : "its financial condition.");
    tl_line(pen, i + 1 < n_lines, style, text, -1);
  }
  tl_gap(pen);
}

void tl_gap(tl_pen *pen)
{
  pen->y += 8;
}

void tl_furniture(tl_pen *pen, const char *text)
{
  guint i = tl_line(pen, FALSE, TL_ROMAN, text, -1);
  g_array_index(pen->filing->lines, rsk_line, i).flags = RSK_LINE_FURNITURE;
}

void tl_page_break(tl_pen *pen)
{
  g_autofree char *number = g_strdup_printf("%d", pen->page);
  pen->y = 760;
  tl_furniture(pen, number);
  pen->page++;
  pen->filing->page_count = pen->page;
  pen->y = 40;
  tl_furniture(pen, "Example Corp. | Annual Report");
  pen->y = TOP;
}
