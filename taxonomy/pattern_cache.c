/* pattern_cache.c - compiled patterns kept between runs
 *
 * Every run compiled the same 319 patterns of the built-in taxonomy again:
 * some 26 million instructions, where decoding them from PCRE2's own
 * serialised form takes 0.1 million. So the compiled patterns of a
 * taxonomy are kept in $XDG_CACHE_HOME/riskscope/patterns-KEY.bin, KEY a
 * hash of the PCRE2 version and the taxonomy's JSON text. Nothing is taken
 * on trust: the file carries a checksum, PCRE2 checks its own format and
 * version when decoding, and each pattern is taken only when the file
 * holds it for exactly the same expanded pattern text and options, in the
 * same place. Anything else (no file, a damaged one, another taxonomy
 * with the same key) compiles afresh and rewrites the file. JIT code
 * cannot be serialised: it is compiled before a pattern's first match, as
 * without the cache. The file is written atomically (a temporary file
 * renamed), so processes running side by side each see a whole one.
 *
 * File: "RSKPAT01", an FNV-1a 64-bit checksum of everything after it, the
 * number of patterns, for each its options, length and text, then the
 * length of PCRE2's serialised codes and the codes. Native byte order: the
 * cache belongs to one machine.
 *
 * SPDX-License-Identifier: MIT
 */
#include "pattern_cache.h"

#include <glib/gstdio.h>
#include <string.h>

#define MAGIC "RSKPAT01"
#define MAGIC_LEN 8

typedef struct {
  guint32 options;
  const char *pattern;       /* into the file's bytes, or the caller's */
  guint32 len;
} entry;

struct rsk_pattern_cache {
  char *path;
  /* Read from the file. */
  char *bytes;
  GArray *stored;            /* entry */
  pcre2_code **codes;        /* [stored->len]: NULL once taken */
  guint hits;
  /* Compiled or taken in this run, in order. */
  GArray *added;             /* entry */
  GPtrArray *added_codes;    /* const pcre2_code * */
  GPtrArray *added_text;     /* char *: copies of the added patterns */
};

static guint64 fnv1a(guint64 h, const void *data, gsize len)
{
  const guchar *p = data;
  for (gsize i = 0; i < len; i++)
    h = (h ^ p[i]) * 0x100000001b3ULL;
  return h;
}

#define FNV_SEED 0xcbf29ce484222325ULL

char *rsk_pattern_cache_path(const char *json, gsize len)
{
  char version[64] = "";
  pcre2_config(PCRE2_CONFIG_VERSION, version);
  guint64 key = fnv1a(FNV_SEED, version, strlen(version) + 1);
  key = fnv1a(key, json, len);
  g_autofree char *name = g_strdup_printf("patterns-%016" G_GINT64_MODIFIER "x.bin", key);
  return g_build_filename(g_get_user_cache_dir(), "riskscope", name, NULL);
}

/* Takes N bytes at *P (before END) into OUT; FALSE past the end. */
static gboolean take_bytes(const char **p, const char *end, void *out, gsize n)
{
  if ((gsize)(end - *p) < n)
    return FALSE;
  memcpy(out, *p, n);
  *p += n;
  return TRUE;
}

/* Reads the file at CACHE->path into CACHE; FALSE (CACHE unchanged but
 * for memory to free) when it is missing or not sound. */
static gboolean read_file(rsk_pattern_cache *cache)
{
  gsize size = 0;
  if (!g_file_get_contents(cache->path, &cache->bytes, &size, NULL))
    return FALSE;
  const char *p = cache->bytes, *end = cache->bytes + size;
  guint64 sum = 0;
  guint32 count = 0;
  if (size < MAGIC_LEN + sizeof sum || memcmp(p, MAGIC, MAGIC_LEN) != 0)
    return FALSE;
  p += MAGIC_LEN;
  take_bytes(&p, end, &sum, sizeof sum);
  if (fnv1a(FNV_SEED, p, (gsize)(end - p)) != sum || !take_bytes(&p, end, &count, sizeof count))
    return FALSE;
  for (guint32 i = 0; i < count; i++) {
    entry e = {0};
    if (!take_bytes(&p, end, &e.options, sizeof e.options) ||
        !take_bytes(&p, end, &e.len, sizeof e.len) || (gsize)(end - p) < e.len)
      return FALSE;
    e.pattern = p;
    p += e.len;
    g_array_append_val(cache->stored, e);
  }
  guint64 blob_len = 0;
  if (!take_bytes(&p, end, &blob_len, sizeof blob_len) || (guint64)(end - p) != blob_len ||
      count == 0)
    return FALSE;
  const guint8 *blob = (const guint8 *)p;
  if (pcre2_serialize_get_number_of_codes(blob) != (int32_t)count)
    return FALSE;
  cache->codes = g_new0(pcre2_code *, count);
  if (pcre2_serialize_decode(cache->codes, (int32_t)count, blob, NULL) != (int32_t)count) {
    g_clear_pointer(&cache->codes, g_free);
    return FALSE;
  }
  return TRUE;
}

