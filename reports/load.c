/* load.c - from the read model (db/read.h) to the plain inputs of reports
 *
 * SPDX-License-Identifier: MIT
 */
#include "load.h"

#include "taxonomy.h"

#include <string.h>

rsk_diff_items *rsk_diff_items_new(const rsk_analysis *a)
{
  rsk_diff_items *d = g_new0(rsk_diff_items, 1);

  d->n = a->risks->len;
  d->items = g_new0(rsk_diff_item, d->n + 1);
  d->owned = g_ptr_array_new_with_free_func(g_free);
  for (guint i = 0; i < d->n; i++) {
    const rsk_analysis_risk *r = rsk_analysis_risk_at(a, i);
    const char **cats = g_new0(const char *, r->n_tags + 1);
    const char **regs = g_new0(const char *, r->n_regulations + 1);
    rsk_diff_evidence *ev = g_new0(rsk_diff_evidence, r->n_tags + 1);
    for (guint j = 0; j < r->n_tags; j++) {
      const rsk_analysis_tag *t = rsk_analysis_tag_of(a, r, j);
      cats[j] = t->category;
      ev[j].strength = t->strength;
      if (t->n_evidence) {
        const rsk_analysis_evidence *e = rsk_analysis_evidence_of(a, t, 0);
        ev[j].text = e->text;
        ev[j].page = e->page;
      }
    }
    for (guint k = 0; k < r->n_regulations; k++)
      regs[k] = rsk_analysis_regulation_of(a, r, k);
    g_ptr_array_add(d->owned, cats);
    g_ptr_array_add(d->owned, regs);
    g_ptr_array_add(d->owned, ev);
    d->items[i] = (rsk_diff_item){
      .heading = r->heading,
      .body = r->body,
      .categories = cats,
      .n_categories = r->n_tags,
      .ordinal = r->ordinal,
      .page_start = r->page_start,
      .page_end = r->page_end,
      .regulations = regs,
      .n_regulations = r->n_regulations,
      .evidence = ev,
    };
  }
  return d;
}

void rsk_diff_items_free(rsk_diff_items *d)
{
  if (!d)
    return;
  g_ptr_array_unref(d->owned);
  g_free(d->items);
  g_free(d);
}

guint rsk_matrix_add_analysis(rsk_matrix *m, const char *label,
                              const rsk_analysis *a)
{
  guint row = rsk_matrix_add_row(m, label, a->info.company, a->info.name,
                                 a->info.id);
  GPtrArray *cats = g_ptr_array_new();
  GArray *scores = g_array_new(FALSE, FALSE, sizeof(double));
  GString *strengths = g_string_new(NULL);

  for (guint i = 0; i < a->risks->len; i++) {
    const rsk_analysis_risk *r = rsk_analysis_risk_at(a, i);
    g_ptr_array_set_size(cats, 0);
    g_array_set_size(scores, 0);
    g_string_truncate(strengths, 0);
    for (guint j = 0; j < r->n_tags; j++) {
      const rsk_analysis_tag *t = rsk_analysis_tag_of(a, r, j);
      g_ptr_array_add(cats, (gpointer)t->category);
      g_array_append_val(scores, t->score);
      g_string_append_c(strengths, t->strength);
    }
    rsk_matrix_add_risk_full(m, row, (guint)MAX(r->word_count, 0),
                             (const char *const *)cats->pdata,
                             (const double *)(void *)scores->data,
                             strengths->str, cats->len);
  }
  if (a->info.flags)
    rsk_matrix_set_flags(m, row, (const char *const *)a->info.flags->pdata,
                         a->info.flags->len);
  g_ptr_array_unref(cats);
  g_array_unref(scores);
  g_string_free(strengths, TRUE);
  return row;
}

GHashTable *rsk_regulation_names(void)
{
  GHashTable *names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                            g_free);
  g_autoptr(GError) error = NULL;
  rsk_taxonomy *tax = rsk_taxonomy_load(NULL, &error);
  for (guint i = 0; tax && i < rsk_taxonomy_n_regulations(tax); i++) {
    const rsk_regulation_info *r = rsk_taxonomy_regulation(tax, i);
    g_hash_table_insert(names, g_strdup(r->id),
                        g_strdup(*r->short_name ? r->short_name : r->name));
  }
  rsk_taxonomy_free(tax);
  return names;
}

/* Relabels the columns with LABELS[k] of IDS[k] where one is given. */
static void relabel(rsk_matrix *m, const char *id, const char *label)
{
  for (guint j = 0; label && *label && j < m->columns->len; j++) {
    rsk_matrix_column *c = &g_array_index(m->columns, rsk_matrix_column, j);
    if (strcmp(c->id, id) == 0 && strcmp(c->label, label) != 0) {
      g_free(c->label);
      c->label = g_strdup(label);
    }
  }
}

void rsk_matrix_apply_taxonomy(rsk_matrix *m, const char *taxonomy_name,
                               const char *const *ids,
                               const char *const *labels)
{
  g_autoptr(GError) error = NULL;
  rsk_taxonomy *tax = NULL;
  GPtrArray *order = g_ptr_array_new();

  if (ids && *ids) {
    /* The categories stored with the filings' own taxonomy. */
    for (guint i = 0; ids[i]; i++) {
      g_ptr_array_add(order, (gpointer)ids[i]);
      rsk_matrix_add_column(m, ids[i], labels ? labels[i] : NULL);
      relabel(m, ids[i], labels ? labels[i] : NULL);
    }
  } else if ((tax = rsk_taxonomy_load(NULL, &error))) {
    /* A database from before schema version 3: the built-in taxonomy. */
    guint n = rsk_taxonomy_n_categories(tax);
    gboolean same = taxonomy_name &&
                    strcmp(taxonomy_name, rsk_taxonomy_name(tax)) == 0;
    for (guint i = 0; i < n; i++) {
      const char *id = rsk_taxonomy_category_id(tax, i);
      g_ptr_array_add(order, (gpointer)id);
      if (same)
        rsk_matrix_add_column(m, id, NULL);
      relabel(m, id, rsk_taxonomy_category_label(tax, i));
    }
  }
  rsk_matrix_order_columns(m, (const char *const *)order->pdata, order->len);
  g_ptr_array_unref(order);
  rsk_taxonomy_free(tax);
}
