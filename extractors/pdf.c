/* pdf.c - open a PDF with Poppler and read its pages as styled lines
 *
 * Reading is the expensive stage, so pages are spread over worker threads.
 * A PopplerDocument is not safe to share between threads, so each worker
 * opens its own (the first one borrows the document opened by
 * rsk_pdf_document_open, which nobody else touches while the workers run).
 * Workers take the next page number from a shared counter and leave the
 * page's lines in a slot; the calling thread merges the slots into the
 * filing in page order and frees them. Workers stop handing out pages
 * WINDOW pages ahead of the merge, so memory holds at most that many pages
 * beyond the lines already merged, however long the document. The file's
 * SHA-256 is worked out meanwhile on one more thread, so the merge never
 * makes the workers wait.
 *
 * The file is mapped into memory once (rsk_document_open) and every
 * PopplerDocument reads the same bytes: Poppler's own file stream reads
 * in small pieces, one system call each (some 10,000 for a 3 MB filing,
 * per document), and the hash reads the mapping too.
 *
 * SPDX-License-Identifier: MIT
 */
#include "pdf.h"

#include "lines.h"
#include "page_guard.h"
#include "rsk_error.h"
#include "sha256.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>
#include <poppler.h>
#include <string.h>

struct rsk_pdf_document {
  PopplerDocument *poppler;
  char *path;        /* as given */
  GBytes *bytes;     /* the file, mapped: every PopplerDocument reads it */
  char *password;
  int page_count;
};

static gboolean starts_like_pdf(GBytes *bytes)
{
  gsize size = 0;
  const char *head = g_bytes_get_data(bytes, &size);
  size = MIN(size, 1024);
  for (size_t i = 0; i + 5 <= size; i++)
    if (memcmp(head + i, "%PDF-", 5) == 0)
      return TRUE;
  return FALSE;
}

static PopplerDocument *open_poppler(const char *path, GBytes *bytes,
                                     const char *password, GError **error)
{
  GError *perr = NULL;
  PopplerDocument *pd = NULL;
  if (password) {
    /* Given a wrong password, Poppler (22.12) retries a document in memory
     * with a copy of its stream cast to the wrong class, and crashes: a
     * password-protected file is read from the file. */
    char *absolute = g_canonicalize_filename(path, NULL);
    char *uri = g_filename_to_uri(absolute, NULL, &perr);
    if (uri)
      pd = poppler_document_new_from_file(uri, password, &perr);
    g_free(uri);
    g_free(absolute);
  } else {
    pd = poppler_document_new_from_bytes(bytes, NULL, &perr);
  }
  if (pd)
    return pd;
  if (g_error_matches(perr, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED)) {
    if (password && *password)
      g_set_error(error, RSK_ERROR, RSK_ERROR_ENCRYPTED,
                  "%s: wrong password for this encrypted PDF", path);
    else
      g_set_error(error, RSK_ERROR, RSK_ERROR_ENCRYPTED,
                  "%s: encrypted PDF; give its password with --password",
                  path);
  } else if (!starts_like_pdf(bytes)) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_PDF, "%s: not a PDF file", path);
  } else {
    g_set_error(error, RSK_ERROR, RSK_ERROR_PDF, "%s: damaged PDF (%s)", path,
                perr ? perr->message : "Poppler could not read it");
  }
  g_clear_error(&perr);
  return NULL;
}

