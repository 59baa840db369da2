/* units.c - paragraphs, sentences and list items of a risk factor's body
 *
 * Sentences are the unit of "S" evidence (LABELING.md: one sentence says
 * something specific), paragraphs the unit of "P" evidence. The splitter is
 * deliberately simple: a full stop, question or exclamation mark followed by
 * white space and an upper-case letter, digit, quote or bracket ends a
 * sentence, unless the word before it is an abbreviation ("U.S.", "Inc.",
 * "e.g.", the "v." of a case name, "No." of a circular, a month; also as the
 * last part of "EU-U.S.") - though "U.S.", "Inc." and the like still end one
 * before a word that opens sentences ("... in the U.S. In 2023 ...");
 * Chinese full-width 。！？； always end one; a bullet starts one.
 *
 * SPDX-License-Identifier: MIT
 */
#include "units.h"

#include <string.h>

static const char *const abbreviations[] = {
  "inc", "co", "corp", "ltd", "no", "nos", "e.g", "i.e", "etc", "vs", "v", "art", "arts",
  "mr", "ms", "dr", "st", "jr", "sec", "u.s", "u.k", "p.r.c", "s.a", "n.v", "b.v", "fig",
  "para", "approx", "l.p", "plc", "cf", "al", "ex", "pub", "stat", "reg", "regs", "rev",
  "u.s.c", "c.f.r", "cal", "civ", "dept", "govt", "jan", "feb", "mar", "apr", "jun",
  "jul", "aug", "sep", "sept", "oct", "nov", "dec", NULL,
};

/* Abbreviations that often end a sentence too ("... sold in the U.S. In
 * 2023, ..."): a full stop after them ends the sentence when the next word
 * is one that opens sentences. */
static const char *const final_abbreviations[] = {
  "u.s", "u.k", "p.r.c", "inc", "co", "corp", "ltd", "plc", "etc", "l.p", "s.a", "n.v", "al",
  NULL,
};

static const char *const sentence_openers[] = {
  "a", "an", "the", "in", "on", "at", "as", "if", "for", "we", "our", "it", "its", "this",
  "these", "those", "that", "there", "such", "any", "some", "certain", "many", "while",
  "although", "however", "further", "furthermore", "moreover", "additionally", "also",
  "accordingly", "consequently", "similarly", "likewise", "finally", "other", "each",
  "when", "since", "because", "to", "under", "during", "after", "before", NULL,
};

/* Whether the word before the full stop DOT, or its last hyphenated part
 * ("EU-U.S." is "U.S."), is one of LIST (or, with INITIALS, one capital). */
static gboolean is_abbreviation_at(const char *text, guint para_start, guint dot,
                                   const char *const *list, gboolean initials)
{
  guint w = dot;
  while (w > para_start && text[w - 1] != ' ' && text[w - 1] != '(' && text[w - 1] != '-' &&
         text[w - 1] != '/')
    w--;
  guint n = dot - w;
  if (n == 0)
    return FALSE;
  if (initials && n == 1 && g_ascii_isupper(text[w]))
    return TRUE;   /* an initial: "John F. Kennedy", "Section 1260H. A" is rare */
  for (const char *const *a = list; *a; a++) {
    if (strlen(*a) == n && g_ascii_strncasecmp(text + w, *a, n) == 0)
      return TRUE;
  }
  return FALSE;
}

/* The word at P (up to END) is one that opens sentences ("In", "The"). */
static gboolean is_opener(const char *p, const char *end)
{
  guint n = 0;
  while (p + n < end && g_ascii_isalpha(p[n]))
    n++;
  if (n == 0 || (p + n < end && p[n] != ' ' && p[n] != ','))
    return FALSE;
  for (const char *const *o = sentence_openers; *o; o++) {
    if (strlen(*o) == n && g_ascii_strncasecmp(p, *o, n) == 0)
      return TRUE;
  }
  return FALSE;
}

/* The full stop at DOT, followed by the word at NEXT, is not a sentence end
 * because it closes an abbreviation ("U.S. Department", "e.g. The"). */
static gboolean is_abbreviation(const char *text, guint para_start, guint dot, guint next,
                                guint para_end)
{
  if (!is_abbreviation_at(text, para_start, dot, abbreviations, TRUE))
    return FALSE;
  return !(is_abbreviation_at(text, para_start, dot, final_abbreviations, FALSE) &&
           is_opener(text + next, text + para_end));
}

