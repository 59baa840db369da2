/* test_bad_inputs.c - riskscope analyze on files a user should not give it
 *
 * Every case runs `riskscope analyze --db DB BAD GOOD` on a bad input and a
 * good filing in one call, and checks what a user sees: exit status 1, one
 * stderr line "riskscope: BAD: reason" that names the file and says why,
 * and the good filing stored all the same (the batch goes on), the bad one
 * not at all.
 *
 * SPDX-License-Identifier: MIT
 */
#include "fixtures.h"
#include "robust.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib/gstdio.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <setjmp.h>
#include <cmocka.h>

#define REASONS(...) ((const char *const[]){__VA_ARGS__, NULL})

typedef struct {
  char *dir;
  char *db;
  char *good;
  char *out, *err;   /* of the last run; freed by teardown even when an
                        assertion jumps out of the test */
  GPtrArray *paths;  /* made by path_in(), freed by teardown */
} fixture;

static int setup(void **state)
{
  fixture *f = g_new0(fixture, 1);
  f->dir = robust_dir_new();
  f->db = g_build_filename(f->dir, "robust.db", NULL);
  f->good = robust_good_pdf(f->dir, "good_filing.pdf", 1, 8);
  f->paths = g_ptr_array_new_with_free_func(g_free);
  *state = f;
  return 0;
}

static int teardown(void **state)
{
  fixture *f = *state;
  robust_dir_free(f->dir);
  g_free(f->db);
  g_free(f->good);
  g_free(f->out);
  g_free(f->err);
  g_ptr_array_unref(f->paths);
  g_free(f);
  return 0;
}

/* Runs analyze on BAD then the good filing (EXTRA: more options, may be
 * NULL), as AS_UID (-1: ourselves), and checks the outcome. */
static void expect_rejected_as(fixture *f, const char *bad,
                               const char *const *extra,
                               const char *const *reasons, int as_uid)
{
  GPtrArray *args = g_ptr_array_new();
  g_ptr_array_add(args, "analyze");
  g_ptr_array_add(args, "--db");
  g_ptr_array_add(args, f->db);
  for (const char *const *e = extra; e && *e; e++)
    g_ptr_array_add(args, (gpointer)*e);
  g_ptr_array_add(args, (gpointer)bad);
  g_ptr_array_add(args, f->good);
  g_ptr_array_add(args, NULL);

  int status = -1;
  g_clear_pointer(&f->out, g_free);
  g_clear_pointer(&f->err, g_free);
  gboolean ran = run_riskscope_as((const char *const *)args->pdata, as_uid, &status,
                                  &f->out, &f->err);
  g_ptr_array_unref(args);
  assert_true(ran);
  const char *out = f->out, *err = f->err;
  if (status != 1)
    print_error("exit status %d, expected 1; stdout:\n%s\nstderr:\n%s\n", status,
                out, err);
  assert_int_equal(status, 1);
  const char *slash = strrchr(bad, '/');
  const char *base = slash ? slash + 1 : bad;
  assert_one_error(err, base, reasons);
  /* The batch went on: the good filing is stored, whole. */
  assert_int_equal(db_count_filings(f->db, "good_filing.pdf"), 1);
  assert_true(db_count_risks(f->db, "good_filing.pdf") >= 2);
  /* Nothing of the bad one is. */
  assert_int_equal(db_count_filings(f->db, base), 0);
}

static void expect_rejected(fixture *f, const char *bad, const char *const *extra,
                            const char *const *reasons)
{
  expect_rejected_as(f, bad, extra, reasons, -1);
}

/* DIR/NAME, owned by the fixture. */
static char *path_in(fixture *f, const char *name)
{
  char *path = g_build_filename(f->dir, name, NULL);
  g_ptr_array_add(f->paths, path);
  return path;
}

