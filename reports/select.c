/* select.c - which stored filings a comparison or report covers
 *
 * SPDX-License-Identifier: MIT
 */
#include "select.h"

#include "load.h"
#include "rsk_error.h"

#include <string.h>

char **rsk_split_list(const char *option)
{
  if (!option)
    return NULL;
  char **parts = g_strsplit(option, ",", -1);
  GPtrArray *kept = g_ptr_array_new();
  for (guint i = 0; parts[i]; i++) {
    g_strstrip(parts[i]);
    if (*parts[i])
      g_ptr_array_add(kept, g_strdup(parts[i]));
  }
  g_strfreev(parts);
  g_ptr_array_add(kept, NULL);
  return (char **)g_ptr_array_free(kept, FALSE);
}

/* Newer first: filed_date (NULL oldest), then analyzed_at, then id. */
static int cmp_newer_first(gconstpointer p, gconstpointer q)
{
  const rsk_filing_info *x = *(const rsk_filing_info *const *)p;
  const rsk_filing_info *y = *(const rsk_filing_info *const *)q;
  int c;

  if (x->filed_date && !y->filed_date)
    return -1;
  if (!x->filed_date && y->filed_date)
    return 1;
  if (x->filed_date && (c = strcmp(x->filed_date, y->filed_date)) != 0)
    return -c;
  if ((c = strcmp(x->analyzed_at, y->analyzed_at)) != 0)
    return -c;
  return x->id > y->id ? -1 : x->id < y->id;
}

static int cmp_casefold(gconstpointer p, gconstpointer q)
{
  return g_ascii_strcasecmp(*(const char *const *)p, *(const char *const *)q);
}

/* The stored companies' names, sorted, borrowed from LIST. */
static GPtrArray *company_names(const rsk_filing_list *list)
{
  GPtrArray *names = g_ptr_array_new();
  for (guint i = 0; i < list->filings->len; i++) {
    const char *c = g_array_index(list->filings, rsk_filing_info, i).company;
    gboolean seen = FALSE;
    for (guint k = 0; k < names->len && !seen; k++)
      seen = strcmp(g_ptr_array_index(names, k), c) == 0;
    if (!seen)
      g_ptr_array_add(names, (gpointer)c);
  }
  g_ptr_array_sort(names, cmp_casefold);
  return names;
}

/* The filings of COMPANY, newest first, borrowed from LIST. */
static GPtrArray *filings_of(const rsk_filing_list *list, const char *company)
{
  GPtrArray *out = g_ptr_array_new();
  for (guint i = 0; i < list->filings->len; i++) {
    const rsk_filing_info *info = &g_array_index(list->filings,
                                                 rsk_filing_info, i);
    if (strcmp(info->company, company) == 0)
      g_ptr_array_add(out, (gpointer)info);
  }
  g_ptr_array_sort(out, cmp_newer_first);
  return out;
}

static char *join_names(const GPtrArray *names)
{
  GString *s = g_string_new(NULL);
  for (guint k = 0; k < names->len; k++)
    g_string_append_printf(s, "%s\"%s\"", k ? ", " : "",
                           (const char *)g_ptr_array_index(names, k));
  return g_string_free(s, FALSE);
}

/* The company that ARG names: equal ignoring case, else the only one that
 * contains it. NULL with an error otherwise. */
static const char *match_company(const GPtrArray *names, const char *arg,
                                 GError **error)
{
  GPtrArray *hits = g_ptr_array_new();
  g_autofree char *needle = g_utf8_casefold(arg, -1);
  const char *found = NULL;

  for (guint k = 0; k < names->len; k++) {
    const char *name = g_ptr_array_index(names, k);
    g_autofree char *folded = g_utf8_casefold(name, -1);
    if (strcmp(folded, needle) == 0) {
      g_ptr_array_unref(hits);
      return name;
    }
    if (strstr(folded, needle))
      g_ptr_array_add(hits, (gpointer)name);
  }
  if (hits->len == 1) {
    found = g_ptr_array_index(hits, 0);
  } else {
    g_autofree char *list = join_names(hits->len ? hits : names);
    if (hits->len)
      g_set_error(error, RSK_ERROR, RSK_ERROR_USAGE,
                  "company \"%s\" is ambiguous: it matches %s", arg, list);
    else
      g_set_error(error, RSK_ERROR, RSK_ERROR_NOT_FOUND,
                  "no stored company matches \"%s\" (stored: %s)", arg,
                  names->len ? list : "none");
  }
  g_ptr_array_unref(hits);
  return found;
}

/* Resolves the comma-split ARGS to companies. A name with a comma in it
 * ("Advanced Micro Devices, Inc.") arrives in pieces: the longest run of
 * pieces that, joined again, is a stored name wins. */