static void add_unit(GArray *arr, guint start, guint end, guint paragraph)
{
  rsk_unit u = {start, end, paragraph};
  g_array_append_val(arr, u);
}

static gboolean starts_with(const char *p, const char *prefix)
{
  return strncmp(p, prefix, strlen(prefix)) == 0;
}

/* Splits the paragraph [PS, PE) into sentences. */
static void split_sentences(rsk_units *units, const char *text, guint ps, guint pe, guint para)
{
  guint start = ps;
  for (guint i = ps; i < pe; i++) {
    guint cut = 0;   /* end of the sentence (exclusive), 0 = no cut here */
    char c = text[i];
    if (c == '.' || c == '?' || c == '!') {
      guint j = i + 1;
      while (j < pe && (text[j] == '"' || text[j] == '\'' || text[j] == ')'))
        j++;
      if (j < pe && text[j] == ' ') {
        guint k = j;
        while (k < pe && text[k] == ' ')
          k++;
        unsigned char next = (unsigned char)text[k];
        gboolean opener = k < pe && (g_ascii_isupper(next) || g_ascii_isdigit(next) ||
                                     next == '"' || next == '(' || next == '[' ||
                                     next >= 0x80);
        if (opener && !(c == '.' && is_abbreviation(text, ps, i, k, pe)))
          cut = j;
      }
    } else if ((unsigned char)c >= 0xE2) {
      static const char *const enders[] = {"。", "！", "？", "；", NULL};
      for (const char *const *e = enders; *e && !cut; e++) {
        if (starts_with(text + i, *e))
          cut = i + (guint)strlen(*e);
      }
      if (!cut && starts_with(text + i, "•") && i > start) {
        add_unit(units->sentences, start, i, para);
        start = i;
      }
    }
    if (cut && cut > start) {
      add_unit(units->sentences, start, cut, para);
      start = cut;
      i = cut - 1;
    }
  }
  if (pe > start || start == ps)
    add_unit(units->sentences, start, pe, para);
}

void rsk_units_split(rsk_units *units, const char *body, guint len)
{
  units->paragraphs = g_array_new(FALSE, FALSE, sizeof(rsk_unit));
  units->sentences = g_array_new(FALSE, FALSE, sizeof(rsk_unit));
  guint start = 0;
  for (guint i = 0; i <= len; i++) {
    if (i < len && body[i] != '\n')
      continue;
    guint para = units->paragraphs->len;
    add_unit(units->paragraphs, start, i, para);
    split_sentences(units, body, start, i, para);
    start = i + 1;
  }
}

void rsk_units_clear(rsk_units *units)
{
  g_clear_pointer(&units->paragraphs, g_array_unref);
  g_clear_pointer(&units->sentences, g_array_unref);
}

guint rsk_units_sentence_at(const rsk_units *units, guint offset)
{
  guint lo = 0, hi = units->sentences->len;
  while (hi - lo > 1) {
    guint mid = (lo + hi) / 2;
    if (g_array_index(units->sentences, rsk_unit, mid).start <= offset)
      lo = mid;
    else
      hi = mid;
  }
  return lo;
}

/* Length of the separator at P (",", ";", "、", "，", "；"), or 0. */
static guint separator_at(const char *p)
{
  if (*p == ',' || *p == ';')
    return 1;
  static const char *const wide[] = {"、", "，", "；", NULL};
  for (const char *const *w = wide; *w; w++) {
    if (starts_with(p, *w))
      return (guint)strlen(*w);
  }
  return 0;
}

gboolean rsk_units_is_pointer(const char *text, guint start, guint end)
{
  static const char *const openers[] = {
    "see ", "see also ", "please see ", "please also see ", "refer to ", "please refer to ",
    "for more information, see ", "for a discussion", "for further discussion", NULL,
  };
  while (start < end && (text[start] == ' ' || text[start] == '(' || text[start] == '"'))
    start++;
  for (const char *const *o = openers; *o; o++) {
    gsize n = strlen(*o);
    if (end - start >= n && g_ascii_strncasecmp(text + start, *o, n) == 0)
      return TRUE;
  }
  return FALSE;
}

guint rsk_units_item_start(const char *text, guint ss, guint se, guint offset)
{
  guint item_start = ss;
  for (guint i = ss; i < se && i <= offset; i++) {
    guint sep = separator_at(text + i);
    if (sep || text[i] == ':')
      item_start = i + (sep ? sep : 1);
  }
  while (item_start < se && text[item_start] == ' ')
    item_start++;
  return item_start;
}

