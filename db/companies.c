/* companies.c - company keys, and matching what a user types to companies
 *
 * Matching is exact first, then by unique prefix, never by a part inside
 * a name: "Intel" must not find "Lumenary Intelligence", and "amd" finds
 * Advanced Micro Devices by its ticker.
 *
 * SPDX-License-Identifier: MIT
 */
#include "companies.h"

#include "rsk_error.h"

#include <string.h>

char *rsk_company_key(const char *name)
{
  static const char *const legal_forms[] = {
    "inc", "incorporated", "corp", "corporation", "co", "company", "ltd",
    "limited", "plc", "llc", "lp", "sa", "ag", "nv", "se", "the", NULL,
  };
  g_autofree char *lower = g_utf8_strdown(name, -1);
  GString *key = g_string_new(NULL);
  const char *p = lower;

  while (*p) {
    const char *start = p;
    while (*p && g_unichar_isalnum(g_utf8_get_char(p)))
      p = g_utf8_next_char(p);
    if (p == start) {
      p = g_utf8_next_char(p);
      continue;
    }
    g_autofree char *word = g_strndup(start, (gsize)(p - start));
    if (g_strv_contains(legal_forms, word))
      continue;
    if (key->len)
      g_string_append_c(key, ' ');
    g_string_append(key, word);
  }
  if (key->len == 0)
    g_string_append(key, lower);
  return g_string_free(key, FALSE);
}

/* One stored company and the names and codes its filings give it. */
typedef struct {
  gint64 id;
  const char *name;        /* borrowed from the list */
  char *folded;            /* name, case-folded */
  const char *key;
  GPtrArray *names_zh;     /* const char * */
  GPtrArray *tickers;      /* const char * */
  GPtrArray *numbers;      /* const char *: stock codes and CIKs */
} company;

static void company_clear(gpointer data)
{
  company *c = data;
  g_free(c->folded);
  g_ptr_array_unref(c->names_zh);
  g_ptr_array_unref(c->tickers);
  g_ptr_array_unref(c->numbers);
}

static void add_once(GPtrArray *set, const char *text)
{
  if (!text)
    return;
  for (guint k = 0; k < set->len; k++)
    if (strcmp(g_ptr_array_index(set, k), text) == 0)
      return;
  g_ptr_array_add(set, (gpointer)text);
}

static GArray *companies_of(const rsk_filing_list *list)
{
  GArray *all = g_array_new(FALSE, TRUE, sizeof(company));
  g_array_set_clear_func(all, company_clear);
  GHashTable *index = g_hash_table_new(g_int64_hash, g_int64_equal);
  for (guint i = 0; i < list->filings->len; i++) {
    const rsk_filing_info *f = &g_array_index(list->filings, rsk_filing_info, i);
    gpointer at = NULL;
    company *c = g_hash_table_lookup_extended(index, &f->company_id, NULL, &at)
                     ? &g_array_index(all, company, GPOINTER_TO_UINT(at))
                     : NULL;
    if (!c) {
      g_hash_table_insert(index, (gpointer)&f->company_id,
                          GUINT_TO_POINTER(all->len));
      company fresh = {
          .id = f->company_id, .name = f->company,
          .folded = g_utf8_casefold(f->company, -1), .key = f->company_key,
          .names_zh = g_ptr_array_new(), .tickers = g_ptr_array_new(),
          .numbers = g_ptr_array_new()};
      g_array_append_val(all, fresh);
      c = &g_array_index(all, company, all->len - 1);
    }
    add_once(c->names_zh, f->company_zh);
    add_once(c->tickers, f->ticker);
    add_once(c->numbers, f->stock_code);
    add_once(c->numbers, f->cik);
  }
  g_hash_table_unref(index);
  return all;
}

static gboolean all_digits(const char *text)
{
  return *text && strspn(text, "0123456789") == strlen(text);
}

static gboolean any_equal(const GPtrArray *set, const char *text,
                          gboolean ignore_case)
{
  for (guint k = 0; k < set->len; k++) {
    const char *s = g_ptr_array_index(set, k);
    if (ignore_case ? g_ascii_strcasecmp(s, text) == 0 : strcmp(s, text) == 0)
      return TRUE;
  }
  return FALSE;
}

static gboolean any_prefix(const GPtrArray *set, const char *text)
{
  for (guint k = 0; k < set->len; k++)
    if (g_str_has_prefix(g_ptr_array_index(set, k), text))
      return TRUE;
  return FALSE;
}

/* Codes are numbers: "700", "0700" and "00700" are one stock code. */
static gboolean any_number(const GPtrArray *set, const char *digits)
{
  guint64 n = g_ascii_strtoull(digits, NULL, 10);
  for (guint k = 0; k < set->len; k++)
    if (g_ascii_strtoull(g_ptr_array_index(set, k), NULL, 10) == n)
      return TRUE;
  return FALSE;
}

