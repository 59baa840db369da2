/* taxonomy_private.h - the compiled taxonomy, shared by loader and classifier
 *
 * Only taxonomy/ includes this file; everything else sees the opaque
 * rsk_taxonomy of taxonomy.h.
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "prefilter.h"
#include "taxonomy.h"

#include <pcre2.h>

enum { RSK_WHERE_HEADING = 1 << 0, RSK_WHERE_BODY = 1 << 1 };

/* One compiled pattern, with the text it was compiled from. */
typedef struct {
  pcre2_code *code;
  char *source;               /* as written in the file */
  rsk_prefilter *filter;      /* what a match needs; NULL: always run */
  gboolean jit;               /* JIT-compile before the first match */
  gsize jit_once;             /* g_once_init_enter(): JIT compiled (or tried) */
} rsk_regex;

/* A rule: a pattern that is evidence for a category (or cites a
 * regulation), with optional context it needs (REQUIRES: one of them must
 * match near it) and exclusions (UNLESS: none may match near it). "Near"
 * is NEAR bytes on either side, clipped to the match's sentence, or the
 * whole sentence when NEAR is 0: context never comes from another
 * sentence. */
typedef struct {
  char *id;                   /* unique in the category ("privacy-law") */
  rsk_regex main;
  GPtrArray *requires;        /* rsk_regex *, may be empty */
  GPtrArray *unless;          /* rsk_regex *, may be empty */
  guint near;
  double weight;
  double list_weight;         /* weight when the match is one item of a list */
  guint where;                /* RSK_WHERE_* bits */
  gint limit_warned;          /* atomic: the match-limit warning was given */
} rsk_rule;

typedef struct {
  char *id;
  char *label;
  char *description;
  GPtrArray *rules;           /* rsk_rule * */
} rsk_category;

/* A named instrument: the public part (taxonomy.h) plus its patterns and
 * the categories its citation is evidence for. */
typedef struct {
  rsk_regulation_info info;
  GPtrArray *rules;           /* rsk_rule *, matched anywhere */
  GArray *category_index;     /* guint: indexes into taxonomy->categories */
  double weight;              /* evidence weight of one citation */
} rsk_regulation;

/* Engine knobs; a taxonomy file may set them under "settings". */
typedef struct {
  double heading_factor;      /* heading evidence counts this much more */
  double heading_p;           /* heading weight that makes a tag P */
  double sentence_s;          /* sentence weight that makes a tag S */
  double paragraph_p;         /* paragraph weight that makes a tag P ... */
  double paragraph_density;   /* ... when this share of its sentences carry evidence */
  double score_scale;         /* score = 1 - exp(-total / score_scale) */
  double list_factor;         /* default list_weight = weight * list_factor */
  guint32 match_limit;
  guint32 depth_limit;
  gboolean jit;
} rsk_settings;

struct rsk_taxonomy {
  char *origin;
  char *name;
  char *version;
  char *description;
  rsk_settings settings;
  GPtrArray *categories;      /* rsk_category * */
  GPtrArray *regulations;     /* rsk_regulation * */
  GHashTable *category_ids;   /* id -> index + 1, for find_category */
  GHashTable *regulation_ids; /* id -> rsk_regulation * */
  GPtrArray *warnings;        /* char *: what check reports beside errors */
  pcre2_match_context *match_context; /* read-only after load: shared */
  rsk_literals *literals;     /* of every pattern's prefilter */
  guint patterns_cached;      /* taken compiled from the cache (pattern_cache.h) */
  gint limit_hits;            /* atomic: matches abandoned at a limit */
};

/* Frees one rule; used by the loader. */
void rsk_rule_free(rsk_rule *rule);