/* Words that open a clause, not an item of an enumeration: ", where our
 * offerings are limited by export controls," is a relative clause. */
static gboolean opens_clause(const char *p, const char *end)
{
  static const char *const words[] = {
    "where", "which", "who", "whom", "whose", "that", "when", "while", "although",
    "because", "if", "unless", "is", "are", "was", "were", "has", "have", "had", "may",
    "might", "could", "would", "will", "can", "should", "must", "we", "it", "they",
    "he", "she", "our", "its", "their", "this", "these", NULL,
  };
  while (p < end && *p == ' ')
    p++;
  guint n = 0;
  while (p + n < end && g_ascii_isalpha(p[n]))
    n++;
  for (const char *const *w = words; *w; w++) {
    if (strlen(*w) == n && g_ascii_strncasecmp(p, *w, n) == 0)
      return TRUE;
  }
  return FALSE;
}

/* Where the word after the first " and " or " or " of [FROM, TO) starts,
 * or 0 when there is none or the part opens with an adverb or a participle
 * (", adversely affecting our business and financial statements" modifies
 * the sentence: it is not "C and D"). */
static guint final_conjunction(const char *text, guint from, guint to)
{
  guint w = from, n = 0;
  while (w < to && text[w] == ' ')
    w++;
  while (w + n < to && g_ascii_isalpha(text[w + n]))
    n++;
  if ((n > 4 && g_ascii_strncasecmp(text + w + n - 2, "ly", 2) == 0) ||
      (n > 5 && g_ascii_strncasecmp(text + w + n - 3, "ing", 3) == 0))
    return 0;
  for (guint i = from; i + 4 <= to; i++) {
    if (i + 5 <= to && strncmp(text + i, " and ", 5) == 0)
      return i + 5;
    if (strncmp(text + i, " or ", 4) == 0)
      return i + 4;
  }
  return 0;
}

gboolean rsk_units_in_list(const char *text, guint ss, guint se, guint start, guint end)
{
  /* Cut the sentence into items at separators; remember where each item
   * starts and which one holds the match. A colon also opens a list
   * ("areas including: privacy; tax; ..."). */
  enum { MAX_ITEMS = 64, SHORT_ITEM = 50, MATCH_ITEM = 90 };
  guint starts[MAX_ITEMS + 1];
  guint n = 0, item_start = ss;
  for (guint i = ss; i <= se && n < MAX_ITEMS; i++) {
    guint sep = i < se ? separator_at(text + i) : 1;
    if (!sep && text[i] != ':')
      continue;
    starts[n++] = item_start;
    item_start = i + (sep ? sep : 1);
    i = item_start - 1;
  }
  starts[n] = MIN(item_start, se + 1);
  /* "A, B, C and D": the last part holds the last two items. */
  if (n >= 3 && n < MAX_ITEMS) {
    guint cut = final_conjunction(text, starts[n - 1], se);
    if (cut) {
      starts[n + 1] = starts[n];
      starts[n++] = cut;
    }
  }
  guint at = 0, last = 0;
  for (guint k = 0; k < n; k++) {
    if (start >= starts[k])
      at = k;
    if (end > starts[k])
      last = k;
  }
#define ITEM_LENGTH(k) (starts[(k) + 1] - 1 - starts[k])
  /* A match over several items is judged by the item it ends in, where
   * its subject word is: "laws relating to labour, data protection, tax"
   * ends in a short item. It holds the enumeration instead when it ends in
   * a long item ("restrictions on the hardware, software, and systems used
   * to develop frontier models") or in the last one ("our ability to
   * collect, use, transfer and share personal information"). */
  if (last > at) {
    if (ITEM_LENGTH(last) > SHORT_ITEM || last == n - 1)
      return FALSE;
    at = last;
  }
  /* The first item carries the sentence's start; a later one that opens a
   * clause is no item. */
  if (n < 4 || ITEM_LENGTH(at) > MATCH_ITEM ||
      (at > 0 && opens_clause(text + starts[at], text + starts[at + 1])))
    return FALSE;
  /* An enumeration is a run of short items: at least three short ones
   * among the match's item and its two neighbours on each side. */
  guint shorts = 0;
  for (guint k = at >= 2 ? at - 2 : 0; k < n && k <= at + 2; k++)
    shorts += ITEM_LENGTH(k) <= SHORT_ITEM ? 1 : 0;
#undef ITEM_LENGTH
  return shorts >= 3;
}
