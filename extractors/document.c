/* document.c - open a filing, whatever it was stored as
 *
 * The first 4 KB decide: "%PDF-" near the start is a PDF (Poppler takes it
 * from there); NUL bytes or control characters are binary data whatever
 * the file is called; text that opens with markup (an HTML or XML
 * declaration, an HTML element, EDGAR's <SEC-DOCUMENT> or <DOCUMENT>) is
 * read by the HTML reader. An SGML submission gives up its main document
 * first (submission.h). An HTML filing is parsed at open, so its page
 * count is known, and its SHA-256 is worked out on a second thread
 * meanwhile.
 *
 * SPDX-License-Identifier: MIT
 */
#include "document.h"

#include "form_type.h"
#include "html_reader.h"
#include "pdf.h"
#include "rsk_error.h"
#include "sha256.h"
#include "submission.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#define HEAD_BYTES 4096
/* Larger HTML than any filing (EDGAR's biggest run to a few hundred MB
 * of mostly XBRL) is refused rather than read into memory. */
#define MAX_HTML_BYTES ((guint64)1 << 30)
#define HASH_THREAD_BYTES (256 * 1024)

struct rsk_document {
  rsk_input_format format;
  char *path;
  rsk_pdf_document *pdf;
  rsk_filing *parsed;      /* HTML: everything read at open */
  gboolean handed_over;    /* parsed's lines went to a filing */
};

static gboolean starts_with_ci(const char *p, const char *end, const char *word)
{
  gsize n = strlen(word);
  return (gsize)(end - p) >= n && g_ascii_strncasecmp(p, word, n) == 0;
}

static gboolean looks_binary(const char *head, gsize n)
{
  gsize control = 0;
  for (gsize i = 0; i < n; i++) {
    guchar c = (guchar)head[i];
    if (c == 0)
      return TRUE;
    control += (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7f;
  }
  return control * 100 > n;
}

static gboolean looks_like_markup(const char *head, gsize n)
{
  static const char *const openings[] = {
      "<?xml", "<!doctype", "<html", "<head", "<body", "<sec-document>",
      "<sec-header>", "<ims-document>", "<document>", "<!--", "<div", "<p>",
      "<p ", "<table", "<title", "<meta", "<font", "<center", "<pre", "<xbrl"};
  const char *p = head, *end = head + n;
  if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
    p += 3;
  while (p < end && g_ascii_isspace(*p))
    p++;
  for (gsize i = 0; i < G_N_ELEMENTS(openings); i++)
    if (starts_with_ci(p, end, openings[i]))
      return TRUE;
  return FALSE;
}

static gboolean has_pdf_header(const char *head, gsize n)
{
  for (gsize i = 0; i + 5 <= n && i < 1024; i++)
    if (memcmp(head + i, "%PDF-", 5) == 0)
      return TRUE;
  return FALSE;
}

/* FALSE with RSK_ERROR_FORMAT unless HEAD (the first N bytes) opens an
 * HTML document or an SGML submission. */
static gboolean check_markup(const char *path, const char *head, gsize n, GError **error)
{
  gboolean binary = looks_binary(head, n);
  if (!binary && looks_like_markup(head, n))
    return TRUE;
  g_set_error(error, RSK_ERROR, RSK_ERROR_FORMAT, "%s: not a PDF or HTML filing (%s)", path,
              binary ? "binary data" : "text without HTML markup");
  return FALSE;
}

/* TRUE when the last bytes of [P, P + LEN) close the document. */
static gboolean ends_document(const char *p, gsize len)
{
  gsize n = MIN(len, (gsize)2048);
  const char *tail = p + len - n;
  for (gsize i = 0; i + 6 <= n; i++)
    if (tail[i] == '<' && tail[i + 1] == '/' &&
        (g_ascii_strncasecmp(tail + i + 2, "html", 4) == 0 ||
         g_ascii_strncasecmp(tail + i + 2, "body", 4) == 0))
      return TRUE;
  return FALSE;
}

typedef struct {
  const char *data;
  gsize len;
  char sha256[65];
} hash_job;

static gpointer hash_main(gpointer data)
{
  hash_job *job = data;
  rsk_sha256_hex(job->data, job->len, job->sha256);
  return NULL;
}

/* Reads the HTML filing DATA into DOC->parsed. */
static gboolean open_html(rsk_document *doc, const char *data, gsize len, GError **error)
{
  rsk_filing *filing = rsk_filing_new(doc->path);
  hash_job hashing = {.data = data, .len = len};
  /* A thread pays off for a filing's megabytes, not for a small file. */
  GThread *hasher = len >= HASH_THREAD_BYTES ? g_thread_new("rsk-hash", hash_main, &hashing)
                                             : (hash_main(&hashing), NULL);

  rsk_submission sub;
  const char *text = data;
  gsize text_len = len;
  gboolean plain = FALSE, truncated = FALSE;
  doc->format = RSK_INPUT_HTML;
  if (rsk_submission_main(data, len, &sub)) {
    doc->format = RSK_INPUT_SUBMISSION;
    text = sub.text;
    text_len = sub.len;
    plain = !sub.html;
    truncated = sub.truncated;
    if (sub.form) {
      g_free(filing->doc_type);
      filing->doc_type = rsk_form_of_edgar_type(sub.form);
    }
    g_free(sub.form);
  }
  if (!plain)
    plain = rsk_html_looks_preformatted(text, text_len);
  if (!plain && !truncated)
    truncated = !ends_document(text, text_len);
  guint letters = rsk_html_read(text, text_len, plain, filing);
  if (hasher)
    g_thread_join(hasher);
  memcpy(filing->sha256, hashing.sha256, sizeof filing->sha256);
  if (letters == 0) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_NO_TEXT,
                "%s: the %s shows no text", doc->path,
                doc->format == RSK_INPUT_SUBMISSION ? "submission's main document" : "HTML");
    rsk_filing_free(filing);
    return FALSE;
  }
  if (truncated)
    rsk_filing_flag(filing, "truncated: the %s ends before its closing tags",
                    doc->format == RSK_INPUT_SUBMISSION ? "main document" : "HTML");
  rsk_filing_guess_identity(filing);
  doc->parsed = filing;
  return TRUE;
}

