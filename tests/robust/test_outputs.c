/* test_outputs.c - what riskscope writes, when what it reads is hostile
 *
 * One database holds three filings made to attack the outputs:
 *   - a PDF whose /Title (the company name) carries terminal escapes: an
 *     OSC window title ended by BEL, and a CSI colour;
 *   - a file whose name is not UTF-8 ("caf\xe9_10k.pdf", Latin-1), stored
 *     for a company named like a spreadsheet formula;
 *   - a filing whose --company has a newline in it.
 * The cases check the outputs at the boundary: JSON is valid UTF-8, no
 * escape reaches a terminal raw, tables keep one line per filing, CSV
 * cells cannot start a formula; and where outputs go: device nodes and
 * FIFOs are written into, never replaced, symbolic links to files are not
 * followed, and a write error on standard output is an error.
 *
 * SPDX-License-Identifier: MIT
 */
#include "robust.h"

#include <cjson/cJSON.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <setjmp.h>
#include <cmocka.h>

#define ESCAPED_TITLE "\x1b]0;owned\x07" "Evil \x1b[31mRobotics Limited"
#define LATIN1_NAME "caf\xe9_10k.pdf"
#define FORMULA_COMPANY "=HYPERLINK(\"http://x\",\"y\")"

typedef struct {
  char *dir;
  char *db;
  robust_result r;   /* the last run */
} fixture;

#define RUN_OK(f, ...) ROBUST_EXPECT(&(f)->r, 0, __VA_ARGS__)
#define RUN(f, ...) ROBUST_RUN(&(f)->r, __VA_ARGS__)

static int group_setup(void **state)
{
  fixture *f = g_new0(fixture, 1);
  f->dir = robust_dir_new();
  f->db = g_build_filename(f->dir, "outputs.db", NULL);
  g_autofree char *escaped = robust_good_pdf_titled(f->dir, "escapes.pdf", 1, 6,
                                                    ESCAPED_TITLE);
  g_autofree char *latin1 = robust_good_pdf(f->dir, LATIN1_NAME, 2, 6);
  g_autofree char *newline = robust_good_pdf(f->dir, "newline.pdf", 3, 6);
  const char *a1[] = {"analyze", "--db", f->db, escaped, NULL};
  const char *a2[] = {"analyze", "--db", f->db, "--company", FORMULA_COMPANY,
                      latin1, NULL};
  const char *a3[] = {"analyze", "--db", f->db, "--company", "Line\nBreak Limited",
                      newline, NULL};
  const char *const *runs[] = {a1, a2, a3};
  for (guint i = 0; i < G_N_ELEMENTS(runs); i++) {
    int status = -1;
    g_autofree char *out = NULL, *err = NULL;
    if (!run_riskscope(runs[i], &status, &out, &err) || status != 0) {
      fprintf(stderr, "setup: analyze failed (%d): %s\n", status, err);
      return -1;
    }
  }
  *state = f;
  return 0;
}

static int group_teardown(void **state)
{
  fixture *f = *state;
  robust_dir_free(f->dir);
  g_free(f->db);
  robust_result_clear(&f->r);
  g_free(f);
  robust_cleanup();
  return 0;
}

/* ------------------------------------------------------ terminal escapes */

/* TEXT holds no byte a terminal acts on: no C0 control but '\n', no DEL,
 * no C1 control (UTF-8 C2 80..9F), no bidi override. */
static void assert_terminal_safe(const char *what, const char *text)
{
  for (const guchar *p = (const guchar *)text; *p; p++) {
    gboolean bad = (*p < 0x20 && *p != '\n') || *p == 0x7F ||
                   (p[0] == 0xC2 && p[1] >= 0x80 && p[1] < 0xA0) ||
                   (p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0xAA && p[2] <= 0xAE);
    if (bad) {
      print_error("%s: raw control byte 0x%02x at offset %td in:\n%s\n", what,
                  *p, (const char *)p - text, text);
      fail();
    }
  }
}