rsk_pdf_document *rsk_pdf_document_open(const char *path, const char *password,
                                GError **error)
{
  g_return_val_if_fail(path != NULL, NULL);
  GStatBuf st;
  if (g_stat(path, &st) != 0) {
    int err = errno;
    g_set_error(error, RSK_ERROR, RSK_ERROR_IO, "%s: %s", path,
                g_strerror(err));
    return NULL;
  }
  if (S_ISDIR(st.st_mode)) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_IO, "%s: is a directory", path);
    return NULL;
  }
  int fd = g_open(path, O_RDONLY, 0);
  if (fd < 0) {
    int err = errno;
    g_set_error(error, RSK_ERROR, RSK_ERROR_IO, "%s: %s", path,
                g_strerror(err));
    return NULL;
  }
  GError *map_error = NULL;
  GMappedFile *map = g_mapped_file_new_from_fd(fd, FALSE, &map_error);
  close(fd);
  if (!map) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_IO, "%s: %s", path,
                map_error->message);
    g_error_free(map_error);
    return NULL;
  }
  GBytes *bytes = g_mapped_file_get_bytes(map);   /* holds the mapping */
  g_mapped_file_unref(map);
  PopplerDocument *pd = open_poppler(path, bytes, password, error);
  if (!pd) {
    g_bytes_unref(bytes);
    return NULL;
  }
  int pages = poppler_document_get_n_pages(pd);
  if (pages <= 0) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_PDF, "%s: the PDF has no pages",
                path);
    g_object_unref(pd);
    g_bytes_unref(bytes);
    return NULL;
  }
  rsk_pdf_document *doc = g_new0(rsk_pdf_document, 1);
  doc->poppler = pd;
  doc->path = g_strdup(path);
  doc->bytes = bytes;
  doc->password = g_strdup(password);
  doc->page_count = pages;
  return doc;
}

void rsk_pdf_document_free(rsk_pdf_document *doc)
{
  if (!doc)
    return;
  g_clear_object(&doc->poppler);
  g_free(doc->path);
  g_clear_pointer(&doc->bytes, g_bytes_unref);
  g_free(doc->password);
  g_free(doc);
}

int rsk_pdf_document_page_count(const rsk_pdf_document *doc)
{
  return doc ? doc->page_count : 0;
}

/* ---------------------------------------------------------------- workers */

typedef struct {
  rsk_pdf_document *doc;
  int first, last;           /* 1-based, inclusive */
  int window;                /* pages handed out beyond the merge point */
  GMutex lock;
  GCond cond;
  int next;                  /* next page to hand out */
  int merged;                /* pages merged so far */
  rsk_page_lines **slots;    /* [page - first] */
  GError *error;             /* first worker failure */
  gboolean stop;
} read_job;

typedef struct {
  read_job *job;
  gboolean borrow;           /* use doc->poppler instead of opening one */
} worker_arg;

/* Stops every worker with ERROR, unless one failed first. */
static void stop_job(read_job *job, GError *error)
{
  g_mutex_lock(&job->lock);
  if (!job->error)
    job->error = error;
  else
    g_error_free(error);
  job->stop = TRUE;
  g_cond_broadcast(&job->cond);
  g_mutex_unlock(&job->lock);
}

static gpointer worker_main(gpointer data)
{
  worker_arg *arg = data;
  read_job *job = arg->job;
  PopplerDocument *pd = NULL;

  if (arg->borrow) {
    pd = g_object_ref(job->doc->poppler);
  } else {
    GError *error = NULL;
    pd = open_poppler(job->doc->path, job->doc->bytes, job->doc->password,
                      &error);
    if (!pd) {
      stop_job(job, error);
      return NULL;
    }
  }
  for (;;) {
    g_mutex_lock(&job->lock);
    while (!job->stop && job->next <= job->last &&
           job->next - (job->first + job->merged) >= job->window)
      g_cond_wait(&job->cond, &job->lock);
    if (job->stop || job->next > job->last) {
      g_mutex_unlock(&job->lock);
      break;
    }
    int number = job->next++;
    g_mutex_unlock(&job->lock);

    /* What a page may cost is page_guard.c's business. */
    rsk_page_verdict verdict = rsk_page_guard_begin(number);
    if (verdict == RSK_PAGE_STOP) {
      stop_job(job, g_error_new(RSK_ERROR, RSK_ERROR_INTERRUPTED,
                                "%s: interrupted", job->doc->path));
      break;
    }
    PopplerPage *page = verdict == RSK_PAGE_READ
                            ? poppler_document_get_page(pd, number - 1) : NULL;
    rsk_page_lines *pl = rsk_page_lines_read(page, number);
    pl->pdf_label = page ? poppler_page_get_label(page) : NULL;
    g_clear_object(&page);
    rsk_page_guard_end(number, pl);

    g_mutex_lock(&job->lock);
    job->slots[number - job->first] = pl;
    g_cond_broadcast(&job->cond);
    g_mutex_unlock(&job->lock);
  }
  g_object_unref(pd);
  return NULL;
}

