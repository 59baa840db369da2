/* headings.c - which lines of the section are risk-factor and sub-section
 * headings
 *
 * A "block" is a run of lines at a paragraph start printed in one style
 * other than the body's (or in capitals): its first line starts a
 * paragraph, every line but the last is wholly in that style, and the last
 * one may stop part-way (a run-in heading, the rest of the line being
 * body). The heading style is chosen by evidence over the whole section:
 * the style whose blocks are most often sentences followed by body text,
 * or, where a filing heads its risks with topic titles ("COMPETITION",
 * "Limited Operating History"), the style holding clearly more of those.
 * Sub-section headings are then the short, non-sentence blocks directly
 * followed by a heading (or by another sub-section heading that is).
 *
 * SPDX-License-Identifier: MIT
 */
#include "segment_private.h"

#include "text.h"

#include <string.h>

#define CAPS_CLASS (G_MAXUINT - 1)
#define NO_CLASS G_MAXUINT
/* Blocks that open with a bullet are voted on apart from those that do
 * not: some filings bullet every risk heading ("* The Company's results
 * ..."), others bullet labels inside bodies in the heading's style. */
#define BULLETED (1u << 30)

typedef struct {
  guint start, end;        /* lines[start..end], inclusive */
  guint class_id;
  guint split;             /* bytes of the last line inside the block */
  char *text;
  int words;
  gboolean run_in;         /* body text follows on the block's last line */
  gboolean body_after;     /* body text follows (run-in or next line) */
  rsk_seg_role role;
} block;

static rsk_seg_line *line_at(rsk_seg_doc *doc, guint i)
{
  return &g_array_index(doc->lines, rsk_seg_line, i);
}

static void count_letters(rsk_seg_doc *doc)
{
  for (guint i = 0; i < doc->classes->len; i++)
    g_array_index(doc->classes, rsk_seg_class, i).chars = 0;
  for (guint i = doc->first; i < doc->last; i++) {
    const rsk_seg_line *l = line_at(doc, i);
    const rsk_line *line = l->line;
    for (guint k = 0; k < line->n_spans; k++) {
      const rsk_span *s = &g_array_index(doc->filing->spans, rsk_span, line->first_span + k);
      guint c = rsk_seg_class_of(doc, s);
      rsk_seg_class *cls = &g_array_index(doc->classes, rsk_seg_class, c);
      const char *end = line->text + MIN(s->offset + s->length, l->text_len);
      for (const char *p = line->text + s->offset; p < end && *p; p = g_utf8_next_char(p))
        if (g_unichar_isalpha(g_utf8_get_char(p)))
          cls->chars++;
    }
  }
  guint best = 0;
  for (guint i = 1; i < doc->classes->len; i++)
    if (g_array_index(doc->classes, rsk_seg_class, i).chars >
        g_array_index(doc->classes, rsk_seg_class, best).chars)
      best = i;
  doc->body_class = best;
  if (doc->classes->len > 0)
    doc->body_size = g_array_index(doc->classes, rsk_seg_class, best).half_points / 2.0f;
}

/* The class a block starting at L would have, or NO_CLASS. A row of a
 * table of figures, as the reader marks it, is body text whatever its
 * style. */
static guint block_class(const rsk_seg_doc *doc, const rsk_seg_line *l)
{
  if (l->lead_class == NO_CLASS || (l->line->flags & RSK_LINE_FIGURES))
    return NO_CLASS;
  if (l->lead_class != doc->body_class)
    return l->lead_class;
  if (l->upper && l->whole && rsk_seg_word_count(l->line->text) <= 20)
    return CAPS_CLASS;
  return NO_CLASS;
}

