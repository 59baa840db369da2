/* section_bounds.c - where the Risk Factors section starts and ends
 *
 * A start is a line that is nothing but the section's title. There are two
 * kinds: an Item title ("Item 1A. Risk Factors", "Item 1A. - Risk
 * Factors", "Item 3.D Risk Factors", "D. Risk Factors"), which forms
 * print, and a bare title ("RISK FACTORS", 風險因素), which prospectuses
 * print. Requiring the whole line rules out cross-references ("see Item
 * 1A. Risk Factors"), contents lines with dot leaders or page numbers, and
 * "Summary of Risk Factors".
 *
 * An end is the next top-level title, and what counts as top level
 * depends on the start:
 * - always: another Item or a PART, a contents entry, and the titles that
 *   open financial statements, signatures or exhibits ("Report of
 *   Independent Registered Public Accounting Firm", "Notes to Consolidated
 *   Financial Statements", "SIGNATURES");
 * - the titles of a form's Items printed without their number
 *   ("UNRESOLVED STAFF COMMENTS", "PROPERTIES", "Information on the
 *   Company"), and the forward-looking-statements note, except within the
 *   first few lines after an Item title, where they head its preamble;
 * - after a bare title only: the named sections of a prospectus (USE OF
 *   PROCEEDS, INDUSTRY OVERVIEW, BUSINESS, SUMMARY, ...). Inside an Item
 *   these are sub-headings ("Summary", "Regulation"), not ends.
 * Titles are printed in capitals or bold and allowed a trailing page
 * number, so that a contents page's entries end each other.
 *
 * Every start gets the range up to the next end or start. An Item range of
 * substance wins over bare ones (a 10-K's exhibits may carry a "RISK
 * FACTORS" of their own); otherwise the range holding the most words is the
 * section (a contents entry or a summary's "RISK FACTORS" paragraph holds
 * few). An earlier start whose short range runs straight into the chosen
 * one (a 10-K's "Item 1A" line above a second "Risk Factors" title) is
 * taken in as its opening.
 *
 * A section that ends at financial statements, or at the end of the
 * document with no title to end it, has probably run past its end: the
 * filing is flagged "section_overrun".
 *
 * SPDX-License-Identifier: MIT
 */
#include "segment_private.h"

#include "text.h"

#include <math.h>
#include <string.h>

static GRegex *start_re, *item_start_re, *item_re, *title_re, *item_title_re,
    *closing_re, *split_item_re;