static char *copy_data_file(fixture *f, const char *name)
{
  char *src = g_build_filename(robust_data_dir(), name, NULL);
  char *dst = path_in(f, name);
  char *data = NULL;
  gsize len = 0;
  assert_true(g_file_get_contents(src, &data, &len, NULL));
  g_free(src);
  robust_write_file(dst, data, len);
  g_free(data);
  return dst;
}

/* ---------------------------------------------------------- not a filing */

static void empty_file_is_reported_and_batch_goes_on(void **state)
{
  fixture *f = *state;
  char *bad = path_in(f, "empty.pdf");
  robust_write_file(bad, "", 0);
  expect_rejected(f, bad, NULL, REASONS("empty", "not a PDF"));
}

static void truncated_pdf_is_reported_as_damaged(void **state)
{
  fixture *f = *state;
  char *data = NULL;
  gsize len = 0;
  assert_true(g_file_get_contents(f->good, &data, &len, NULL));
  char *bad = path_in(f, "truncated.pdf");
  robust_write_file(bad, data, len / 2);
  g_free(data);
  expect_rejected(f, bad, NULL, REASONS("damaged", "truncated", "corrupt"));
}

static void text_file_named_pdf_is_not_a_pdf(void **state)
{
  fixture *f = *state;
  char *bad = path_in(f, "notes.pdf");
  const char text[] = "Risk factors\nThis is a plain text file, not a PDF.\n";
  robust_write_file(bad, text, sizeof text - 1);
  expect_rejected(f, bad, NULL, REASONS("not a PDF"));
}

static void directory_is_reported(void **state)
{
  fixture *f = *state;
  char *bad = path_in(f, "folder.pdf");
  assert_int_equal(g_mkdir(bad, 0755), 0);
  expect_rejected(f, bad, NULL, REASONS("directory"));
}

static void missing_file_is_reported(void **state)
{
  fixture *f = *state;
  char *bad = path_in(f, "no_such_filing.pdf");
  expect_rejected(f, bad, NULL, REASONS("No such file"));
}

static void unreadable_file_is_reported(void **state)
{
  fixture *f = *state;
  int uid = -1;
  if (geteuid() == 0) {
    uid = robust_unprivileged_uid();
    if (uid < 0) {
      printf("SKIP: running as root and \"nobody\" cannot run riskscope: "
             "root reads a chmod 000 file anyway\n");
      skip();
    }
    /* The database must be writable by the unprivileged child. */
    g_chmod(f->dir, 0777);
  }
  char *bad = copy_data_file(f, "zero-pages.pdf");
  char *locked = path_in(f, "locked.pdf");
  assert_int_equal(g_rename(bad, locked), 0);
  assert_int_equal(g_chmod(locked, 0000), 0);
  expect_rejected_as(f, locked, NULL, REASONS("Permission denied"), uid);
}

/* -------------------------------------------------------------- encrypted */

static char *encrypt_good(fixture *f)
{
  char *out = path_in(f, "encrypted.pdf");
  const char *argv[] = {"qpdf", "--encrypt", "user-pw", "owner-pw", "256", "--",
                        f->good, out, NULL};
  int status = -1;
  GError *error = NULL;
  if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH |
                    G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                    NULL, NULL, NULL, NULL, &status, &error)) {
    printf("SKIP: qpdf is not installed (%s): apt-get install qpdf\n",
           error->message);
    g_error_free(error);
    return NULL;
  }
  assert_int_equal(status, 0);
  g_chmod(out, 0644);
  return out;
}

static void encrypted_pdf_without_password_asks_for_one(void **state)
{
  fixture *f = *state;
  char *bad = encrypt_good(f);
  if (!bad)
    skip();
  expect_rejected(f, bad, NULL, REASONS("--password", "password"));
}

static void encrypted_pdf_with_wrong_password_is_reported(void **state)
{
  fixture *f = *state;
  char *bad = encrypt_good(f);
  if (!bad)
    skip();
  expect_rejected(f, bad, REASONS("--password", "not-the-password"),
                  REASONS("wrong password"));
}

