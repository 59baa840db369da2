/* pdf_floor.c - the least time any reader of a PDF's text, fonts and
 * positions through Poppler's GLib API needs on this machine
 *
 *   pdf_floor [--text] [--jobs N] FILE.pdf
 *
 * Reads FILE's pages the way extractors/pdf.c does and keeps nothing: the
 * file mapped once, one PopplerDocument per thread (N threads, default the
 * number of cores; the first reuses the one that counted the pages), pages
 * handed out one at a time from a shared counter, and per page the three
 * calls extractors/lines.c makes on Poppler's cached TextPage (the text,
 * one rectangle per character, the font runs) and the page label. With --text, only the text: pdftotext's own work,
 * split over the threads. bench/run.sh times both beside pdftotext and
 * riskscope analyze, so that the analyze/pdftotext targets can be read
 * against what Poppler alone costs: no lines, no segmentation, no tags, no
 * database, no hash.
 *
 * SPDX-License-Identifier: MIT
 */
#include <glib.h>
#include <poppler.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  GBytes *bytes;
  PopplerDocument *first;    /* opened by main; the first thread borrows it */
  gboolean text_only;
  int pages;
  gint next;                 /* next page index to read, atomically */
} floor_job;

static void read_page(PopplerPage *page, gboolean text_only)
{
  g_free(poppler_page_get_text(page));
  if (text_only)
    return;
  PopplerRectangle *rects = NULL;
  guint n_rects = 0;
  if (poppler_page_get_text_layout(page, &rects, &n_rects))
    g_free(rects);
  poppler_page_free_text_attributes(poppler_page_get_text_attributes(page));
  g_free(poppler_page_get_label(page));
}

static gpointer read_pages(gpointer data)
{
  floor_job *job = data;
  GError *error = NULL;
  PopplerDocument *doc = g_atomic_pointer_exchange(&job->first, NULL);
  if (!doc)
    doc = poppler_document_new_from_bytes(job->bytes, NULL, &error);
  if (!doc) {
    fprintf(stderr, "pdf_floor: %s\n", error->message);
    exit(1);
  }
  for (int i; (i = g_atomic_int_add(&job->next, 1)) < job->pages;) {
    PopplerPage *page = poppler_document_get_page(doc, i);
    if (page) {
      read_page(page, job->text_only);
      g_object_unref(page);
    }
  }
  g_object_unref(doc);
  return NULL;
}

int main(int argc, char **argv)
{
  floor_job job = {0};
  int jobs = (int)g_get_num_processors();
  int arg = 1;
  for (; arg < argc && argv[arg][0] == '-'; arg++) {
    if (strcmp(argv[arg], "--text") == 0)
      job.text_only = TRUE;
    else if (strcmp(argv[arg], "--jobs") == 0 && arg + 1 < argc)
      jobs = atoi(argv[++arg]);
    else
      break;
  }
  if (arg != argc - 1 || jobs < 1) {
    fprintf(stderr, "usage: pdf_floor [--text] [--jobs N] FILE.pdf\n");
    return 2;
  }
  GError *error = NULL;
  GMappedFile *map = g_mapped_file_new(argv[arg], FALSE, &error);
  if (!map) {
    fprintf(stderr, "pdf_floor: %s\n", error->message);
    return 1;
  }
  job.bytes = g_mapped_file_get_bytes(map);
  g_mapped_file_unref(map);
  PopplerDocument *doc = poppler_document_new_from_bytes(job.bytes, NULL, &error);
  if (!doc) {
    fprintf(stderr, "pdf_floor: %s: %s\n", argv[arg], error->message);
    return 1;
  }
  job.pages = poppler_document_get_n_pages(doc);
  job.first = doc;

  GThread **threads = g_new0(GThread *, (gsize)jobs);
  for (int i = 0; i < jobs; i++)
    threads[i] = g_thread_new("floor-pages", read_pages, &job);
  for (int i = 0; i < jobs; i++)
    g_thread_join(threads[i]);
  g_free(threads);
  g_clear_object(&job.first);   /* when no thread took it */
  g_bytes_unref(job.bytes);
  return 0;
}
