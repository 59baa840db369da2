/* segment.c - find the Risk Factors section and split it into risk factors
 *
 * How the segmenter reads a filing
 * --------------------------------
 * Filings do not agree on how a risk factor is printed, so nothing here is
 * tied to one producer's fonts or to one filing. The segmenter works on a
 * view of the filing's content lines in four steps, one file each:
 *
 * 1. The view (this file). Furniture is skipped: the lines the reader
 *    flagged, and as a safety net short lines repeated at the top or foot of
 *    three pages or more and short lines without a letter (page numbers).
 *    Bullets printed as a column of their own are tied back to their items.
 *    Every line gets its leading style run (a "style class": font, weight
 *    and slant bits, colour, size) and a paragraph flag: it starts a
 *    paragraph when the gap above it is clearly wider than the usual line
 *    spacing, when it starts with a bullet, when its first line is indented
 *    against the next, when a sentence ended and the style changes, or when
 *    the line above stopped short although this line's first word would
 *    have fitted there. The last test needs no spacing convention and works
 *    across page breaks.
 *
 * 2. Section bounds (section_bounds.c). The section starts at a line that
 *    is only its title ("Item 1A. Risk Factors", "Item 3.D", "RISK
 *    FACTORS"), or at the first page whose running header names it (Hong
 *    Kong documents), and ends at the next top-level title or page headed
 *    by another section. What is top level depends on the start: after an
 *    Item, another Item, a PART or the financial statements; after a bare
 *    title, also a prospectus's named sections (USE OF PROCEEDS, INDUSTRY
 *    OVERVIEW, ...), which inside an Item are mere sub-headings. An Item
 *    range of substance wins; otherwise the range holding the most words,
 *    which leaves out contents pages, a summary's "RISK FACTORS"
 *    paragraph, cross-references and exhibits.
 *
 * 3. Headings (headings.c). Inside the section the style holding most
 *    letters is the body style; sizes half a point apart are one style.
 *    Every other style (and capitals in the body style) is judged by the
 *    blocks it forms at paragraph starts, bulleted blocks apart from the
 *    others: the risk heading style is the one whose blocks are most often
 *    sentences followed by body text, in the next line or in the same one
 *    for run-in headings, where the line's spans give the cut, unless
 *    another style holds clearly more topic titles followed by body
 *    ("COMPETITION"). Its blocks become headings unless they are labels
 *    ("AI:"), group titles ("Risks Related to ..."), titles over a bulleted
 *    list (a summary), or sit away from the left edge (table cells).
 *    Sub-section headings are short, non-sentence blocks followed directly
 *    by a heading on the same page. Bold bullet labels, italic case names
 *    and defined terms stay body text: they are not sentences, not at
 *    paragraph starts, or not in the heading style.
 *
 * 4. Risk factors (risk_split.c). Each heading collects the lines up to the
 *    next heading or sub-section heading: lines joined with hyphenation
 *    repaired, paragraphs separated by "\n", a page mark at each page change.
 *
 * Chinese versions of Hong Kong documents go through the same steps:
 * words are counted one per two Chinese characters so that thresholds in
 * words hold, "。" ends a sentence, a caseless line may be a title as
 * capitals may, Chinese lines join without a space, and Latin letters set
 * in a second font inside a Chinese heading do not cut it.
 *
 * A section title whose text says the item does not apply ("Item 1A. Risk
 * Factors - Not applicable", as smaller companies may write) is told apart
 * from a filing with no section at all.
 *
 * Sanity flags tell the user when the result looks wrong: no section, fewer
 * than five risk factors, a section longer than half the document or one
 * that runs into the financial statements, an empty or a huge body.
 *
 * SPDX-License-Identifier: MIT
 */
#include "segment.h"
#include "segment_private.h"

#include "text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>


/* TRUE when colours A and B (0xRRGGBB) are both near black: every channel
 * at most 0x30, darker than any grey or colour a filing sets apart. */
