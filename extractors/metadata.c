/* metadata.c - whose filing this is
 *
 * The cover page says it (cover.c reads the form and the dates from it).
 * On a US form the registrant's name sits just above "(Exact
 * name of registrant as specified in its charter)". Prospectuses filed
 * under Rule 424(b) say so at the top of their first page. Hong Kong
 * listing documents carry the exchange's disclaimer ("Hong Kong Exchanges
 * and Clearing Limited") and the company's name in capitals ending in
 * "LIMITED", "INC." or "CO., LTD.". When the cover says nothing we fall
 * back on the PDF's title metadata, unless it looks like a file or
 * accession name ("nvda-20240128", "0000950170-23-028914").
 *
 * SPDX-License-Identifier: MIT
 */
#include "filing.h"

#include "text.h"

#include <string.h>

/* An annual report may put glossy pages before the 10-K cover. */
enum { COVER_PAGES = 10 };

static gboolean contains_ci(const char *haystack, const char *needle)
{
  char *h = g_utf8_strdown(haystack, -1);
  gboolean found = strstr(h, needle) != NULL;
  g_free(h);
  return found;
}

/* A Hong Kong cover name: capitals, a company suffix, a few words. */
static gboolean looks_like_hk_name(const char *text)
{
  if (!rsk_text_is_upper(text))
    return FALSE;
  int words = rsk_text_word_count(text);
  if (words < 2 || words > 12)
    return FALSE;
  return g_str_has_suffix(text, "LIMITED") || g_str_has_suffix(text, "INC.") ||
         g_str_has_suffix(text, "CO., LTD.") ||
         g_str_has_suffix(text, "CORPORATION");
}

static gboolean title_is_a_name(const char *title)
{
  if (!title || !*title || strlen(title) > 80)
    return FALSE;
  if (contains_ci(title, ".htm") || contains_ci(title, ".pdf") ||
      contains_ci(title, "untitled") || g_ascii_strcasecmp(title, "document") == 0 ||
      (!g_str_has_prefix(title, "Form ") &&
       (contains_ci(title, "10-k") || contains_ci(title, "10-q") ||
        contains_ci(title, "20-f"))))
    return FALSE;
  /* Accession numbers and ticker-date names: mostly digits and hyphens,
   * or no space at all with a digit; a filing agent's file name
   * ("tm2430436-1_424b5 - none - 5.6s") joins a word with '_'. */
  gboolean digit = FALSE, space = FALSE, underscore = FALSE;
  for (const char *p = title; *p; p++) {
    digit |= g_ascii_isdigit(*p);
    space |= *p == ' ';
    underscore |= *p == '_';
  }
  return !(digit && (!space || underscore));
}

/* "Form 10-K for Microsoft Corp filed 07/27/2023" → "Microsoft Corp". */
static char *name_from_title(const char *title)
{
  const char *for_ = strstr(title, " for ");
  if (g_str_has_prefix(title, "Form ") && for_) {
    const char *start = for_ + 5;
    const char *end = strstr(start, " filed");
    if (!end)
      end = start + strlen(start);
    return g_strstrip(g_strndup(start, (gsize)(end - start)));
  }
  return g_strdup(title);
}

static char *clean_name(const char *text)
{
  char *name = g_strdup(text);
  g_strstrip(name);
  gsize len = strlen(name);
  while (len > 0 && strchr(",;:", name[len - 1]))
    name[--len] = '\0';
  return name;
}

/* --- Identity -------------------------------------------------------- */

void rsk_filing_guess_identity(rsk_filing *filing)
{
  const rsk_line *lines = (const rsk_line *)(void *)filing->lines->data;
  guint n = filing->lines->len;
  rsk_filing_guess_form_and_dates(filing);
  const char *type = filing->doc_type ? filing->doc_type : "unknown";
  char *company = NULL;
  float hk_size = 0;
  char *hk_name = NULL;

  for (guint i = 0; i < n && lines[i].page <= COVER_PAGES; i++) {
    const rsk_line *line = &lines[i];
    if (line->flags & RSK_LINE_FURNITURE)
      continue;
    if (!company && i > 0 && contains_ci(line->text, "exact name of registrant")) {
      /* The name is the nearest line above on the same page, skipping
       * empty brackets. */
      for (guint j = i; j-- > 0 && lines[j].page == line->page;) {
        if (rsk_text_word_count(lines[j].text) > 0 &&
            !contains_ci(lines[j].text, "commission file")) {
          company = clean_name(lines[j].text);
          break;
        }
      }
    }
    if (line->page == 1 && looks_like_hk_name(line->text) &&
        line->font_size > hk_size) {
      g_free(hk_name);
      hk_name = clean_name(line->text);
      hk_size = line->font_size;
    }
  }
  if (!company && hk_name && strcmp(type, "HK prospectus") == 0) {
    company = hk_name;
    hk_name = NULL;
  }
  if (!company && title_is_a_name(filing->title))
    company = name_from_title(filing->title);
  g_free(hk_name);
  g_free(filing->company);
  filing->company = company;
}