static void compile_patterns(void)
{
  static gsize done = 0;
  if (!g_once_init_enter(&done))
    return;
  const GRegexCompileFlags f = G_REGEX_CASELESS | G_REGEX_OPTIMIZE;
  /* Any run of dots, dashes, colons and spaces may sit between the number
   * and the words: "Item 1A.", "Item 1A. -", "ITEM 1A —". */
  item_start_re = g_regex_new(
      "^\\s*(?:part\\s+i{1,2}\\s*[-,.:–—]?\\s*)?"
      "(?:item\\s*(?:1\\s*a|3\\s*\\.?\\s*d)|d\\s*\\.)[\\s\\-.:–—]*"
      "[\"'“”]?risk\\s+factors[\"'“”]?\\s*[.:]?\\s*$",
      f, 0, NULL);
  start_re = g_regex_new(
      "^\\s*(?:part\\s+i{1,2}\\s*[-,.:–—]?\\s*)?"
      "(?:item\\s*(?:1\\s*a|3\\s*\\.?\\s*d)[\\s\\-.:–—]*|d\\s*\\.\\s*)?"
      "[\"'“”]?risk\\s+factors[\"'“”]?\\s*[.:]?\\s*$"
      /* the Chinese version: traditional and simplified */
      "|^\\s*[風风][險险]因素\\s*$",
      f, 0, NULL);
  /* "Item 1A." alone: the title may follow on the next line. */
  split_item_re = g_regex_new("^\\s*item\\s*(?:1\\s*a|3\\s*\\.?\\s*d)\\s*[.:]?\\s*$",
                              f, 0, NULL);
  item_re = g_regex_new(
      "^\\s*(?:(?i:part)\\s+(?i:[iv]{1,3})\\s*[-,.:–—]?\\s*)?(?i:item)\\s*\\d{1,2}\\s*[a-dA-D]?"
      "(?:\\s*\\.\\s*[a-dA-D])?\\s*(?:[.,:–—-]\\s*)*(?:[A-Z0-9\"'“]|$)",
      G_REGEX_OPTIMIZE, 0, NULL);
  /* What opens the back of a filing: its financial statements, the
   * signatures, the exhibits. */
  closing_re = g_regex_new(
      "^\\s*(?:report\\s+of\\s+independent\\s+registered\\s+public\\s+accounting\\s+firm"
      "|(?:index\\s+to\\s+)?(?:the\\s+)?consolidated\\s+financial\\s+statements"
      "|consolidated\\s+(?:balance\\s+sheets?|statements?\\s+of\\s+(?:operations|income"
      "|comprehensive\\s+(?:income|loss)|cash\\s+flows|financial\\s+position"
      "|(?:changes\\s+in\\s+)?(?:stockholders|shareholders|shareowners)'?\\s+equity)\\b.*)"
      "|notes\\s+to\\s+(?:the\\s+)?(?:consolidated\\s+)?financial\\s+statements"
      "|signatures?|exhibit\\s+index|index\\s+to\\s+exhibits)"
      "(?:\\s*(?:[.…]\\s*){2,}(?:[a-z]?-?\\d+|[ivxlc]+)|\\s+(?:[a-z]?-?\\d+|[ivxlc]+))?\\s*$",
      f, 0, NULL);
  /* The Items of a 10-K, 10-Q or 20-F by their titles alone, and the
   * forward-looking note that some filings print after the risk factors. */
  item_title_re = g_regex_new(
      "^\\s*(?:unresolved\\s+staff\\s+comments|cybersecurity|properties"
      "|legal\\s+proceedings|mine\\s+safety\\s+disclosures"
      "|market\\s+for\\s+(?:the\\s+)?registrant'?s\\s+common\\s+equity.*"
      "|selected\\s+(?:consolidated\\s+)?financial\\s+data"
      "|management'?s\\s+discussion\\s+and\\s+analysis.*"
      "|quantitative\\s+and\\s+qualitative\\s+disclosures?\\s+about\\s+market\\s+risk"
      "|financial\\s+statements\\s+and\\s+supplementary\\s+data"
      "|information\\s+on\\s+the\\s+company|operating\\s+and\\s+financial\\s+review.*"
      "|unregistered\\s+sales\\s+of\\s+equity\\s+securities.*"
      "|(?:special\\s+|cautionary\\s+)?(?:note|statement)s?\\s+(?:regarding|concerning|about)\\s+"
      "forward[- ]looking\\s+(?:statements|information)"
      "|forward[- ]looking\\s+statements)"
      "(?:\\s*(?:[.…]\\s*){2,}(?:\\d+|[ivxlc]+)|\\s+(?:\\d+|[ivxlc]+))?\\s*\\.?\\s*$",
      f, 0, NULL);
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

typedef enum {
  START_NONE,
  START_BARE,    /* "RISK FACTORS", 風險因素, a running header */
  START_ITEM,    /* "Item 1A. Risk Factors", "D. Risk Factors" */
} start_kind;

static start_kind is_start(const rsk_seg_doc *doc, guint i)
{
  const rsk_seg_line *l = &g_array_index(doc->lines, rsk_seg_line, i);
  if (g_regex_match(item_start_re, l->line->text, 0, NULL))
    return START_ITEM;
  if (g_regex_match(start_re, l->line->text, 0, NULL))
    return START_BARE;
  /* "Item 1A." and "Risk Factors" printed as two lines (or two cells). */
  if (i + 1 < doc->lines->len && g_regex_match(split_item_re, l->line->text, 0, NULL)) {
    const rsk_seg_line *n = &g_array_index(doc->lines, rsk_seg_line, i + 1);
    g_autofree char *key = rsk_text_key(n->line->text);
    if (n->line->page == l->line->page && strcmp(key, "riskfactors") == 0)
      return START_ITEM;
  }
  return START_NONE;
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

/* How strongly line I ends a section: */
typedef enum {
  END_NONE,
  END_NAMED,     /* a prospectus's named section: ends bare ranges only */
  END_ITEM_TITLE,/* an Item's title without its number */
  END_ITEM,      /* another Item, a PART, a contents entry */
  END_CLOSING,   /* financial statements, signatures, exhibits */
} end_kind;

static end_kind is_end(const rsk_seg_doc *doc, guint i)
{
  const rsk_seg_line *l = &g_array_index(doc->lines, rsk_seg_line, i);
  const char *text = l->line->text;
  if (is_contents_entry(text))
    return END_ITEM;
  if (rsk_seg_word_count(text) > 16)
    return END_NONE;
  if (g_regex_match(item_re, text, 0, NULL)) {
    /* Not the section's own "Item 1A" (a 10-Q repeats it in Part II). */
    g_autofree char *key = rsk_text_key(text);
    if (g_str_has_prefix(key, "item1a") || g_str_has_prefix(key, "item3d"))
      return END_NONE;
    return looks_like_title(l) ||
                   (l->para_start && rsk_seg_word_count(text) <= 10 &&
                    !rsk_seg_ends_sentence(text))
               ? END_ITEM
               : END_NONE;
  }
  if (!looks_like_title(l) || !l->para_start)
    return END_NONE;
  if (g_regex_match(closing_re, text, 0, NULL))
    return END_CLOSING;
  if (g_regex_match(item_title_re, text, 0, NULL))
    return END_ITEM_TITLE;
  if (g_regex_match(title_re, text, 0, NULL))
    return END_NAMED;
  return END_NONE;
}

/* Within this many words of an Item title, an Item's name or the
 * forward-looking note heads the section's preamble rather than ending
 * it. */
#define PREAMBLE_WORDS 150

/* TRUE when an end of KIND ends a range of START kind that holds WORDS
 * words so far. */
static gboolean ends_range(end_kind kind, start_kind start, int words)
{
  switch (kind) {
  case END_NONE:
    return FALSE;
  case END_NAMED:
    return start != START_ITEM;
  case END_ITEM_TITLE:
    return start != START_ITEM || words >= PREAMBLE_WORDS;
  case END_ITEM:
  case END_CLOSING:
    return TRUE;
  }
  return FALSE;
}

typedef struct {
  guint first;   /* first line of the section's text */
  guint end;     /* first line after the range */
  int title_page;
  int words;
  start_kind kind;
  end_kind stop; /* what ended it: END_NONE at a start, a page headed by
                    another section or the end of the document */
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
 * section. BREAKS marks the starts, ENDS caches is_end() by line. */
static void extend(const rsk_seg_doc *doc, const start_kind *breaks, const end_kind *ends,
                   const page_headers *h, range *r)
{
  guint n = doc->lines->len;
  guint j = r->first;
  r->stop = END_NONE;
  for (; j < n; j++) {
    const rsk_seg_line *l = &g_array_index(doc->lines, rsk_seg_line, j);
    if (j > r->first && breaks[j])
      break;
    if (j > r->first && ends_range(ends[j], r->kind, r->words)) {
      r->stop = ends[j];
      break;
    }
    if (l->line->page > r->title_page && h->other[l->line->page]) {
      r->stop = END_NAMED;
      break;
    }
    r->words += rsk_seg_word_count(l->line->text);
  }
  r->end = j;
}

/* A title printed again at the same height on later pages is a running
 * header the furniture pass did not catch, not a new start. */
static void drop_repeated_titles(const rsk_seg_doc *doc, start_kind *starts)
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
        starts[j] = START_NONE;
    }
  }
}

