/* section_bounds.c - where the Risk Factors section starts and ends
 *
 * A start is a line that is nothing but the section's title: "Item 1A.
 * Risk Factors", "Item 3.D Risk Factors", "D. Risk Factors", "RISK
 * FACTORS". Requiring the whole line rules out cross-references ("see Item
 * 1A. Risk Factors"), contents lines with dot leaders or page numbers, and
 * "Summary of Risk Factors". An end is the next top-level title: another
 * Item, a PART, or a named section of a prospectus (FORWARD-LOOKING
 * STATEMENTS, USE OF PROCEEDS, INDUSTRY OVERVIEW, ...), printed in capitals
 * or bold and allowed a trailing page number, so that a contents page's
 * entries end each other. Every start gets the range up to the next end or
 * start; the range holding the most words is the section (a contents entry
 * or a summary's "RISK FACTORS" paragraph holds few). An earlier start
 * whose short range runs straight into the chosen one (a 10-K's "Item 1A"
 * line above a second "Risk Factors" title) is taken in as its opening.
 *
 * SPDX-License-Identifier: MIT
 */
#include "segment_private.h"

#include "text.h"

#include <math.h>
#include <string.h>

static GRegex *start_re, *item_re, *title_re, *split_item_re;

static void compile_patterns(void)
{
  static gsize done = 0;
  if (!g_once_init_enter(&done))
    return;
  const GRegexCompileFlags f = G_REGEX_CASELESS | G_REGEX_OPTIMIZE;
  start_re = g_regex_new(
      "^\\s*(?:part\\s+i{1,2}\\s*[-,.:–—]?\\s*)?"
      "(?:item\\s*(?:1\\s*a|3\\s*\\.?\\s*d)\\s*[-.:–—]?\\s*|d\\s*\\.\\s*)?"
      "[\"']?risk\\s+factors[\"']?\\s*\\.?\\s*$"
      /* the Chinese version: traditional and simplified */
      "|^\\s*[風风][險险]因素\\s*$",
      f, 0, NULL);
  /* "Item 1A." alone: the title may follow on the next line. */
  split_item_re = g_regex_new("^\\s*item\\s*(?:1\\s*a|3\\s*\\.?\\s*d)\\s*[.:]?\\s*$",
                              f, 0, NULL);
  item_re = g_regex_new(
      "^\\s*(?:(?i:part)\\s+(?i:[iv]{1,3})\\s*[-,.:–—]?\\s*)?(?i:item)\\s*\\d{1,2}\\s*[a-dA-D]?"
      "(?:\\s*\\.\\s*[a-dA-D])?\\s*(?:[.,:–—-]|\\s|$)\\s*(?:[A-Z0-9\"']|$)",
      G_REGEX_OPTIMIZE, 0, NULL);
  title_re = g_regex_new(
      "^\\s*(?:part\\s+[iv]{1,3}\\b.*"
      "|unresolved\\s+staff\\s+comments"
      "|cybersecurity"
      "|(?:special\\s+|cautionary\\s+)?(?:note|statement)s?\\s+regarding\\s+forward[- ]looking\\s+statements"
      "|forward[- ]looking\\s+statements"
      "|(?:future\\s+plans\\s+and\\s+)?use\\s+of\\s+proceeds"
      "|dividend\\s+policy|dividends|capitali[sz]ation|dilution"
      "|industry\\s+overview|regulatory\\s+overview|regulations?|regulatory\\s+environment"
      "|overview\\s+of\\s+(?:prc\\s+)?laws\\s+and\\s+regulations"
      "|history(?:,|\\s+and)?\\s+(?:development|reorgani[sz]ation)?.*corporate\\s+structure"
      "|business|our\\s+business|definitions|glossary(?:\\s+of\\s+technical\\s+terms)?"
      "|waivers?\\s+from\\s+strict\\s+compliance.*"
      "|information\\s+about\\s+this\\s+(?:document|prospectus).*"
      "|directors\\s+and\\s+parties\\s+involved.*|corporate\\s+information"
      "|the\\s+offering|summary|expected\\s+timetable|contents|table\\s+of\\s+contents"
      "|selected\\s+(?:consolidated\\s+)?financial\\s+data"
      "|management'?s\\s+discussion\\s+and\\s+analysis.*"
      "|financial\\s+information|share\\s+capital|underwriting"
      "|relationship\\s+with\\s+(?:our\\s+)?controlling\\s+shareholders?"
      "|connected\\s+transactions|directors\\s+and\\s+senior\\s+management"
      "|substantial\\s+shareholders|cornerstone\\s+investors"
      "|market\\s+(?:price|information).*|legal\\s+proceedings|properties"
      /* Hong Kong documents' Chinese versions, traditional and simplified */
      "|概要|[釋释]義|[释釋]义|技[術术][詞词][彙汇]表|前[瞻][性][陳陈][述]"
      "|[預预]期[時时][間间]表|目[錄录]|[行][業业]概[覽览]|[監监]管概[覽览]"
      "|[業业][務务]|[財财][務务][資资]料|股本|未[來来][計计][劃划].*"
      "|[歷历]史.*公司[架][構构]|[與与]控股股[東东]的[關关]系|[關关][連联]交易"
      "|[董][事]及[高][級级]管理[層层]|主要股[東东]|基石投[資资]者"
      "|[豁][免].*|有[關关]本文件.*|[董][事]及[參参][與与].*|公司[資资]料|[釋释][義义])"
      "(?:\\s*(?:[.…]\\s*){2,}(?:\\d+|[ivxlc]+)|\\s+(?:\\d+|[ivxlc]+))?\\s*$",
      f, 0, NULL);
  g_once_init_leave(&done, 1);
}

