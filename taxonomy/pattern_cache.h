/* pattern_cache.h - compiled patterns kept between runs (inside taxonomy/)
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include <glib.h>
#include <pcre2.h>

typedef struct rsk_pattern_cache rsk_pattern_cache;

/* The cache for the taxonomy whose JSON text is JSON[0, LEN): holding its
 * compiled patterns when a sound cache file for it exists, else empty.
 * Never fails (a cache only saves time). Free with rsk_pattern_cache_free(). */
rsk_pattern_cache *rsk_pattern_cache_open(const char *json, gsize len);
void rsk_pattern_cache_free(rsk_pattern_cache *cache);

/* A NULL cache (none wanted: taxonomy check) holds nothing and saves
 * nothing. */

/* The code of the taxonomy's pattern number I (in the order they are
 * compiled) when the cache holds it for exactly PATTERN and OPTIONS; else
 * NULL, and the pattern must be compiled. The caller owns the code. */
pcre2_code *rsk_pattern_cache_take(rsk_pattern_cache *cache, guint i, const char *pattern,
                                   guint32 options);

/* Records CODE (borrowed: it must live until rsk_pattern_cache_save()) as
 * the next pattern, compiled from PATTERN with OPTIONS. */
void rsk_pattern_cache_add(rsk_pattern_cache *cache, const char *pattern, guint32 options,
                           const pcre2_code *code);

/* Writes the cache file ($XDG_CACHE_HOME/riskscope/) when the patterns
 * added are not those it was read from. Failures are silent. */
void rsk_pattern_cache_save(rsk_pattern_cache *cache);

/* The cache file for JSON[0, LEN). Free with g_free(). */
char *rsk_pattern_cache_path(const char *json, gsize len);

/* How many patterns were taken from the cache. */
guint rsk_pattern_cache_hits(const rsk_pattern_cache *cache);