static gboolean continues_block(const rsk_seg_doc *doc, guint i, guint class_id,
                                const GString *text)
{
  const rsk_seg_line *prev = line_at((rsk_seg_doc *)doc, i);
  const rsk_seg_line *next = line_at((rsk_seg_doc *)doc, i + 1);
  if (!prev->whole || next->bullet || block_class(doc, next) != (class_id & ~BULLETED))
    return FALSE;
  /* A wrapped line is full; a short one followed by more of the same
   * style is a table cell or a list of titles. But an unfinished sentence
   * carries on where the next line cannot start one: a heading broken by
   * hand before the margin ("... tax attributes to" / "offset future
   * income."), or a Chinese line stopped short (a break may not strand
   * punctuation or split a number). */
  gboolean unfinished = !rsk_seg_ends_sentence(text->str) &&
                        (rsk_seg_mostly_wide(prev->line->text) ||
                         g_unichar_islower(g_utf8_get_char(next->line->text)));
  if (next->line->page == prev->line->page && !rsk_seg_line_is_full(doc, i) && !unfinished)
    return FALSE;
  /* A line far right of the column's left edge is a table cell: what
   * follows, even on the next page, does not continue it. */
  float left = doc->left[prev->line->page], right = doc->right[prev->line->page];
  if (right > left && prev->line->x0 > left + 0.4f * (right - left))
    return FALSE;
  if (class_id == CAPS_CLASS && !next->upper)
    return FALSE;
  if (next->line->page != prev->line->page)
    return !rsk_seg_ends_sentence(text->str);
  return !next->para_start;
}

static GArray *find_blocks(rsk_seg_doc *doc)
{
  GArray *blocks = g_array_new(FALSE, TRUE, sizeof(block));
  for (guint i = doc->first; i < doc->last; i++) {
    rsk_seg_line *l = line_at(doc, i);
    guint c = block_class(doc, l);
    /* A bullet in a style of its own (or a numbered item) may open a risk
     * heading: the vote below decides. Bullets in the body's style, or in
     * its capitals, are list items. */
    if (c == NO_CLASS || (l->bullet && !l->numbered && c == CAPS_CLASS))
      continue;
    gboolean bulleted = l->bullet && !l->numbered;
    if (bulleted)
      c |= BULLETED;
    if (!l->para_start && i > doc->first) {
      /* Directly under a line of another style that fills it (a
       * sub-section title printed without extra space). */
      rsk_seg_line *p = line_at(doc, i - 1);
      if (!p->whole || block_class(doc, p) == NO_CLASS || block_class(doc, p) == (c & ~BULLETED))
        continue;
    }
    GString *text = g_string_new(NULL);
    guint j = i;
    for (;;) {
      rsk_seg_line *cur = line_at(doc, j);
      g_autofree char *part = g_strndup(cur->line->text, cur->lead_end);
      rsk_seg_append_line(text, part);
      if (j + 1 >= doc->last || !continues_block(doc, j, c, text))
        break;
      j++;
    }
    rsk_seg_line *last = line_at(doc, j);
    block b = {
      .start = i,
      .end = j,
      .class_id = c,
      .split = last->lead_end,
      .words = rsk_seg_word_count(text->str),
      .run_in = !last->whole,
    };
    g_strstrip(text->str);
    b.text = g_string_free(text, FALSE);
    if (b.run_in) {
      b.body_after = TRUE;
    } else if (j + 1 < doc->last) {
      const rsk_seg_line *n = line_at(doc, j + 1);
      /* A numbered line in a style of its own is the next heading, and so
       * is a bullet in the style of a bulleted block. */
      guint next_class = block_class(doc, n);
      b.body_after = next_class == NO_CLASS ||
                     (n->bullet && !n->numbered &&
                      !(bulleted && next_class == (c & ~BULLETED)));
    }
    g_array_append_val(blocks, b);
    i = j;
  }
  return blocks;
}

static gboolean ends_with_colon(const char *text)
{
  size_t n = strlen(text);
  while (n > 0 && text[n - 1] == ' ')
    n--;
  return n > 0 && text[n - 1] == ':';
}

/* TRUE for the titles that group risk factors or open a part of the
 * section rather than state a risk: "Risks Related to Our Business",
 * "General Risks", "Summary of Risk Factors", a forward-looking note. */
static gboolean names_a_group(const char *text)
{
  g_autofree char *lower = g_utf8_strdown(text, -1);
  g_strstrip(lower);
  static const char *const inside[] = {"risks related", "risks relating", "risks associated",
                                       "risks concerning", "risks regarding", "risks specific",
                                       "risks pertaining", "risks arising", "forward-looking",
                                       "forward looking", "risk factors"};
  for (size_t i = 0; i < G_N_ELEMENTS(inside); i++)
    if (strstr(lower, inside[i]))
      return TRUE;
  return g_str_has_prefix(lower, "summary") || g_str_has_suffix(lower, " risks");
}

/* A label ("AI:", "Foreign Currency Exchange:") ends in a colon; so may a
 * heading that introduces a list ("We are also subject to other risks and
 * uncertainties, including:"), which is a whole clause, unlike a summary's
 * "Risks related to wildfires, including risks related to:". */
