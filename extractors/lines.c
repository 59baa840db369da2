/* lines.c - one PDF page's glyphs → styled lines
 *
 * Poppler hands us three parallel views of a page: the text in reading
 * order with '\n' after every line (poppler_page_get_text), one rectangle
 * per character of that text (poppler_page_get_text_layout, spaces and
 * newlines included) and runs of characters sharing a font, size, colour
 * and underline (poppler_page_get_text_attributes, inclusive character
 * indices). We walk the three together, cut at '\n', and per line:
 *
 * - drop "fake bold" duplicates: a glyph that repeats the previous glyph at
 *   almost the same place was printed twice to look heavier; the survivor
 *   is marked bold;
 * - rebuild the text through rsk_text_normalize one character at a time,
 *   collapsing spaces ourselves, so span offsets point into the normalised
 *   text;
 * - cut spans where the font run changes and pick the line's style, size,
 *   colour and font from the run that holds most of its letters.
 *
 * Counts of letters and of garbage characters go with the page so pdf.c
 * can tell a scanned or unreadable document from a real one.
 *
 * SPDX-License-Identifier: MIT
 */
#include "lines.h"

#include "font.h"
#include "text.h"

#include <math.h>
#include <string.h>

typedef struct {
  gunichar c;
  gboolean space;      /* is_space(c), worked out once per glyph */
  PopplerRectangle r;
  const PopplerTextAttributes *attr;
  guint extra_style;   /* RSK_STYLE_BOLD when printed twice */
  gboolean keep;
} glyph;

/* The cache of what a font name says, per page: a page uses a handful of
 * fonts and every span asks. */
typedef struct {
  const char *name;    /* the attributes' font_name; NULL for none */
  guint style;
  const char *base;    /* interned in the page's strings */
} font_entry;

/* What building the lines of one page needs beyond the page itself. */
typedef struct {
  rsk_page_lines *pl;
  GString *text;       /* the line being built */
  GArray *weight;      /* guint per span of that line */
  font_entry fonts[8];
  guint n_fonts, next_font;
} page_builder;

/* The g_unichar_* answers, without a table look-up for ASCII (almost every
 * glyph of a filing). */
static gboolean is_space(gunichar c)
{
  if (c < 0x80)
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  return g_unichar_isspace(c) ||
         g_unichar_type(c) == G_UNICODE_SPACE_SEPARATOR;
}

static gboolean is_alpha(gunichar c)
{
  return c < 0x80 ? g_ascii_isalpha((char)c) : g_unichar_isalpha(c);
}

static gboolean is_alnum(gunichar c)
{
  return c < 0x80 ? g_ascii_isalnum((char)c) : g_unichar_isalnum(c);
}

static gboolean is_bad(gunichar c)
{
  return (c >= 0xE000 && c <= 0xF8FF) || c >= 0xF0000 || c == 0xFFFD ||
         (c < 0x20 && c != '\n' && c != '\t' && c != '\r') ||
         (c >= 0x7F && c < 0xA0);
}

static void append_normalized(GString *out, gunichar c)
{
  if (c > 0x20 && c < 0x7F) {
    g_string_append_c(out, (char)c);
    return;
  }
  char buf[8];
  int n = g_unichar_to_utf8(c, buf);
  char *norm = rsk_text_normalize(buf, n);
  g_string_append(out, norm);
  g_free(norm);
}

/* The same glyph drawn again within a fifth of its width: fake bold. */
static gboolean is_duplicate(const glyph *a, const glyph *b)
{
  if (a->c != b->c)
    return FALSE;
  double wa = a->r.x2 - a->r.x1, wb = b->r.x2 - b->r.x1;
  double ha = a->r.y2 - a->r.y1;
  double w = MAX(MAX(0.3 * MIN(wa, wb), 0.12 * ha), 0.2);
  return fabs(a->r.x1 - b->r.x1) < w &&
         fabs(a->r.y1 - b->r.y1) < 0.3 * MAX(ha, 1.0);
}

