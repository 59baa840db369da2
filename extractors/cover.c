/* cover.c - what form a filing is, the period it reports on, its date
 *
 * The cover says all three. US forms print "FORM 10-K" (10-Q, 20-F, S-1,
 * F-1) on a line of its own, in large type; a prospectus filed under Rule
 * 424(b) says "Filed Pursuant to Rule 424(b)(4)" at the top of its first
 * page; Hong Kong listing documents carry the exchange's disclaimer
 * ("Hong Kong Exchanges and Clearing Limited") or "Application Proof". A
 * line that is only the form's title beats an earlier mention of one
 * ("our Annual Report on Form 10-K"). When no cover names a form, the
 * reader's own idea stays (an SGML submission's <TYPE>), else "unknown".
 *
 * The period is the one the cover reports on: "For the fiscal year ended
 * January 28, 2024" (10-K, 20-F), "For the quarterly period ended October
 * 31, 2022" (10-Q), on the cover page or the page after it. A prospectus
 * has none, though its summary cites fiscal years.
 *
 * The document's own date is a prospectus's ("The date of this prospectus
 * is October 10, 2024", "Prospectus Supplement dated ...", "As filed with
 * the Securities and Exchange Commission on ..."), or failing that a date
 * alone on a short line of its first page ("30 December 2025"); for a
 * periodic report, the first date after the last SIGNATURES title, or
 * failing that the latest "outstanding as of" date on the cover; never a
 * date before the period's end.
 *
 * SPDX-License-Identifier: MIT
 */
#include "filing.h"

#include "form_type.h"
#include "text.h"

#include <string.h>

/* An annual report may put glossy pages before the 10-K cover. */
enum { COVER_PAGES = 10 };
/* Lines read after a SIGNATURES title for its date. */
enum { SIGNATURE_LINES = 80 };

/* --- Dates ----------------------------------------------------------- */

static const char *const month_names[] = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december",
};

/* Bytes of a month name at P ("September", "Sept.", "SEP"), its number
 * 1-12 in *MONTH; 0 when P starts no month name. */
static gsize month_at(const char *p, int *month)
{
  for (int m = 0; m < 12; m++) {
    gsize full = strlen(month_names[m]);
    if (g_ascii_strncasecmp(p, month_names[m], full) == 0 &&
        !g_ascii_isalpha(p[full])) {
      *month = m + 1;
      return full;
    }
  }
  for (int m = 0; m < 12; m++) {
    gsize len = 3;
    if (g_ascii_strncasecmp(p, month_names[m], len) != 0)
      continue;
    if (m == 8 && g_ascii_tolower(p[len]) == 't')
      len++;  /* "Sept." */
    if (g_ascii_isalpha(p[len]))
      continue;
    *month = m + 1;
    return len + (p[len] == '.');
  }
  return 0;
}

/* Spaces, including U+00A0; returns the bytes skipped. */
static gsize spaces_at(const char *p)
{
  const char *q = p;
  for (;;) {
    if (*q == ' ' || *q == '\t')
      q++;
    else if ((guchar)q[0] == 0xC2 && (guchar)q[1] == 0xA0)
      q += 2;
    else
      return (gsize)(q - p);
  }
}

/* Bytes of a number of MIN_DIGITS to MAX_DIGITS digits at P (not followed
 * by another digit), its value in *VALUE; 0 when there is none. */
static gsize number_at(const char *p, gsize min_digits, gsize max_digits,
                       int *value)
{
  gsize n = 0;
  int v = 0;
  while (n < max_digits && g_ascii_isdigit(p[n]))
    v = v * 10 + (p[n++] - '0');
  if (n < min_digits || g_ascii_isdigit(p[n]))
    return 0;
  *value = v;
  return n;
}

/* "30" or "30th". */
static gsize day_at(const char *p, int *day)
{
  gsize n = number_at(p, 1, 2, day);
  if (!n)
    return 0;
  if (g_ascii_isalpha(p[n])) {
    if (!g_ascii_isalpha(p[n + 1]) || g_ascii_isalpha(p[n + 2]))
      return 0;
    n += 2;  /* "st", "nd", "rd", "th" */
  }
  return n;
}

