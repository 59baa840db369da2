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

/* What FORMS asks for, for messages. */
static const char *forms_wanted(const char *forms)
{
  return forms ? forms : "annual report or prospectus";
}

char **rsk_split_lists(char **options)
{
  if (!options)
    return NULL;
  GPtrArray *all = g_ptr_array_new();
  for (guint i = 0; options[i]; i++) {
    char **parts = rsk_split_list(options[i]);
    for (guint k = 0; parts[k]; k++)
      g_ptr_array_add(all, parts[k]);
    g_free(parts);
  }
  g_ptr_array_add(all, NULL);
  return (char **)g_ptr_array_free(all, FALSE);
}

/* The period that tells two filings of one company apart: the date the
 * filing reports on, else the document's own date, when known. */
static const char *period_of(const rsk_filing_info *info)
{
  if (info->period_end && *info->period_end)
    return info->period_end;
  return info->document_date && *info->document_date ? info->document_date : NULL;
}

/* Labels: the company, or "company (period)" when it has several rows, or
 * "company (file)" when their periods do not tell them apart. */
static void make_labels(rsk_selection *sel)
{
  for (guint i = 0; i < sel->latest->len; i++) {
    const rsk_analysis *a = g_ptr_array_index(sel->latest, i);
    guint same = 0;
    gboolean periods = period_of(&a->info) != NULL;
    for (guint k = 0; k < sel->latest->len; k++) {
      const rsk_analysis *b = g_ptr_array_index(sel->latest, k);
      if (strcmp(b->info.company, a->info.company) != 0)
        continue;
      same++;
      if (k != i && (!period_of(&b->info) ||
                     g_strcmp0(period_of(&b->info), period_of(&a->info)) == 0))
        periods = FALSE;
    }
    char *label = same < 2 ? g_strdup(a->info.company)
                : periods  ? g_strdup_printf("%s (%s)", a->info.company,
                                             period_of(&a->info))
                           : g_strdup_printf("%s (%s)", a->info.company,
                                             a->info.name);
    g_ptr_array_add(sel->labels, label);
  }
}

static void analysis_free(gpointer a)
{
  rsk_analysis_free(a);
}

static void history_free(gpointer a)
{
  g_array_unref(a);
}

/* Two filings of one form: a 10-K follows a 10-K, a prospectus a
 * prospectus. A form not recognised ("unknown") could be either. */
static gboolean same_form(const rsk_filing_info *a, const rsk_filing_info *b)
{
  return strcmp(a->doc_type, b->doc_type) == 0 ||
         strcmp(a->doc_type, "unknown") == 0 ||
         strcmp(b->doc_type, "unknown") == 0;
}

static gboolean is_flagged(const rsk_filing_info *info)
{
  return info->flags && info->flags->len > 0;
}

static char *flag_line(const rsk_filing_info *info)
{
  GString *s = g_string_new(info->name);
  for (guint k = 0; k < info->flags->len; k++)
    g_string_append_printf(s, "%s%s", k ? "; " : ": ",
                           (const char *)g_ptr_array_index(info->flags, k));
  return g_string_free(s, FALSE);
}

/* The ids EXCLUDE names, or NULL with an error. */
static GArray *resolve_all(rsk_store *store, const char *const *args,
                           GError **error)
{
  GArray *ids = g_array_new(FALSE, FALSE, sizeof(gint64));
  for (guint i = 0; args && args[i]; i++) {
    gint64 id = rsk_read_resolve_filing(store, args[i], error);
    if (!id) {
      g_array_unref(ids);
      return NULL;
    }
    g_array_append_val(ids, id);
  }
  return ids;
}

static gboolean has_id(const GArray *ids, gint64 id)
{
  for (guint k = 0; ids && k < ids->len; k++)
    if (g_array_index(ids, gint64, k) == id)
      return TRUE;
  return FALSE;
}

/* Drops from OWN (newest first) the filings left out: excluded ones and,
 * unless INCLUDE_FLAGGED, flagged ones, noting them in SEL. */
static void leave_out(rsk_selection *sel, GPtrArray *own, const GArray *excluded,
                      gboolean include_flagged)
{
  for (guint k = 0; k < own->len;) {
    const rsk_filing_info *f = g_ptr_array_index(own, k);
    if (has_id(excluded, f->id)) {
      g_ptr_array_add(sel->excluded, g_strdup(f->name));
    } else if (!include_flagged && is_flagged(f)) {
      g_ptr_array_add(sel->flagged_out, flag_line(f));
    } else {
      k++;
      continue;
    }
    g_ptr_array_remove_index(own, k);
  }
}