static gboolean same_run(const glyph *a, const glyph *b)
{
  if (a->extra_style != b->extra_style)
    return FALSE;
  if (a->attr == b->attr)
    return TRUE;
  if (!a->attr || !b->attr)
    return FALSE;
  const PopplerTextAttributes *x = a->attr, *y = b->attr;
  return g_strcmp0(x->font_name, y->font_name) == 0 &&
         fabs(x->font_size - y->font_size) < 0.05 &&
         x->is_underlined == y->is_underlined &&
         x->color.red == y->color.red && x->color.green == y->color.green &&
         x->color.blue == y->color.blue;
}

static const font_entry *font_of(page_builder *pb, const char *name)
{
  for (guint i = 0; i < pb->n_fonts; i++)
    if (g_strcmp0(pb->fonts[i].name, name) == 0)
      return &pb->fonts[i];
  guint slot = pb->n_fonts < G_N_ELEMENTS(pb->fonts) ? pb->n_fonts++
                                                      : pb->next_font++ % G_N_ELEMENTS(pb->fonts);
  pb->fonts[slot] = (font_entry){
      .name = name,
      .style = rsk_font_style(name),
      .base = g_string_chunk_insert_const(pb->pl->strings, rsk_font_base_name(name))};
  return &pb->fonts[slot];
}

static rsk_span span_of(page_builder *pb, const glyph *g, guint offset)
{
  rsk_span span = {.offset = offset, .style = g->extra_style};
  if (g->attr) {
    const PopplerTextAttributes *a = g->attr;
    const font_entry *font = font_of(pb, a->font_name);
    span.style |= font->style;
    if (a->is_underlined)
      span.style |= RSK_STYLE_UNDERLINE;
    span.font_size = (float)a->font_size;
    span.color = ((guint32)(a->color.red >> 8) << 16) |
                 ((guint32)(a->color.green >> 8) << 8) |
                 (guint32)(a->color.blue >> 8);
    span.font = font->base;
  } else {
    span.font = g_string_chunk_insert_const(pb->pl->strings, "");
  }
  return span;
}

static gboolean same_span_style(const rsk_span *a, const rsk_span *b)
{
  return a->style == b->style && fabs(a->font_size - b->font_size) < 0.05 &&
         a->color == b->color && a->font == b->font; /* interned */
}

/* Sets the line's style from the spans holding most of its letters. */
static void pick_line_style(rsk_page_lines *pl, rsk_line *line,
                            const guint *weight)
{
  const rsk_span *spans = &g_array_index(pl->spans, rsk_span, line->first_span);
  guint best = 0, best_weight = 0;
  for (guint i = 0; i < line->n_spans; i++) {
    guint w = 0;
    for (guint j = 0; j < line->n_spans; j++)
      if (same_span_style(&spans[i], &spans[j]))
        w += weight[j];
    if (w > best_weight) {
      best_weight = w;
      best = i;
    }
  }
  line->style = spans[best].style;
  line->font_size = spans[best].font_size;
  line->color = spans[best].color;
  line->font = spans[best].font;
}

/* Words that make up about a third of any English prose; text whose
 * words are almost never among them was not decoded to English. */
static gboolean is_common_word(const char *word, size_t len)
{
  /* By length, so a word is compared with few others: this runs for every
   * word of a filing. */
  static const char *const common[6] = {
    [1] = "a",
    [2] = "of" "to" "in" "or" "we" "is" "be" "as" "on" "by" "an" "it" "if" "at" "us",
    [3] = "the" "and" "our" "for" "may" "are" "not" "any" "its" "can",
    [4] = "that" "with" "this" "from" "such" "have" "will",
    [5] = "which" "could" "other",
  };
  if (len == 0 || len >= G_N_ELEMENTS(common))
    return FALSE;
  char lower[8];
  for (size_t i = 0; i < len; i++)
    lower[i] = (char)(word[i] | 0x20);
  for (const char *w = common[len]; *w; w += len)
    if (memcmp(lower, w, len) == 0)
      return TRUE;
  return FALSE;
}