static void encrypted_pdf_with_password_is_analysed(void **state)
{
  fixture *f = *state;
  char *enc = encrypt_good(f);
  if (!enc)
    skip();
  char *other = robust_good_pdf(f->dir, "other_filing.pdf", 2, 6);
  g_ptr_array_add(f->paths, other);
  const char *args[] = {"analyze", "--db", f->db, "--password", "user-pw", enc,
                        other, NULL};
  int status = -1;
  assert_true(run_riskscope(args, &status, &f->out, &f->err));
  const char *out = f->out, *err = f->err;
  if (status != 0)
    print_error("stdout:\n%s\nstderr:\n%s\n", out, err);
  assert_int_equal(status, 0);
  assert_no_error(err);
  assert_int_equal(db_count_filings(f->db, "encrypted.pdf"), 1);
  assert_true(db_count_risks(f->db, "encrypted.pdf") >= 2);
  /* --password does not get in the way of a file that has none. */
  assert_int_equal(db_count_filings(f->db, "other_filing.pdf"), 1);

}

/* --------------------------------------------------------- nothing to read */

/* Pages of noise painted as images, as a scanner makes them. */
static char *scanned_pdf(fixture *f)
{
  char *path = path_in(f, "scanned.pdf");
  cairo_surface_t *pdf = cairo_pdf_surface_create(path, 595, 842);
  cairo_t *cr = cairo_create(pdf);
  cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 200, 280);
  guint32 *px = (guint32 *)cairo_image_surface_get_data(img);
  int stride = cairo_image_surface_get_stride(img) / 4;
  GRand *rand = g_rand_new_with_seed(42);
  for (int page = 0; page < 3; page++) {
    cairo_surface_flush(img);
    for (int y = 0; y < 280; y++)
      for (int x = 0; x < 200; x++)
        px[y * stride + x] = g_rand_boolean(rand) ? 0xffffff : 0x202020;
    cairo_surface_mark_dirty(img);
    cairo_save(cr);
    cairo_scale(cr, 595.0 / 200, 842.0 / 280);
    cairo_set_source_surface(cr, img, 0, 0);
    cairo_paint(cr);
    cairo_restore(cr);
    cairo_show_page(cr);
  }
  g_rand_free(rand);
  cairo_surface_destroy(img);
  cairo_destroy(cr);
  cairo_surface_destroy(pdf);
  g_chmod(path, 0644);
  return path;
}

static void scanned_pdf_without_text_layer_is_reported(void **state)
{
  fixture *f = *state;
  char *bad = scanned_pdf(f);
  expect_rejected(f, bad, NULL, REASONS("no text"));
}

static void shapes_only_fixture_is_reported_without_text(void **state)
{
  fixture *f = *state;
  char *bad = path_in(f, "fixture_scanned.pdf");
  GError *error = NULL;
  assert_true(rsk_fixture_scanned(bad, 4, &error));
  g_chmod(bad, 0644);
  expect_rejected(f, bad, NULL, REASONS("no text"));
}

static void pdf_with_zero_pages_is_reported(void **state)
{
  fixture *f = *state;
  char *bad = copy_data_file(f, "zero-pages.pdf");
  expect_rejected(f, bad, NULL, REASONS("no pages"));
}

