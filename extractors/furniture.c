/* furniture.c - running headers, footers and page numbers
 *
 * Furniture is what a page carries because it is a page, not because of
 * what it says: the page number, the company name or the section title in
 * the top or bottom margin, EDGAR's "Table of Contents" link, a Hong Kong
 * application proof's draft warning. Two signals find it:
 *
 * - a line in the top or bottom tenth of the page that reads like a page
 *   number ("23", "– 23 –", "Page 23", "F-3", "xiv", "23 | Company") and is
 *   among the three outermost lines of that margin;
 * - a line in the top or bottom eighth of the page whose text, with digit
 *   runs folded to '#', recurs at about the same height on at least three
 *   pages (two in a short document).
 *
 * - the top-most or bottom-most line of a page that reads like an arabic
 *   page number, when at least three pages agree on the difference between
 *   printed number and PDF page index: producers such as wkhtmltopdf and
 *   iText print the number right under the last line of text, far from
 *   the page's edge.
 *
 * The first two need the margin band, so a sub-section heading repeated in
 * the body stays body text however often it recurs; the third needs a
 * running sequence, so a lone number ending a table does not count.
 *
 * SPDX-License-Identifier: MIT
 */
#include "lines.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { BAND_NONE, BAND_TOP, BAND_BOTTOM };

static gboolean is_roman(const char *s, gsize len)
{
  if (len == 0 || len > 8)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!strchr("ivxlcdm", g_ascii_tolower(s[i])))
      return FALSE;
  /* All lower or all upper case. */
  gboolean lower = g_ascii_islower(s[0]);
  for (gsize i = 1; i < len; i++)
    if ((g_ascii_islower(s[i]) != 0) != lower)
      return FALSE;
  return TRUE;
}

/* A page number token: digits, roman numerals, or "F-3" / "A-12" / "S-1". */
static gboolean is_number_token(const char *s, gsize len)
{
  if (len == 0)
    return FALSE;
  gsize digits = 0;
  while (digits < len && g_ascii_isdigit(s[digits]))
    digits++;
  if (digits == len)
    return len <= 4;
  if (len >= 3 && len <= 6 && g_ascii_isupper(s[0]) && s[1] == '-') {
    for (gsize i = 2; i < len; i++)
      if (!g_ascii_isdigit(s[i]))
        return FALSE;
    return TRUE;
  }
  return is_roman(s, len);
}

static gboolean is_dash(const char *s, gsize len)
{
  return (len == 1 && s[0] == '-') ||
         (len == 3 && (strncmp(s, "\xe2\x80\x93", 3) == 0 ||   /* – */
                       strncmp(s, "\xe2\x80\x94", 3) == 0 ||   /* — */
                       strncmp(s, "\xe2\x88\x92", 3) == 0));   /* − */
}

/* The index of the number token among TOKENS (N of them, none empty) of
 * a page-number line, or -1. */
static int number_token(char **tokens, guint n)
{
  if (n == 1)
    return is_number_token(tokens[0], strlen(tokens[0])) ? 0 : -1;
  if (n == 3 && is_dash(tokens[0], strlen(tokens[0])) &&
      is_dash(tokens[2], strlen(tokens[2])))
    return is_number_token(tokens[1], strlen(tokens[1])) ? 1 : -1;
  if (n >= 2 && g_ascii_strcasecmp(tokens[0], "page") == 0) {
    /* "Page 23", "Page 23 of 90" */
    gboolean yes = is_number_token(tokens[1], strlen(tokens[1])) &&
                   (n == 2 || (n == 4 && g_ascii_strcasecmp(tokens[2], "of") == 0));
    return yes ? 1 : -1;
  }
  if (n >= 3) {
    /* "23 | Company" or "Company | 23" */
    if (strcmp(tokens[1], "|") == 0 && is_number_token(tokens[0], strlen(tokens[0])))
      return 0;
    if (strcmp(tokens[n - 2], "|") == 0 &&
        is_number_token(tokens[n - 1], strlen(tokens[n - 1])))
      return (int)n - 1;
  }
  return -1;
}

