/* analyze_inputs.c - the files of one analyze call: lists, shards, resume
 *
 * Lists. `find ... | riskscope analyze --files-from -` passes any number of
 * paths without the argv limit; with --null, find -print0 lists carry any
 * file name. Paths are taken as written, relative to the current folder.
 *
 * Shards. --shard K/N keeps the paths whose shard is K, decided by the
 * path alone: the first 8 bytes of SHA-256 of the path's bytes, fed to a
 * jump consistent hash (Lamping and Veach, 2014). The path, not the file's
 * sha256, because every task of a job array decides for every path of the
 * list: hashing contents would make each of N tasks read the whole batch
 * from a shared file system before starting its own part. A hash, not the
 * position in the list, so that adding or removing files moves none of the
 * others, and a jump hash, not "mod N", so that going from N to N+1 shards
 * moves only a share 1/(N+1) of them (a resumed shard keeps the rest).
 * The price: every task must be given the same list (same spelling of
 * each path), which the job scripts of contrib/slurm/ do.
 *
 * Resume. A filing is stored once per sha256 and taxonomy version, in one
 * transaction, so a batch killed at any moment holds whole filings only;
 * run again, it hashes its files (on --jobs threads) and skips those the
 * database holds with the taxonomy's version. Only what is stored when the
 * call starts counts: two paths of one content in one list are both
 * analysed (the second replaces the first). Filings that failed are not
 * stored and so are tried again.
 *
 * SPDX-License-Identifier: MIT
 */
#include "analyze_inputs.h"

#include "read.h"
#include "rsk_error.h"
#include "sha256.h"
#include "store.h"
#include "taxonomy.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

/* ---------------------------------------------------------------- lists */

static gboolean read_all(const char *path, GString *data, GError **error)
{
  if (strcmp(path, "-") != 0) {
    g_autoptr(GError) io = NULL;
    char *contents = NULL;
    gsize len = 0;
    if (!g_file_get_contents(path, &contents, &len, &io)) {
      rsk_error_set_io(error, path, io);
      return FALSE;
    }
    g_string_append_len(data, contents, (gssize)len);
    g_free(contents);
    return TRUE;
  }
  char buf[1 << 16];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, stdin)) > 0)
    g_string_append_len(data, buf, (gssize)n);
  if (ferror(stdin)) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_IO,
                "--files-from -: cannot read standard input");
    return FALSE;
  }
  return TRUE;
}

gboolean rsk_inputs_read_list(const char *path, gboolean null_separated,
                              GPtrArray *files, GError **error)
{
  const char *name = strcmp(path, "-") == 0 ? "standard input" : path;
  GString *data = g_string_new(NULL);
  if (!read_all(path, data, error)) {
    g_string_free(data, TRUE);
    return FALSE;
  }
  const char sep = null_separated ? '\0' : '\n';
  const char *end = data->str + data->len;
  gboolean ok = TRUE;
  guint line = 1;

  if (null_separated && data->len && !memchr(data->str, '\0', data->len) &&
      memchr(data->str, '\n', data->len)) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_IO,
                "%s: lines but no NUL separator; --null wants a list like "
                "find -print0 writes (drop --null for one path a line)",
                name);
    ok = FALSE;
  }
  for (const char *p = data->str; ok && p < end; line++) {
    const char *stop = memchr(p, sep, (size_t)(end - p));
    if (!stop)
      stop = end;
    size_t len = (size_t)(stop - p);
    if (!null_separated && memchr(p, '\0', len)) {
      g_set_error(error, RSK_ERROR, RSK_ERROR_IO,
                  "%s: line %u holds a NUL byte; a list from find -print0 "
                  "needs --null (-0)",
                  name, line);
      ok = FALSE;
      break;
    }
    if (!null_separated && len && p[len - 1] == '\r')
      len--;
    if (len)
      g_ptr_array_add(files, g_strndup(p, len));
    p = stop + 1;
  }
  g_string_free(data, TRUE);
  return ok;
}

/* --------------------------------------------------------------- shards */

