/* diff_format.h - a diff of two filings as text or JSON
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "diff.h"

#include <glib.h>

/* How the text form is laid out. */
typedef struct {
  int width;                     /* wrap to this many columns (0: 80) */
  gboolean redline;              /* word-level redlines of edited bodies */
  guint context;                 /* unchanged words around a change (0: 6) */
  guint max_hunks;               /* redline hunks per risk factor (0: all) */
  GHashTable *regulation_names;  /* regulation id -> short name, or NULL */
} rsk_diff_text_options;

/* Appends DIFF of A (N_A items, named NAME_A) and B to OUT as text: a
 * summary line, then the added, removed, reworded, materially changed and
 * edited (body within the threshold) risk factors with their ordinals,
 * pages, the regulations and tags they gained and lost (each tag with its
 * first quoted evidence) and, with OPTIONS->redline, a word-level redline
 * of the body ("[-struck-]", "{+put in+}"); then the categories whose
 * counts moved. Lines are wrapped to OPTIONS->width. */
void rsk_diff_write_text_with(GString *out, const rsk_diff *diff,
                              const rsk_diff_item *a, guint n_a,
                              const char *name_a, const rsk_diff_item *b,
                              guint n_b, const char *name_b,
                              const rsk_diff_text_options *options);

/* The same at 80 columns without redlines. */
void rsk_diff_write_text(GString *out, const rsk_diff *diff,
                         const rsk_diff_item *a, guint n_a, const char *name_a,
                         const rsk_diff_item *b, guint n_b, const char *name_b);

/* TRUE when entry E of a pair is worth showing though unchanged: its body
 * has edits, or its tags or regulations moved. */
gboolean rsk_diff_entry_edited(const rsk_diff_entry *e, const rsk_diff_item *a,
                               const rsk_diff_item *b);

/* The same as one JSON object:
 *   {"a": {"filing", "risk_factors"}, "b": {...}, "threshold",
 *    "summary": {"added", "removed", "reworded", "changed", "unchanged"},
 *    "added": [ITEM], "removed": [ITEM],
 *    "reworded": [PAIR], "changed": [PAIR],
 *    "categories": [{"category", "a", "b"}]}   (only those that moved)
 *    "edited": [PAIR],                          (unchanged, with edits)
 * ITEM = {"ordinal", "heading", "page_start", "page_end", "tags",
 *         "regulations"};
 * PAIR = {"a": ITEM, "b": ITEM, "heading_similarity", "body_similarity",
 *         "match_score", "tags_gained", "tags_lost", "regulations_gained",
 *         "regulations_lost", "redline": {"changes", "words_deleted",
 *         "words_inserted", "hunks": ["... [-old-] {+new+} ..."]}}. */
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
