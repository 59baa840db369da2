/* fixtures.c - PDFs drawn with cairo for the extractor tests
 *
 * SPDX-License-Identifier: MIT
 */
#include "fixtures.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <glib/gstdio.h>
#include <string.h>

char *fixture_dir_new(void)
{
  GError *error = NULL;
  char *dir = g_dir_make_tmp("rsk-extract-XXXXXX", &error);
  g_assert_no_error(error);
  return dir;
}

void fixture_dir_free(char *dir)
{
  if (!dir)
    return;
  GDir *d = g_dir_open(dir, 0, NULL);
  if (d) {
    const char *name;
    while ((name = g_dir_read_name(d))) {
      char *path = g_build_filename(dir, name, NULL);
      g_unlink(path);
      g_free(path);
    }
    g_dir_close(d);
  }
  g_rmdir(dir);
  g_free(dir);
}

static void text_at(cairo_t *cr, const char *family, cairo_font_slant_t slant,
                    cairo_font_weight_t weight, double size, double x,
                    double y, const char *text)
{
  cairo_select_font_face(cr, family, slant, weight);
  cairo_set_font_size(cr, size);
  cairo_move_to(cr, x, y);
  cairo_show_text(cr, text);
}

/* Every glyph drawn twice, the second time OFFSET pt to the right. */
static void fake_bold_at(cairo_t *cr, double size, double x, double y,
                         const char *text, double offset)
{
  cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                         CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
  for (const char *p = text; *p; p = g_utf8_next_char(p)) {
    char one[8] = {0};
    memcpy(one, p, (size_t)(g_utf8_next_char(p) - p));
    cairo_text_extents_t ext;
    cairo_text_extents(cr, one, &ext);
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, one);
    cairo_move_to(cr, x + offset, y);
    cairo_show_text(cr, one);
    x += ext.x_advance;
  }
}

