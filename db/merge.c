/* merge.c - copy stored filings from one riskscope database into another
 *
 * Goes through the read model rather than ATTACH and INSERT ... SELECT, so
 * row ids are renumbered for the target, companies are matched by name,
 * and the same writers as analyze keep the target's rows consistent.
 *
 * SPDX-License-Identifier: MIT
 */
#include "merge.h"

#include "read.h"
#include "rsk_error.h"
#include "store_private.h"

#include <string.h>

/* One filing: added (1), replaced (2), skipped (3), failed (0). */
static int merge_one(rsk_store *target, rsk_store *source,
                     const rsk_filing_info *info, GError **error)
{
  gint64 existing = 0, id = 0;
  g_autofree char *existing_at = NULL;
  int outcome = 0;

  rsk_analysis *analysis = rsk_analysis_load(source, info->id, error);
  if (!analysis)
    return 0;
  if (!rsk_store_begin(target, error))
    goto done;
  if (!rsk_store_find(target, info->sha256, info->taxonomy_version, &existing,
                      &existing_at, error))
    goto fail;
  if (existing && existing_at && strcmp(info->analyzed_at, existing_at) <= 0) {
    rsk_store_rollback(target);
    outcome = 3;
    goto done;
  }
  char **ids = NULL, **labels = NULL;
  gboolean ok = rsk_read_taxonomy_categories(source, info->taxonomy_name,
                                             info->taxonomy_version, &ids,
                                             &labels, error) &&
                rsk_store_write_categories(
                    target, info->taxonomy_name, info->taxonomy_version,
                    (const char *const *)ids, (const char *const *)labels,
                    g_strv_length(ids), error);
  g_strfreev(ids);
  g_strfreev(labels);
  if (!ok || !rsk_store_write_analysis(target, analysis, &id, error) ||
      !rsk_store_commit(target, error))
    goto fail;
  outcome = existing ? 2 : 1;
  goto done;

fail:
  rsk_store_rollback(target);
  g_prefix_error(error, "merge %s (id %" G_GINT64_FORMAT ") from %s: ",
                 info->name, info->id, rsk_store_path(source));
done:
  rsk_analysis_free(analysis);
  return outcome;
}

gboolean rsk_store_merge(rsk_store *target, rsk_store *source,
                         rsk_merge_counts *counts, GError **error)
{
  rsk_merge_counts local = {0};
  rsk_filing_list *list = rsk_read_filings(source, RSK_READ_ALL, error);
  gboolean ok = list != NULL;

  for (guint i = 0; ok && i < list->filings->len; i++) {
    switch (merge_one(target, source,
                      &g_array_index(list->filings, rsk_filing_info, i),
                      error)) {
    case 1: local.added++; break;
    case 2: local.replaced++; break;
    case 3: local.skipped++; break;
    default: ok = FALSE;
    }
  }
  rsk_filing_list_free(list);
  if (counts) {
    counts->added += local.added;
    counts->replaced += local.replaced;
    counts->skipped += local.skipped;
  }
  return ok;
}
