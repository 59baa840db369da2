/* make_seeds.c - write the seed corpora of the fuzz targets
 *
 *   make_seeds DIR [PDF...]
 *
 * Writes DIR/pdf/: a few tiny PDFs drawn with cairo (a risk factors page in
 * bold, italic and roman faces with a running header and page numbers, an
 * empty page, a shapes-only page, two pages with a heading across the
 * break), and DIR/segment/: the lines riskscope reads from each of them in
 * fuzz_segment's format (line_stream.h). Each PDF given is read too and its
 * first SEGMENT_SEED_MAX bytes of lines (the cover, contents and usually the
 * start of the risk factors) added to DIR/segment/. DIR/html/ gets the
 * generated HTML 10-Ks of the HTML tests (tests/html/html_fixtures.c) in
 * every heading look and page style, and one as a full submission.
 *
 * SPDX-License-Identifier: MIT
 */
#include "document.h"
#include "html_fixtures.h"
#include "line_stream.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>

typedef struct {
  cairo_t *cr;
  double y;
  int page;
} writer;

static void face(writer *w, gboolean bold, gboolean italic, double size)
{
  cairo_select_font_face(w->cr, "Liberation Serif",
                         italic ? CAIRO_FONT_SLANT_ITALIC : CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(w->cr, size);
}

static void line(writer *w, gboolean bold, gboolean italic, const char *text)
{
  face(w, bold, italic, 10);
  cairo_move_to(w->cr, 72, w->y);
  cairo_show_text(w->cr, text);
  w->y += 14;
}

static void furniture(writer *w)
{
  face(w, TRUE, FALSE, 9);
  cairo_move_to(w->cr, 250, 40);
  cairo_show_text(w->cr, "RISK FACTORS");
  face(w, FALSE, FALSE, 9);
  char num[32];
  g_snprintf(num, sizeof num, "\xe2\x80\x93 %d \xe2\x80\x93", w->page);
  cairo_move_to(w->cr, 290, 810);
  cairo_show_text(w->cr, num);
  w->y = 90;
}

static void next_page(writer *w)
{
  cairo_show_page(w->cr);
  w->page++;
  furniture(w);
}

static const char *const body[] = {
  "We are subject to the Interim Measures for the Management of Generative",
  "Artificial Intelligence Services and must complete algorithm filing with",
  "the Cyberspace Administration of China before we launch new services.",
  "Failure to do so could result in fines or suspension of our business.",
};

static void risk(writer *w, const char *heading)
{
  line(w, TRUE, TRUE, heading);
  for (guint i = 0; i < G_N_ELEMENTS(body); i++)
    line(w, FALSE, FALSE, body[i]);
  w->y += 6;
}

static gboolean write_pdf(const char *path, int kind)
{
  cairo_surface_t *surface = cairo_pdf_surface_create(path, 595, 842);
  writer w = {.cr = cairo_create(surface), .page = 1};
  switch (kind) {
  case 0:  /* a risk factors section on one page */
    furniture(&w);
    face(&w, TRUE, FALSE, 14);
    cairo_move_to(w.cr, 230, w.y);
    cairo_show_text(w.cr, "RISK FACTORS");
    w.y += 24;
    line(&w, TRUE, FALSE, "RISKS RELATING TO OUR BUSINESS AND INDUSTRY");
    risk(&w, "We may fail to complete algorithm filing in time.");
    risk(&w, "Export controls may limit our access to advanced chips.");
    line(&w, TRUE, FALSE, "RISKS RELATING TO DOING BUSINESS IN CHINA");
    risk(&w, "Cross-border data transfer rules may restrict us.");
    break;
  case 1:  /* an empty page */
    break;
  case 2:  /* shapes only */
    cairo_rectangle(w.cr, 100, 100, 300, 400);
    cairo_fill(w.cr);
    break;
  case 3:  /* a heading split across a page break, US layout words */
    furniture(&w);
    line(&w, TRUE, FALSE, "Item 1A. Risk Factors");
    risk(&w, "Risks Related to Our Business");
    w.y = 790;
    line(&w, TRUE, FALSE, "Changes in laws on artificial intelligence could");
    next_page(&w);
    line(&w, TRUE, FALSE, "harm our business.");
    for (guint i = 0; i < G_N_ELEMENTS(body); i++)
      line(&w, FALSE, FALSE, body[i]);
    line(&w, TRUE, FALSE, "Item 1B. Unresolved Staff Comments");
    line(&w, FALSE, FALSE, "None.");
    break;
  default:
    break;
  }
  cairo_destroy(w.cr);
  cairo_surface_finish(surface);
  gboolean ok = cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS;
  cairo_surface_destroy(surface);
  return ok;
}

#define SEGMENT_SEED_MAX (120 * 1024)

static void write_lines(const char *pdf_path, const char *out_path)
{
  GError *error = NULL;
  rsk_document *doc = rsk_document_open(pdf_path, NULL, &error);
  rsk_filing *filing = rsk_filing_new(pdf_path);
  GByteArray *bytes = g_byte_array_new();
  if (doc && rsk_document_read(doc, 1, 0, 1, filing, &error))
    rsk_fuzz_lines_encode(filing, bytes);
  if (error) {
    fprintf(stderr, "make_seeds: %s\n", error->message);
    g_clear_error(&error);
  }
  if (bytes->len > SEGMENT_SEED_MAX) {
    guint cut = SEGMENT_SEED_MAX;
    while (cut > 0 && bytes->data[cut - 1] != '\n')
      cut--;
    g_byte_array_set_size(bytes, cut);
  }
  if (bytes->len)
    g_file_set_contents(out_path, (const char *)bytes->data, bytes->len, NULL);
  g_byte_array_unref(bytes);
  rsk_filing_free(filing);
  rsk_document_free(doc);
}

int main(int argc, char **argv)
{
  if (argc < 2) {
    fprintf(stderr, "usage: make_seeds DIR [PDF...]\n");
    return 2;
  }
  g_autofree char *pdf_dir = g_build_filename(argv[1], "pdf", NULL);
  g_autofree char *seg_dir = g_build_filename(argv[1], "segment", NULL);
  g_mkdir_with_parents(pdf_dir, 0755);
  g_mkdir_with_parents(seg_dir, 0755);
  for (int kind = 0; kind < 4; kind++) {
    g_autofree char *name = g_strdup_printf("seed%d.pdf", kind);
    g_autofree char *pdf = g_build_filename(pdf_dir, name, NULL);
    g_autofree char *seg = g_build_filename(seg_dir, name, NULL);
    if (!write_pdf(pdf, kind)) {
      fprintf(stderr, "make_seeds: cannot write %s\n", pdf);
      return 1;
    }
    write_lines(pdf, seg);
  }
  for (int i = 2; i < argc; i++) {
    g_autofree char *base = g_path_get_basename(argv[i]);
    g_autofree char *seg = g_build_filename(seg_dir, base, NULL);
    write_lines(argv[i], seg);
  }
  g_autofree char *html_dir = g_build_filename(argv[1], "html", NULL);
  g_mkdir_with_parents(html_dir, 0755);
  for (int look = HTML_BOLD_CSS; look <= HTML_ITALIC_SPAN; look++)
    for (int pages = HTML_PAGES_CSS_AFTER; pages <= HTML_PAGES_HR; pages++) {
      g_autofree char *html = html_fixture_10k(look, pages, 3);
      g_autofree char *name = g_strdup_printf("seed%d%d.htm", look, pages);
      g_free(html_fixture_write(html_dir, name, html, -1));
      if (look == HTML_BOLD_CSS && pages == HTML_PAGES_CSS_AFTER) {
        g_autofree char *txt = html_fixture_submission(html, TRUE);
        g_free(html_fixture_write(html_dir, "seed_submission.txt", txt, -1));
      }
    }
  return 0;
}