static gboolean matches(const company *c, const char *arg, const char *folded,
                        const char *key, gboolean exact)
{
  if (exact)
    return strcmp(c->folded, folded) == 0 || strcmp(c->key, key) == 0 ||
           any_equal(c->names_zh, arg, FALSE) ||
           any_equal(c->tickers, arg, TRUE) ||
           (all_digits(arg) && any_number(c->numbers, arg));
  return g_str_has_prefix(c->folded, folded) ||
         (*key && g_str_has_prefix(c->key, key)) || any_prefix(c->names_zh, arg);
}

/* "NVIDIA CORPORATION" (NVDA), for messages. */
static void append_label(GString *s, const company *c)
{
  g_string_append_printf(s, "\"%s\"", c->name);
  if (c->tickers->len)
    g_string_append_printf(s, " (%s)", (const char *)c->tickers->pdata[0]);
}

enum { LISTED = 12 };  /* companies named in a message at most */

/* The companies ARG names at one tier (exact or prefix), as indexes. */
static GArray *hits_of(const GArray *all, const char *arg, gboolean exact)
{
  g_autofree char *folded = g_utf8_casefold(arg, -1);
  g_autofree char *key = rsk_company_key(arg);
  GArray *hits = g_array_new(FALSE, FALSE, sizeof(guint));
  for (guint k = 0; k < all->len; k++)
    if (matches(&g_array_index(all, company, k), arg, folded, key, exact))
      g_array_append_val(hits, k);
  return hits;
}

/* The index in ALL of the company ARG names, or -1 with an error. */
static int match_one(const GArray *all, const char *arg, GError **error)
{
  GArray *hits = hits_of(all, arg, TRUE);
  if (hits->len == 0) {
    g_array_unref(hits);
    hits = hits_of(all, arg, FALSE);
  }
  int found = hits->len == 1 ? (int)g_array_index(hits, guint, 0) : -1;
  if (found < 0) {
    gboolean none = hits->len == 0;
    GString *s = g_string_new(NULL);
    guint shown = none ? all->len : hits->len;
    for (guint k = 0; k < shown && k < LISTED; k++) {
      guint at = none ? k : g_array_index(hits, guint, k);
      if (k)
        g_string_append(s, ", ");
      append_label(s, &g_array_index(all, company, at));
    }
    if (shown > LISTED)
      g_string_append_printf(s, " and %u more", shown - LISTED);
    if (none)
      g_set_error(error, RSK_ERROR, RSK_ERROR_NOT_FOUND,
                  "no stored company matches \"%s\" (stored: %s)", arg,
                  all->len ? s->str : "none");
    else
      g_set_error(error, RSK_ERROR, RSK_ERROR_USAGE,
                  "company \"%s\" is ambiguous: it matches %s; give more of "
                  "the name, or a ticker", arg, s->str);
    g_string_free(s, TRUE);
  }
  g_array_unref(hits);
  return found;
}

/* The company that ARGS[I..J) joined with ", " names exactly, or -1. */
static int match_joined(const GArray *all, const char *const *args, guint i,
                        guint j)
{
  GString *s = g_string_new(args[i]);
  for (guint k = i + 1; k < j; k++)
    g_string_append_printf(s, ", %s", args[k]);
  GArray *hits = hits_of(all, s->str, TRUE);
  int found = hits->len == 1 ? (int)g_array_index(hits, guint, 0) : -1;
  g_array_unref(hits);
  g_string_free(s, TRUE);
  return found;
}

GArray *rsk_match_companies(const rsk_filing_list *list,
                            const char *const *args, GError **error)
{
  GArray *all = companies_of(list);
  GArray *ids = g_array_new(FALSE, FALSE, sizeof(gint64));
  guint n = args ? g_strv_length((char **)args) : 0;

  for (guint i = 0; i < n;) {
    int found = -1;
    guint used = 1;
    for (guint j = n; j > i + 1 && found < 0; j--)
      if ((found = match_joined(all, args, i, j)) >= 0)
        used = j - i;
    if (found < 0 && (found = match_one(all, args[i], error)) < 0) {
      g_clear_pointer(&ids, g_array_unref);
      break;
    }
    gint64 id = g_array_index(all, company, found).id;
    gboolean dup = FALSE;
    for (guint k = 0; k < ids->len && !dup; k++)
      dup = g_array_index(ids, gint64, k) == id;
    if (!dup)
      g_array_append_val(ids, id);
    i += used;
  }
  g_array_unref(all);
  return ids;
}