gboolean rsk_seg_is_section_title(const char *text)
{
  compile_patterns();
  if (g_regex_match(start_re, text, 0, NULL))
    return TRUE;
  g_autofree char *key = rsk_text_key(text);
  return strcmp(key, "summaryofriskfactors") == 0 ||
         strcmp(key, "riskfactorssummary") == 0 ||
         strcmp(key, "summaryriskfactors") == 0 ||
         strcmp(key, "riskfactorsummary") == 0;
}

static gboolean is_start(const rsk_seg_doc *doc, guint i)
{
  const rsk_seg_line *l = &g_array_index(doc->lines, rsk_seg_line, i);
  if (g_regex_match(start_re, l->line->text, 0, NULL))
    return TRUE;
  /* "Item 1A." and "Risk Factors" printed as two lines (or two cells). */
  if (i + 1 < doc->lines->len && g_regex_match(split_item_re, l->line->text, 0, NULL)) {
    const rsk_seg_line *n = &g_array_index(doc->lines, rsk_seg_line, i + 1);
    g_autofree char *key = rsk_text_key(n->line->text);
    return n->line->page == l->line->page && strcmp(key, "riskfactors") == 0;
  }
  return FALSE;
}

/* Bold or capitals; Chinese has no capitals, and synthetic bold leaves
 * no trace in a font's name, so a caseless line may be a title too. */
static gboolean looks_like_title(const rsk_seg_line *l)
{
  return (l->line->style & RSK_STYLE_BOLD) || l->upper || rsk_seg_caseless(l->line->text);
}

/* A contents entry: words, then four or more dot leaders, then a page
 * number (arabic or roman). Read backwards from the end in C: a regex with
 * a leading ".*" is quadratic on the very long lines some PDFs have. */
static gboolean is_contents_entry(const char *text)
{
  const char *p = text + strlen(text);
  while (p > text && g_ascii_isspace(p[-1]))
    p--;
  const char *number_end = p;
  while (p > text && (g_ascii_isdigit(p[-1]) || strchr("ivxlc", p[-1])))
    p--;
  if (p == number_end)
    return FALSE;
  int dots = 0;
  while (p > text && (p[-1] == '.' || g_ascii_isspace(p[-1])))
    dots += *--p == '.';
  if (dots < 4)
    return FALSE;
  for (const char *q = text; q < p; q++)
    if (g_ascii_isalpha(*q))
      return TRUE;
  return FALSE;
}

static gboolean is_end(const rsk_seg_doc *doc, guint i)
{
  const rsk_seg_line *l = &g_array_index(doc->lines, rsk_seg_line, i);
  const char *text = l->line->text;
  if (is_contents_entry(text))
    return TRUE;
  if (rsk_seg_word_count(text) > 16)
    return FALSE;
  if (g_regex_match(item_re, text, 0, NULL)) {
    /* Not the section's own "Item 1A" (a 10-Q repeats it in Part II). */
    g_autofree char *key = rsk_text_key(text);
    if (g_str_has_prefix(key, "item1a") || g_str_has_prefix(key, "item3d"))
      return FALSE;
    return looks_like_title(l) ||
           (l->para_start && rsk_seg_word_count(text) <= 10 &&
            !rsk_seg_ends_sentence(text));
  }
  return looks_like_title(l) && l->para_start && g_regex_match(title_re, text, 0, NULL);
}

