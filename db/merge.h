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
 * rows into TARGET, in transactions of up to 64 filings. A filing TARGET
 * already has (same sha256 and taxonomy version) is replaced when SOURCE analysed it
 * later (of two analyses of one millisecond, the one with the smaller path
 * wins), else skipped; analyzed_at is kept. So shards merged in any order
 * give the same content, and merging one twice changes nothing. Adds to
 * *COUNTS (may be NULL).
 *
 * Refuses SOURCE before copying anything (RSK_ERROR_DB, "DB PATH: ...")
 * when another process still writes it or PRAGMA quick_check finds it
 * damaged. On a later failure the transactions committed so far stay
 * merged (whole filings only), and *COUNTS says what they hold. */
gboolean rsk_store_merge(rsk_store *target, rsk_store *source,
                         rsk_merge_counts *counts, GError **error);