static gboolean same_ink(guint32 a, guint32 b)
{
  for (int shift = 0; shift < 24; shift += 8)
    if (((a >> shift) & 0xff) > 0x30 || ((b >> shift) & 0xff) > 0x30)
      return FALSE;
  return TRUE;
}

guint rsk_seg_class_of(rsk_seg_doc *doc, const rsk_span *span)
{
  int half = (int)lroundf(span->font_size * 2);
  const char *font = span->font ? span->font : "";
  for (guint i = 0; i < doc->classes->len; i++) {
    const rsk_seg_class *c = &g_array_index(doc->classes, rsk_seg_class, i);
    if (c->style == span->style && c->color == span->color &&
        c->half_points == half && strcmp(c->font, font) == 0)
      return i;
  }
  /* Producers print one style at sizes a fraction of a point apart (9 and
   * 8.55): half a point either way is the same style. */
  for (guint i = 0; i < doc->classes->len; i++) {
    const rsk_seg_class *c = &g_array_index(doc->classes, rsk_seg_class, i);
    if (c->style == span->style && c->color == span->color && abs(c->half_points - half) <= 1 &&
        strcmp(c->font, font) == 0)
      return i;
  }
  /* Editors write "black" as near-black inks (#212529, #1a1a1a) and mix
   * them with #000000 in one filing: the eye sees one ink, and so does the
   * segmenter. */
  for (guint i = 0; i < doc->classes->len; i++) {
    const rsk_seg_class *c = &g_array_index(doc->classes, rsk_seg_class, i);
    if (c->style == span->style && abs(c->half_points - half) <= 1 &&
        same_ink(c->color, span->color) && strcmp(c->font, font) == 0)
      return i;
  }
  rsk_seg_class c = {.font = font, .style = span->style, .color = span->color,
                     .half_points = half};
  g_array_append_val(doc->classes, c);
  return doc->classes->len - 1;
}