typedef struct {
  guint first;   /* first line of the section's text */
  guint end;     /* first line after the range */
  int title_page;
  int words;
} range;

/* Running headers that name a section, by page: in Hong Kong documents
 * the header repeats the section's name on every page, and the section's
 * own title is one of them (so flagged as furniture). */
typedef struct {
  gboolean *risk;   /* "RISK FACTORS" */
  gboolean *other;  /* another section's name */
  int pages;
} page_headers;

/* "Table of Contents", "PART I", "Item 1A" in a running header name no
 * section of their own. */
static gboolean names_a_section(const char *text)
{
  g_autofree char *key = rsk_text_key(text);
  return !g_str_has_prefix(key, "part") && !g_str_has_prefix(key, "item") &&
         !g_str_has_prefix(key, "tableofcontents") && !g_str_has_prefix(key, "contents");
}

static void read_headers(const rsk_seg_doc *doc, page_headers *h)
{
  GArray *lines = doc->filing->lines;
  h->pages = 1;
  for (guint i = 0; i < lines->len; i++)
    h->pages = MAX(h->pages, g_array_index(lines, rsk_line, i).page + 2);
  h->risk = g_new0(gboolean, h->pages);
  h->other = g_new0(gboolean, h->pages);
  for (guint i = 0; i < lines->len; i++) {
    const rsk_line *line = &g_array_index(lines, rsk_line, i);
    if (!doc->furniture[i] || !line->text)
      continue;
    if (g_regex_match(start_re, line->text, 0, NULL))
      h->risk[line->page] = TRUE;
    else if ((line->style & RSK_STYLE_BOLD || rsk_text_is_upper(line->text) ||
              rsk_seg_caseless(line->text)) &&
             g_regex_match(title_re, line->text, 0, NULL) && names_a_section(line->text))
      h->other[line->page] = TRUE;
  }
}

/* Extends R from R->first to the next end, start or page headed by another
 * section. */
static void extend(const rsk_seg_doc *doc, const gboolean *starts,
                   const page_headers *h, range *r)
{
  guint n = doc->lines->len;
  guint j = r->first;
  for (; j < n; j++) {
    const rsk_seg_line *l = &g_array_index(doc->lines, rsk_seg_line, j);
    if (j > r->first && (starts[j] || is_end(doc, j)))
      break;
    if (l->line->page > r->title_page && h->other[l->line->page])
      break;
    r->words += rsk_seg_word_count(l->line->text);
  }
  r->end = j;
}

/* A title printed again at the same height on later pages is a running
 * header the furniture pass did not catch, not a new start. */
static void drop_repeated_titles(const rsk_seg_doc *doc, gboolean *starts)
{
  guint n = doc->lines->len;
  for (guint i = 0; i < n; i++) {
    if (!starts[i])
      continue;
    const rsk_line *a = g_array_index(doc->lines, rsk_seg_line, i).line;
    for (guint j = i + 1; j < n; j++) {
      const rsk_line *b = g_array_index(doc->lines, rsk_seg_line, j).line;
      if (starts[j] && b->page > a->page && fabsf(b->y1 - a->y1) < 3.0f &&
          strcmp(a->text, b->text) == 0)
        starts[j] = FALSE;
    }
  }
}

/* TRUE when a title line sits on the page of line I: a running header
 * that repeats the title is then not the start. */
static gboolean start_on_page(const rsk_seg_doc *doc, const gboolean *starts, guint i)
{
  int page = g_array_index(doc->lines, rsk_seg_line, i).line->page;
  for (guint j = i; j < doc->lines->len; j++) {
    if (g_array_index(doc->lines, rsk_seg_line, j).line->page != page)
      break;
    if (starts[j])
      return TRUE;
  }
  return FALSE;
}

/* TRUE when line I is the first line of the first page of a run of pages
 * whose running header is the section's title (and no title line is on
 * that page). */
static gboolean header_start(const rsk_seg_doc *doc, const page_headers *h,
                             const gboolean *starts, guint i)
{
  int page = g_array_index(doc->lines, rsk_seg_line, i).line->page;
  gboolean first_on_page =
      i == 0 || g_array_index(doc->lines, rsk_seg_line, i - 1).line->page != page;
  return first_on_page && h->risk[page] && (page == 0 || !h->risk[page - 1]) &&
         !start_on_page(doc, starts, i);
}