/* "September 30, 2023" or "30 September 2023" at P. */
static gboolean date_at(const char *p, int *year, int *month, int *day)
{
  const char *q = p;
  gsize n;
  if ((n = month_at(q, month))) {
    q += n;
    q += spaces_at(q);
    if (!(n = day_at(q, day)))
      return FALSE;
    q += n;
  } else if ((n = day_at(q, day))) {
    q += n;
    if (!(n = spaces_at(q)))
      return FALSE;
    q += n;
    if (!(n = month_at(q, month)))
      return FALSE;
    q += n;
  } else {
    return FALSE;
  }
  q += spaces_at(q);
  if (*q == ',')
    q++;
  q += spaces_at(q);
  return number_at(q, 4, 4, year) && *year >= 1900 && *year < 2200 &&
         g_date_valid_dmy((GDateDay)*day, (GDateMonth)*month,
                          (GDateYear)*year);
}

char *rsk_filing_parse_date(const char *text)
{
  for (const char *p = text; p && *p; p++) {
    int year, month, day;
    if (p > text && g_ascii_isalnum(p[-1]))
      continue;
    if (date_at(p, &year, &month, &day))
      return g_strdup_printf("%04d-%02d-%02d", year, month, day);
  }
  return NULL;
}

/* The first date at or after the first of PHRASES in LINES[I] (lower
 * case), or on the next content line of the same page when the phrase
 * ends the line; NULL when LINES[I] says none of them. */
static char *date_after(const rsk_line *lines, guint n, guint i,
                        const char *const *phrases)
{
  g_autofree char *lower = g_ascii_strdown(lines[i].text, -1);
  const char *at = NULL;
  for (; *phrases && !at; phrases++)
    at = strstr(lower, *phrases);
  if (!at)
    return NULL;
  char *date = rsk_filing_parse_date(lines[i].text + (at - lower));
  for (guint j = i + 1; !date && j < n && lines[j].page == lines[i].page; j++) {
    if (lines[j].flags & RSK_LINE_FURNITURE)
      continue;
    date = rsk_filing_parse_date(lines[j].text);
    break;
  }
  return date;
}

static char *period_end(const rsk_line *lines, guint n, guint i)
{
  static const char *const phrases[] = {"year ended", "period ended",
                                        "quarter ended", NULL};
  return date_after(lines, n, i, phrases);
}

static char *prospectus_date(const rsk_line *lines, guint n, guint i)
{
  static const char *const phrases[] = {
      "date of this prospectus", "prospectus dated", "prospectus supplement dated",
      "subject to completion, dated", "subject to completion dated",
      "as filed with the securities and exchange commission on", NULL};
  return date_after(lines, n, i, phrases);
}

/* A date alone on a short line, as a prospectus cover prints it. */
static char *cover_date(const rsk_line *line)
{
  if (line->page != 1 || rsk_text_word_count(line->text) > 8)
    return NULL;
  return rsk_filing_parse_date(line->text);
}

/* --- Form ------------------------------------------------------------ */

typedef struct {
  const char *needle;      /* lower case */
  const char *type;
} form_needle;

static const form_needle forms[] = {
    {"form 10-k", "10-K"}, {"form 10-q", "10-Q"}, {"form 20-f", "20-F"},
    {"form s-1", "S-1"},   {"form f-1", "F-1"},   {"rule 424(b)", "424B"},
    {"424b", "424B"},      {"hong kong exchanges and clearing", "HK prospectus"},
    {"application proof", "HK prospectus"},
    {"post hearing information pack", "HK prospectus"},
    /* Chinese versions: prospectus, application proof, post-hearing
     * information pack, the exchange's name; traditional and simplified */
    {"招股章程", "HK prospectus"}, {"申請版本", "HK prospectus"},
    {"申请版本", "HK prospectus"}, {"聆訊後資料集", "HK prospectus"},
    {"聆讯后资料集", "HK prospectus"}, {"香港交易及結算所有限公司", "HK prospectus"},
    {"香港交易及结算所有限公司", "HK prospectus"},
};

/* The form TEXT names; *TITLE says whether TEXT is a title that names it
 * (a short line that starts with it, "FORM 10-K", "Filed Pursuant to Rule
 * 424(b)(4)", or the Hong Kong markers), rather than a mention. */
static const char *form_type(const char *text, gboolean *title)
{
  g_autofree char *lower = g_utf8_strdown(text, -1);
  const char *p = lower;
  while (*p == ' ')
    p++;
  int words = rsk_text_word_count(text);
  for (gsize i = 0; i < G_N_ELEMENTS(forms); i++) {
    const char *at = strstr(p, forms[i].needle);
    if (!at)
      continue;
    gboolean hk = strcmp(forms[i].type, "HK prospectus") == 0;
    gboolean rule = strcmp(forms[i].type, "424B") == 0;
    *title = hk || (at == p && words <= 8) || (rule && words <= 14);
    return forms[i].type;
  }
  return NULL;
}