gboolean rsk_seg_is_wide(gunichar c)
{
  return (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) ||
         (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
         (c >= 0x20000 && c <= 0x3ffff);
}

int rsk_seg_word_count(const char *text)
{
  int words = 0, wide = 0;
  gboolean in_word = FALSE;
  for (const char *p = text; *p;) {
    gunichar c = (guchar)*p;
    gboolean alnum;
    if (c < 0x80) {   /* nearly every character: no decoding, no table */
      p++;
      alnum = g_ascii_isalnum((char)c);
    } else {
      c = g_utf8_get_char(p);
      p = g_utf8_next_char(p);
      if (rsk_seg_is_wide(c)) {
        wide += g_unichar_isalnum(c) != 0;
        in_word = FALSE;
        continue;
      }
      alnum = g_unichar_isalnum(c);
    }
    if (alnum && !in_word)
      words++;
    in_word = alnum;
  }
  /* Chinese words run about two characters. */
  return words + (wide + 1) / 2;
}

void rsk_seg_append_line(GString *buf, const char *line)
{
  while (*line == ' ')
    line++;
  if (buf->len > 0 && *line) {
    const char *last = g_utf8_find_prev_char(buf->str, buf->str + buf->len);
    if (last && rsk_seg_is_wide(g_utf8_get_char(last)) &&
        rsk_seg_is_wide(g_utf8_get_char(line))) {
      /* Chinese lines join without a space. */
      g_string_append(buf, line);
      return;
    }
  }
  rsk_text_append_line(buf, line);
}

gboolean rsk_seg_starts_like_sentence(const char *text)
{
  gunichar c = g_utf8_get_char(text);
  return g_unichar_isupper(c) || (g_unichar_isalpha(c) && !g_unichar_islower(c));
}

gboolean rsk_seg_caseless(const char *text)
{
  gboolean letters = FALSE;
  for (const char *p = text; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (g_unichar_isupper(c) || g_unichar_islower(c))
      return FALSE;
    letters |= g_unichar_isalpha(c);
  }
  return letters;
}

gboolean rsk_seg_mostly_wide(const char *text)
{
  int wide = 0, other = 0;
  for (const char *p = text; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (rsk_seg_is_wide(c))
      wide += g_unichar_isalnum(c) != 0;
    else
      other += g_unichar_isalpha(c) != 0;
  }
  return wide > 0 && wide >= other;
}

gboolean rsk_seg_ends_sentence(const char *text)
{
  /* Closing quotes and brackets after the stop do not count. */
  static const char *const closers = " \"')\u201d\u2019\u300d\u300f\uff09";
  const char *end = text + strlen(text);
  while (end > text) {
    const char *prev = g_utf8_find_prev_char(text, end);
    if (!prev || !g_utf8_strchr(closers, -1, g_utf8_get_char(prev)))
      break;
    end = prev;
  }
  if (end == text)
    return FALSE;
  const char *prev = g_utf8_find_prev_char(text, end);
  gunichar c = prev ? g_utf8_get_char(prev) : 0;
  return c && g_utf8_strchr(".!?;:\u3002\uff01\uff1f\uff1b\uff1a", -1, c) != NULL;
}

/* TRUE when TEXT holds a letter or digit; symbols (®, •, §) do not count,
 * so a run of them in another font does not cut a heading in two. */
static gboolean has_alnum(const char *text, guint len)
{
  const char *end = text + len;
  for (const char *p = text; p < end && *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char_validated(p, end - p);
    if (c == (gunichar)-1 || c == (gunichar)-2)
      return TRUE;
    if (g_unichar_isalnum(c))
      return TRUE;
  }
  return FALSE;
}

static gboolean starts_with_bullet(const char *text)
{
  static const char *const marks[] = {"\xe2\x80\xa2", "\xe2\x97\x8f", "\xe2\x97\xa6",
                                      "\xe2\x96\xaa", "\xe2\x96\xa0", "\xef\x82\xb7",
                                      "\xc2\xb7", "*", "o ", "- ", "\xe2\x80\x93 ",
                                      "\xe2\x80\x94 ", "\xe2\x9e\xa2"};
  for (size_t i = 0; i < G_N_ELEMENTS(marks); i++)
    if (g_str_has_prefix(text, marks[i]))
      return TRUE;
  return rsk_seg_starts_with_list_number(text);
}

gboolean rsk_seg_starts_with_list_number(const char *text)
{
  /* "(a) ", "(iv) " list markers. */
  if (text[0] == '(') {
    const char *p = text + 1;
    int n = 0;
    while (g_ascii_isalnum(*p) && n < 5) {
      p++;
      n++;
    }
    return n > 0 && *p == ')';
  }
  return FALSE;
}

static gboolean has_wide(const char *text, guint len)
{
  /* Wide characters start at U+2E80, whose UTF-8 lead byte is 0xE2; no
   * byte of a shorter character comes that high. */
  const char *end = text + len;
  for (const char *p = text; p < end && *p; p++)
    if ((guchar)*p >= 0xE2 && rsk_seg_is_wide(g_utf8_get_char(p)))
      return TRUE;
  return FALSE;
}

/* TRUE when classes A and B differ at most by font name. */
static gboolean same_look(const rsk_seg_doc *doc, guint a, guint b)
{
  const rsk_seg_class *x = &g_array_index(doc->classes, rsk_seg_class, a);
  const rsk_seg_class *y = &g_array_index(doc->classes, rsk_seg_class, b);
  return x->style == y->style && x->color == y->color && abs(x->half_points - y->half_points) <= 1;
}

/* Sets the leading style run of L from its spans. Chinese documents set
 * Latin letters and digits in a second font: inside a run of Chinese, a
 * run without Chinese characters that looks the same (weight, slant,
 * size, colour) continues it. */
static void measure_lead(rsk_seg_doc *doc, rsk_seg_line *l)
{
  const rsk_line *line = l->line;
  const char *text = line->text;
  l->lead_class = G_MAXUINT;
  l->lead_end = 0;
  l->whole = TRUE;
  gboolean lead_wide = FALSE;
  guint i = 0;
  for (; i < line->n_spans; i++) {
    const rsk_span *s = &g_array_index(doc->filing->spans, rsk_span, line->first_span + i);
    if (s->offset + s->length > l->text_len || !has_alnum(text + s->offset, s->length))
      continue;
    guint c = rsk_seg_class_of(doc, s);
    gboolean wide = has_wide(text + s->offset, s->length);
    if (l->lead_class == G_MAXUINT) {
      l->lead_class = c;
      lead_wide = wide;
    }
    if (c != l->lead_class && !(lead_wide && !wide && same_look(doc, c, l->lead_class))) {
      l->whole = FALSE;
      break;
    }
    l->lead_end = s->offset + s->length;
  }
  if (l->lead_class == G_MAXUINT) {
    l->lead_end = 0;
    return;
  }
  if (l->whole) {
    l->lead_end = l->text_len;
    return;
  }
  /* A full stop printed in roman after a bold heading belongs to it. */
  while (l->lead_end < l->text_len && strchr(".:;?!)\"'", text[l->lead_end]))
    l->lead_end++;
}

/* Width in points of TEXT's first word when printed like LINE. */
static float first_word_width(const rsk_line *line, guint len)
{
  const char *text = line->text;
  guint w = 0;
  if (rsk_seg_is_wide(g_utf8_get_char(text))) {
    /* Chinese breaks between any two characters: one character. */
    w = (guint)(g_utf8_next_char(text) - text);
  } else {
    while (text[w] && text[w] != ' ')
      w++;
  }
  float per_byte = len > 0 ? (line->x1 - line->x0) / (float)len : line->font_size / 2;
  return per_byte * (float)w;
}

/* Baseline distance that most consecutive lines of one page keep. */
static float usual_spacing(const rsk_seg_doc *doc)
{
  GArray *d = g_array_new(FALSE, FALSE, sizeof(float));
  for (guint i = 1; i < doc->lines->len; i++) {
    const rsk_line *a = g_array_index(doc->lines, rsk_seg_line, i - 1).line;
    const rsk_line *b = g_array_index(doc->lines, rsk_seg_line, i).line;
    float dy = b->y1 - a->y1;
    if (a->page == b->page && dy > 0.5f * b->font_size && dy < 3.0f * b->font_size)
      g_array_append_val(d, dy);
  }
  float result = 0;
  if (d->len > 0) {
    /* The mode, in quarter points. */
    GHashTable *counts = g_hash_table_new(g_direct_hash, g_direct_equal);
    int best = 0, best_n = 0;
    for (guint i = 0; i < d->len; i++) {
      int q = (int)lroundf(g_array_index(d, float, i) * 4);
      int n = GPOINTER_TO_INT(g_hash_table_lookup(counts, GINT_TO_POINTER(q))) + 1;
      g_hash_table_insert(counts, GINT_TO_POINTER(q), GINT_TO_POINTER(n));
      if (n > best_n) {
        best_n = n;
        best = q;
      }
    }
    g_hash_table_unref(counts);
    result = best / 4.0f;
  }
  g_array_unref(d);
  return result;
}

/* Left and right edges of the text column on each page: the extremes of
 * lines long enough to be full body lines. A page with none (a spill-over
 * page) borrows the edges of the nearest page before it that has some. */
static void column_edges(rsk_seg_doc *doc)
{
  int pages = 1;
  for (guint i = 0; i < doc->lines->len; i++)
    pages = MAX(pages, g_array_index(doc->lines, rsk_seg_line, i).line->page + 1);
  doc->left = g_new0(float, pages);
  doc->right = g_new0(float, pages);
  for (int p = 0; p < pages; p++)
    doc->left[p] = G_MAXFLOAT;
  for (guint i = 0; i < doc->lines->len; i++) {
    const rsk_line *line = g_array_index(doc->lines, rsk_seg_line, i).line;
    if (rsk_seg_word_count(line->text) >= 6) {
      doc->right[line->page] = MAX(doc->right[line->page], line->x1);
      doc->left[line->page] = MIN(doc->left[line->page], line->x0);
    }
  }
  float last_left = 0, last_right = 0;
  for (int p = 0; p < pages; p++) {
    if (doc->right[p] > 0) {
      last_left = doc->left[p];
      last_right = doc->right[p];
    } else {
      doc->left[p] = last_left;
      doc->right[p] = last_right;
    }
  }
}

gboolean rsk_seg_line_is_full(const rsk_seg_doc *doc, guint i)
{
  if (i + 1 >= doc->lines->len)
    return TRUE;
  const rsk_seg_line *l = &g_array_index(doc->lines, rsk_seg_line, i);
  const rsk_seg_line *n = &g_array_index(doc->lines, rsk_seg_line, i + 1);
  float size = MAX(n->line->font_size, 1.0f);
  float room = doc->right[l->line->page] - l->line->x1;
  return room <= first_word_width(n->line, n->text_len) + size * 0.8f;
}

static void mark_paragraphs(rsk_seg_doc *doc)
{
  doc->line_spacing = usual_spacing(doc);
  column_edges(doc);
  for (guint i = 0; i < doc->lines->len; i++) {
    rsk_seg_line *l = &g_array_index(doc->lines, rsk_seg_line, i);
    if (i == 0 || l->bullet) {
      l->para_start = TRUE;
      continue;
    }
    const rsk_seg_line *p = &g_array_index(doc->lines, rsk_seg_line, i - 1);
    const rsk_line *a = p->line, *b = l->line;
    float size = MAX(b->font_size, 1.0f);
    if (a->page == b->page) {
      float dy = b->y1 - a->y1;
      if (dy < -0.5f * size) {
        /* A new column, or a line out of order: judge by the short line. */
      } else if (doc->line_spacing > 0 && dy > doc->line_spacing * 1.3f &&
                 dy > size * 0.5f) {
        l->para_start = TRUE;
        continue;
      }
    }
    /* After a table cell far right in the column, a line back at the left
     * starts afresh (even on the next page). */
    {
      float left = doc->left[a->page], right = doc->right[a->page];
      if (right > left && a->x0 > left + 0.4f * (right - left) && b->x0 < a->x0 - 4 * size) {
        l->para_start = TRUE;
        continue;
      }
    }
    /* A first line indented against the lines around it. */
    if (i + 1 < doc->lines->len) {
      const rsk_seg_line *n = &g_array_index(doc->lines, rsk_seg_line, i + 1);
      if (n->line->page == b->page && !n->bullet && !p->bullet &&
          b->x0 > n->line->x0 + size * 0.8f &&
          (a->page != b->page || a->x0 <= n->line->x0 + size * 0.3f)) {
        l->para_start = TRUE;
        continue;
      }
    }
    /* The line above stopped short although this line's first word would
     * have fitted: the paragraph above ended there. */
    /* A sentence ended and a line in another style starts with a capital:
     * a heading after a paragraph that happened to fill its last line. */
    /* ... or, across a page break, a whole line in another style after a
     * table or a list whose last cell filled its line. */
    if ((rsk_seg_ends_sentence(a->text) || (a->page != b->page && l->whole)) &&
        p->lead_class != l->lead_class && rsk_seg_starts_like_sentence(b->text)) {
      l->para_start = TRUE;
      continue;
    }
    /* Chinese has no capitals to say a sentence starts, and its lines stop
     * short of the margin where a break would strand punctuation or a
     * number: there only a full stop or a change of style ends the
     * paragraph. */
    gboolean capital = rsk_seg_starts_like_sentence(b->text) && !rsk_seg_mostly_wide(b->text);
    if (!rsk_seg_line_is_full(doc, i - 1) && (rsk_seg_ends_sentence(a->text) || capital ||
                                              p->lead_class != l->lead_class))
      l->para_start = TRUE;
  }
}

/* TRUE when TEXT is nothing but a bullet glyph: some producers print the
 * bullets of a list as a column of their own, read before the items. */
static gboolean is_lone_bullet(const char *text)
{
  /* One character between white space, looked at alone (runs per line,
   * so without a copy of the line). */
  while (g_ascii_isspace(*text))
    text++;
  if (!*text)
    return FALSE;
  const char *end = g_utf8_next_char(text);
  for (const char *p = end; *p; p++)
    if (!g_ascii_isspace(*p))
      return FALSE;
  char one[8] = {0};
  if ((gsize)(end - text) >= sizeof one)
    return FALSE;
  memcpy(one, text, (gsize)(end - text));
  return starts_with_bullet(one);
}

/* TRUE when LINE sits on the baseline of a lone bullet left of it.
 * BULLETS are in page order; *FROM is the first one on LINE's page or
 * later, advanced as the lines go by (they are in page order too). */
static gboolean beside_lone_bullet(const GArray *bullets, guint *from, const rsk_line *line)
{
  while (*from < bullets->len &&
         g_array_index(bullets, const rsk_line *, *from)->page < line->page)
    (*from)++;
  for (guint k = *from; k < bullets->len; k++) {
    const rsk_line *b = g_array_index(bullets, const rsk_line *, k);
    if (b->page != line->page)
      break;
    if (fabsf(b->y1 - line->y1) < 1.5f && b->x1 <= line->x0 + 1.0f &&
        line->x0 - b->x1 < 40.0f)
      return TRUE;
  }
  return FALSE;
}

/* The key under which running headers and footers repeat: the text with
 * digits dropped ("Page 12" and "Page 13" agree). */
static char *repeat_key(const rsk_line *line)
{
  GString *key = g_string_new(NULL);
  for (const char *p = line->text; *p; p++)
    if (!g_ascii_isdigit(*p))
      g_string_append_c(key, *p);
  return g_string_free(key, FALSE);
}

/* TRUE when line I is among the first or last two lines of its page. */
static gboolean at_page_edge(const GArray *lines, guint i)
{
  int page = g_array_index(lines, rsk_line, i).page;
  int before = 0, after = 0;
  for (guint j = i; j-- > 0 && before < 2;) {
    if (g_array_index(lines, rsk_line, j).page != page)
      break;
    before++;
  }
  for (guint j = i + 1; j < lines->len && after < 2; j++) {
    if (g_array_index(lines, rsk_line, j).page != page)
      break;
    after++;
  }
  return before < 2 || after < 2;
}

/* A safety net under the reader's furniture flags: a short line that is
 * not a sentence, at the top or foot of three pages or more with the same
 * text (digits aside), or a short line with no letter (a page number), is
 * furniture too. */
static void find_furniture(rsk_seg_doc *doc)
{
  GArray *lines = doc->filing->lines;
  doc->furniture = g_new0(gboolean, lines->len + 1);
  gboolean *edge = g_new0(gboolean, lines->len + 1);
  /* key -> {pages seen, last page seen} */
  GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < lines->len; i++) {
    const rsk_line *line = &g_array_index(lines, rsk_line, i);
    /* Headers and footers are labels, not sentences. */
    if (!line->text || rsk_text_word_count(line->text) > 15 ||
        rsk_seg_ends_sentence(line->text) || !at_page_edge(lines, i))
      continue;
    edge[i] = TRUE;
    char *key = repeat_key(line);
    int *count = g_hash_table_lookup(seen, key);
    if (!count) {
      count = g_new0(int, 2);
      g_hash_table_insert(seen, key, count);
    } else {
      g_free(key);
    }
    if (count[1] != line->page) {
      count[0]++;
      count[1] = line->page;
    }
  }
  for (guint i = 0; i < lines->len; i++) {
    const rsk_line *line = &g_array_index(lines, rsk_line, i);
    gboolean letters = FALSE;
    for (const char *p = line->text ? line->text : ""; *p && !letters; p = g_utf8_next_char(p))
      letters = g_unichar_isalpha(g_utf8_get_char(p));
    doc->furniture[i] = (line->flags & RSK_LINE_FURNITURE) || !line->text ||
                        (!letters && strlen(line->text) <= 12);
    if (!doc->furniture[i] && edge[i]) {
      g_autofree char *key = repeat_key(line);
      const int *count = g_hash_table_lookup(seen, key);
      doc->furniture[i] = count && count[0] >= 3;
    }
  }
  g_hash_table_unref(seen);
  g_free(edge);
}