static gboolean is_label(const block *b)
{
  return ends_with_colon(b->text) && (b->words < 8 || names_a_group(b->text));
}

static gboolean sentence_like(const block *b)
{
  if (b->words < 4 || is_label(b) || rsk_seg_is_section_title(b->text))
    return FALSE;
  return rsk_seg_ends_sentence(b->text) || b->words >= 10;
}

static gboolean mostly_letters(const char *text)
{
  int letters = 0, digits = 0;
  for (const char *p = text; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    letters += g_unichar_isalpha(c) != 0;
    digits += g_unichar_isdigit(c) != 0;
  }
  return letters >= 4 && letters > 3 * digits;
}

/* A sub-section title is kept with what follows it: on the same page. */
static gboolean subsection_like(rsk_seg_doc *doc, const block *b, const block *next)
{
  return !b->run_in && b->words >= 1 && b->words <= 20 && mostly_letters(b->text) &&
         !rsk_seg_ends_sentence(b->text) && !rsk_seg_is_section_title(b->text) &&
         line_at(doc, b->end)->line->page == line_at(doc, next->start)->line->page;
}

/* TRUE for "Risks Related to Owning Our Common Stock": every word but the
 * small ones capitalised, as titles are and sentences are not. */
static gboolean title_case(const char *text)
{
  static const char *const small[] = {"a", "an", "the", "and", "or", "of", "to", "in",
                                      "on", "for", "with", "by", "at", "from", "as",
                                      "our", "its", "vs", "into", "upon", "nor"};
  g_auto(GStrv) words = g_strsplit(text, " ", -1);
  int capital = 0;
  for (guint i = 0; words[i]; i++) {
    const char *w = words[i];
    while (*w && !g_ascii_isalpha(*w))
      w++;
    if (!*w)
      continue;
    gboolean is_small = FALSE;
    for (size_t k = 0; k < G_N_ELEMENTS(small); k++)
      is_small |= g_ascii_strcasecmp(w, small[k]) == 0;
    if (g_ascii_isupper(*w))
      capital += !is_small || i == 0;
    else if (!is_small)
      return FALSE;
  }
  return capital >= 2;
}

/* Risk headings start at the left of the column (a first-line indent
 * allowed), not in the middle of a table. */
static gboolean at_left(rsk_seg_doc *doc, const block *b)
{
  const rsk_line *line = line_at(doc, b->start)->line;
  float left = doc->left[line->page], right = doc->right[line->page];
  return right <= left || line->x0 <= left + 0.25f * (right - left);
}

/* TRUE when a bullet follows block B: the block titles a list (a summary's
 * group of headings restated as bullets), it does not open a risk. */
static gboolean bullets_follow(rsk_seg_doc *doc, const block *b)
{
  if (b->run_in || b->end + 1 >= doc->last)
    return FALSE;
  const rsk_seg_line *n = line_at(doc, b->end + 1);
  return n->bullet && !n->numbered && block_class(doc, n) != (b->class_id & ~BULLETED);
}

/* A topic title: a few words set as a title (capitals or capitalised
 * words, "COMPETITION", "Limited Operating History"), not a sentence, not
 * a group's or a part's name, at the left, with body text after it. Some
 * filings head every risk factor so. */
static gboolean topic_like(rsk_seg_doc *doc, const block *b)
{
  if (b->run_in || !b->body_after || b->words < 1 || b->words > 12 ||
      ends_with_colon(b->text) || !mostly_letters(b->text) ||
      rsk_seg_is_section_title(b->text) || names_a_group(b->text) || !at_left(doc, b) ||
      bullets_follow(doc, b))
    return FALSE;
  /* A full stop after a short title ("Competition.") is allowed. */
  if (rsk_seg_ends_sentence(b->text) && (b->words > 6 || !g_str_has_suffix(b->text, ".")))
    return FALSE;
  gboolean capital = g_unichar_isupper(g_utf8_get_char(b->text));
  return rsk_text_is_upper(b->text) || title_case(b->text) || (b->words == 1 && capital);
}

typedef enum {
  MODE_SENTENCES,  /* headings are sentences; a few titles may join them */
  MODE_TOPICS,     /* headings are topic titles */
} heading_mode;

/* The heading class: the class whose blocks are most often sentences
 * followed by body, unless another class holds clearly more topic titles
 * followed by body (then MODE_TOPICS). NO_CLASS when neither kind holds
 * enough blocks. */
