/* html_layout.c - HTML blocks → styled lines on pages
 *
 * The segmenter was written for printed pages: it knows a paragraph by the
 * gap above it or by a line that stops short, a heading by its style and
 * by where it starts, a table cell by sitting far right of the column. So
 * an HTML filing is given the lines its print would have: every block is
 * cut into lines on a virtual column 540 points wide (a Letter page with
 * half-inch margins, as Chromium prints EDGAR filings), each letter about
 * half its font size wide, each line 1.2 times its size high, blocks apart
 * by their CSS margins and at least half a line, indents and centring as
 * the CSS says. Positions are approximate; what matters is that they are
 * consistent: full lines reach the right edge, last lines stop short, a
 * new block is a new paragraph.
 *
 * Pages follow one fixed definition (README.md, "Pages of an HTML
 * filing"): a page break is an element with page-break-before:always or
 * break-before:page (a break before it) or page-break-after:always or
 * break-after:page (after it); a document without any such CSS break
 * breaks at each <hr> instead; breaks with no visible text between them,
 * or before the first text, count as one. Both kinds are counted as the
 * lines go by and the kind is chosen at the end.
 *
 * Furniture is what sits at the edges of those pages: a page number as the
 * first or last line (also kept as the page's folio), and short lines that
 * open or close three pages or more with the same text, digits aside
 * (EDGAR's "Table of Contents" link, a running company name).
 *
 * SPDX-License-Identifier: MIT
 */
#include "html_layout.h"

#include "html_css.h"
#include "lines.h"
#include "text.h"

#include <string.h>

#define COLUMN_LEFT 36.0f
#define COLUMN_RIGHT 576.0f
#define PAGE_TOP 36.0f
#define LINE_HEIGHT 1.2f       /* times the font size */
#define MIN_BLOCK_GAP 0.5f     /* times the font size */

typedef struct {
  guint offset, length;
  rsk_html_style style;
} html_run;

typedef struct {
  guint offset;            /* the next line starts here */
  guint indent;            /* leading spaces of that line (preformatted) */
  gboolean at_line_start;  /* still counting them */
} html_break;

/* What a line needs beyond rsk_line until its page is known. */
typedef struct {
  int page_css, page_hr;   /* its page under either kind of break */
  float gap;               /* space above it */
  float height;
} line_geometry;

struct rsk_html_pages {
  rsk_filing *filing;
  guint first_line;        /* filing->lines before this layout */
  GArray *geometry;        /* line_geometry, parallel to the new lines */
  int breaks_css, breaks_hr;  /* breaks counted so far */
  gboolean text_since_css, text_since_hr;
  gboolean any_css_break;
  guint letters;
};

/* ---------------------------------------------------------------- blocks */

rsk_html_block *rsk_html_block_new(void)
{
  rsk_html_block *block = g_new0(rsk_html_block, 1);
  block->text = g_string_sized_new(256);
  block->scratch = g_string_sized_new(256);
  block->runs = g_array_new(FALSE, FALSE, sizeof(html_run));
  block->breaks = g_array_new(FALSE, FALSE, sizeof(html_break));
  return block;
}

void rsk_html_block_free(rsk_html_block *block)
{
  if (!block)
    return;
  g_string_free(block->text, TRUE);
  g_string_free(block->scratch, TRUE);
  g_array_unref(block->runs);
  g_array_unref(block->breaks);
  g_free(block);
}

void rsk_html_block_reset(rsk_html_block *block)
{
  g_string_truncate(block->text, 0);
  g_array_set_size(block->runs, 0);
  g_array_set_size(block->breaks, 0);
  block->pending_space = block->blank_line = block->table_row = FALSE;
  block->indent = block->text_indent = 0;
  block->align = RSK_CSS_ALIGN_LEFT;
  block->size = 0;
}

static gboolean same_style(const rsk_html_style *a, const rsk_html_style *b)
{
  return a->style == b->style && a->size == b->size && a->color == b->color &&
         a->font == b->font;
}

static html_break *last_break(const rsk_html_block *block)
{
  return block->breaks->len
             ? &g_array_index(block->breaks, html_break, block->breaks->len - 1)
             : NULL;
}