static void count_words(rsk_page_lines *pl, const char *text)
{
  const char *p = text;
  while (*p) {
    if (!g_ascii_isalpha(*p)) {
      /* Lead bytes of U+4E00..U+9FFF, the common Han ideographs. */
      if ((guchar)*p >= 0xE4 && (guchar)*p <= 0xE9)
        pl->n_han++;
      p++;
      continue;
    }
    const char *start = p;
    gboolean vowel = FALSE;
    while (g_ascii_isalpha(*p)) {
      switch (*p | 0x20) { /* lower case */
      case 'a': case 'e': case 'i': case 'o': case 'u': case 'y':
        vowel = TRUE;
        break;
      default:
        break;
      }
      p++;
    }
    pl->n_tokens++;
    if (is_common_word(start, (size_t)(p - start)))
      pl->n_common++;
    if (p - start >= 4) {
      pl->n_words++;
      if (!vowel)
        pl->n_vowelless++;
    }
  }
}

/* Poppler's selection text glues words of neighbouring table cells and
 * layout boxes ("Operations35", "classTrading"); within a word glyph boxes
 * abut, so a gap wider than a fifth of the glyph height is a space too. */
static void build_line(page_builder *pb, glyph *g, guint n)
{
  rsk_page_lines *pl = pb->pl;
  /* Fake bold: compare each glyph with the last one kept. */
  glyph *last = NULL;
  for (guint i = 0; i < n; i++) {
    g[i].keep = TRUE;
    if (g[i].space)
      continue;
    if (last && is_duplicate(last, &g[i])) {
      g[i].keep = FALSE;
      last->extra_style |= RSK_STYLE_BOLD;
      continue;
    }
    last = &g[i];
  }
  /* A word whose every glyph was doubled is bold as a whole, spaces too. */
  for (guint i = 0; i < n; i++)
    if (g[i].keep && g[i].space && i > 0 && i + 1 < n &&
        (g[i - 1].extra_style & RSK_STYLE_BOLD))
      g[i].extra_style |= RSK_STYLE_BOLD;

  GString *text = pb->text;
  GArray *weight = pb->weight;
  g_string_truncate(text, 0);
  g_array_set_size(weight, 0);
  rsk_line line = {.page = pl->page, .first_span = pl->spans->len};
  gboolean pending_space = FALSE, have_box = FALSE;
  double prev_x2 = 0;
  const glyph *run = NULL;
  rsk_span span = {0};
  guint span_weight = 0;

  for (guint i = 0; i < n; i++) {
    const glyph *gl = &g[i];
    if (!gl->keep) {
      prev_x2 = MAX(prev_x2, gl->r.x2);
      continue;
    }
    if (gl->space) {
      pending_space = text->len > 0;
      continue;
    }
    if (have_box && gl->r.x1 - prev_x2 > 0.2 * (gl->r.y2 - gl->r.y1))
      pending_space = text->len > 0;
    prev_x2 = MAX(prev_x2, gl->r.x2);
    if (is_bad(gl->c))
      pl->n_bad++;
    gsize before = text->len;
    if (pending_space)
      g_string_append_c(text, ' ');
    gsize start = text->len;
    append_normalized(text, gl->c);
    if (text->len == start) { /* dropped by normalisation */
      g_string_truncate(text, before);
      continue;
    }
    pending_space = FALSE;
    pl->n_chars++;
    if (is_alpha(gl->c))
      pl->n_letters++;
    if (!run || !same_run(run, gl)) {
      if (run) {
        span.length = (guint)(before - span.offset);
        g_array_append_val(pl->spans, span);
        g_array_append_val(weight, span_weight);
        line.n_spans++;
      }
      run = gl;
      span = span_of(pb, gl, (guint)start);
      span_weight = 0;
    }
    span_weight += is_alnum(gl->c) ? 2 : 1;
    if (!have_box) {
      line.x0 = (float)gl->r.x1;
      line.y0 = (float)gl->r.y1;
      line.x1 = (float)gl->r.x2;
      line.y1 = (float)gl->r.y2;
      have_box = TRUE;
    } else {
      line.x0 = MIN(line.x0, (float)gl->r.x1);
      line.y0 = MIN(line.y0, (float)gl->r.y1);
      line.x1 = MAX(line.x1, (float)gl->r.x2);
      line.y1 = MAX(line.y1, (float)gl->r.y2);
    }
  }
  if (run) {
    span.length = (guint)(text->len - span.offset);
    g_array_append_val(pl->spans, span);
    g_array_append_val(weight, span_weight);
    line.n_spans++;
    line.text = g_string_chunk_insert(pl->strings, text->str);
    pick_line_style(pl, &line, (const guint *)(void *)weight->data);
    count_words(pl, line.text);
    g_array_append_val(pl->lines, line);
  }
}

