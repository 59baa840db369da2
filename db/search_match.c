/* search_match.c - where a search snippet's first match lies in the body
 *
 * FTS5 builds a snippet by copying the column's text from one token to
 * another, so the snippet without its marks and its "…" is a substring of
 * the body. The marked term alone may occur earlier in the body than the
 * match the snippet shows ("data" in every paragraph), so it is looked up
 * together with the snippet text around it: first the whole snippet, then
 * shrinking windows of context (a snippet the body does not hold verbatim,
 * which should not happen, still finds a nearby copy), and last the term
 * alone, at its first occurrence.
 *
 * SPDX-License-Identifier: MIT
 */
#include "search_match.h"

#include "read_reports.h"

#include <string.h>

#define ELLIPSIS "\xe2\x80\xa6"  /* "…", what the search puts where cut */

static char space_for(char c)
{
  return c == '\n' || c == '\r' || c == '\t' ? ' ' : c;
}

gssize rsk_search_match_offset(const char *body, const char *snippet)
{
  static const gsize contexts[] = {G_MAXSIZE, 48, 24, 12, 0};
  const gsize ellipsis = sizeof ELLIPSIS - 1;
  gssize match = -1, match_end = -1, found = -1;

  if (!body || !snippet)
    return -1;
  /* The snippet without marks; MATCH..MATCH_END is the first marked term. */
  GString *plain = g_string_new(NULL);
  for (const char *p = snippet; *p; p++) {
    if (*p == RSK_SEARCH_MARK_START) {
      if (match < 0)
        match = (gssize)plain->len;
    } else if (*p == RSK_SEARCH_MARK_END) {
      if (match >= 0 && match_end < 0)
        match_end = (gssize)plain->len;
    } else {
      g_string_append_c(plain, space_for(*p));
    }
  }
  if (match < 0) {
    g_string_free(plain, TRUE);
    return -1;
  }
  if (match_end < 0)
    match_end = (gssize)plain->len;

  gsize lo = 0, hi = plain->len, m = (gsize)match, m_end = (gsize)match_end;
  if (m >= ellipsis && strncmp(plain->str, ELLIPSIS, ellipsis) == 0)
    lo = ellipsis;
  if (hi >= m_end + ellipsis &&
      strncmp(plain->str + hi - ellipsis, ELLIPSIS, ellipsis) == 0)
    hi -= ellipsis;

  char *text = g_strdup(body);
  for (char *p = text; *p; p++)
    *p = space_for(*p);
  for (guint i = 0; found < 0 && i < G_N_ELEMENTS(contexts); i++) {
    gsize before = MIN(contexts[i], m - lo);
    gsize after = MIN(contexts[i], hi - m_end);
    gsize start = m - before, end = m_end + after;
    if (end <= start)
      continue;
    char *needle = g_strndup(plain->str + start, end - start);
    const char *at = strstr(text, needle);
    if (at)
      found = (gssize)(at - text) + (gssize)before;
    g_free(needle);
  }
  g_free(text);
  g_string_free(plain, TRUE);
  return found;
}
