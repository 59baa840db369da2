/* metadata.c - what kind of filing this is and which period it covers
 *
 * The cover page says it. US forms print "FORM 10-K" (10-Q, 20-F, S-1,
 * F-1) in large type. Prospectuses filed under Rule 424(b) say so at the
 * top of their first page. Hong Kong listing documents carry the
 * exchange's disclaimer ("Hong Kong Exchanges and Clearing Limited", in
 * Chinese 香港交易及結算所有限公司) or name themselves: "Application Proof",
 * 招股章程 (prospectus), 申請版本 (application proof), 聆訊後資料集 (post
 * hearing information pack). Whose filing it is lives in issuer.c, its
 * ticker and codes in identifiers.c.
 *
 * The document's date is the period the cover reports on: "For the fiscal
 * year ended January 28, 2024" (10-K, 20-F), "For the quarterly period
 * ended October 31, 2022" (10-Q). A prospectus has no period; its cover
 * prints the date alone on a short line ("December 30, 2025", "30 December
 * 2025"), and the first such line on page 1 is taken instead.
 *
 * SPDX-License-Identifier: MIT
 */
#include "filing.h"

#include "identifiers.h"
#include "issuer.h"
#include "text.h"

#include <string.h>

/* An annual report may put glossy pages before the 10-K cover. */
enum { COVER_PAGES = 10 };

static const char *form_type(const char *text)
{
  static const struct {
    const char *needle;
    const char *type;
  } forms[] = {
      {"form 10-k", "10-K"}, {"form 10-q", "10-Q"}, {"form 20-f", "20-F"},
      {"form s-1", "S-1"},   {"form f-1", "F-1"},   {"rule 424(b)", "424B"},
      {"424b", "424B"},      {"hong kong exchanges and clearing", "HK prospectus"},
      {"application proof", "HK prospectus"},
      {"post hearing information pack", "HK prospectus"},
      {"招股章程", "HK prospectus"}, {"申請版本", "HK prospectus"},
      {"申请版本", "HK prospectus"}, {"聆訊後資料集", "HK prospectus"},
      {"聆讯后资料集", "HK prospectus"},
      {"香港交易及結算所有限公司", "HK prospectus"},
      {"香港交易及结算所有限公司", "HK prospectus"},
  };
  char *lower = g_utf8_strdown(text, -1);
  const char *type = NULL;
  for (gsize i = 0; i < G_N_ELEMENTS(forms) && !type; i++)
    if (strstr(lower, forms[i].needle))
      type = forms[i].type;
  g_free(lower);
  return type;
}

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

/* The date after "year ended" / "period ended" in LINES[I], or on the next
 * line of the same page when the phrase ends the line; NULL when LINES[I]
 * does not say it. */
static char *period_end(const rsk_line *lines, guint n, guint i)
{
  g_autofree char *lower = g_ascii_strdown(lines[i].text, -1);
  const char *at = strstr(lower, "year ended");
  if (!at)
    at = strstr(lower, "period ended");
  if (!at)
    return NULL;
  char *date = rsk_filing_parse_date(lines[i].text + (at - lower));
  for (guint j = i + 1; !date && j < n && lines[j].page == lines[i].page;
       j++) {
    if (lines[j].flags & RSK_LINE_FURNITURE)
      continue;
    date = rsk_filing_parse_date(lines[j].text);
    break;
  }
  return date;
}

/* A date alone on a short line, as a prospectus cover prints it. */
static char *cover_date(const rsk_line *line)
{
  if (line->page != 1 || rsk_text_word_count(line->text) > 8)
    return NULL;
  return rsk_filing_parse_date(line->text);
}

/* --- Identity -------------------------------------------------------- */

void rsk_filing_guess_identity(rsk_filing *filing)
{
  const rsk_line *lines = (const rsk_line *)(void *)filing->lines->data;
  guint n = filing->lines->len;
  const char *type = NULL;
  char *period = NULL, *dated = NULL;

  for (guint i = 0; i < n && lines[i].page <= COVER_PAGES; i++) {
    const rsk_line *line = &lines[i];
    if (line->flags & RSK_LINE_FURNITURE)
      continue;
    if (!type)
      type = form_type(line->text);
    if (!period)
      period = period_end(lines, n, i);
    if (!period && !dated)
      dated = cover_date(line);
  }
  if (!type)
    type = "unknown";
  g_free(filing->doc_type);
  filing->doc_type = g_strdup(type);

  g_free(filing->doc_date);
  filing->doc_date = period ? period : dated;
  if (period)
    g_free(dated);

  rsk_filing_guess_issuer(filing);
  rsk_filing_guess_identifiers(filing);
}