char *rsk_page_number_of(const char *text)
{
  char **tokens = g_strsplit(text, " ", -1);
  guint n = g_strv_length(tokens);
  char *number = NULL;

  /* Drop empty tokens from double spaces. */
  guint k = 0;
  for (guint i = 0; i < n; i++)
    if (*tokens[i])
      tokens[k++] = tokens[i];
    else
      g_free(tokens[i]);
  tokens[k] = NULL;
  int at = number_token(tokens, k);
  if (at >= 0)
    number = g_strdup(tokens[at]);
  g_strfreev(tokens);
  return number;
}

gboolean rsk_is_page_number(const char *text)
{
  g_autofree char *number = rsk_page_number_of(text);
  return number != NULL;
}

/* TEXT lower-cased with digit runs folded to '#'; NULL when it holds no
 * letter (bullets, rules, lone numbers are not running headers). */
static char *repeat_key(const char *text)
{
  GString *key = g_string_new(NULL);
  gboolean letter = FALSE;
  for (const char *p = text; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (g_unichar_isdigit(c)) {
      if (key->len == 0 || key->str[key->len - 1] != '#')
        g_string_append_c(key, '#');
      continue;
    }
    if (g_unichar_isalpha(c))
      letter = TRUE;
    g_string_append_unichar(key, g_unichar_tolower(c));
  }
  if (!letter) {
    g_string_free(key, TRUE);
    return NULL;
  }
  return g_string_free(key, FALSE);
}

typedef struct {
  GArray *lines;     /* guint indices into the line array */
} repeat_group;

static void repeat_group_free(gpointer data)
{
  repeat_group *group = data;
  g_array_unref(group->lines);
  g_free(group);
}

static int compare_float(const void *a, const void *b)
{
  float x = *(const float *)a, y = *(const float *)b;
  return (x > y) - (x < y);
}

/* The printed number of a page-number line (its first digit run) folded
 * with its series letter ("F-3" counts apart from "3") and the PDF page
 * index into one key: lines of one running sequence share it. */
static gboolean sequence_key(const rsk_line *line, gpointer *key)
{
  const char *text = line->text, *p = text;
  while (*p && !g_ascii_isdigit(*p))
    p++;
  if (!*p)
    return FALSE;
  int series = 0;
  if (p - text >= 2 && p[-1] == '-' && g_ascii_isupper(p[-2]))
    series = p[-2];
  *key = GINT_TO_POINTER(series * 100000 + 50000 + atoi(p) - line->page);
  return TRUE;
}

static void mark_number_sequence(rsk_line *all, guint n, guint need)
{
  GArray *candidates = g_array_new(FALSE, FALSE, sizeof(guint));
  GHashTable *offsets = g_hash_table_new(g_direct_hash, g_direct_equal);
  for (guint start = 0; start < n;) {
    guint end = start, top = start, bottom = start;
    while (end < n && all[end].page == all[start].page) {
      if (all[end].y0 < all[top].y0)
        top = end;
      if (all[end].y0 > all[bottom].y0)
        bottom = end;
      end++;
    }
    guint ends[2] = {top, bottom};
    for (int k = 0; k < 2 && (k == 0 || bottom != top); k++) {
      gpointer key;
      const rsk_line *line = &all[ends[k]];
      if (!rsk_is_page_number(line->text) || !sequence_key(line, &key))
        continue;
      guint count = GPOINTER_TO_UINT(g_hash_table_lookup(offsets, key));
      g_hash_table_insert(offsets, key, GUINT_TO_POINTER(count + 1));
      g_array_append_val(candidates, ends[k]);
    }
    start = end;
  }
  for (guint k = 0; k < candidates->len; k++) {
    rsk_line *line = &all[g_array_index(candidates, guint, k)];
    gpointer key = NULL;
    sequence_key(line, &key);
    if (GPOINTER_TO_UINT(g_hash_table_lookup(offsets, key)) >= need)
      line->flags |= RSK_LINE_FURNITURE;
  }
  g_hash_table_unref(offsets);
  g_array_unref(candidates);
}