/* TRUE when the text so far ends a line: empty, or a forced break right
 * at its end. */
static gboolean at_line_start(const rsk_html_block *block)
{
  const html_break *b = last_break(block);
  return block->text->len == 0 || (b && b->offset == block->text->len);
}

/* Appends N bytes of normalised TEXT in STYLE, after a space when one
 * is pending. */
static void append_run(rsk_html_block *block, const char *text, gsize n,
                       const rsk_html_style *style)
{
  if (n == 0)
    return;
  if (block->pending_space && !at_line_start(block) &&
      block->text->str[block->text->len - 1] != ' ')
    g_string_append_c(block->text, ' ');
  block->pending_space = FALSE;
  html_break *b = last_break(block);
  if (b)
    b->at_line_start = FALSE;
  if (block->runs->len == 0)
    block->size = style->size;
  guint offset = (guint)block->text->len;
  g_string_append_len(block->text, text, (gssize)n);
  if (block->runs->len > 0) {
    html_run *last = &g_array_index(block->runs, html_run, block->runs->len - 1);
    /* Same style, at most a space between: one run. */
    if (same_style(&last->style, style) && last->offset + last->length + 1 >= offset) {
      last->length = (guint)block->text->len - last->offset;
      return;
    }
  }
  html_run run = {.offset = offset, .length = (guint)n, .style = *style};
  g_array_append_val(block->runs, run);
}

static gunichar first_char(const char *text, gsize len)
{
  gunichar c = g_utf8_get_char_validated(text, (gssize)len);
  return c == (gunichar)-1 || c == (gunichar)-2 ? 0 : c;
}

static gunichar last_char(const char *text, gsize len)
{
  const char *p = g_utf8_find_prev_char(text, text + len);
  return p ? first_char(p, (gsize)(text + len - p)) : 0;
}

/* add_flowing() for ASCII, the bulk of every filing: what
 * rsk_text_normalize() would do (collapse white space, drop control
 * characters), without allocating. */
static void add_ascii(rsk_html_block *block, const char *text, gsize len,
                      const rsk_html_style *style)
{
  GString *s = block->scratch;
  g_string_truncate(s, 0);
  gboolean space = FALSE, lead = FALSE;
  for (gsize i = 0; i < len; i++) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      if (s->len)
        space = TRUE;
      else
        lead = TRUE;
      continue;
    }
    if ((guchar)c < 0x20 || c == 0x7f)
      continue;
    if (space) {
      g_string_append_c(s, ' ');
      space = FALSE;
    }
    g_string_append_c(s, c);
  }
  if (lead)
    block->pending_space = TRUE;
  if (s->len) {
    append_run(block, s->str, s->len, style);
    block->pending_space = space;
  }
}

/* Collapsing white space: TEXT's own leading and trailing space decide
 * whether it joins its neighbours with a space. */
static void add_flowing(rsk_html_block *block, const char *text, gsize len,
                        const rsk_html_style *style)
{
  if (len == 0)
    return;
  gsize ascii = 0;
  while (ascii < len && (guchar)text[ascii] < 0x80)
    ascii++;
  if (ascii == len) {
    add_ascii(block, text, len, style);
    return;
  }
  gboolean lead = rsk_text_is_space(first_char(text, len));
  gboolean trail = rsk_text_is_space(last_char(text, len));
  if (!block->blank_line && memchr(text, 0xC2, len))
    block->blank_line = g_strstr_len(text, (gssize)len, "\xc2\xa0") != NULL;
  g_autofree char *norm = rsk_text_normalize(text, (gssize)len);
  if (lead)
    block->pending_space = TRUE;
  if (*norm) {
    append_run(block, norm, strlen(norm), style);
    block->pending_space = trail;
  } else if (!lead) {
    /* Only dropped characters (soft hyphens, zero-width spaces), or only
     * white space that did not start with an ASCII space. */
    for (gsize i = 0; i < len && !block->pending_space; i++)
      block->pending_space = g_ascii_isspace(text[i]);
  }
}