static void analyze_prints_escapes_in_a_title_visibly(void **state)
{
  fixture *f = *state;
  g_autofree char *pdf = robust_good_pdf_titled(f->dir, "escapes_again.pdf", 4, 6,
                                                ESCAPED_TITLE);
  g_autofree char *db = g_build_filename(f->dir, "analyze.db", NULL);
  /* The cover names no company and the title is not of a form the
   * issuer reader takes a name from (issuer.c), so the name comes in
   * through --company, which is printed the same way. */
  RUN_OK(f, "analyze", "--db", db, "--company", ESCAPED_TITLE, pdf);
  assert_terminal_safe("analyze stdout", f->r.out);
  assert_terminal_safe("analyze stderr", f->r.err);
  /* What was there is shown, not dropped. */
  assert_non_null(strstr(f->r.out, "\\x1b]0;owned\\x07Evil \\x1b[31mRobotics"));
}

static void list_show_and_compare_print_escapes_visibly(void **state)
{
  fixture *f = *state;
  const char *const commands[][8] = {
    {"list", "--db", f->db, NULL},
    {"show", "--db", f->db, "escapes.pdf", NULL},
    {"show", "--db", f->db, "--full", "--why", "escapes.pdf", NULL},
    {"compare", "--db", f->db, NULL},
    {"diff", "--db", f->db, "escapes.pdf", "newline.pdf", NULL},
    {"search", "--db", f->db, "algorithm", NULL},
  };
  for (guint i = 0; i < G_N_ELEMENTS(commands); i++) {
    printf("# riskscope %s\n", commands[i][0]);
    robust_expect(&f->r, 0, commands[i]);
    assert_terminal_safe(commands[i][0], f->r.out);
    assert_terminal_safe(commands[i][0], f->r.err);
  }
  RUN_OK(f, "show", "--db", f->db, "escapes.pdf");
  assert_non_null(strstr(f->r.out, "\\x1b[31mRobotics"));
}

/* compare cuts long company names to fit 80 columns: the cut must fall
 * between escapes, never inside one ("\x1" left over, or raw ESC [). */
static void compare_never_cuts_an_escape_in_half(void **state)
{
  fixture *f = *state;
  g_autofree char *db = g_build_filename(f->dir, "cut.db", NULL);
  /* Names whose escape sits at every offset around where the cut falls. */
  for (int pad = 0; pad < 6; pad++) {
    g_autofree char *name = g_strdup_printf("cut%d.pdf", pad);
    g_autofree char *pdf = robust_good_pdf(f->dir, name, 10 + pad, 6);
    g_autofree char *company = g_strdup_printf("%.*sLong Name Holdings\x1b[31mRed\x1b[0m"
                                               " Group Limited", 2 + pad,
                                               "ABCDEFGHIJ");
    RUN_OK(f, "analyze", "--db", db, "--company", company, pdf);
  }
  RUN_OK(f, "compare", "--db", db);
  assert_terminal_safe("compare", f->r.out);
  char **lines = g_strsplit(f->r.out, "\n", -1);
  for (char **l = lines; *l; l++) {
    const char *cut = strchr(*l, '~');
    if (!cut)
      continue;
    /* The text before "~" ends with a whole escape or a plain character. */
    const char *bs = g_strrstr_len(*l, cut - *l, "\\");
    if (bs)
      assert_true(cut - bs >= 4 && bs[1] == 'x');
  }
  g_strfreev(lines);
}

static void newline_in_company_keeps_list_one_line_per_filing(void **state)
{
  fixture *f = *state;
  RUN_OK(f, "list", "--db", f->db);
  /* Header, three filings (the flags note, if any, starts with "!"). */
  char **lines = g_strsplit(f->r.out, "\n", -1);
  guint rows = 0;
  for (char **l = lines; *l; l++)
    if (**l && **l != '!')
      rows++;
  g_strfreev(lines);
  if (rows != 4)
    print_error("expected a header and 3 rows:\n%s\n", f->r.out);
  assert_int_equal(rows, 4);
  assert_non_null(strstr(f->r.out, "Line\\nBreak"));
}