rsk_document *rsk_document_open(const char *path, const char *password, GError **error)
{
  g_return_val_if_fail(path != NULL, NULL);
  GStatBuf st;
  if (g_stat(path, &st) != 0) {
    int err = errno;
    g_set_error(error, RSK_ERROR, RSK_ERROR_IO, "%s: %s", path, g_strerror(err));
    return NULL;
  }
  if (S_ISDIR(st.st_mode)) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_IO, "%s: is a directory", path);
    return NULL;
  }
  FILE *f = g_fopen(path, "rb");
  if (!f) {
    int err = errno;
    g_set_error(error, RSK_ERROR, RSK_ERROR_IO, "%s: %s", path, g_strerror(err));
    return NULL;
  }
  char head[HEAD_BYTES];
  size_t n = fread(head, 1, sizeof head, f);
  gboolean read_error = ferror(f) != 0;
  fclose(f);
  if (read_error) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_IO, "%s: read error", path);
    return NULL;
  }
  if (n == 0) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_IO, "%s: empty file", path);
    return NULL;
  }

  rsk_document *doc = g_new0(rsk_document, 1);
  doc->path = g_strdup(path);
  if (has_pdf_header(head, n)) {
    doc->format = RSK_INPUT_PDF;
    doc->pdf = rsk_pdf_document_open(path, password, error);
    if (!doc->pdf) {
      rsk_document_free(doc);
      return NULL;
    }
    return doc;
  }
  /* Refused before the whole file is read: binary data, plain text. */
  if (!check_markup(path, head, n, error)) {
    rsk_document_free(doc);
    return NULL;
  }
  if ((guint64)st.st_size > MAX_HTML_BYTES) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_FORMAT,
                "%s: %" G_GUINT64_FORMAT " MB of HTML is more than a filing holds",
                path, (guint64)st.st_size >> 20);
    rsk_document_free(doc);
    return NULL;
  }
  char *data = NULL;
  gsize len = 0;
  GError *io = NULL;
  if (!g_file_get_contents(path, &data, &len, &io)) {
    rsk_error_set_io(error, path, io);
    g_error_free(io);
    rsk_document_free(doc);
    return NULL;
  }
  gboolean ok = open_html(doc, data, len, error);
  g_free(data);
  if (!ok) {
    rsk_document_free(doc);
    return NULL;
  }
  return doc;
}