static void add_break(rsk_html_block *block, gboolean count_indent)
{
  html_break b = {.offset = (guint)block->text->len, .at_line_start = count_indent};
  g_array_append_val(block->breaks, b);
  block->pending_space = FALSE;
}

void rsk_html_block_add_text(rsk_html_block *block, const char *text,
                             gsize len, const rsk_html_style *style,
                             gboolean pre)
{
  if (!pre) {
    add_flowing(block, text, len, style);
    return;
  }
  const char *p = text, *end = text + len;
  while (p < end) {
    const char *nl = memchr(p, '\n', (gsize)(end - p));
    const char *seg_end = nl ? nl : end;
    /* Leading spaces of a new line indent it. */
    html_break *b = last_break(block);
    while (b && b->at_line_start && p < seg_end && (*p == ' ' || *p == '\t' || *p == '\r')) {
      b->indent += *p == '\t' ? 4 : *p == ' ';
      p++;
    }
    add_flowing(block, p, (gsize)(seg_end - p), style);
    if (!nl)
      break;
    add_break(block, TRUE);
    p = nl + 1;
  }
}

void rsk_html_block_add_space(rsk_html_block *block)
{
  if (block->text->len > 0)
    block->pending_space = TRUE;
}

void rsk_html_block_add_break(rsk_html_block *block)
{
  add_break(block, FALSE);
}

gboolean rsk_html_block_has_text(const rsk_html_block *block)
{
  return block->runs->len > 0;
}

void rsk_html_block_append(rsk_html_block *dst, const rsk_html_block *src)
{
  if (!rsk_html_block_has_text(src))
    return;
  if (!rsk_html_block_has_text(dst)) {
    dst->indent = src->indent;
    dst->size = src->size;
  }
  /* Pieces of SRC's runs cut at its forced line ends, which become spaces
   * like the gap between two cells. */
  guint next_break = 0;
  for (guint i = 0; i < src->runs->len; i++) {
    const html_run *run = &g_array_index(src->runs, html_run, i);
    guint from = run->offset, end = run->offset + run->length;
    while (from < end) {
      while (next_break < src->breaks->len &&
             g_array_index(src->breaks, html_break, next_break).offset <= from)
        next_break++;
      guint to = end;
      if (next_break < src->breaks->len)
        to = MIN(to, g_array_index(src->breaks, html_break, next_break).offset);
      const char *text = src->text->str;
      if (from == run->offset && (i == 0 || (from > 0 && text[from - 1] == ' ')))
        dst->pending_space = TRUE;
      if (from > run->offset || (next_break > 0 &&
          g_array_index(src->breaks, html_break, next_break - 1).offset == from))
        dst->pending_space = TRUE;
      g_autofree char *part = g_strstrip(g_strndup(text + from, to - from));
      append_run(dst, part, strlen(part), &run->style);
      from = to;
    }
  }
}

/* ----------------------------------------------------------------- lines */

rsk_html_pages *rsk_html_pages_new(rsk_filing *filing)
{
  rsk_html_pages *pages = g_new0(rsk_html_pages, 1);
  pages->filing = filing;
  pages->first_line = filing->lines->len;
  pages->geometry = g_array_new(FALSE, FALSE, sizeof(line_geometry));
  return pages;
}

