/* evalset.c - owner of one document's rsk_eval_item list
 *
 * SPDX-License-Identifier: MIT
 */
#include "evalset.h"

rsk_eval_set *rsk_eval_set_new(const char *origin, const char *doc)
{
  rsk_eval_set *set = g_new0(rsk_eval_set, 1);
  set->origin = g_strdup(origin ? origin : "");
  set->doc = g_strdup(doc ? doc : "");
  set->items = g_array_new(FALSE, TRUE, sizeof(rsk_eval_item));
  set->strings = g_string_chunk_new(4096);
  set->label_blocks = g_ptr_array_new_with_free_func(g_free);
  return set;
}

void rsk_eval_set_free(rsk_eval_set *set)
{
  if (!set)
    return;
  g_free(set->origin);
  g_free(set->doc);
  g_array_unref(set->items);
  g_string_chunk_free(set->strings);
  g_ptr_array_unref(set->label_blocks);
  g_free(set);
}

void rsk_eval_set_add(rsk_eval_set *set, int ordinal, int page,
                      const char *section, const char *heading,
                      const rsk_eval_label *labels, guint n_labels)
{
  rsk_eval_item item = {
    .ordinal = ordinal,
    .page = page,
    .section = g_string_chunk_insert_const(set->strings, section ? section : ""),
    .heading = g_string_chunk_insert_const(set->strings, heading ? heading : ""),
  };
  if (n_labels > 0) {
    rsk_eval_label *copy = g_new(rsk_eval_label, n_labels);
    for (guint k = 0; k < n_labels; k++) {
      copy[k].category = g_string_chunk_insert_const(set->strings, labels[k].category);
      copy[k].strength = labels[k].strength;
    }
    g_ptr_array_add(set->label_blocks, copy);
    item.labels = copy;
    item.n_labels = n_labels;
  }
  g_array_append_val(set->items, item);
}