static guint heading_class(rsk_seg_doc *doc, const GArray *blocks, heading_mode *mode)
{
  GHashTable *sentences = g_hash_table_new(g_direct_hash, g_direct_equal);
  GHashTable *topics = g_hash_table_new(g_direct_hash, g_direct_equal);
  guint best_s = NO_CLASS, best_t = NO_CLASS;
  int score_s = 0, score_t = 0;
  for (guint k = 0; k < blocks->len; k++) {
    const block *b = &g_array_index(blocks, block, k);
    gboolean sentence = sentence_like(b) && b->body_after;
    gboolean topic = !sentence && topic_like(doc, b);
    if (!sentence && !topic)
      continue;
    GHashTable *votes = sentence ? sentences : topics;
    gpointer key = GUINT_TO_POINTER(b->class_id + 1);
    int n = GPOINTER_TO_INT(g_hash_table_lookup(votes, key)) + 1;
    g_hash_table_insert(votes, key, GINT_TO_POINTER(n));
    if (sentence && n > score_s) {
      score_s = n;
      best_s = b->class_id;
    } else if (topic && n > score_t) {
      score_t = n;
      best_t = b->class_id;
    }
  }
  g_hash_table_unref(sentences);
  g_hash_table_unref(topics);
  if (score_t >= 3 && score_t >= 2 * score_s) {
    *mode = MODE_TOPICS;
    return best_t;
  }
  *mode = MODE_SENTENCES;
  return score_s >= 2 ? best_s : NO_CLASS;
}

static void assign_roles(rsk_seg_doc *doc, GArray *blocks, guint hclass, heading_mode mode)
{
  /* From the last block back, since a sub-section is known by what
   * follows it. */
  for (guint k = blocks->len; k-- > 0;) {
    block *b = &g_array_index(blocks, block, k);
    const block *next = k + 1 < blocks->len ? &g_array_index(blocks, block, k + 1) : NULL;
    gboolean next_adjacent = next && next->start == b->end + 1;
    gboolean next_opens = next_adjacent &&
                          (next->role == RSK_ROLE_HEADING || next->role == RSK_ROLE_SUBSECTION);
    b->role = RSK_ROLE_BODY;
    /* A title (not a sentence) in the heading style opens a risk only when
     * body text follows it: short Title Case headings ("We Face Intense
     * Competition") are risks, a group title or a summary's list title is
     * not. */
    gboolean title = title_case(b->text) && !rsk_seg_ends_sentence(b->text) &&
                     b->words <= 20;
    gboolean title_risk = !title || next_opens ||
                          (b->body_after && !bullets_follow(doc, b) && !names_a_group(b->text));
    /* Topic titles are headings where the filing heads its risks so, and
     * one- or two-word ones ("Competition") may join sentence headings. */
    gboolean heads_a_group = next_opens && subsection_like(doc, b, next);
    gboolean long_enough = b->words >= 3 || topic_like(doc, b);
    if (mode == MODE_TOPICS && !topic_like(doc, b) && !(sentence_like(b) && b->body_after))
      long_enough = FALSE;
    if (b->class_id == hclass && heads_a_group && !b->body_after && (b->words <= 12 || title)) {
      b->role = RSK_ROLE_SUBSECTION;
    } else if (b->class_id == hclass && long_enough && !is_label(b) &&
               !rsk_seg_is_section_title(b->text) && at_left(doc, b) && title_risk) {
      b->role = RSK_ROLE_HEADING;
    } else if (b->class_id != hclass && heads_a_group) {
      b->role = RSK_ROLE_SUBSECTION;
    }
  }
  for (guint k = 0; k < blocks->len; k++) {
    const block *b = &g_array_index(blocks, block, k);
    if (b->role == RSK_ROLE_BODY)
      continue;
    gboolean heading = b->role == RSK_ROLE_HEADING;
    for (guint i = b->start; i <= b->end; i++) {
      rsk_seg_line *l = line_at(doc, i);
      if (i == b->start)
        l->role = heading ? RSK_ROLE_HEADING : RSK_ROLE_SUBSECTION;
      else
        l->role = heading ? RSK_ROLE_HEADING_MORE : RSK_ROLE_SUBSECTION_MORE;
      l->split = i == b->end ? b->split : l->text_len;
    }
  }
}