/* TRUE when a title line sits on the page of line I: a running header
 * that repeats the title is then not the start. */
static gboolean start_on_page(const rsk_seg_doc *doc, const start_kind *starts, guint i)
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
                             const start_kind *starts, guint i)
{
  int page = g_array_index(doc->lines, rsk_seg_line, i).line->page;
  gboolean first_on_page =
      i == 0 || g_array_index(doc->lines, rsk_seg_line, i - 1).line->page != page;
  return first_on_page && h->risk[page] && (page == 0 || !h->risk[page - 1]) &&
         !start_on_page(doc, starts, i);
}

/* An Item range needs this many words to win over bare titles: a 10-Q's
 * "no material changes" or a cross-reference holds fewer. */
#define ITEM_SUBSTANCE_WORDS 300

/* The range that is the section, or -1: the largest Item range of
 * substance, else the largest range. */
static int choose(const GArray *ranges)
{
  int best = -1, best_item = -1;
  for (guint k = 0; k < ranges->len; k++) {
    const range *r = &g_array_index(ranges, range, k);
    if (best < 0 || r->words > g_array_index(ranges, range, best).words)
      best = (int)k;
    if (r->kind == START_ITEM && r->words >= ITEM_SUBSTANCE_WORDS &&
        (best_item < 0 || r->words > g_array_index(ranges, range, best_item).words))
      best_item = (int)k;
  }
  if (best_item >= 0)
    return best_item;
  return best >= 0 && g_array_index(ranges, range, best).words >= 40 ? best : -1;
}