char *fixture_styled_pdf(const char *dir, int pages)
{
  char *path = g_build_filename(dir, "styled.pdf", NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create(path, 612, 792);
  cairo_t *cr = cairo_create(surface);
  const cairo_font_slant_t up = CAIRO_FONT_SLANT_NORMAL;
  const cairo_font_weight_t normal = CAIRO_FONT_WEIGHT_NORMAL;

  for (int p = 0; p < pages; p++) {
    char footer[32];
    g_snprintf(footer, sizeof footer, "\xe2\x80\x93 %d \xe2\x80\x93", 12 + p);
    text_at(cr, "DejaVu Sans", up, normal, 8, 250, 40,
            "ACME HOLDINGS LIMITED");
    text_at(cr, "Liberation Sans", up, CAIRO_FONT_WEIGHT_BOLD, 12, 72, 110,
            "RISKS RELATING TO OUR BUSINESS");
    text_at(cr, "DejaVu Serif", CAIRO_FONT_SLANT_ITALIC,
            CAIRO_FONT_WEIGHT_BOLD, 10, 72, 140,
            "We may fail to comply with new AI rules.");
    text_at(cr, "DejaVu Serif", CAIRO_FONT_SLANT_ITALIC, normal, 10, 72, 170,
            "Investors should read this section with care.");
    text_at(cr, "DejaVu Serif", up, normal, 10, 72, 200,
            "Our \xef\xac\x81nancial results depend on \xe2\x80\x9c" "AI\xe2\x80\x9d "
            "rules and new regu-");
    text_at(cr, "DejaVu Serif", up, normal, 10, 72, 214,
            "lations in many markets.");
    fake_bold_at(cr, 11, 72, 250, "Risk of fake bold", 0.25);
    /* The whole line again 1.3 pt to the right: too far for Poppler. */
    text_at(cr, "DejaVu Sans", up, normal, 11, 72, 270, "Doubled line of text");
    text_at(cr, "DejaVu Sans", up, normal, 11, 73.3, 270, "Doubled line of text");
    text_at(cr, "DejaVu Serif", up, normal, 10, 72, 300,
            "Risks Related to Our Business");
    text_at(cr, "DejaVu Serif", up, normal, 10, 72, 400,
            "Body text that closes the page body.");
    text_at(cr, "DejaVu Sans", up, normal, 9, 290, 760, footer);
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  g_assert_cmpint(cairo_surface_status(surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy(surface);
  return path;
}

char *fixture_empty_pdf(const char *dir)
{
  char *path = g_build_filename(dir, "empty.pdf", NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create(path, 612, 792);
  cairo_t *cr = cairo_create(surface);
  cairo_rectangle(cr, 100, 100, 200, 300);
  cairo_fill(cr);
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  return path;
}

char *fixture_not_pdf(const char *dir)
{
  char *path = g_build_filename(dir, "notes.pdf", NULL);
  g_assert_true(g_file_set_contents(path, "just some notes\n", -1, NULL));
  return path;
}

/* A PDF string of TEXT for a "-UCS2-H" CMap: its UTF-16 code units in
 * hex, big-endian. */
static void append_ucs2_hex(GString *out, const char *text)
{
  glong n = 0;
  gunichar2 *units = g_utf8_to_utf16(text, -1, NULL, &n, NULL);
  g_assert_nonnull(units);
  g_string_append_c(out, '<');
  for (glong i = 0; i < n; i++)
    g_string_append_printf(out, "%04X", units[i]);
  g_string_append_c(out, '>');
  g_free(units);
}

char *fixture_cid_chinese_pdf(const char *dir, const char *const *lines)
{
  /* The content: each line 20 pt below the last, the first in 16 pt. */
  GString *content = g_string_new("BT\n");
  for (int i = 0; lines[i]; i++) {
    g_string_append_printf(content, "/F1 %d Tf 1 0 0 1 60 %d Tm ", i ? 10 : 16,
                           780 - 24 * i);
    append_ucs2_hex(content, lines[i]);
    g_string_append(content, " Tj\n");
  }
  g_string_append(content, "ET\n");

  /* A Type0 font on the predefined CMap UniCNS-UCS2-H, its CIDFont in the
   * Adobe-CNS1 collection and not embedded: only poppler-data's CMap and
   * CID-to-Unicode tables can turn its codes into text. */
  char *objects[7];
  objects[0] = g_strdup("<< /Type /Catalog /Pages 2 0 R >>");
  objects[1] = g_strdup("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  objects[2] = g_strdup("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                        "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>");
  objects[3] = g_strdup_printf("<< /Length %" G_GSIZE_FORMAT " >>\nstream\n%s"
                               "endstream", content->len, content->str);
  objects[4] = g_strdup("<< /Type /Font /Subtype /Type0 /BaseFont /MSung-Light "
                        "/Encoding /UniCNS-UCS2-H /DescendantFonts [6 0 R] >>");
  objects[5] = g_strdup("<< /Type /Font /Subtype /CIDFontType0 /BaseFont /MSung-Light "
                        "/CIDSystemInfo << /Registry (Adobe) /Ordering (CNS1) "
                        "/Supplement 0 >> /FontDescriptor 7 0 R /DW 1000 >>");
  objects[6] = g_strdup("<< /Type /FontDescriptor /FontName /MSung-Light /Flags 4 "
                        "/FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 "
                        "/Descent -120 /CapHeight 700 /StemV 80 >>");
  GString *pdf = g_string_new("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n");
  gsize offsets[G_N_ELEMENTS(objects)];
  for (gsize i = 0; i < G_N_ELEMENTS(objects); i++) {
    offsets[i] = pdf->len;
    g_string_append_printf(pdf, "%" G_GSIZE_FORMAT " 0 obj\n%s\nendobj\n", i + 1,
                           objects[i]);
    g_free(objects[i]);
  }
  gsize xref = pdf->len;
  g_string_append_printf(pdf, "xref\n0 %" G_GSIZE_FORMAT "\n0000000000 65535 f \n",
                         G_N_ELEMENTS(objects) + 1);
  for (gsize i = 0; i < G_N_ELEMENTS(objects); i++)
    g_string_append_printf(pdf, "%010" G_GSIZE_FORMAT " 00000 n \n", offsets[i]);
  g_string_append_printf(pdf, "trailer\n<< /Size %" G_GSIZE_FORMAT " /Root 1 0 R >>\n"
                         "startxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n",
                         G_N_ELEMENTS(objects) + 1, xref);
  char *path = g_build_filename(dir, "cid-cns1.pdf", NULL);
  gboolean ok = g_file_set_contents(path, pdf->str, (gssize)pdf->len, NULL);
  g_string_free(pdf, TRUE);
  g_string_free(content, TRUE);
  if (!ok)
    g_clear_pointer(&path, g_free);
  return path;
}

void fixture_shutdown(void)
{
  cairo_debug_reset_static_data();
  FcFini();
}
