/* evalset.h - the risk factors of one document, read from a gold file or
 * from the database, as rsk_eval_item values for score.h
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "score.h"

#include <glib.h>

typedef struct rsk_store rsk_store;

typedef struct {
  char *origin;            /* gold file path, or the stored filing's name */
  char *doc;               /* the document's base name ("x_10k.pdf") */
  GArray *items;           /* rsk_eval_item, document order */
  GStringChunk *strings;   /* owns the items' strings */
  GPtrArray *label_blocks; /* owns the items' label arrays */
} rsk_eval_set;

rsk_eval_set *rsk_eval_set_new(const char *origin, const char *doc);
void rsk_eval_set_free(rsk_eval_set *set);

/* Appends an item; strings and labels (N_LABELS of them) are copied. */
void rsk_eval_set_add(rsk_eval_set *set, int ordinal, int page,
                      const char *section, const char *heading,
                      const rsk_eval_label *labels, guint n_labels);

/* Reads a gold JSON Lines file (LABELING.md "Gold files"). Every line must
 * name the same "doc". Fails with RSK_ERROR_IO when the file cannot be read
 * and RSK_ERROR_USAGE, naming the file and line, when a line is malformed. */
rsk_eval_set *rsk_eval_gold_load(const char *path, GError **error);

/* Same, from text in memory; ORIGIN names it in messages. */
rsk_eval_set *rsk_eval_gold_parse(const char *text, gsize len,
                                  const char *origin, GError **error);

/* Reads the newest stored analysis (highest id) of the filing whose base
 * name is DOC from STORE through the read model (db/read.h): its risk
 * factors and their tags. Fails with RSK_ERROR_NOT_FOUND when no filing of
 * that name is stored and RSK_ERROR_DB when reading fails. */
rsk_eval_set *rsk_eval_stored_load(rsk_store *store, const char *doc,
                                   GError **error);