/* ------------------------------------------------------------------ merge */

typedef struct {
  guint chars, letters, bad, words, vowelless, tokens, common, han;
  int pages_with_text;
} text_stats;

static void merge_page(rsk_filing *filing, const rsk_page_lines *pl,
                       text_stats *stats)
{
  guint span_base = filing->spans->len;
  for (guint i = 0; i < pl->spans->len; i++) {
    rsk_span span = g_array_index(pl->spans, rsk_span, i);
    span.font = rsk_filing_intern(filing, span.font);
    g_array_append_val(filing->spans, span);
  }
  for (guint i = 0; i < pl->lines->len; i++) {
    rsk_line line = g_array_index(pl->lines, rsk_line, i);
    line.text = g_string_chunk_insert(filing->strings, line.text);
    line.font = rsk_filing_intern(filing, line.font);
    line.first_span += span_base;
    g_array_append_val(filing->lines, line);
  }
  stats->chars += pl->n_chars;
  stats->letters += pl->n_letters;
  stats->bad += pl->n_bad;
  stats->words += pl->n_words;
  stats->vowelless += pl->n_vowelless;
  stats->tokens += pl->n_tokens;
  stats->common += pl->n_common;
  stats->han += pl->n_han;
  if (pl->n_letters >= 20)
    stats->pages_with_text++;
}

/* The file's SHA-256, worked out on a thread of its own (from the mapped
 * bytes) while the workers read pages. */
typedef struct {
  GBytes *bytes;
  char *sha256;              /* 65 bytes */
} hash_job;

static gpointer hash_main(gpointer data)
{
  hash_job *job = data;
  gsize size = 0;
  const guchar *bytes = g_bytes_get_data(job->bytes, &size);
  rsk_sha256_hex(bytes, size, job->sha256);
  return NULL;
}

static char *clean_metadata(char *value)
{
  if (!value)
    return NULL;
  g_strstrip(value);
  if (!*value) {
    g_free(value);
    return NULL;
  }
  return value;
}

/* The whole read yields no usable text: none at all, or garbage from fonts
 * without a Unicode map (private-use and control characters, or letters
 * that form no words). */
static gboolean check_text(const rsk_pdf_document *doc, int pages,
                           const text_stats *stats, GError **error)
{
  if (stats->letters < 20 || stats->pages_with_text == 0) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_NO_TEXT,
                "%s: no text layer on any of %d page%s (scanned?)", doc->path,
                pages, pages == 1 ? "" : "s");
    return FALSE;
  }
  if (stats->bad * 3 > stats->chars ||
      stats->letters * 10 < stats->chars * 3 ||
      (stats->words >= 20 && stats->vowelless * 2 > stats->words)) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_NO_TEXT,
                "%s: the text layer is unreadable (fonts without a Unicode "
                "map: %u of %u characters are symbols or garbage)",
                doc->path, stats->chars - stats->letters, stats->chars);
    return FALSE;
  }
  /* A subset font whose glyph names lie decodes to letters that look like
   * words ("Vt dqn yqos"): English prose has about a third of its words
   * among a few dozen common ones, such text almost none. Text that is
   * mostly Chinese is not judged by English words. */
  if (stats->tokens >= 100 && stats->han < stats->tokens &&
      stats->common * 100 < stats->tokens * 15) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_NO_TEXT,
                "%s: the text layer is unreadable (fonts without a correct "
                "Unicode map: only %u of %u words are common English words, "
                "garbage rather than prose)",
                doc->path, stats->common, stats->tokens);
    return FALSE;
  }
  return TRUE;
}