/* The form of the filings of OWN (newest first) that go with LATEST. */
static char *form_of(const GPtrArray *own, const rsk_filing_info *latest)
{
  for (guint k = 0; k < own->len; k++) {
    const rsk_filing_info *f = g_ptr_array_index(own, k);
    if (same_form(f, latest) && strcmp(f->doc_type, "unknown") != 0)
      return g_strdup(f->doc_type);
  }
  return g_strdup(latest->doc_type);
}

/* The ids of the filings of OWN (newest first) of LATEST's form, oldest
 * first, the newest analysis of each file only. */
static GArray *history_of(const GPtrArray *own, const rsk_filing_info *latest)
{
  GArray *ids = g_array_new(FALSE, FALSE, sizeof(gint64));
  GPtrArray *seen = g_ptr_array_new();
  for (guint k = 0; k < own->len; k++) {
    const rsk_filing_info *f = g_ptr_array_index(own, k);
    gboolean dup = FALSE;
    for (guint q = 0; q < seen->len && !dup; q++)
      dup = strcmp(g_ptr_array_index(seen, q), f->sha256) == 0;
    if (dup || !same_form(f, latest))
      continue;
    g_ptr_array_add(seen, (gpointer)f->sha256);
    g_array_prepend_val(ids, f->id);
  }
  g_ptr_array_unref(seen);
  return ids;
}

static gboolean select_filings(rsk_selection *sel, rsk_store *store,
                               const rsk_select_options *o,
                               const GArray *excluded, GError **error)
{
  g_autoptr(GArray) named = g_array_new(FALSE, FALSE, sizeof(gint64));
  for (guint i = 0; o->filings[i]; i++) {
    gint64 id = rsk_read_resolve_filing(store, o->filings[i], error);
    if (!id)
      return FALSE;
    /* One row per filing however often it is named ("1,1", "1,nvidia"). */
    if (has_id(named, id))
      continue;
    g_array_append_val(named, id);
    rsk_analysis *a = rsk_analysis_load(store, id, error);
    if (!a)
      return FALSE;
    if (has_id(excluded, id)) {
      g_ptr_array_add(sel->excluded, g_strdup(a->info.name));
      rsk_analysis_free(a);
      continue;
    }
    GArray *own = g_array_new(FALSE, FALSE, sizeof(gint64));
    g_array_append_val(own, id);
    g_ptr_array_add(sel->latest, a);
    g_ptr_array_add(sel->previous, NULL);
    g_ptr_array_add(sel->history, own);
    g_ptr_array_add(sel->forms, g_strdup(a->info.doc_type));
  }
  return TRUE;
}

static gboolean select_companies(rsk_selection *sel, rsk_store *store,
                                 const rsk_filing_list *list,
                                 const rsk_select_options *o,
                                 const GArray *excluded, GError **error)
{
  GArray *chosen = chosen_ids(list, o->companies, error);
  gboolean ok = chosen != NULL;
  gboolean named = o->companies && *o->companies;
  guint skipped = 0;

  for (guint i = 0; ok && i < chosen->len; i++) {
    gint64 id = g_array_index(chosen, gint64, i);
    GPtrArray *own = filings_of(list, id, o->forms);
    if (own->len == 0) {
      /* Only 10-Qs, or none of the forms asked for. */
      g_ptr_array_unref(own);
      skipped++;
      if (named) {
        g_set_error(error, RSK_ERROR, RSK_ERROR_NOT_FOUND, "%s has no stored %s",
                    company_name(list, id), forms_wanted(o->forms));
        ok = FALSE;
      }
      continue;
    }
    leave_out(sel, own, excluded, o->include_flagged);
    if (own->len == 0) {
      g_ptr_array_unref(own);
      continue;
    }
    const rsk_filing_info *latest = g_ptr_array_index(own, 0), *prev = NULL;
    for (guint k = 1; o->with_previous && k < own->len && !prev; k++) {
      const rsk_filing_info *f = g_ptr_array_index(own, k);
      if (strcmp(f->sha256, latest->sha256) != 0 && same_form(f, latest))
        prev = f;
    }
    rsk_analysis *a = rsk_analysis_load(store, latest->id, error);
    rsk_analysis *p = a && prev ? rsk_analysis_load(store, prev->id, error)
                                : NULL;
    ok = a && (!prev || p);
    if (ok) {
      g_ptr_array_add(sel->latest, a);
      g_ptr_array_add(sel->previous, p);
      g_ptr_array_add(sel->history, history_of(own, latest));
      g_ptr_array_add(sel->forms, form_of(own, latest));
    } else {
      rsk_analysis_free(a);
      rsk_analysis_free(p);
    }
    g_ptr_array_unref(own);
  }
  if (ok && skipped && sel->latest->len == 0 && sel->flagged_out->len == 0 &&
      sel->excluded->len == 0) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_NOT_FOUND, "no stored %s%s",
                forms_wanted(o->forms),
                o->forms ? "" : " (10-Qs are compared when asked: --forms 10-Q)");
    ok = FALSE;
  }
  if (chosen)
    g_array_unref(chosen);
  return ok;
}

