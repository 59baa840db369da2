/* line_stream.c - encode and decode fuzz_segment's line records
 *
 * SPDX-License-Identifier: MIT
 */
#include "line_stream.h"

#include "text.h"

#include <math.h>
#include <string.h>

static void add_line(rsk_filing *filing, int page, float y, guint8 c0, guint8 c1,
                     const char *raw, gsize len)
{
  char *text = rsk_text_normalize(raw, (gssize)len);
  gsize n = strlen(text);
  guint style = c0 & 7u;
  float size = 7.0f + 2.0f * (float)(c0 >> 5);
  const char *font = rsk_filing_intern(filing, (style & RSK_STYLE_BOLD) ?
                                       "Fuzz-Bold" : "Fuzz-Regular");
  rsk_line line = {
    .page = page,
    .x0 = 50.0f + 3.0f * (float)(c1 & 0x7f),
    .y0 = y,
    .x1 = 560.0f,
    .y1 = y + size,
    .text = g_string_chunk_insert(filing->strings, text),
    .first_span = filing->spans->len,
    .n_spans = 1,
    .style = style,
    .font_size = size,
    .font = font,
    .flags = (c0 & 8u) ? RSK_LINE_FURNITURE : 0,
  };
  guint split = n;
  if ((c1 & 0x80) && n >= 2) {
    /* Split at a character boundary near the middle. */
    const char *mid = g_utf8_find_prev_char(text, text + n / 2 + 1);
    split = mid ? (guint)(mid - text) : 0;
    if (split == 0 || split >= n)
      split = n;
  }
  rsk_span first = {.offset = 0, .length = split, .style = style,
                    .font_size = size, .font = font};
  g_array_append_val(filing->spans, first);
  if (split < n) {
    guint other = style ^ RSK_STYLE_BOLD;
    rsk_span second = {.offset = split, .length = (guint)n - split,
                       .style = other, .font_size = size,
                       .font = rsk_filing_intern(filing, (other & RSK_STYLE_BOLD) ?
                                                 "Fuzz-Bold" : "Fuzz-Regular")};
    g_array_append_val(filing->spans, second);
    line.n_spans = 2;
  }
  g_array_append_val(filing->lines, line);
  g_free(text);
}

void rsk_fuzz_lines_decode(rsk_filing *filing, const guint8 *data, gsize size)
{
  int page = 1;
  float y = 72.0f;
  gsize i = 0;
  while (i < size) {
    const guint8 *end = memchr(data + i, '\n', size - i);
    gsize len = end ? (gsize)(end - (data + i)) : size - i;
    if (len >= 2) {
      guint8 c0 = data[i], c1 = data[i + 1];
      if ((c0 & 0x10) && filing->lines->len > 0) {
        page++;
        y = 72.0f;
      }
      add_line(filing, page, y, c0, c1, (const char *)data + i + 2, len - 2);
      y += 12.0f;
    }
    i += len + 1;
  }
  filing->page_count = page;
}

void rsk_fuzz_lines_encode(const rsk_filing *filing, GByteArray *out)
{
  int page = 0;
  for (guint i = 0; i < filing->lines->len; i++) {
    const rsk_line *line = &g_array_index(filing->lines, rsk_line, i);
    int cls = (int)lrintf((line->font_size - 7.0f) / 2.0f);
    guint8 c0 = (guint8)((line->style & 7u) |
                         ((line->flags & RSK_LINE_FURNITURE) ? 8u : 0u) |
                         (line->page != page && i > 0 ? 0x10u : 0u) |
                         ((guint)CLAMP(cls, 0, 7) << 5));
    int indent = (int)lrintf((line->x0 - 50.0f) / 3.0f);
    guint8 c1 = (guint8)CLAMP(indent, 0, 0x7f);
    if (line->n_spans > 1)
      c1 |= 0x80;
    if (c0 == '\n')
      c0 |= 0x20;   /* one size class up rather than a broken record */
    if (c1 == '\n')
      c1++;
    page = line->page;
    g_byte_array_append(out, &c0, 1);
    g_byte_array_append(out, &c1, 1);
    for (const char *p = line->text; *p; p++) {
      guint8 ch = *p == '\n' ? ' ' : (guint8)*p;
      g_byte_array_append(out, &ch, 1);
    }
    g_byte_array_append(out, (const guint8 *)"\n", 1);
  }
}