gboolean rsk_pdf_document_read(rsk_pdf_document *doc, int first, int last, int jobs,
                           rsk_filing *filing, GError **error)
{
  g_return_val_if_fail(doc != NULL && filing != NULL, FALSE);
  if (first < 1)
    first = 1;
  if (last <= 0 || last > doc->page_count)
    last = doc->page_count;
  if (first > last) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_USAGE,
                "%s: page range %d-%d is outside 1-%d", doc->path, first,
                last, doc->page_count);
    return FALSE;
  }
  int pages = last - first + 1;
  if (jobs <= 0)
    jobs = (int)g_get_num_processors();
  jobs = CLAMP(jobs, 1, pages);

  /* Metadata first: worker 0 borrows doc->poppler once they start. */
  filing->page_count = doc->page_count;
  g_free(filing->title);
  filing->title = clean_metadata(poppler_document_get_title(doc->poppler));
  g_free(filing->producer);
  filing->producer =
      clean_metadata(poppler_document_get_producer(doc->poppler));

  read_job job = {
      .doc = doc, .first = first, .last = last, .window = 4 * jobs + 4,
      .next = first, .slots = g_new0(rsk_page_lines *, (gsize)pages)};
  g_mutex_init(&job.lock);
  g_cond_init(&job.cond);
  worker_arg *args = g_new0(worker_arg, (gsize)jobs);
  GThread **threads = g_new0(GThread *, (gsize)jobs);
  for (int i = 0; i < jobs; i++) {
    args[i] = (worker_arg){.job = &job, .borrow = i == 0};
    threads[i] = g_thread_new("rsk-pages", worker_main, &args[i]);
  }

  /* Hash the file while the workers read pages. */
  hash_job hashing = {.bytes = doc->bytes, .sha256 = filing->sha256};
  GThread *hasher = g_thread_new("rsk-hash", hash_main, &hashing);

  double *heights = g_new0(double, (gsize)doc->page_count);
  char **labels = g_new0(char *, (gsize)doc->page_count + 1);
  text_stats stats = {0};
  guint64 chars = 0;
  guint first_line = filing->lines->len;
  for (int i = 0; i < pages; i++) {
    g_mutex_lock(&job.lock);
    while (!job.slots[i] && !job.stop)
      g_cond_wait(&job.cond, &job.lock);
    rsk_page_lines *pl = job.slots[i];
    job.slots[i] = NULL;
    if (pl) {
      job.merged++;
      g_cond_broadcast(&job.cond);
    }
    g_mutex_unlock(&job.lock);
    if (!pl)
      break;
    gboolean admitted = rsk_page_guard_admit(filing, pl, &chars);
    heights[pl->page - 1] = pl->height;
    labels[pl->page - 1] = g_steal_pointer(&pl->pdf_label);
    if (admitted)
      merge_page(filing, pl, &stats);
    rsk_page_lines_free(pl);
    if (!admitted)
      break;
  }
  g_mutex_lock(&job.lock);
  job.stop = TRUE;
  g_cond_broadcast(&job.cond);
  g_mutex_unlock(&job.lock);
  for (int i = 0; i < jobs; i++)
    g_thread_join(threads[i]);
  g_thread_join(hasher);
  for (int i = 0; i < pages; i++)
    rsk_page_lines_free(job.slots[i]);

  gboolean ok = TRUE;
  if (job.error) {
    g_propagate_error(error, job.error);
    ok = FALSE;
  } else if (!check_text(doc, pages, &stats, error)) {
    ok = FALSE;
  }
  if (ok) {
    GArray *tail = filing->lines;
    /* Furniture is judged over the lines of this read only. */
    if (first_line == 0) {
      rsk_lines_mark_furniture(tail, heights, doc->page_count);
    } else {
      GArray *part = g_array_new(FALSE, FALSE, sizeof(rsk_line));
      g_array_append_vals(part, &g_array_index(tail, rsk_line, first_line),
                          tail->len - first_line);
      rsk_lines_mark_furniture(part, heights, doc->page_count);
      memcpy(&g_array_index(tail, rsk_line, first_line), part->data,
             part->len * sizeof(rsk_line));
      g_array_unref(part);
    }
    rsk_filing_guess_identity(filing);
    rsk_filing_set_page_labels(filing, labels, doc->page_count);
  }

  for (int i = 0; i < doc->page_count; i++)
    g_free(labels[i]);
  g_free(labels);
  g_free(heights);
  g_free(threads);
  g_free(args);
  g_free(job.slots);
  g_mutex_clear(&job.lock);
  g_cond_clear(&job.cond);
  return ok;
}
