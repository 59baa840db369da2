/* merge.h - copy stored filings from one riskscope database into another
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "store.h"

#include <glib.h>

typedef struct {
  guint added;     /* filings the target did not have */
  guint replaced;  /* the source's analysis was newer (analyzed_at) */
  guint skipped;   /* the target's analysis was as new or newer */
} rsk_merge_counts;

/* Copies every filing of SOURCE (opened read-only is enough) with all its
 * rows into TARGET, one transaction per filing. A filing TARGET already has
 * (same sha256 and taxonomy version) is replaced when SOURCE analysed it
 * later, else skipped; analyzed_at is kept. Adds to *COUNTS (may be NULL).
 * On failure the filings merged so far stay merged. */
gboolean rsk_store_merge(rsk_store *target, rsk_store *source,
                         rsk_merge_counts *counts, GError **error);