static gboolean is_prospectus(const char *type)
{
  return strcmp(type, "10-K") != 0 && strcmp(type, "10-Q") != 0 &&
         strcmp(type, "20-F") != 0;
}

/* TRUE when DATE can be a report's own date: not before the end of the
 * period it reports on (MIN, or NULL when unknown). */
static gboolean not_before(const char *date, const char *min)
{
  return !min || strcmp(date, min) >= 0;
}

/* The date of a periodic report: the first date after its last
 * SIGNATURES title that is not before the period's end, MIN. */
static char *signature_date(const rsk_line *lines, guint n, const char *min)
{
  for (guint i = n; i-- > 0;) {
    const char *t = lines[i].text;
    if (strlen(t) > 14 || (lines[i].flags & RSK_LINE_FURNITURE))
      continue;
    g_autofree char *key = rsk_text_key(t);
    if (strcmp(key, "signatures") != 0 && strcmp(key, "signature") != 0)
      continue;
    for (guint j = i + 1; j < n && j <= i + SIGNATURE_LINES; j++) {
      char *date = rsk_filing_parse_date(lines[j].text);
      if (date && not_before(date, min))
        return date;
      g_free(date);
    }
    return NULL;
  }
  return NULL;
}

/* The latest date of a cover line on COVER_PAGE or the next that says
 * what is "outstanding as of" it, not before MIN. */
static char *outstanding_date(const rsk_line *lines, guint n, int cover_page, const char *min)
{
  char *best = NULL;
  for (guint i = 0; i < n && lines[i].page <= cover_page + 1; i++) {
    if (lines[i].page < cover_page)
      continue;
    g_autofree char *lower = g_ascii_strdown(lines[i].text, -1);
    const char *as_of = strstr(lower, "as of");
    if (!as_of || !strstr(lower, "outstanding"))
      continue;
    char *date = rsk_filing_parse_date(lines[i].text + (as_of - lower));
    if (date && not_before(date, min) && (!best || strcmp(date, best) > 0)) {
      g_free(best);
      best = date;
    } else {
      g_free(date);
    }
  }
  return best;
}

void rsk_filing_guess_form_and_dates(rsk_filing *filing)
{
  const rsk_line *lines = (const rsk_line *)(void *)filing->lines->data;
  guint n = filing->lines->len;
  const char *type = NULL, *mention = NULL;
  int cover_page = 1, mention_page = 1;

  for (guint i = 0; i < n && lines[i].page <= COVER_PAGES && !type; i++) {
    if (lines[i].flags & RSK_LINE_FURNITURE)
      continue;
    gboolean title = FALSE;
    const char *t = form_type(lines[i].text, &title);
    if (t && title) {
      type = t;
      cover_page = lines[i].page;
    } else if (t && !mention) {
      mention = t;
      mention_page = lines[i].page;
    }
  }
  if (!type && mention) {
    type = mention;
    cover_page = mention_page;
  }
  if (type) {
    g_free(filing->doc_type);
    filing->doc_type = g_strdup(type);
  }
  const char *kind = filing->doc_type ? filing->doc_type : "unknown";

  char *period = NULL, *dated = NULL, *alone = NULL;
  for (guint i = 0; i < n && lines[i].page <= COVER_PAGES; i++) {
    const rsk_line *line = &lines[i];
    if (line->flags & RSK_LINE_FURNITURE)
      continue;
    if (is_prospectus(kind)) {
      if (!dated)
        dated = prospectus_date(lines, n, i);
      if (!alone)
        alone = cover_date(line);
      if (dated)
        break;
    } else if (line->page >= cover_page && line->page <= cover_page + 1) {
      if (!period)
        period = period_end(lines, n, i);
      else
        break;
    }
  }
  if (!is_prospectus(kind)) {
    dated = signature_date(lines, n, period);
    if (!dated)
      dated = outstanding_date(lines, n, cover_page, period);
  } else if (!dated) {
    dated = alone;
    alone = NULL;
  }
  g_free(alone);
  g_free(filing->period_end);
  filing->period_end = period;
  g_free(filing->document_date);
  filing->document_date = dated;
}
