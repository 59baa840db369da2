/* load.h - from the read model (db/read.h) to the plain inputs of reports
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "diff.h"
#include "matrix.h"
#include "read.h"

#include <glib.h>

/* The risk factors of one analysis as diff items. */
typedef struct {
  rsk_diff_item *items;
  guint n;
  GPtrArray *owned;          /* the category, regulation, evidence arrays */
} rsk_diff_items;

/* Returns ANALYSIS's risk factors as diff items, borrowing its strings.
 * Free with rsk_diff_items_free() before the analysis. */
rsk_diff_items *rsk_diff_items_new(const rsk_analysis *analysis);
void rsk_diff_items_free(rsk_diff_items *items);

/* The short names of the named regulations of the built-in registry, by id
 * ("EU-AIACT" -> "EU AI Act"). Free with g_hash_table_unref(). */
GHashTable *rsk_regulation_names(void);

/* Adds a row LABEL to MATRIX with every risk factor of ANALYSIS. */
guint rsk_matrix_add_analysis(rsk_matrix *matrix, const char *label,
                              const rsk_analysis *analysis);

/* Adds the categories IDS (NULL-terminated, with their LABELS; as stored
 * with the filings' taxonomy, rsk_read_taxonomy_categories) as columns, so
 * a category no filing has yet shows as an empty column; then orders every
 * column in that order, unknown ones after in alphabetical order, and
 * gives them those labels. Without IDS (a database from before schema
 * version 3) the built-in taxonomy stands in when its name is
 * TAXONOMY_NAME, and lends its order and labels in any case. */
void rsk_matrix_apply_taxonomy(rsk_matrix *matrix, const char *taxonomy_name,
                               const char *const *ids,
                               const char *const *labels);