static void thousands_of_blank_pages_are_reported_without_text(void **state)
{
  fixture *f = *state;
  char *bad = path_in(f, "blank_3000.pdf");
  cairo_surface_t *pdf = cairo_pdf_surface_create(bad, 595, 842);
  cairo_t *cr = cairo_create(pdf);
  cairo_select_font_face(cr, "Liberation Serif", CAIRO_FONT_SLANT_NORMAL,
                         CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, 10);
  for (int page = 0; page < 3000; page++) {
    if (page % 2) {  /* every other page holds only spaces */
      cairo_move_to(cr, 72, 400);
      cairo_show_text(cr, "                                        ");
    }
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_destroy(pdf);
  g_chmod(bad, 0644);
  expect_rejected(f, bad, NULL, REASONS("no text"));
}

static void prose_without_a_risk_factors_section_is_reported(void **state)
{
  fixture *f = *state;
  char *bad = path_in(f, "shareholder_letter.pdf");
  cairo_surface_t *pdf = cairo_pdf_surface_create(bad, 612, 792);
  cairo_t *cr = cairo_create(pdf);
  cairo_select_font_face(cr, "Liberation Serif", CAIRO_FONT_SLANT_NORMAL,
                         CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, 10);
  for (int page = 0; page < 3; page++) {
    for (int row = 0; row < 50; row++) {
      cairo_move_to(cr, 72, 72 + row * 12);
      cairo_show_text(cr, "Our customers and partners drove the growth of the "
                          "year, and we thank them for it as we look ahead.");
    }
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_destroy(pdf);
  expect_rejected(f, bad, NULL, REASONS("no Risk Factors section"));
}

static void page_with_a_million_characters_is_survived(void **state)
{
  fixture *f = *state;
  char *bad = path_in(f, "million_chars.pdf");
  cairo_surface_t *pdf = cairo_pdf_surface_create(bad, 595, 842);
  cairo_t *cr = cairo_create(pdf);
  cairo_select_font_face(cr, "Liberation Sans", CAIRO_FONT_SLANT_NORMAL,
                         CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, 0.9);
  static const char *const words[] = {"market", "the", "of", "growth", "sales",
                                      "and", "revenue", "customers", "a", "cost"};
  GString *line = g_string_new(NULL);
  guint n = 0;
  for (int row = 0; row < 1000; row++) {
    g_string_truncate(line, 0);
    while (line->len < 1000) {
      g_string_append(line, words[n++ % G_N_ELEMENTS(words)]);
      g_string_append_c(line, ' ');
    }
    g_string_truncate(line, 1000);
    cairo_move_to(cr, 10, 10 + row * 0.82);
    cairo_show_text(cr, line->str);
  }
  g_string_free(line, TRUE);
  cairo_destroy(cr);
  cairo_surface_destroy(pdf);
  g_chmod(bad, 0644);
  expect_rejected(f, bad, NULL, REASONS("no Risk Factors section"));
}

/* One printed line of LEN characters ("a .a .a ...": letters and periods,
 * what contents-line patterns backtrack on) inside a Risk Factors section. */
static char *long_line_pdf(fixture *f, int len)
{
  char *path = path_in(f, "long_line.pdf");
  cairo_surface_t *pdf = cairo_pdf_surface_create(path, 595, 842);
  cairo_t *cr = cairo_create(pdf);
  cairo_select_font_face(cr, "Liberation Serif", CAIRO_FONT_SLANT_NORMAL,
                         CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size(cr, 14);
  cairo_move_to(cr, 230, 80);
  cairo_show_text(cr, "RISK FACTORS");
  cairo_set_font_size(cr, 10);
  cairo_move_to(cr, 72, 110);
  cairo_show_text(cr, "We may fail to complete algorithm filing in time.");
  char *line = g_malloc((gsize)len + 1);
  for (int i = 0; i < len; i++)
    line[i] = i % 3 == 2 ? '.' : i % 3 ? ' ' : 'a';
  line[len] = '\0';
  cairo_select_font_face(cr, "Liberation Serif", CAIRO_FONT_SLANT_NORMAL,
                         CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, 500.0 / (len * 0.3));
  cairo_move_to(cr, 50, 140);
  cairo_show_text(cr, line);
  g_free(line);
  cairo_destroy(cr);
  cairo_surface_destroy(pdf);
  g_chmod(path, 0644);
  return path;
}

static void line_of_sixty_thousand_characters_does_not_hang(void **state)
{
  fixture *f = *state;
  char *bad = long_line_pdf(f, 60000);
  /* Whatever the verdict, it must come: 137 is the watchdog's kill. */
  expect_rejected(f, bad, NULL,
                  REASONS("no Risk Factors section", "without risk-factor headings", "too long"));
}

/* ------------------------------------------------------------ bad fonts */

static void type3_font_without_unicode_map_is_unreadable(void **state)
{
  fixture *f = *state;
  char *bad = copy_data_file(f, "type3-no-tounicode.pdf");
  expect_rejected(f, bad, NULL, REASONS("unreadable", "Unicode", "no text"));
}

static void scrambled_subset_font_text_is_reported_not_stored(void **state)
{
  fixture *f = *state;
  char *bad = copy_data_file(f, "subset-font-scrambled.pdf");
  expect_rejected(f, bad, NULL, REASONS("unreadable", "Unicode", "garbage"));
}

/* -------------------------------------------------------------- good path */

static void path_with_spaces_and_non_ascii_is_analysed(void **state)
{
  fixture *f = *state;
  char *name = "risk factors \xc3\xa9 \xe4\xb8\xad\xe6\x96\x87.pdf";
  char *good = robust_good_pdf(f->dir, name, 3, 6);
  g_ptr_array_add(f->paths, good);
  const char *args[] = {"analyze", "--db", f->db, good, NULL};
  int status = -1;
  assert_true(run_riskscope(args, &status, &f->out, &f->err));
  const char *out = f->out, *err = f->err;
  if (status != 0)
    print_error("stdout:\n%s\nstderr:\n%s\n", out, err);
  assert_int_equal(status, 0);
  assert_no_error(err);
  assert_non_null(strstr(out, name));
  assert_int_equal(db_count_filings(f->db, name), 1);
  assert_true(db_count_risks(f->db, name) >= 2);

}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(empty_file_is_reported_and_batch_goes_on, setup, teardown),
    cmocka_unit_test_setup_teardown(truncated_pdf_is_reported_as_damaged, setup, teardown),
    cmocka_unit_test_setup_teardown(text_file_named_pdf_is_not_a_pdf, setup, teardown),
    cmocka_unit_test_setup_teardown(directory_is_reported, setup, teardown),
    cmocka_unit_test_setup_teardown(missing_file_is_reported, setup, teardown),
    cmocka_unit_test_setup_teardown(unreadable_file_is_reported, setup, teardown),
    cmocka_unit_test_setup_teardown(encrypted_pdf_without_password_asks_for_one, setup, teardown),
    cmocka_unit_test_setup_teardown(encrypted_pdf_with_wrong_password_is_reported, setup, teardown),
    cmocka_unit_test_setup_teardown(encrypted_pdf_with_password_is_analysed, setup, teardown),
    cmocka_unit_test_setup_teardown(scanned_pdf_without_text_layer_is_reported, setup, teardown),
    cmocka_unit_test_setup_teardown(shapes_only_fixture_is_reported_without_text, setup, teardown),
    cmocka_unit_test_setup_teardown(pdf_with_zero_pages_is_reported, setup, teardown),
    cmocka_unit_test_setup_teardown(thousands_of_blank_pages_are_reported_without_text, setup, teardown),
    cmocka_unit_test_setup_teardown(prose_without_a_risk_factors_section_is_reported, setup, teardown),
    cmocka_unit_test_setup_teardown(page_with_a_million_characters_is_survived, setup, teardown),
    cmocka_unit_test_setup_teardown(line_of_sixty_thousand_characters_does_not_hang, setup, teardown),
    cmocka_unit_test_setup_teardown(type3_font_without_unicode_map_is_unreadable, setup, teardown),
    cmocka_unit_test_setup_teardown(scrambled_subset_font_text_is_reported_not_stored, setup, teardown),
    cmocka_unit_test_setup_teardown(path_with_spaces_and_non_ascii_is_analysed, setup, teardown),
  };
  int failed = cmocka_run_group_tests_name("robust_inputs", tests, NULL, NULL);
  robust_cleanup();
  return failed;
}