gboolean rsk_seg_find_section(rsk_seg_doc *doc)
{
  compile_patterns();
  guint n = doc->lines->len;
  GArray *ranges = g_array_new(FALSE, FALSE, sizeof(range));
  gboolean *starts = g_new0(gboolean, n + 1);
  page_headers h;
  read_headers(doc, &h);
  for (guint i = 0; i < n; i++)
    starts[i] = is_start(doc, i);
  drop_repeated_titles(doc, starts);
  /* The first line of a page whose running header starts the section ends
   * the ranges before it, as a title line does. */
  gboolean *ends = g_new0(gboolean, n + 1);
  for (guint i = 0; i < n; i++)
    ends[i] = starts[i] || header_start(doc, &h, starts, i);

  for (guint i = 0; i < n; i++) {
    const rsk_seg_line *l = &g_array_index(doc->lines, rsk_seg_line, i);
    int page = l->line->page;
    if (header_start(doc, &h, starts, i)) {
      /* The first page with a "RISK FACTORS" running header. */
      range r = {.first = i, .title_page = page};
      extend(doc, ends, &h, &r);
      g_array_append_val(ranges, r);
    }
    if (!starts[i])
      continue;
    range r = {.first = i + 1, .title_page = page};
    /* The title's second line when "Item 1A." stood alone. */
    if (r.first < n && starts[r.first] && !g_regex_match(start_re, l->line->text, 0, NULL))
      r.first++;
    extend(doc, ends, &h, &r);
    g_array_append_val(ranges, r);
  }

  int best = -1;
  for (guint k = 0; k < ranges->len; k++) {
    const range *r = &g_array_index(ranges, range, k);
    if (best < 0 || r->words > g_array_index(ranges, range, best).words)
      best = (int)k;
  }
  gboolean found = best >= 0 && g_array_index(ranges, range, best).words >= 40;
  if (found) {
    range chosen = g_array_index(ranges, range, best);
    /* Take in earlier starts that run straight into the chosen one within
     * a few pages (an "Item 1A" above a "Risk Factors" title). */
    for (int k = best - 1; k >= 0; k--) {
      const range *r = &g_array_index(ranges, range, k);
      if (r->end + 1 != chosen.first || chosen.title_page - r->title_page > 3 ||
          r->words < 1)
        break;
      chosen.first = r->first;
      chosen.title_page = r->title_page;
    }
    doc->first = chosen.first;
    doc->last = chosen.end;
    doc->filing->risk_first_page = chosen.title_page;
    guint last_line = chosen.end > doc->first ? chosen.end - 1 : doc->first;
    doc->filing->risk_last_page =
        g_array_index(doc->lines, rsk_seg_line, MIN(last_line, n - 1)).line->page;
  }
  g_free(starts);
  g_free(ends);
  g_free(h.risk);
  g_free(h.other);
  g_array_unref(ranges);
  return found;
}

/* The text under a section title that says the item does not apply: "Not
 * applicable", "None", or a smaller reporting company's "not required to
 * provide the information required by this Item". */
static gboolean says_not_applicable(const char *text, int words)
{
  g_autofree char *key = rsk_text_key(text);
  if (strcmp(key, "none") == 0 || strcmp(key, "omitted") == 0)
    return TRUE;
  return (words <= 40 && strstr(key, "notapplicable") != NULL) ||
         (words <= 80 && strstr(key, "notrequiredtoprovide") != NULL);
}

int rsk_seg_find_not_applicable(rsk_seg_doc *doc)
{
  compile_patterns();
  guint n = doc->lines->len;
  for (guint i = 0; i < n; i++) {
    if (!is_start(doc, i))
      continue;
    GString *text = g_string_new(NULL);
    int words = 0;
    guint j = i + 1;
    /* The title's second line when "Item 1A." stood alone. */
    if (j < n && !g_regex_match(start_re, g_array_index(doc->lines, rsk_seg_line, i).line->text,
                                0, NULL))
      j++;
    for (; j < n && j <= i + 8 && words <= 80; j++) {
      const rsk_seg_line *l = &g_array_index(doc->lines, rsk_seg_line, j);
      if (is_start(doc, j) || is_end(doc, j))
        break;
      rsk_text_append_line(text, l->line->text);
      words += rsk_seg_word_count(l->line->text);
    }
    gboolean na = words > 0 && says_not_applicable(text->str, words);
    g_string_free(text, TRUE);
    if (na)
      return g_array_index(doc->lines, rsk_seg_line, i).line->page;
  }
  return 0;
}