rsk_pattern_cache *rsk_pattern_cache_open(const char *json, gsize len)
{
  rsk_pattern_cache *cache = g_new0(rsk_pattern_cache, 1);
  cache->path = rsk_pattern_cache_path(json, len);
  cache->stored = g_array_new(FALSE, FALSE, sizeof(entry));
  cache->added = g_array_new(FALSE, FALSE, sizeof(entry));
  cache->added_codes = g_ptr_array_new();
  cache->added_text = g_ptr_array_new_with_free_func(g_free);
  if (!read_file(cache))
    g_array_set_size(cache->stored, 0);
  return cache;
}

void rsk_pattern_cache_free(rsk_pattern_cache *cache)
{
  if (!cache)
    return;
  for (guint i = 0; cache->codes && i < cache->stored->len; i++)
    pcre2_code_free(cache->codes[i]);
  g_free(cache->codes);
  g_array_unref(cache->stored);
  g_array_unref(cache->added);
  g_ptr_array_unref(cache->added_codes);
  g_ptr_array_unref(cache->added_text);
  g_free(cache->bytes);
  g_free(cache->path);
  g_free(cache);
}

pcre2_code *rsk_pattern_cache_take(rsk_pattern_cache *cache, guint i, const char *pattern,
                                   guint32 options)
{
  if (!cache || !cache->codes || i >= cache->stored->len || !cache->codes[i])
    return NULL;
  const entry *e = &g_array_index(cache->stored, entry, i);
  gsize len = strlen(pattern);
  if (e->options != options || e->len != len || memcmp(e->pattern, pattern, len) != 0)
    return NULL;
  pcre2_code *code = cache->codes[i];
  cache->codes[i] = NULL;
  cache->hits++;
  return code;
}

void rsk_pattern_cache_add(rsk_pattern_cache *cache, const char *pattern, guint32 options,
                           const pcre2_code *code)
{
  if (!cache)
    return;
  char *copy = g_strdup(pattern);
  entry e = {.options = options, .pattern = copy, .len = (guint32)strlen(copy)};
  g_ptr_array_add(cache->added_text, copy);
  g_array_append_val(cache->added, e);
  g_ptr_array_add(cache->added_codes, (gpointer)code);
}

guint rsk_pattern_cache_hits(const rsk_pattern_cache *cache)
{
  return cache ? cache->hits : 0;
}

void rsk_pattern_cache_save(rsk_pattern_cache *cache)
{
  if (!cache)
    return;
  guint n = cache->added->len;
  if (n == 0 || (cache->hits == n && cache->stored->len == n))
    return;   /* nothing new: every pattern came from the file */
  uint8_t *blob = NULL;
  PCRE2_SIZE blob_len = 0;
  if (pcre2_serialize_encode((const pcre2_code **)cache->added_codes->pdata, (int32_t)n, &blob,
                             &blob_len, NULL) != (int32_t)n)
    return;
  GByteArray *out = g_byte_array_new();
  guint64 sum = 0;
  guint32 count = n;
  guint64 len64 = blob_len;
  g_byte_array_append(out, (const guint8 *)MAGIC, MAGIC_LEN);
  g_byte_array_append(out, (const guint8 *)&sum, sizeof sum);   /* filled in below */
  g_byte_array_append(out, (const guint8 *)&count, sizeof count);
  for (guint i = 0; i < n; i++) {
    const entry *e = &g_array_index(cache->added, entry, i);
    g_byte_array_append(out, (const guint8 *)&e->options, sizeof e->options);
    g_byte_array_append(out, (const guint8 *)&e->len, sizeof e->len);
    g_byte_array_append(out, (const guint8 *)e->pattern, e->len);
  }
  g_byte_array_append(out, (const guint8 *)&len64, sizeof len64);
  g_byte_array_append(out, blob, (guint)blob_len);
  pcre2_serialize_free(blob);
  gsize body = MAGIC_LEN + sizeof sum;
  sum = fnv1a(FNV_SEED, out->data + body, out->len - body);
  memcpy(out->data + MAGIC_LEN, &sum, sizeof sum);

  g_autofree char *dir = g_path_get_dirname(cache->path);
  if (g_mkdir_with_parents(dir, 0700) == 0)
    (void)g_file_set_contents(cache->path, (const char *)out->data, (gssize)out->len, NULL);
  g_byte_array_unref(out);
}
