/* diff_format.h - a diff of two filings as text or JSON
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "diff.h"

#include <glib.h>

/* Appends DIFF of A (N_A items, named NAME_A) and B to OUT as text: a
 * summary line, then the added, removed, reworded and materially changed
 * risk factors with their ordinals, pages and the tags they gained and
 * lost, then the categories whose counts moved. */
void rsk_diff_write_text(GString *out, const rsk_diff *diff,
                         const rsk_diff_item *a, guint n_a, const char *name_a,
                         const rsk_diff_item *b, guint n_b, const char *name_b);

/* The same as one JSON object:
 *   {"a": {"filing", "risk_factors"}, "b": {...}, "threshold",
 *    "summary": {"added", "removed", "reworded", "changed", "unchanged"},
 *    "added": [ITEM], "removed": [ITEM],
 *    "reworded": [PAIR], "changed": [PAIR],
 *    "categories": [{"category", "a", "b"}]}   (only those that moved)
 * ITEM = {"ordinal", "heading", "page_start", "page_end", "tags"};
 * PAIR = {"a": ITEM, "b": ITEM, "heading_similarity", "body_similarity",
 *         "match_score", "tags_gained", "tags_lost"}. */
void rsk_diff_write_json(GString *out, const rsk_diff *diff,
                         const rsk_diff_item *a, guint n_a, const char *name_a,
                         const rsk_diff_item *b, guint n_b, const char *name_b);

/* Category counts of A and B: for each category id in either, in order of
 * first appearance (A then B), how many items carry it. Returns an array
 * of rsk_diff_category; free with g_array_unref(). */
typedef struct {
  const char *category;   /* borrowed from the items */
  guint a, b;
} rsk_diff_category;
GArray *rsk_diff_categories(const rsk_diff_item *a, guint n_a,
                            const rsk_diff_item *b, guint n_b);
