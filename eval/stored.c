/* stored.c - read a stored filing's risk factors and tags for eval
 *
 * SPDX-License-Identifier: MIT
 */
#include "evalset.h"

#include "read.h"
#include "rsk_error.h"

#include <string.h>

/* The id of the newest stored filing named DOC, 0 when none, -1 on error. */
static gint64 newest_named(rsk_store *store, const char *doc, GError **error)
{
  rsk_filing_list *list = rsk_read_filings(store, RSK_READ_ALL, error);
  if (!list)
    return -1;
  gint64 id = 0;
  for (guint i = 0; i < list->filings->len; i++) {
    const rsk_filing_info *info = &g_array_index(list->filings, rsk_filing_info, i);
    if (strcmp(info->name, doc) == 0 && info->id > id)
      id = info->id;
  }
  rsk_filing_list_free(list);
  return id;
}

rsk_eval_set *rsk_eval_stored_load(rsk_store *store, const char *doc, GError **error)
{
  gint64 id = newest_named(store, doc, error);
  if (id < 0)
    return NULL;
  if (id == 0) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_NOT_FOUND,
                "%s: not analysed; run riskscope analyze %s", doc, doc);
    return NULL;
  }
  rsk_analysis *a = rsk_analysis_load(store, id, error);
  if (!a)
    return NULL;
  rsk_eval_set *set = rsk_eval_set_new(doc, doc);
  GArray *labels = g_array_new(FALSE, TRUE, sizeof(rsk_eval_label));
  for (guint i = 0; i < a->risks->len; i++) {
    const rsk_analysis_risk *risk = rsk_analysis_risk_at(a, i);
    g_array_set_size(labels, 0);
    for (guint j = 0; j < risk->n_tags; j++) {
      const rsk_analysis_tag *tag = rsk_analysis_tag_of(a, risk, j);
      rsk_eval_label label = {.category = tag->category,
                              .strength = tag->strength ? tag->strength : 'S'};
      g_array_append_val(labels, label);
    }
    rsk_eval_set_add(set, risk->ordinal, risk->page_start, risk->section, risk->heading,
                     (const rsk_eval_label *)labels->data, labels->len);
  }
  g_array_unref(labels);
  rsk_analysis_free(a);
  return set;
}