/* Flags a section that ran into financial statements or exhibits, or to
 * the end of the document with nothing to end it. */
static void flag_overrun(const rsk_seg_doc *doc, const range *r)
{
  guint n = doc->lines->len;
  if (r->stop == END_CLOSING && r->end < n) {
    const rsk_line *line = g_array_index(doc->lines, rsk_seg_line, r->end).line;
    rsk_filing_flag(doc->filing, "section_overrun: the section runs into \"%.60s\" (page %d)",
                    line->text, line->page);
  } else if (r->end >= n && r->stop == END_NONE) {
    rsk_filing_flag(doc->filing,
                    "section_overrun: nothing ends the section before the document does");
  }
}

gboolean rsk_seg_find_section(rsk_seg_doc *doc)
{
  compile_patterns();
  guint n = doc->lines->len;
  GArray *ranges = g_array_new(FALSE, FALSE, sizeof(range));
  start_kind *starts = g_new0(start_kind, n + 1);
  page_headers h;
  read_headers(doc, &h);
  for (guint i = 0; i < n; i++)
    starts[i] = is_start(doc, i);
  drop_repeated_titles(doc, starts);
  /* The first line of a page whose running header starts the section ends
   * the ranges before it, as a title line does. */
  start_kind *breaks = g_new0(start_kind, n + 1);
  end_kind *ends = g_new0(end_kind, n + 1);
  for (guint i = 0; i < n; i++) {
    breaks[i] = starts[i] ? starts[i] : header_start(doc, &h, starts, i) ? START_BARE : START_NONE;
    ends[i] = is_end(doc, i);
  }

  for (guint i = 0; i < n; i++) {
    const rsk_seg_line *l = &g_array_index(doc->lines, rsk_seg_line, i);
    int page = l->line->page;
    if (header_start(doc, &h, starts, i)) {
      /* The first page with a "RISK FACTORS" running header. */
      range r = {.first = i, .title_page = page, .kind = START_BARE};
      extend(doc, breaks, ends, &h, &r);
      g_array_append_val(ranges, r);
    }
    if (!starts[i])
      continue;
    range r = {.first = i + 1, .title_page = page, .kind = starts[i]};
    /* The title's second line when "Item 1A." stood alone. */
    if (r.first < n && starts[r.first] && !g_regex_match(start_re, l->line->text, 0, NULL))
      r.first++;
    /* A bare title right under an Item's (that Item's range runs straight
     * into it) is read as the Item. */
    if (ranges->len > 0) {
      const range *prev = &g_array_index(ranges, range, ranges->len - 1);
      if (prev->kind == START_ITEM && prev->end == i)
        r.kind = START_ITEM;
    }
    extend(doc, breaks, ends, &h, &r);
    g_array_append_val(ranges, r);
  }

  int best = choose(ranges);
  if (best >= 0) {
    range chosen = g_array_index(ranges, range, best);
    /* Take in earlier starts that run straight into the chosen one (an
     * "Item 1A" with its summary above a "Risk Factors" title): within a
     * few pages, or an Item's wherever it is. */
    for (int k = best - 1; k >= 0; k--) {
      const range *r = &g_array_index(ranges, range, k);
      if (r->end + 1 != chosen.first || r->words < 1 ||
          (r->kind != START_ITEM && chosen.title_page - r->title_page > 3))
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
    flag_overrun(doc, &chosen);
  }
  g_free(starts);
  g_free(breaks);
  g_free(ends);
  g_free(h.risk);
  g_free(h.other);
  g_array_unref(ranges);
  return best >= 0;
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