static void build_view(rsk_seg_doc *doc)
{
  GArray *lines = doc->filing->lines;
  find_furniture(doc);
  GArray *bullets = g_array_new(FALSE, FALSE, sizeof(const rsk_line *));
  for (guint i = 0; i < lines->len; i++) {
    const rsk_line *line = &g_array_index(lines, rsk_line, i);
    if (!(line->flags & RSK_LINE_FURNITURE) && line->text && is_lone_bullet(line->text))
      g_array_append_val(bullets, line);
  }
  guint from = 0;
  for (guint i = 0; i < lines->len; i++) {
    const rsk_line *line = &g_array_index(lines, rsk_line, i);
    if (doc->furniture[i] || !*line->text || is_lone_bullet(line->text))
      continue;
    rsk_seg_line l = {.line = line, .text_len = (guint)strlen(line->text)};
    measure_lead(doc, &l);
    l.numbered = rsk_seg_starts_with_list_number(line->text);
    l.bullet = starts_with_bullet(line->text) ||
               (bullets->len > 0 && beside_lone_bullet(bullets, &from, line));
    l.upper = rsk_text_is_upper(line->text);
    g_array_append_val(doc->lines, l);
  }
  g_array_unref(bullets);
  mark_paragraphs(doc);
}

/* Segments FILING; with VERDICTS, records what each line was. */
static void segment(rsk_filing *filing, guint8 *verdicts)
{
  rsk_seg_doc doc = {
    .filing = filing,
    .lines = g_array_new(FALSE, TRUE, sizeof(rsk_seg_line)),
    .classes = g_array_new(FALSE, TRUE, sizeof(rsk_seg_class)),
  };
  g_array_set_size(filing->risks, 0);
  g_array_set_size(filing->page_marks, 0);
  filing->risk_first_page = filing->risk_last_page = 0;

  build_view(&doc);
  gboolean found = rsk_seg_find_section(&doc);
  if (!found) {
    int page = rsk_seg_find_not_applicable(&doc);
    if (page)
      rsk_filing_flag(filing, "risk_section_not_applicable: page %d", page);
    else
      rsk_filing_flag(filing, "no_risk_section");
  } else {
    rsk_seg_find_headings(&doc);
    rsk_seg_split(&doc);
    rsk_seg_check(&doc);
  }
  if (verdicts) {
    const rsk_line *base = filing->lines->len
                               ? &g_array_index(filing->lines, rsk_line, 0) : NULL;
    for (guint i = 0; i < filing->lines->len; i++)
      verdicts[i] = RSK_SEG_SKIPPED;
    for (guint i = 0; i < doc.lines->len; i++) {
      const rsk_seg_line *l = &g_array_index(doc.lines, rsk_seg_line, i);
      guint8 v = RSK_SEG_OUTSIDE;
      if (found && i >= doc.first && i < doc.last) {
        static const guint8 by_role[] = {
          [RSK_ROLE_BODY] = RSK_SEG_BODY,
          [RSK_ROLE_HEADING] = RSK_SEG_HEADING,
          [RSK_ROLE_HEADING_MORE] = RSK_SEG_HEADING_MORE,
          [RSK_ROLE_SUBSECTION] = RSK_SEG_SUBSECTION,
          [RSK_ROLE_SUBSECTION_MORE] = RSK_SEG_SUBSECTION_MORE,
        };
        v = by_role[l->role];
      }
      verdicts[l->line - base] = v;
    }
  }
  g_array_unref(doc.lines);
  g_array_unref(doc.classes);
  g_free(doc.left);
  g_free(doc.right);
  g_free(doc.furniture);
}

void rsk_segment(rsk_filing *filing)
{
  segment(filing, NULL);
}

guint8 *rsk_segment_explain(rsk_filing *filing)
{
  guint8 *verdicts = g_new0(guint8, filing->lines->len + 1);
  segment(filing, verdicts);
  return verdicts;
}
