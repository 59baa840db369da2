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

/* Added by the taxonomy stage ------------------------------------------ */

/* Where the taxonomy came from: the path, or "built-in ai-regulation.json". */
const char *rsk_taxonomy_origin(const rsk_taxonomy *taxonomy);
guint rsk_taxonomy_category_n_rules(const rsk_taxonomy *taxonomy, guint i);
/* Index of category ID, or -1. */
int rsk_taxonomy_find_category(const rsk_taxonomy *taxonomy, const char *id);

/* A named regulation of the registry ("CN-GENAI"). Strings are owned by
 * the taxonomy; optional ones are "" when absent. */
typedef struct {
  const char *id;
  const char *name;          /* English name */
  const char *name_zh;       /* Chinese name */
  const char *short_name;    /* "GenAI Measures" */
  const char *authority;
  const char *date;          /* free text: "effective 2023-08-15" */
  const char *jurisdiction;  /* "CN", "US", "EU", ... */
  const char *const *aliases;      /* NULL-terminated */
  const char *const *categories;   /* NULL-terminated category ids */
} rsk_regulation_info;

guint rsk_taxonomy_n_regulations(const rsk_taxonomy *taxonomy);
const rsk_regulation_info *rsk_taxonomy_regulation(const rsk_taxonomy *taxonomy, guint i);
/* The regulation with ID, or NULL. */
const rsk_regulation_info *rsk_taxonomy_find_regulation(const rsk_taxonomy *taxonomy,
                                                        const char *id);

/* Number of pattern matches abandoned so far because they hit the match or
 * depth limit (a pathological pattern); each rule warns once. */
guint rsk_taxonomy_limit_hits(const rsk_taxonomy *taxonomy);

/* Reads PATH (or the built-in taxonomy when NULL) and returns every problem
 * found, one message per element ("FILE: category \"x\": rule \"y\"
 * (pattern 3): ..."; "pattern 3" alone for a rule without an id). An empty
 * array means the file is valid. WARNINGS (may be NULL) gets a new array of
 * what is valid but surely not meant ("FILE: ...: warning: ..."): a pattern
 * that matches the empty string or any text, an id not of the form
 * ^[a-z][a-z0-9_.-]*$, no categories. Free both with g_ptr_array_unref().
 * TAXONOMY (may be NULL) gets what was loaded when there is no error, so
 * that a caller which checks and then lists parses the file once. */
GPtrArray *rsk_taxonomy_check(const char *path, GPtrArray **warnings, rsk_taxonomy **taxonomy);

/* Loads PATH (or the built-in taxonomy when NULL) as rsk_taxonomy_load()
 * does, but for validating and listing (patterns are compiled without JIT),
 * with every problem in *ERRORS (g_ptr_array_unref; empty when it loaded);
 * NULL when there are any. */
rsk_taxonomy *rsk_taxonomy_load_checked(const char *path, GPtrArray **errors);

/* The warnings of rsk_taxonomy_check() for a taxonomy from
 * rsk_taxonomy_load_checked() (empty otherwise). Owned by the taxonomy. */
const GPtrArray *rsk_taxonomy_warnings(const rsk_taxonomy *taxonomy);
