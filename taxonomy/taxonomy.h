/* taxonomy.h - load a taxonomy file and compile its patterns
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include <glib.h>

typedef struct rsk_taxonomy rsk_taxonomy;

/* Loads and compiles the taxonomy at PATH, or the one built into the binary
 * when PATH is NULL. Errors name the file, the category, the pattern and the
 * offset (RSK_ERROR_TAXONOMY). Free with rsk_taxonomy_free(). */
rsk_taxonomy *rsk_taxonomy_load(const char *path, GError **error);

/* Same, from JSON text already in memory; ORIGIN names it in messages. */
rsk_taxonomy *rsk_taxonomy_load_data(const char *json, gsize len,
                                     const char *origin, GError **error);
void rsk_taxonomy_free(rsk_taxonomy *taxonomy);

const char *rsk_taxonomy_name(const rsk_taxonomy *taxonomy);
const char *rsk_taxonomy_version(const rsk_taxonomy *taxonomy);

/* The categories, in file order. */
guint rsk_taxonomy_n_categories(const rsk_taxonomy *taxonomy);
const char *rsk_taxonomy_category_id(const rsk_taxonomy *taxonomy, guint i);
const char *rsk_taxonomy_category_label(const rsk_taxonomy *taxonomy, guint i);