rsk_document *rsk_document_open_data(const char *path, const char *data, gsize len,
                                     GError **error)
{
  g_return_val_if_fail(path != NULL && (data != NULL || len == 0), NULL);
  gsize n = MIN(len, (gsize)HEAD_BYTES);
  if (len == 0) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_IO, "%s: empty file", path);
    return NULL;
  }
  if (has_pdf_header(data, n)) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_FORMAT,
                "%s: a PDF is read from a file, not from memory", path);
    return NULL;
  }
  if (!check_markup(path, data, n, error))
    return NULL;
  rsk_document *doc = g_new0(rsk_document, 1);
  doc->path = g_strdup(path);
  if (!open_html(doc, data, len, error)) {
    rsk_document_free(doc);
    return NULL;
  }
  return doc;
}

void rsk_document_free(rsk_document *doc)
{
  if (!doc)
    return;
  rsk_pdf_document_free(doc->pdf);
  rsk_filing_free(doc->parsed);
  g_free(doc->path);
  g_free(doc);
}

rsk_input_format rsk_document_format(const rsk_document *doc)
{
  return doc->format;
}

int rsk_document_page_count(const rsk_document *doc)
{
  if (!doc)
    return 0;
  return doc->pdf ? rsk_pdf_document_page_count(doc->pdf) : doc->parsed->page_count;
}

/* Copies lines of pages FIRST..LAST of SRC into DST. */
static void copy_pages(const rsk_filing *src, int first, int last, rsk_filing *dst)
{
  for (guint i = 0; i < src->lines->len; i++) {
    rsk_line line = g_array_index(src->lines, rsk_line, i);
    if (line.page < first || line.page > last)
      continue;
    guint span_base = dst->spans->len;
    for (guint k = 0; k < line.n_spans; k++) {
      rsk_span span = g_array_index(src->spans, rsk_span, line.first_span + k);
      span.font = rsk_filing_intern(dst, span.font);
      g_array_append_val(dst->spans, span);
    }
    line.first_span = span_base;
    line.text = g_string_chunk_insert(dst->strings, line.text);
    line.font = rsk_filing_intern(dst, line.font);
    g_array_append_val(dst->lines, line);
  }
}

static void swap_pointers(gpointer a, gpointer b)
{
  gpointer *x = a, *y = b, t = *x;
  *x = *y;
  *y = t;
}

gboolean rsk_document_read(rsk_document *doc, int first, int last, int jobs,
                           rsk_filing *filing, GError **error)
{
  g_return_val_if_fail(doc != NULL && filing != NULL, FALSE);
  if (doc->pdf)
    return rsk_pdf_document_read(doc->pdf, first, last, jobs, filing, error);

  rsk_filing *src = doc->parsed;
  int pages = src->page_count;
  if (doc->handed_over) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_USAGE, "%s: already read", doc->path);
    return FALSE;
  }
  if (first < 1)
    first = 1;
  if (last <= 0 || last > pages)
    last = pages;
  if (first > last) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_USAGE, "%s: page range %d-%d is outside 1-%d",
                doc->path, first, last, pages);
    return FALSE;
  }
  if (first == 1 && last == pages && filing->lines->len == 0) {
    /* The whole document into an empty filing: hand the lines over. */
    swap_pointers(&filing->strings, &src->strings);
    swap_pointers(&filing->lines, &src->lines);
    swap_pointers(&filing->spans, &src->spans);
    doc->handed_over = TRUE;
  } else {
    copy_pages(src, first, last, filing);
  }
  memcpy(filing->sha256, src->sha256, sizeof filing->sha256);
  filing->page_count = pages;
  g_free(filing->title);
  filing->title = g_strdup(src->title);
  g_ptr_array_set_size(filing->page_labels, 0);
  for (guint i = 0; i < src->page_labels->len; i++)
    g_ptr_array_add(filing->page_labels, g_strdup(g_ptr_array_index(src->page_labels, i)));
  for (guint i = 0; i < src->flags->len; i++)
    rsk_filing_flag(filing, "%s", (const char *)g_ptr_array_index(src->flags, i));
  /* Identity comes from the whole document, whatever pages were asked. */
  g_free(filing->doc_type);
  filing->doc_type = g_strdup(src->doc_type);
  g_free(filing->company);
  filing->company = g_strdup(src->company);
  g_free(filing->company_zh);
  filing->company_zh = g_strdup(src->company_zh);
  g_free(filing->ticker);
  filing->ticker = g_strdup(src->ticker);
  g_free(filing->cik);
  filing->cik = g_strdup(src->cik);
  g_free(filing->stock_code);
  filing->stock_code = g_strdup(src->stock_code);
  g_free(filing->period_end);
  filing->period_end = g_strdup(src->period_end);
  g_free(filing->document_date);
  filing->document_date = g_strdup(src->document_date);
  (void)jobs;
  return TRUE;
}