static void extract_prints_the_producer_escaped(void **state)
{
  fixture *f = *state;
  /* A one-page PDF whose /Producer and text carry escapes. */
  static const char pdf[] =
      "%PDF-1.4\n"
      "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
      "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
      "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
      " /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >> endobj\n"
      "4 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n"
      "5 0 obj << /Length 73 >> stream\n"
      "BT /F1 12 Tf 72 700 Td (Hello world, this page names its producer.) Tj ET\n"
      "endstream endobj\n"
      /* UTF-16BE: PDFDocEncoding has no ESC. */
      "6 0 obj << /Producer <FEFF001B005D0030003B00700077006E006500640007"
      "001B005B0032004A> >> endobj\n"
      "trailer << /Root 1 0 R /Info 6 0 R >>\n%%EOF\n";
  g_autofree char *path = g_build_filename(f->dir, "producer.pdf", NULL);
  robust_write_file(path, pdf, sizeof pdf - 1);
  RUN_OK(f, "extract", path);
  assert_terminal_safe("extract", f->r.out);
  assert_non_null(strstr(f->r.out, "producer \\x1b]0;pwned\\x07\\x1b[2J"));
}

/* ------------------------------------------------------------ UTF-8 JSON */

static void assert_valid_json(const char *what, const char *text, gboolean lines)
{
  if (!g_utf8_validate(text, -1, NULL)) {
    print_error("%s: not UTF-8:\n%s\n", what, text);
    fail();
  }
  char **parts = lines ? g_strsplit(text, "\n", -1) : g_strsplit(text, "\x01", -1);
  for (char **p = parts; *p; p++) {
    if (!**p)
      continue;
    cJSON *json = cJSON_Parse(*p);
    if (!json)
      print_error("%s: not JSON:\n%s\n", what, *p);
    assert_non_null(json);
    cJSON_Delete(json);
  }
  g_strfreev(parts);
}

static void json_outputs_are_utf8_with_a_latin1_file_name(void **state)
{
  fixture *f = *state;
  const char *const commands[][8] = {
    {"list", "--db", f->db, "--format", "json", NULL},
    {"show", "--db", f->db, "--format", "json", "--why", LATIN1_NAME, NULL},
    {"export", "--db", f->db, "--format", "json", NULL},
    {"export", "--db", f->db, "--format", "jsonl", NULL},
    {"search", "--db", f->db, "--format", "json", "algorithm", NULL},
    {"compare", "--db", f->db, "--format", "json", NULL},
    {"diff", "--db", f->db, "--format", "json", LATIN1_NAME, "newline.pdf", NULL},
  };
  for (guint i = 0; i < G_N_ELEMENTS(commands); i++) {
    printf("# riskscope %s %s\n", commands[i][0], commands[i][4]);
    robust_expect(&f->r, 0, commands[i]);
    assert_valid_json(commands[i][0], f->r.out,
                      strcmp(commands[i][4], "jsonl") == 0);
  }
  /* The name is there, its bad byte replaced by U+FFFD. */
  RUN_OK(f, "list", "--db", f->db, "--format", "json");
  assert_non_null(strstr(f->r.out, "caf\xef\xbf\xbd_10k.pdf"));
  /* The database keeps the bytes it was given, so FILING still matches. */
  g_autofree char *stored = db_query_text(f->db, "SELECT name FROM filings "
                                                 "WHERE name LIKE 'caf%'");
  assert_string_equal(stored, LATIN1_NAME);
}

static void html_report_is_utf8_with_a_latin1_file_name(void **state)
{
  fixture *f = *state;
  g_autofree char *html = g_build_filename(f->dir, "report.html", NULL);
  RUN_OK(f, "report", "--db", f->db, "--html", html);
  g_autofree char *text = NULL;
  assert_true(g_file_get_contents(html, &text, NULL, NULL));
  assert_true(g_utf8_validate(text, -1, NULL));
  assert_non_null(strstr(text, "caf\xef\xbf\xbd_10k.pdf"));
}

/* ------------------------------------------------------------------ CSV */