static gboolean is_wide(gunichar c)
{
  return (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) ||
         (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
         (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
         (c >= 0x20000 && c <= 0x3fffd);
}

/* Walks a block's text with the run that styles it. */
typedef struct {
  const rsk_html_block *block;
  guint run;
} run_cursor;

/* Printed width of TEXT[FROM..TO): half the font size for a Latin
 * letter, a whole one for a Chinese character; past LIMIT the count
 * stops (a word longer than any line). *END, when not NULL, gets where
 * it stopped: the last character that fits within LIMIT. */
static float text_width_upto(run_cursor *cur, guint from, guint to, float limit, guint *end)
{
  const rsk_html_block *block = cur->block;
  const GArray *runs = block->runs;
  const char *text = block->text->str;
  float fallback = block->size > 0 ? block->size : 10;
  while (cur->run > 0 && g_array_index(runs, html_run, cur->run).offset > from)
    cur->run--;
  float w = 0;
  guint i = from;
  while (i < to) {
    while (cur->run + 1 < runs->len && g_array_index(runs, html_run, cur->run + 1).offset <= i)
      cur->run++;
    const html_run *run = runs->len ? &g_array_index(runs, html_run, cur->run) : NULL;
    float size = run && run->style.size > 0 ? run->style.size : fallback;
    guint stop = to;
    if (cur->run + 1 < runs->len)
      stop = MIN(stop, g_array_index(runs, html_run, cur->run + 1).offset);
    float half = size * 0.5f;
    while (i < stop) {
      guchar c = (guchar)text[i];
      float cw = 0;
      guint next = i + 1;
      if (c >= 0x80) {
        next = (guint)(g_utf8_next_char(text + i) - text);
        cw = size * (is_wide(g_utf8_get_char(text + i)) ? 1.0f : 0.55f);
      } else {
        cw = half;
      }
      if (w + cw > limit && i > from) {
        if (end)
          *end = i;
        return w + cw;
      }
      w += cw;
      i = MIN(next, to);
    }
  }
  if (end)
    *end = to;
  return w;
}

static float text_width(run_cursor *cur, guint from, guint to)
{
  return text_width_upto(cur, from, to, G_MAXFLOAT, NULL);
}

static guint letters_in(const char *text, gsize len)
{
  guint n = 0;
  for (const char *p = text, *end = text + len; p < end; p = g_utf8_next_char(p)) {
    guchar c = (guchar)*p;
    if (c < 0x80 ? g_ascii_isalnum(c) : g_unichar_isalnum(g_utf8_get_char(p)))
      n++;
  }
  return n;
}

/* Appends TEXT[FROM..TO) of BLOCK as a line at X of WIDTH, GAP below the
 * line before. */
static void emit_line(rsk_html_pages *pages, const rsk_html_block *block,
                      guint from, guint to, float x, float width, float gap)
{
  rsk_filing *filing = pages->filing;
  const char *text = block->text->str;
  rsk_line line = {0};
  line.text = g_string_chunk_insert_len(filing->strings, text + from, (gssize)(to - from));
  line.first_span = filing->spans->len;
  line.x0 = x;
  line.x1 = x + width;
  if (block->table_row)
    line.flags |= RSK_LINE_FIGURES;
  guint best = 0;
  float max_size = 0;
  for (guint i = 0; i < block->runs->len; i++) {
    const html_run *run = &g_array_index(block->runs, html_run, i);
    guint s = MAX(run->offset, from), e = MIN(run->offset + run->length, to);
    if (s >= e)
      continue;
    rsk_span span = {.offset = s - from, .length = e - s, .style = run->style.style,
                     .font_size = run->style.size, .color = run->style.color,
                     .font = run->style.font};
    g_array_append_val(filing->spans, span);
    line.n_spans++;
    max_size = MAX(max_size, run->style.size);
    guint letters = letters_in(text + s, e - s);
    pages->letters += letters;
    /* The line's look: the run with most letters (ties: the first). */
    if (letters > best || line.n_spans == 1) {
      if (letters > best)
        best = letters;
      line.style = span.style;
      line.font_size = span.font_size;
      line.color = span.color;
      line.font = span.font;
    }
  }
  if (max_size <= 0)
    max_size = block->size > 0 ? block->size : 10;
  g_array_append_val(filing->lines, line);
  line_geometry g = {.page_css = pages->breaks_css + 1, .page_hr = pages->breaks_hr + 1,
                     .gap = gap, .height = max_size * LINE_HEIGHT};
  g_array_append_val(pages->geometry, g);
  pages->text_since_css = pages->text_since_hr = TRUE;
}

/* Cuts TEXT[FROM..TO) (one forced line of BLOCK) into lines that fit
 * from LEFT to the column's right edge, the first from FIRST_LEFT. */
static void wrap_segment(rsk_html_pages *pages, const rsk_html_block *block,
                         guint from, guint to, float first_left, float left,
                         float *gap)
{
  const char *text = block->text->str;
  run_cursor cur = {.block = block};
  guint word_stop = 0;
  while (from < to && text[from] == ' ')
    from++;
  while (from < to) {
    float x = first_left;
    float avail = MAX(COLUMN_RIGHT - x, 60.0f);
    guint end = from, p = from;
    float width = 0;
    /* Whole words while they fit; a word longer than the line is cut
     * where it overflows (Chinese text, long URLs). */
    while (p < to) {
      /* The end of the word at P; a word cut over several lines is
       * scanned once. */
      guint word_end = p < word_stop ? word_stop : p;
      while (word_end < to && text[word_end] != ' ')
        word_end++;
      word_stop = word_end;
      /* Measured no further than the line has room. */
      guint fits = word_end;
      float w = text_width_upto(&cur, end == from ? p : end, word_end, avail - width, &fits);
      if (end == from && fits < word_end) {
        /* A word longer than the line is cut where it overflows
         * (Chinese text, long URLs). */
        end = fits;
        width = text_width(&cur, p, fits);
        break;
      }
      if (end > from && width + w > avail)
        break;
      width += w;
      end = word_end;
      p = word_end;
      while (p < to && text[p] == ' ')
        p++;
    }
    if (block->align != RSK_CSS_ALIGN_LEFT) {
      float room = COLUMN_RIGHT - x - width;
      if (room > 0)
        x += block->align == RSK_CSS_ALIGN_CENTER ? room / 2 : room;
    }
    emit_line(pages, block, from, end, x, width, *gap);
    *gap = 0;
    from = end;
    while (from < to && text[from] == ' ')
      from++;
    first_left = left;
  }
}

void rsk_html_pages_add_block(rsk_html_pages *pages, const rsk_html_block *block,
                              float gap)
{
  float size = block->size > 0 ? block->size : 10;
  gap = MAX(gap, MIN_BLOCK_GAP * size);
  if (!rsk_html_block_has_text(block))
    return;
  float left = CLAMP(COLUMN_LEFT + block->indent, COLUMN_LEFT, COLUMN_RIGHT - 120);
  float first_left = CLAMP(left + block->text_indent, COLUMN_LEFT, COLUMN_RIGHT - 120);
  guint from = 0;
  float char_w = size * 0.5f;
  for (guint i = 0; i <= block->breaks->len; i++) {
    const html_break *b = i < block->breaks->len
                              ? &g_array_index(block->breaks, html_break, i) : NULL;
    guint to = b ? b->offset : (guint)block->text->len;
    float indent = i > 0 ? g_array_index(block->breaks, html_break, i - 1).indent * char_w : 0;
    guint lines_before = pages->geometry->len;
    if (to > from)
      wrap_segment(pages, block, from, to, i == 0 ? first_left : left + indent,
                   left + indent, &gap);
    if (pages->geometry->len == lines_before && i > 0)
      gap += size * LINE_HEIGHT;  /* an empty line: <br><br> */
    from = to;
  }
}

void rsk_html_pages_add_break(rsk_html_pages *pages, gboolean css)
{
  if (css) {
    pages->any_css_break = TRUE;
    if (pages->text_since_css)
      pages->breaks_css++;
    pages->text_since_css = FALSE;
  } else {
    if (pages->text_since_hr)
      pages->breaks_hr++;
    pages->text_since_hr = FALSE;
  }
}

/* ------------------------------------------------------------- furniture */

/* TEXT with digit runs folded to '#': "Page 12" and "Page 13" agree. */
static char *repeat_key(const char *text)
{
  GString *key = g_string_new(NULL);
  for (const char *p = text; *p; p++) {
    if (g_ascii_isdigit(*p)) {
      if (!key->len || key->str[key->len - 1] != '#')
        g_string_append_c(key, '#');
    } else {
      g_string_append_c(key, *p);
    }
  }
  return g_string_free(key, FALSE);
}

/* TRUE for a line that may be a running header or footer: short. (It
 * may end with a full stop: "Table of Contents Alphabet Inc.") */
static gboolean label_like(const char *text)
{
  return *text && rsk_text_word_count(text) <= 12;
}

/* The lines that open and close page P: up to two each, in LINES[FROM..TO). */
static void edge_lines(guint from, guint to, guint out[4], guint *n)
{
  *n = 0;
  for (guint i = from; i < to && i < from + 2; i++)
    out[(*n)++] = i;
  for (guint i = to > 2 ? MAX(to - 2, from + 2) : from + 2; i < to; i++)
    out[(*n)++] = i;
}

static void mark_furniture(rsk_filing *filing, guint first)
{
  rsk_line *all = (rsk_line *)(void *)filing->lines->data;
  guint n = filing->lines->len;
  GHashTable *pages_of = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  int pages_with_lines = 0;

  /* Pass 1: count on how many pages each edge label recurs. */
  for (guint start = first; start < n;) {
    guint end = start;
    while (end < n && all[end].page == all[start].page)
      end++;
    pages_with_lines++;
    guint edge[4], k;
    edge_lines(start, end, edge, &k);
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (guint j = 0; j < k; j++) {
      if (!label_like(all[edge[j]].text))
        continue;
      char *key = repeat_key(all[edge[j]].text);
      if (g_hash_table_contains(seen, key)) {
        g_free(key);
        continue;
      }
      g_hash_table_add(seen, g_strdup(key));
      guint count = GPOINTER_TO_UINT(g_hash_table_lookup(pages_of, key));
      g_hash_table_insert(pages_of, key, GUINT_TO_POINTER(count + 1));
    }
    g_hash_table_unref(seen);
    start = end;
  }
  guint need = pages_with_lines >= 6 ? 3 : 2;

  /* Pass 2: mark them, and page numbers at the very edges. */
  for (guint start = first; start < n;) {
    guint end = start;
    while (end < n && all[end].page == all[start].page)
      end++;
    guint edge[4], k;
    edge_lines(start, end, edge, &k);
    const char *folio = NULL;
    for (guint j = 0; j < k; j++) {
      rsk_line *line = &all[edge[j]];
      if (!label_like(line->text))
        continue;
      g_autofree char *key = repeat_key(line->text);
      if (GPOINTER_TO_UINT(g_hash_table_lookup(pages_of, key)) >= need)
        line->flags |= RSK_LINE_FURNITURE;
    }
    /* A page number is the outermost line, or next to outer furniture. */
    for (guint j = 0; j < k; j++) {
      guint i = edge[j];
      gboolean outer = i == start || i == end - 1 ||
                       (i == start + 1 && (all[start].flags & RSK_LINE_FURNITURE)) ||
                       (i + 2 == end && (all[end - 1].flags & RSK_LINE_FURNITURE));
      if (outer && rsk_is_page_number(all[i].text)) {
        all[i].flags |= RSK_LINE_FURNITURE;
        if (!folio || i > start + 1)
          folio = all[i].text;
      }
    }
    int page = all[start].page;
    if (folio && page >= 1 && (guint)page <= filing->page_labels->len &&
        !g_ptr_array_index(filing->page_labels, page - 1))
      filing->page_labels->pdata[page - 1] = g_strdup(folio);
    start = end;
  }
  g_hash_table_unref(pages_of);
}

guint rsk_html_pages_finish(rsk_html_pages *pages)
{
  rsk_filing *filing = pages->filing;
  gboolean css = pages->any_css_break;
  int page = 0;
  float y = PAGE_TOP;
  for (guint i = 0; i < pages->geometry->len; i++) {
    const line_geometry *g = &g_array_index(pages->geometry, line_geometry, i);
    rsk_line *line = &g_array_index(filing->lines, rsk_line, pages->first_line + i);
    int p = css ? g->page_css : g->page_hr;
    if (p != page) {
      page = p;
      y = PAGE_TOP;
    } else {
      y += g->gap;
    }
    line->page = p;
    line->y0 = y;
    line->y1 = y + g->height / LINE_HEIGHT;
    y += g->height;
  }
  filing->page_count = MAX(page, 1);
  g_ptr_array_set_size(filing->page_labels, filing->page_count);
  mark_furniture(filing, pages->first_line);
  guint letters = pages->letters;
  g_array_unref(pages->geometry);
  g_free(pages);
  return letters;
}