/* The categories of the first row's taxonomy, as stored. */
static gboolean load_categories(rsk_selection *sel, rsk_store *store,
                                GError **error)
{
  const rsk_analysis *a = sel->latest->len ? g_ptr_array_index(sel->latest, 0)
                                           : NULL;
  if (!a) {
    sel->category_ids = g_new0(char *, 1);
    sel->category_labels = g_new0(char *, 1);
    return TRUE;
  }
  return rsk_read_taxonomy_categories(store, a->info.taxonomy_name,
                                      a->info.taxonomy_version,
                                      &sel->category_ids,
                                      &sel->category_labels, error);
}

rsk_selection *rsk_select(rsk_store *store, const rsk_select_options *o,
                          GError **error)
{
  rsk_filing_list *list = rsk_read_filings(store, RSK_READ_ALL, error);
  if (!list)
    return NULL;

  rsk_selection *sel = g_new0(rsk_selection, 1);
  GArray *excluded = resolve_all(store, o->exclude, error);
  gboolean ok = excluded != NULL;

  sel->latest = g_ptr_array_new_with_free_func(analysis_free);
  sel->previous = g_ptr_array_new_with_free_func(analysis_free);
  sel->labels = g_ptr_array_new_with_free_func(g_free);
  sel->history = g_ptr_array_new_with_free_func(history_free);
  sel->forms = g_ptr_array_new_with_free_func(g_free);
  sel->excluded = g_ptr_array_new_with_free_func(g_free);
  sel->flagged_out = g_ptr_array_new_with_free_func(g_free);
  sel->n_stored = list->filings->len;

  if (ok && o->filings && *o->filings)
    ok = select_filings(sel, store, o, excluded, error);
  else if (ok)
    ok = select_companies(sel, store, list, o, excluded, error);
  ok = ok && load_categories(sel, store, error);
  if (excluded)
    g_array_unref(excluded);
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
  g_ptr_array_unref(sel->history);
  g_ptr_array_unref(sel->forms);
  g_ptr_array_unref(sel->excluded);
  g_ptr_array_unref(sel->flagged_out);
  g_strfreev(sel->category_ids);
  g_strfreev(sel->category_labels);
  g_free(sel);
}

char *rsk_selection_note(const rsk_selection *sel)
{
  GString *s = g_string_new(NULL);
  guint n = sel->flagged_out->len, x = sel->excluded->len;

  if (n) {
    g_string_append_printf(s, "left out %u filing%s with sanity flags, whose"
                           " numbers would mislead (--include-flagged keeps"
                           " %s):\n", n, n == 1 ? "" : "s",
                           n == 1 ? "it" : "them");
    for (guint k = 0; k < n; k++)
      g_string_append_printf(s, "  %s\n",
                             (const char *)g_ptr_array_index(sel->flagged_out, k));
  }
  if (x) {
    g_string_append_printf(s, "left out %u filing%s by --exclude:", x,
                           x == 1 ? "" : "s");
    for (guint k = 0; k < x; k++)
      g_string_append_printf(s, "%s %s", k ? "," : "",
                             (const char *)g_ptr_array_index(sel->excluded, k));
    g_string_append_c(s, '\n');
  }
  if (s->len == 0) {
    g_string_free(s, TRUE);
    return NULL;
  }
  return g_string_free(s, FALSE);
}

static void apply_categories(const rsk_selection *sel, rsk_matrix *m,
                             const char *taxonomy_name)
{
  rsk_matrix_apply_taxonomy(m, taxonomy_name,
                            (const char *const *)sel->category_ids,
                            (const char *const *)sel->category_labels);
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
  apply_categories(sel, m, taxonomy_name);
  return m;
}

rsk_matrix *rsk_selection_history_matrix(const rsk_selection *sel,
                                         rsk_store *store, guint row,
                                         GError **error)
{
  g_return_val_if_fail(row < sel->history->len, NULL);
  const GArray *ids = g_ptr_array_index(sel->history, row);
  const rsk_analysis *latest = g_ptr_array_index(sel->latest, row);
  rsk_matrix *m = rsk_matrix_new();

  for (guint k = 0; k < ids->len; k++) {
    rsk_analysis *a = rsk_analysis_load(store, g_array_index(ids, gint64, k),
                                        error);
    if (!a) {
      rsk_matrix_free(m);
      return NULL;
    }
    const char *period = period_of(&a->info);
    rsk_matrix_add_analysis(m, period ? period : a->info.name, a);
    rsk_analysis_free(a);
  }
  apply_categories(sel, m, latest->info.taxonomy_name);
  return m;
}
