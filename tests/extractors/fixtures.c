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

void fixture_shutdown(void)
{
  cairo_debug_reset_static_data();
  FcFini();
}