static GPtrArray *match_companies(const GPtrArray *names,
                                  const char *const *args, GError **error)
{
  GPtrArray *chosen = g_ptr_array_new();
  guint n = g_strv_length((char **)args);

  for (guint i = 0; i < n;) {
    const char *company = NULL;
    guint used = 1;
    for (guint j = n; j > i + 1 && !company; j--) {
      g_autofree char *joined = NULL;
      GString *s = g_string_new(args[i]);
      for (guint k = i + 1; k < j; k++)
        g_string_append_printf(s, ", %s", args[k]);
      joined = g_string_free(s, FALSE);
      for (guint k = 0; k < names->len && !company; k++)
        if (g_ascii_strcasecmp(g_ptr_array_index(names, k), joined) == 0) {
          company = g_ptr_array_index(names, k);
          used = j - i;
        }
    }
    if (!company && !(company = match_company(names, args[i], error))) {
      g_ptr_array_unref(chosen);
      return NULL;
    }
    gboolean dup = FALSE;
    for (guint k = 0; k < chosen->len && !dup; k++)
      dup = g_ptr_array_index(chosen, k) == company;
    if (!dup)
      g_ptr_array_add(chosen, (gpointer)company);
    i += used;
  }
  return chosen;
}

static void selection_add(rsk_selection *sel, rsk_analysis *latest,
                          rsk_analysis *previous)
{
  g_ptr_array_add(sel->latest, latest);
  g_ptr_array_add(sel->previous, previous);
}

/* Labels: the company, or "company (file)" when it has several rows. */
static void make_labels(rsk_selection *sel)
{
  for (guint i = 0; i < sel->latest->len; i++) {
    const rsk_analysis *a = g_ptr_array_index(sel->latest, i);
    guint same = 0;
    for (guint k = 0; k < sel->latest->len; k++)
      same += strcmp(((const rsk_analysis *)g_ptr_array_index(sel->latest, k))
                         ->info.company, a->info.company) == 0;
    g_ptr_array_add(sel->labels,
                    same > 1 ? g_strdup_printf("%s (%s)", a->info.company,
                                               a->info.name)
                             : g_strdup(a->info.company));
  }
}

static void analysis_free(gpointer a)
{
  rsk_analysis_free(a);
}

rsk_selection *rsk_select(rsk_store *store, const char *const *companies,
                          const char *const *filings, gboolean with_previous,
                          GError **error)
{
  rsk_filing_list *list = rsk_read_filings(store, RSK_READ_ALL, error);
  if (!list)
    return NULL;

  rsk_selection *sel = g_new0(rsk_selection, 1);
  GPtrArray *names = company_names(list), *chosen = NULL;
  gboolean ok = TRUE;

  sel->latest = g_ptr_array_new_with_free_func(analysis_free);
  sel->previous = g_ptr_array_new_with_free_func(analysis_free);
  sel->labels = g_ptr_array_new_with_free_func(g_free);

  if (filings && *filings) {
    /* One row per filing however often it is named ("1,1", "1,nvidia"). */
    GHashTable *seen = g_hash_table_new_full(g_int64_hash, g_int64_equal,
                                             g_free, NULL);
    for (guint i = 0; ok && filings[i]; i++) {
      gint64 id = rsk_read_resolve_filing(store, filings[i], error);
      ok = id != 0;
      if (!ok || g_hash_table_contains(seen, &id))
        continue;
      g_hash_table_add(seen, g_memdup2(&id, sizeof id));
      rsk_analysis *a = rsk_analysis_load(store, id, error);
      ok = a != NULL;
      if (a)
        selection_add(sel, a, NULL);
    }
    g_hash_table_unref(seen);
  } else {
    chosen = companies && *companies ? match_companies(names, companies, error)
                                     : g_ptr_array_ref(names);
    ok = chosen != NULL;
    for (guint i = 0; ok && i < chosen->len; i++) {
      GPtrArray *own = filings_of(list, g_ptr_array_index(chosen, i));
      const rsk_filing_info *latest = g_ptr_array_index(own, 0), *prev = NULL;
      for (guint k = 1; with_previous && k < own->len && !prev; k++) {
        const rsk_filing_info *f = g_ptr_array_index(own, k);
        if (strcmp(f->sha256, latest->sha256) != 0)
          prev = f;
      }
      rsk_analysis *a = rsk_analysis_load(store, latest->id, error);
      rsk_analysis *p = a && prev ? rsk_analysis_load(store, prev->id, error)
                                  : NULL;
      ok = a && (!prev || p);
      if (a)
        selection_add(sel, a, p);
      else
        rsk_analysis_free(p);
      g_ptr_array_unref(own);
    }
  }
  if (chosen)
    g_ptr_array_unref(chosen);
  g_ptr_array_unref(names);
  rsk_filing_list_free(list);
  if (!ok) {
    rsk_selection_free(sel);
    return NULL;
  }
  make_labels(sel);
  return sel;
}

void rsk_selection_free(rsk_selection *sel)
{
  if (!sel)
    return;
  g_ptr_array_unref(sel->latest);
  g_ptr_array_unref(sel->previous);
  g_ptr_array_unref(sel->labels);
  g_free(sel);
}

rsk_matrix *rsk_selection_matrix(const rsk_selection *sel)
{
  rsk_matrix *m = rsk_matrix_new();
  const char *taxonomy_name = NULL;

  for (guint i = 0; i < sel->latest->len; i++) {
    const rsk_analysis *a = g_ptr_array_index(sel->latest, i);
    rsk_matrix_add_analysis(m, g_ptr_array_index(sel->labels, i), a);
    if (!taxonomy_name)
      taxonomy_name = a->info.taxonomy_name;
  }
  rsk_matrix_apply_taxonomy(m, taxonomy_name);
  return m;
}