typedef struct {
  double x1, y1, x2, y2;
  gboolean empty;
} box;

static box glyph_box(const glyph *g, guint n)
{
  box b = {.empty = TRUE};
  for (guint i = 0; i < n; i++) {
    if (g[i].space)
      continue;
    if (b.empty) {
      b = (box){g[i].r.x1, g[i].r.y1, g[i].r.x2, g[i].r.y2, FALSE};
    } else {
      b.x1 = MIN(b.x1, g[i].r.x1);
      b.y1 = MIN(b.y1, g[i].r.y1);
      b.x2 = MAX(b.x2, g[i].r.x2);
      b.y2 = MAX(b.y2, g[i].r.y2);
    }
  }
  return b;
}

static box box_union(box a, box b)
{
  if (a.empty)
    return b;
  if (b.empty)
    return a;
  return (box){MIN(a.x1, b.x1), MIN(a.y1, b.y1), MAX(a.x2, b.x2),
               MAX(a.y2, b.y2), FALSE};
}

/* B sits on A's baseline and starts inside A's extent. */
static gboolean overprints(box a, box b)
{
  if (a.empty || b.empty)
    return FALSE;
  double h = MAX(a.y2 - a.y1, 1.0);
  return fabs(a.y2 - b.y2) < 0.15 * h && fabs(a.y1 - b.y1) < 0.15 * h &&
         b.x1 < a.x2 - 0.5 && b.x2 > a.x1 + 0.5;
}

/* Poppler's text sometimes runs two lines of a block together without a
 * '\n' ("Deferred revenuesOther current liabilities"): glyphs whose boxes
 * hardly overlap vertically are on different rows. Superscripts overlap
 * their line enough to stay. */
static gboolean same_row(const glyph *a, const glyph *b)
{
  double overlap = MIN(a->r.y2, b->r.y2) - MAX(a->r.y1, b->r.y1);
  double h = MIN(a->r.y2 - a->r.y1, b->r.y2 - b->r.y1);
  return overlap > 0.3 * h;
}

static int compare_x(const void *pa, const void *pb)
{
  const glyph *a = pa, *b = pb;
  double xa = (a->r.x1 + a->r.x2) / 2, xb = (b->r.x1 + b->r.x2) / 2;
  if (xa != xb)
    return xa < xb ? -1 : 1;
  return (a > b) - (a < b); /* stable */
}

/* Builds the line gathered in MERGED from PIECES Poppler lines and
 * empties it. Joined pieces are sorted by x; one piece is already in
 * reading order. */
static void flush_line(page_builder *pb, GArray *merged, guint *pieces)
{
  if (merged->len > 0) {
    if (*pieces > 1)
      qsort(merged->data, merged->len, sizeof(glyph), compare_x);
    build_line(pb, (glyph *)(void *)merged->data, merged->len);
  }
  g_array_set_size(merged, 0);
  *pieces = 0;
}

