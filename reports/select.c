/* select.c - which stored filings a comparison or report covers
 *
 * SPDX-License-Identifier: MIT
 */
#include "select.h"

#include "companies.h"
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

/* Newer first: db/read.h's rule. */
static int cmp_newer_first(gconstpointer p, gconstpointer q)
{
  return rsk_filing_info_cmp_newer(*(const rsk_filing_info *const *)p,
                                   *(const rsk_filing_info *const *)q);
}

static int cmp_company_name(gconstpointer p, gconstpointer q)
{
  const rsk_filing_info *x = *(const rsk_filing_info *const *)p;
  const rsk_filing_info *y = *(const rsk_filing_info *const *)q;
  return g_ascii_strcasecmp(x->company, y->company);
}

/* Each stored company once (its first filing's info, borrowed from
 * LIST), ordered by name ignoring case. */
static GPtrArray *companies_by_name(const rsk_filing_list *list)
{
  GPtrArray *out = g_ptr_array_new();
  GHashTable *seen = g_hash_table_new(g_int64_hash, g_int64_equal);
  for (guint i = 0; i < list->filings->len; i++) {
    const rsk_filing_info *info = &g_array_index(list->filings, rsk_filing_info, i);
    if (g_hash_table_add(seen, (gpointer)&info->company_id))
      g_ptr_array_add(out, (gpointer)info);
  }
  g_hash_table_unref(seen);
  g_ptr_array_sort(out, cmp_company_name);
  return out;
}

/* The company ids to cover: those COMPANIES name, in their order, or all
 * in name order. NULL with an error. */
static GArray *chosen_ids(const rsk_filing_list *list,
                          const char *const *companies, GError **error)
{
  if (companies && *companies)
    return rsk_match_companies(list, companies, error);
  GPtrArray *all = companies_by_name(list);
  GArray *ids = g_array_new(FALSE, FALSE, sizeof(gint64));
  for (guint k = 0; k < all->len; k++)
    g_array_append_val(ids, ((const rsk_filing_info *)all->pdata[k])->company_id);
  g_ptr_array_unref(all);
  return ids;
}

/* The name of company ID as LIST prints it. */
static const char *company_name(const rsk_filing_list *list, gint64 id)
{
  for (guint i = 0; i < list->filings->len; i++) {
    const rsk_filing_info *info = &g_array_index(list->filings, rsk_filing_info, i);
    if (info->company_id == id)
      return info->company;
  }
  return "?";
}

/* The filings of company ID of the forms FORMS names
 * (rsk_filing_info_of_forms), newest first, borrowed from LIST. */
static GPtrArray *filings_of(const rsk_filing_list *list, gint64 id, const char *forms)
{
  GPtrArray *out = g_ptr_array_new();
  for (guint i = 0; i < list->filings->len; i++) {
    const rsk_filing_info *info = &g_array_index(list->filings,
                                                 rsk_filing_info, i);
    if (info->company_id == id && rsk_filing_info_of_forms(info, forms))
      g_ptr_array_add(out, (gpointer)info);
  }
  g_ptr_array_sort(out, cmp_newer_first);
  return out;
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

/* What FORMS asks for, for messages. */
static const char *forms_wanted(const char *forms)
{
  return forms ? forms : "annual report or prospectus";
}

static void analysis_free(gpointer a)
{
  rsk_analysis_free(a);
}

rsk_selection *rsk_select(rsk_store *store, const char *const *companies,
                          const char *const *filings, const char *forms,
                          gboolean with_previous, GError **error)
{
  rsk_filing_list *list = rsk_read_filings(store, RSK_READ_ALL, error);
  if (!list)
    return NULL;

  rsk_selection *sel = g_new0(rsk_selection, 1);
  GArray *chosen = NULL;
  gboolean ok = TRUE;

  sel->latest = g_ptr_array_new_with_free_func(analysis_free);
  sel->previous = g_ptr_array_new_with_free_func(analysis_free);
  sel->labels = g_ptr_array_new_with_free_func(g_free);

  if (filings && *filings) {
    for (guint i = 0; ok && filings[i]; i++) {
      gint64 id = rsk_read_resolve_filing(store, filings[i], error);
      rsk_analysis *a = id ? rsk_analysis_load(store, id, error) : NULL;
      ok = a != NULL;
      if (a)
        selection_add(sel, a, NULL);
    }
  } else {
    chosen = chosen_ids(list, companies, error);
    ok = chosen != NULL;
    gboolean named = companies && *companies;
    guint skipped = 0;
    for (guint i = 0; ok && i < chosen->len; i++) {
      gint64 id = g_array_index(chosen, gint64, i);
      GPtrArray *own = filings_of(list, id, forms);
      if (own->len == 0) {
        /* Only 10-Qs, or none of the forms asked for. */
        g_ptr_array_unref(own);
        skipped++;
        if (named) {
          g_set_error(error, RSK_ERROR, RSK_ERROR_NOT_FOUND,
                      "%s has no stored %s", company_name(list, id), forms_wanted(forms));
          ok = FALSE;
        }
        continue;
      }
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
    if (ok && skipped && sel->latest->len == 0) {
      g_set_error(error, RSK_ERROR, RSK_ERROR_NOT_FOUND,
                  "no stored %s%s", forms_wanted(forms),
                  forms ? "" : " (10-Qs are compared when asked: --forms 10-Q)");
      ok = FALSE;
    }
  }
  if (chosen)
    g_array_unref(chosen);
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