gboolean rsk_shard_parse(const char *text, guint *k, guint *n, GError **error)
{
  guint64 kv = 0, nv = 0;
  const char *slash = text ? strchr(text, '/') : NULL;
  g_autofree char *left = slash ? g_strndup(text, (gsize)(slash - text)) : NULL;

  if (!slash ||
      !g_ascii_string_to_unsigned(left, 10, 1, G_MAXINT32, &kv, NULL) ||
      !g_ascii_string_to_unsigned(slash + 1, 10, 1, G_MAXINT32, &nv, NULL) ||
      kv > nv) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_USAGE,
                "analyze: --shard wants K/N with 1 <= K <= N (shard 3 of 8 "
                "is 3/8), not \"%s\"",
                text ? text : "");
    return FALSE;
  }
  *k = (guint)kv;
  *n = (guint)nv;
  return TRUE;
}

/* Lamping and Veach, "A Fast, Minimal Memory, Consistent Hash Algorithm"
 * (2014): the bucket 0..BUCKETS-1 of KEY. */
static guint jump_hash(guint64 key, guint buckets)
{
  gint64 b = -1, j = 0;
  while (j < (gint64)buckets) {
    b = j;
    key = key * 2862933555777941757ULL + 1;
    j = (gint64)((double)(b + 1) *
                 ((double)(1LL << 31) / (double)((key >> 33) + 1)));
  }
  return (guint)b;
}

guint rsk_shard_of(const char *path, guint n)
{
  guint8 digest[32];
  rsk_sha256_digest(path, strlen(path), digest);
  guint64 key = 0;
  for (int i = 0; i < 8; i++)
    key = key << 8 | digest[i];
  return jump_hash(key, MAX(n, 1)) + 1;
}

/* --------------------------------------------------------------- resume */

typedef struct {
  GPtrArray *files;
  GHashTable *stored;     /* sha256 set */
  gboolean *skip;         /* one per file */
  gint next;              /* atomic: next file to hash */
} resume_job;

/* The file's SHA-256 in lower-case hex, or NULL when it cannot be read
 * (analyze then says why). */
static char *file_sha256(const char *path)
{
  GMappedFile *map = g_mapped_file_new(path, FALSE, NULL);
  if (!map)
    return NULL;
  char *hex = g_malloc(65);
  rsk_sha256_hex(g_mapped_file_get_contents(map), g_mapped_file_get_length(map), hex);
  g_mapped_file_unref(map);
  return hex;
}

static gpointer resume_worker(gpointer data)
{
  resume_job *job = data;
  guint i;
  while ((i = (guint)g_atomic_int_add(&job->next, 1)) < job->files->len) {
    g_autofree char *sha = file_sha256(g_ptr_array_index(job->files, i));
    job->skip[i] = sha && g_hash_table_contains(job->stored, sha);
  }
  return NULL;
}

/* Marks the files whose sha256 is in STORED, hashing on JOBS threads. */
static void mark_stored(GPtrArray *files, GHashTable *stored, int jobs,
                        gboolean *skip)
{
  resume_job job = {.files = files, .stored = stored, .skip = skip};
  guint n = (guint)CLAMP(jobs > 0 ? jobs : (int)g_get_num_processors(), 1,
                         (int)MAX(files->len, 1));
  GThread **threads = g_new0(GThread *, n);
  for (guint t = 1; t < n; t++)
    threads[t] = g_thread_new("resume", resume_worker, &job);
  resume_worker(&job);
  for (guint t = 1; t < n; t++)
    g_thread_join(threads[t]);
  g_free(threads);
}

/* The sha256s stored with the taxonomy's version, or an empty set when
 * there is no database yet; sets inputs->taxonomy_version. */