rsk_page_lines *rsk_page_lines_read(PopplerPage *page, int page_number)
{
  rsk_page_lines *pl = g_new0(rsk_page_lines, 1);
  pl->page = page_number;
  pl->lines = g_array_new(FALSE, TRUE, sizeof(rsk_line));
  pl->spans = g_array_new(FALSE, TRUE, sizeof(rsk_span));
  pl->strings = g_string_chunk_new(4096);
  if (!page)
    return pl;
  poppler_page_get_size(page, &pl->width, &pl->height);

  char *text = poppler_page_get_text(page);
  PopplerRectangle *rects = NULL;
  guint n_rects = 0;
  if (!text || !*text ||
      !poppler_page_get_text_layout(page, &rects, &n_rects) || n_rects == 0) {
    g_free(text);
    g_free(rects);
    return pl;
  }
  GList *attrs = poppler_page_get_text_attributes(page);

  glong n_chars = g_utf8_strlen(text, -1);
  glyph *glyphs = g_new(glyph, (gsize)n_chars + 1);
  const char *p = text;
  for (glong i = 0; i < n_chars; i++) {
    gunichar c = (guchar)*p;
    if (c < 0x80)
      p++;
    else {
      c = g_utf8_get_char(p);
      p = g_utf8_next_char(p);
    }
    glyphs[i] = (glyph){.c = c, .space = is_space(c)};
    if ((guint)i < n_rects)
      glyphs[i].r = rects[i];
  }
  for (GList *l = attrs; l; l = l->next) {
    const PopplerTextAttributes *a = l->data;
    for (glong i = MAX(a->start_index, 0); i <= a->end_index && i < n_chars; i++)
      glyphs[i].attr = a;
  }

  /* Cut at '\n'; a piece that overprints the one before it on the same
   * baseline is a duplicate drawn too far off for Poppler to merge: join
   * them, glyphs in x order, and let build_line drop the doubles. */
  page_builder pb = {.pl = pl, .text = g_string_sized_new(256),
                     .weight = g_array_new(FALSE, TRUE, sizeof(guint))};
  glong start = 0;
  guint pieces = 0;
  GArray *merged = g_array_new(FALSE, FALSE, sizeof(glyph));
  box merged_box = {.empty = TRUE};
  const glyph *prev = NULL;
  for (glong i = 0; i <= n_chars; i++) {
    if (i < n_chars && glyphs[i].c != '\n') {
      if (glyphs[i].space)
        continue;
      gboolean jump = prev && !same_row(prev, &glyphs[i]);
      prev = &glyphs[i];
      if (!jump)
        continue;
    } else {
      prev = NULL;
    }
    if (i > start) {
      box piece = glyph_box(glyphs + start, (guint)(i - start));
      if (merged->len > 0 && overprints(merged_box, piece)) {
        merged_box = box_union(merged_box, piece);
      } else {
        flush_line(&pb, merged, &pieces);
        merged_box = piece;
      }
      g_array_append_vals(merged, glyphs + start, (guint)(i - start));
      pieces++;
    }
    start = i == n_chars || glyphs[i].c == '\n' ? i + 1 : i;
  }
  flush_line(&pb, merged, &pieces);
  g_array_unref(merged);
  g_array_unref(pb.weight);
  g_string_free(pb.text, TRUE);

  g_free(glyphs);
  poppler_page_free_text_attributes(attrs);
  g_free(rects);
  g_free(text);
  return pl;
}

void rsk_page_lines_free(rsk_page_lines *pl)
{
  if (!pl)
    return;
  g_array_unref(pl->lines);
  g_array_unref(pl->spans);
  g_string_chunk_free(pl->strings);
  g_free(pl->pdf_label);
  g_free(pl->dropped);
  g_free(pl);
}