/* The end of the paragraph starting at line I: the next paragraph's
 * first line, or doc->last. */
static guint paragraph_end(rsk_seg_doc *doc, guint i)
{
  guint j = i + 1;
  while (j < doc->last && !line_at(doc, j)->para_start)
    j++;
  return j;
}

static char *paragraph_text(rsk_seg_doc *doc, guint start, guint end)
{
  GString *text = g_string_new(NULL);
  for (guint i = start; i < end; i++)
    rsk_seg_append_line(text, line_at(doc, i)->line->text);
  return g_string_free(text, FALSE);
}

/* A paragraph that can head a risk where nothing but layout tells headings
 * apart: one to three lines, a clause of 4 to 30 words opening like a
 * sentence and not closed like one, not a list item. */
static gboolean plain_heading_like(rsk_seg_doc *doc, guint start, guint end, const char *text)
{
  int words = rsk_seg_word_count(text);
  gsize len = strlen(text);
  return end - start <= 3 && words >= 4 && words <= 30 && len > 0 &&
         !rsk_seg_ends_sentence(text) && !strchr(",-", text[len - 1]) &&
         rsk_seg_starts_like_sentence(text) && !line_at(doc, start)->bullet &&
         !rsk_seg_is_section_title(text) && mostly_letters(text);
}

/* Filings printed without any type style (plain-text EDGAR filings of the
 * 1990s and 2000s wrapped in HTML) set a risk's heading apart by its shape
 * alone: a short unpunctuated paragraph between paragraphs of prose. Used
 * only when no style sets headings apart, and only when the section holds
 * at least three such paragraphs each followed by a prose paragraph. */
static void find_plain_headings(rsk_seg_doc *doc)
{
  GArray *found = g_array_new(FALSE, FALSE, sizeof(guint) * 2);
  gboolean prose_before = TRUE;
  /* The paragraph after a heading-like one, read to judge it, is the next
   * one the loop reads: kept, not built again. */
  char *ahead = NULL;
  guint ahead_end = 0;
  for (guint i = doc->first; i < doc->last;) {
    guint end = ahead ? ahead_end : paragraph_end(doc, i);
    char *text = ahead ? g_steal_pointer(&ahead) : paragraph_text(doc, i, end);
    if (prose_before && end < doc->last && plain_heading_like(doc, i, end, text)) {
      guint next_end = paragraph_end(doc, end);
      char *next = paragraph_text(doc, end, next_end);
      /* A heading whose second line was taken for a new paragraph (the
       * first ended short of the margin) goes on in it. */
      if (next_end - i <= 3 && plain_heading_like(doc, end, next_end, next)) {
        g_autofree char *joined = paragraph_text(doc, i, next_end);
        if (plain_heading_like(doc, i, next_end, joined) && next_end < doc->last) {
          g_free(text);
          text = g_strdup(joined);
          end = next_end;
          g_free(next);
          next_end = paragraph_end(doc, end);
          next = paragraph_text(doc, end, next_end);
        }
      }
      /* Prose follows: a paragraph of eight words or more that is no
       * heading itself. */
      if (rsk_seg_word_count(next) >= 8 && !plain_heading_like(doc, end, next_end, next)) {
        guint span[2] = {i, end};
        g_array_append_val(found, span);
      }
      ahead = next;
      ahead_end = next_end;
    }
    prose_before = rsk_seg_ends_sentence(text);
    g_free(text);
    i = end;
  }
  g_free(ahead);
  for (guint k = 0; found->len >= 3 && k < found->len; k++) {
    const guint *span = &g_array_index(found, guint, k * 2);
    for (guint i = span[0]; i < span[1]; i++) {
      rsk_seg_line *l = line_at(doc, i);
      l->role = i == span[0] ? RSK_ROLE_HEADING : RSK_ROLE_HEADING_MORE;
      l->split = l->text_len;
    }
  }
  g_array_unref(found);
}

void rsk_seg_find_headings(rsk_seg_doc *doc)
{
  count_letters(doc);
  GArray *blocks = find_blocks(doc);
  heading_mode mode;
  guint hclass = heading_class(doc, blocks, &mode);
  if (hclass != NO_CLASS)
    assign_roles(doc, blocks, hclass, mode);
  else
    find_plain_headings(doc);
  for (guint k = 0; k < blocks->len; k++)
    g_free(g_array_index(blocks, block, k).text);
  g_array_unref(blocks);
}