static GHashTable *stored_set(const rsk_inputs_request *request,
                              rsk_inputs *inputs, GError **error)
{
  const char *db_path = rsk_cli_db_path(request->db_path);
  GStatBuf st;
  if (g_stat(db_path, &st) != 0 || st.st_size == 0)
    return g_hash_table_new(g_str_hash, g_str_equal);

  rsk_taxonomy *taxonomy = rsk_taxonomy_load(request->taxonomy_path, error);
  if (!taxonomy)
    return NULL;
  inputs->taxonomy_version = g_strdup(rsk_taxonomy_version(taxonomy));
  rsk_taxonomy_free(taxonomy);
  /* For writing (it migrates an older schema, as analyze would next),
   * unless this is a dry run. */
  rsk_store *store = rsk_store_open(db_path, request->dry_run, error);
  if (!store)
    return NULL;
  GHashTable *set =
      rsk_read_stored_sha256s(store, inputs->taxonomy_version, error);
  rsk_store_close(store);
  return set;
}

static gboolean drop_stored(const rsk_inputs_request *request,
                            rsk_inputs *inputs, GError **error)
{
  GHashTable *stored = stored_set(request, inputs, error);
  if (!stored)
    return FALSE;
  if (g_hash_table_size(stored) == 0 || inputs->files->len == 0) {
    g_hash_table_unref(stored);
    return TRUE;
  }
  gboolean *skip = g_new0(gboolean, inputs->files->len);
  mark_stored(inputs->files, stored, request->jobs, skip);
  GPtrArray *kept = g_ptr_array_new_with_free_func(g_free);
  for (guint i = 0; i < inputs->files->len; i++) {
    if (skip[i])
      inputs->skipped++;
    else
      g_ptr_array_add(kept, g_strdup(g_ptr_array_index(inputs->files, i)));
  }
  g_ptr_array_unref(inputs->files);
  inputs->files = kept;
  g_free(skip);
  g_hash_table_unref(stored);
  return TRUE;
}

/* ------------------------------------------------------------- gathering */

gboolean rsk_inputs_gather(const rsk_inputs_request *request, char **args,
                           guint n_args, rsk_inputs *inputs, GError **error)
{
  *inputs = (rsk_inputs){.files = g_ptr_array_new_with_free_func(g_free)};
  if (request->shard &&
      !rsk_shard_parse(request->shard, &inputs->shard_k, &inputs->shard_n,
                       error))
    return FALSE;

  GPtrArray *all = g_ptr_array_new_with_free_func(g_free);
  for (guint i = 0; i < n_args; i++)
    g_ptr_array_add(all, g_strdup(args[i]));
  for (char **list = request->files_from; list && *list; list++) {
    if (!rsk_inputs_read_list(*list, request->null_separated, all, error)) {
      g_ptr_array_unref(all);
      return FALSE;
    }
  }
  inputs->listed = all->len;
  if (all->len == 0) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_USAGE,
                request->files_from ? "analyze: no FILE given (the "
                                      "--files-from list is empty)"
                                    : "analyze: no FILE given");
    g_ptr_array_unref(all);
    return FALSE;
  }
  for (guint i = 0; i < all->len; i++) {
    char *path = g_ptr_array_index(all, i);
    if (!inputs->shard_n || rsk_shard_of(path, inputs->shard_n) == inputs->shard_k)
      g_ptr_array_add(inputs->files, g_strdup(path));
  }
  g_ptr_array_unref(all);
  inputs->in_shard = inputs->files->len;
  return request->force || drop_stored(request, inputs, error);
}

void rsk_inputs_clear(rsk_inputs *inputs)
{
  g_clear_pointer(&inputs->files, g_ptr_array_unref);
  g_clear_pointer(&inputs->taxonomy_version, g_free);
}

void rsk_inputs_report(const rsk_inputs *inputs, const char *db_path,
                       rsk_out *out)
{
  if (inputs->shard_n)
    fprintf(out->err, "riskscope: shard %u/%u: %u of %u file%s\n",
            inputs->shard_k, inputs->shard_n, inputs->in_shard,
            inputs->listed, inputs->listed == 1 ? "" : "s");
  if (inputs->skipped)
    fprintf(out->err,
            "riskscope: %u of %u file%s already stored in %s (same sha256, "
            "taxonomy %s): skipped; --force analyses them again\n",
            inputs->skipped, inputs->in_shard,
            inputs->in_shard == 1 ? "" : "s", rsk_cli_db_path(db_path),
            inputs->taxonomy_version);
}