static void csv_cells_cannot_start_a_formula(void **state)
{
  fixture *f = *state;
  RUN_OK(f, "export", "--db", f->db, "--format", "csv");
  /* OWASP: a leading ' and the cell quoted. */
  assert_non_null(strstr(f->r.out, ",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","));
  assert_null(strstr(f->r.out, ",\"=HYPERLINK"));
  RUN_OK(f, "compare", "--db", f->db, "--format", "csv");
  assert_non_null(strstr(f->r.out, "\"'=HYPERLINK("));
  assert_null(strstr(f->r.out, "\n\"=HYPERLINK"));
}

static void csv_raw_leaves_cells_as_they_are(void **state)
{
  fixture *f = *state;
  RUN_OK(f, "export", "--db", f->db, "--format", "csv", "--csv-raw");
  assert_non_null(strstr(f->r.out, ",\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","));
  RUN_OK(f, "compare", "--db", f->db, "--format", "csv", "--csv-raw");
  assert_non_null(strstr(f->r.out, "\n\"=HYPERLINK("));
}

/* --------------------------------------------------------- write errors */

static void every_command_reports_a_full_standard_output(void **state)
{
  fixture *f = *state;
  g_autofree char *pdf = robust_good_pdf(f->dir, "full.pdf", 5, 6);
  g_autofree char *db = g_build_filename(f->dir, "full.db", NULL);
  const char *const commands[][8] = {
    {"analyze", "--db", db, pdf, NULL},
    {"list", "--db", f->db, NULL},
    {"show", "--db", f->db, "escapes.pdf", NULL},
    {"search", "--db", f->db, "algorithm", NULL},
    {"compare", "--db", f->db, NULL},
    {"diff", "--db", f->db, "escapes.pdf", "newline.pdf", NULL},
    {"export", "--db", f->db, NULL},
    {"extract", pdf, NULL},
    {"taxonomy", "list", NULL},
    {"taxonomy", "check", NULL},
    {"list", "--help", NULL},
  };
  for (guint i = 0; i < G_N_ELEMENTS(commands); i++) {
    int status = -1;
    g_autofree char *err = NULL;
    printf("# riskscope %s %s > /dev/full\n", commands[i][0], commands[i][1]);
    assert_true(run_riskscope_into(commands[i], "/dev/full", &status, &err));
    if (status != 1 || !strstr(err, "riskscope: write error: standard output"))
      print_error("exit %d, stderr:\n%s\n", status, err);
    assert_int_equal(status, 1);
    assert_non_null(strstr(err, "riskscope: write error: standard output"));
  }
}

/* --------------------------------------------------------- output paths */

static void skip_unless_root(void)
{
  if (geteuid() != 0) {
    printf("SKIP: making device nodes needs root\n");
    skip();
  }
}

/* A character device with the numbers of /dev/null or /dev/full, made in
 * our own folder so the real ones are never at stake. */
static char *make_node(fixture *f, const char *name, unsigned minor)
{
  char *path = g_build_filename(f->dir, name, NULL);
  g_unlink(path);
  assert_int_equal(mknod(path, S_IFCHR | 0666, makedev(1, minor)), 0);
  return path;
}

static void assert_still_device(const char *path, unsigned minor)
{
  struct stat st;
  assert_int_equal(lstat(path, &st), 0);
  if (!S_ISCHR(st.st_mode))
    print_error("%s is no longer a character device (mode %o)\n", path,
                (unsigned)st.st_mode);
  assert_true(S_ISCHR(st.st_mode));
  assert_int_equal(minor(st.st_rdev), minor);
}

static void export_into_a_null_device_writes_into_it(void **state)
{
  fixture *f = *state;
  skip_unless_root();
  g_autofree char *node = make_node(f, "null-node", 3);
  RUN_OK(f, "export", "--db", f->db, "-o", node);
  assert_still_device(node, 3);
  RUN_OK(f, "report", "--db", f->db, "--html", node);
  assert_still_device(node, 3);
}

static void export_into_a_full_device_fails_and_keeps_it(void **state)
{
  fixture *f = *state;
  skip_unless_root();
  g_autofree char *node = make_node(f, "full-node", 7);
  RUN(f, "export", "--db", f->db, "-o", node);
  assert_int_equal(f->r.status, 1);
  assert_non_null(strstr(f->r.err, "full-node"));
  assert_still_device(node, 7);
  RUN(f, "report", "--db", f->db, "--html", node);
  assert_int_equal(f->r.status, 1);
  assert_still_device(node, 7);
}

typedef struct {
  const char *path;
  char *data;
} fifo_reader;

static gpointer read_fifo(gpointer p)
{
  fifo_reader *r = p;
  g_file_get_contents(r->path, &r->data, NULL, NULL);
  return NULL;
}

static void export_into_a_fifo_feeds_its_reader(void **state)
{
  fixture *f = *state;
  g_autofree char *fifo = g_build_filename(f->dir, "export.fifo", NULL);
  g_autofree char *keep = g_build_filename(f->dir, "export.fifo.link", NULL);
  g_unlink(fifo);
  g_unlink(keep);
  assert_int_equal(mkfifo(fifo, 0644), 0);
  /* A second name for the FIFO: should riskscope replace it, the reader
   * blocked on it is released through this one, not left hanging. */
  assert_int_equal(link(fifo, keep), 0);
  fifo_reader reader = {.path = fifo};
  GThread *t = g_thread_new("fifo", read_fifo, &reader);
  RUN(f, "export", "--db", f->db, "--format", "jsonl", "-o", fifo);
  int release = open(keep, O_WRONLY | O_NONBLOCK);
  if (release >= 0)
    close(release);
  g_thread_join(t);
  assert_int_equal(f->r.status, 0);
  assert_non_null(reader.data);
  assert_non_null(strstr(reader.data, "\"ordinal\""));
  g_free(reader.data);
  struct stat st;
  assert_int_equal(lstat(fifo, &st), 0);
  assert_true(S_ISFIFO(st.st_mode));
}

static void export_through_a_link_to_a_file_is_refused(void **state)
{
  fixture *f = *state;
  g_autofree char *target = g_build_filename(f->dir, "precious.txt", NULL);
  g_autofree char *link = g_build_filename(f->dir, "export.jsonl", NULL);
  robust_write_file(target, "keep me\n", 8);
  g_unlink(link);
  assert_int_equal(symlink(target, link), 0);
  RUN(f, "export", "--db", f->db, "-o", link);
  assert_int_equal(f->r.status, 1);
  assert_non_null(strstr(f->r.err, "symbolic link"));
  g_autofree char *kept = NULL;
  assert_true(g_file_get_contents(target, &kept, NULL, NULL));
  assert_string_equal(kept, "keep me\n");
  struct stat st;
  assert_int_equal(lstat(link, &st), 0);
  assert_true(S_ISLNK(st.st_mode));
}

static void export_to_a_regular_file_replaces_it_whole(void **state)
{
  fixture *f = *state;
  g_autofree char *path = g_build_filename(f->dir, "export.csv", NULL);
  robust_write_file(path, "old\n", 4);
  g_chmod(path, 0600);
  RUN_OK(f, "export", "--db", f->db, "--format", "csv", "-o", path);
  g_autofree char *text = NULL;
  assert_true(g_file_get_contents(path, &text, NULL, NULL));
  assert_true(g_str_has_prefix(text, "filing_id,"));
  struct stat st;
  assert_int_equal(stat(path, &st), 0);
  assert_int_equal(st.st_mode & 0777, 0600);  /* its permissions kept */
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(analyze_prints_escapes_in_a_title_visibly),
    cmocka_unit_test(list_show_and_compare_print_escapes_visibly),
    cmocka_unit_test(compare_never_cuts_an_escape_in_half),
    cmocka_unit_test(newline_in_company_keeps_list_one_line_per_filing),
    cmocka_unit_test(extract_prints_the_producer_escaped),
    cmocka_unit_test(json_outputs_are_utf8_with_a_latin1_file_name),
    cmocka_unit_test(html_report_is_utf8_with_a_latin1_file_name),
    cmocka_unit_test(csv_cells_cannot_start_a_formula),
    cmocka_unit_test(csv_raw_leaves_cells_as_they_are),
    cmocka_unit_test(every_command_reports_a_full_standard_output),
    cmocka_unit_test(export_into_a_null_device_writes_into_it),
    cmocka_unit_test(export_into_a_full_device_fails_and_keeps_it),
    cmocka_unit_test(export_into_a_fifo_feeds_its_reader),
    cmocka_unit_test(export_through_a_link_to_a_file_is_refused),
    cmocka_unit_test(export_to_a_regular_file_replaces_it_whole),
  };
  return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