void rsk_lines_mark_furniture(GArray *lines, const double *page_height,
                              int n_pages)
{
  rsk_line *all = (rsk_line *)(void *)lines->data;
  guint n = lines->len;
  GHashTable *groups = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                             repeat_group_free);
  int pages_with_lines = 0;

  for (guint start = 0; start < n;) {
    int page = all[start].page;
    guint end = start;
    while (end < n && all[end].page == page)
      end++;
    pages_with_lines++;
    double h = page >= 1 && page <= n_pages ? page_height[page - 1] : 0;
    for (guint i = start; h > 0 && i < end; i++) {
      rsk_line *line = &all[i];
      double cy = (line->y0 + line->y1) / 2;
      int band = cy < 0.125 * h ? BAND_TOP
               : cy > 0.875 * h ? BAND_BOTTOM : BAND_NONE;
      if (band == BAND_NONE)
        continue;
      /* Page numbers: in the outer tenth and among the outermost lines. */
      gboolean outer = band == BAND_TOP ? cy < 0.1 * h : cy > 0.9 * h;
      if (outer && rsk_is_page_number(line->text)) {
        int beyond = 0;
        for (guint j = start; j < end; j++) {
          double cj = (all[j].y0 + all[j].y1) / 2;
          if (band == BAND_TOP ? cj < cy - 1 : cj > cy + 1)
            beyond++;
        }
        if (beyond < 3) {
          line->flags |= RSK_LINE_FURNITURE;
          continue;
        }
      }
      char *key = repeat_key(line->text);
      if (!key)
        continue;
      char *full = g_strdup_printf("%d:%s", band, key);
      g_free(key);
      repeat_group *group = g_hash_table_lookup(groups, full);
      if (!group) {
        group = g_new0(repeat_group, 1);
        group->lines = g_array_new(FALSE, FALSE, sizeof(guint));
        g_hash_table_insert(groups, full, group);
      } else {
        g_free(full);
      }
      g_array_append_val(group->lines, i);
    }
    start = end;
  }

  guint need = pages_with_lines >= 6 ? 3 : 2;
  mark_number_sequence(all, n, need);
  GHashTableIter iter;
  gpointer value;
  g_hash_table_iter_init(&iter, groups);
  while (g_hash_table_iter_next(&iter, NULL, &value)) {
    repeat_group *group = value;
    if (group->lines->len < need)
      continue;
    /* Keep the lines near the group's median height; count their pages. */
    float *ys = g_new(float, group->lines->len);
    for (guint k = 0; k < group->lines->len; k++) {
      const rsk_line *line = &all[g_array_index(group->lines, guint, k)];
      ys[k] = (line->y0 + line->y1) / 2;
    }
    qsort(ys, group->lines->len, sizeof(float), compare_float);
    float median = ys[group->lines->len / 2];
    g_free(ys);
    guint pages = 0;
    int last_page = 0;
    for (guint k = 0; k < group->lines->len; k++) {
      const rsk_line *line = &all[g_array_index(group->lines, guint, k)];
      double h = page_height[line->page - 1];
      if (fabs((line->y0 + line->y1) / 2 - median) < 0.03 * h &&
          line->page != last_page) {
        pages++;
        last_page = line->page;
      }
    }
    if (pages < need)
      continue;
    for (guint k = 0; k < group->lines->len; k++) {
      rsk_line *line = &all[g_array_index(group->lines, guint, k)];
      double h = page_height[line->page - 1];
      if (fabs((line->y0 + line->y1) / 2 - median) < 0.03 * h)
        line->flags |= RSK_LINE_FURNITURE;
    }
  }
  g_hash_table_unref(groups);
}
