/* test_targets.c - the accuracy targets, end to end, on every gold file
 *
 * Runs the built riskscope: analyze on the corpus filings that have gold
 * (../shared/gold, the project's own tests/gold with the 22 10-Ks of issue
 * 9, and tests/gold/html with the EDGAR filings as filed of issue 10), then
 * eval --format json, and holds the result to issue 6's segmentation
 * targets and issue 3's tagging targets.
 * Skips, saying so, when the corpus is absent.
 *
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "run_cli.h"

#include <cjson/cJSON.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

/* The corpus document GOLD is about: the file its first line's "doc"
 * names, in the corpus or its html/ folder (EDGAR filings as filed). NULL
 * when the corpus does not hold it. */
static char *document_for(const char *corpus, const char *gold)
{
  g_autofree char *text = NULL;
  if (!g_file_get_contents(gold, &text, NULL, NULL))
    return NULL;
  char *eol = strchr(text, '\n');
  if (eol)
    *eol = '\0';
  cJSON *line = cJSON_Parse(text);
  const cJSON *doc = cJSON_GetObjectItemCaseSensitive(line, "doc");
  char *path = NULL;
  for (int i = 0; i < 2 && cJSON_IsString(doc) && !path; i++) {
    path = g_build_filename(corpus, i ? "html" : "", doc->valuestring, NULL);
    if (!g_file_test(path, G_FILE_TEST_EXISTS))
      g_clear_pointer(&path, g_free);
  }
  cJSON_Delete(line);
  return path;
}

/* Gold whose filing the tool is known to get wrong, with its figures, left
 * out of the targets until the fix lands; each is named in the output. */
static const struct {
  const char *gold, *why;
} known_failures[] = {
  {NULL, NULL},  /* none now; Aegon's 20-F was one until headings.c read plain text */
};

static const char *known_failure(const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS(known_failures); i++)
    if (known_failures[i].gold && strcmp(name, known_failures[i].gold) == 0)
      return known_failures[i].why;
  return NULL;
}

/* Adds the .jsonl files of DIR to GOLDS and their corpus documents to DOCS. */
static void collect(const char *dir, const char *corpus, GPtrArray *golds,
                    GPtrArray *docs)
{
  GDir *d = dir ? g_dir_open(dir, 0, NULL) : NULL;
  if (!d)
    return;
  const char *name;
  while ((name = g_dir_read_name(d))) {
    if (!g_str_has_suffix(name, ".jsonl"))
      continue;
    if (known_failure(name)) {
      print_message("KNOWN FAILURE, left out: %s: %s\n", name, known_failure(name));
      continue;
    }
    char *gold = g_build_filename(dir, name, NULL);
    char *doc = document_for(corpus, gold);
    if (!doc) {
      g_free(gold);
      continue;
    }
    g_ptr_array_add(docs, doc);
    g_ptr_array_add(golds, gold);
  }
  g_dir_close(d);
}

static double number(const cJSON *object, const char *key)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, key);
  assert_true(cJSON_IsNumber(item));
  return item->valuedouble;
}

static void every_gold_filing_meets_the_accuracy_targets(void **state)
{
  (void)state;
  const char *corpus = g_getenv("RISKSCOPE_CORPUS");
  const char *shared_gold = g_getenv("RISKSCOPE_GOLD");
  const char *project_gold = g_getenv("RISKSCOPE_PROJECT_GOLD");
  if (!corpus || !g_file_test(corpus, G_FILE_TEST_IS_DIR)) {
    print_message("SKIP: corpus folder %s absent\n", corpus ? corpus : "(unset)");
    skip();
  }
  g_autoptr(GPtrArray) golds = g_ptr_array_new_with_free_func(g_free);
  g_autoptr(GPtrArray) pdfs = g_ptr_array_new_with_free_func(g_free);
  collect(shared_gold, corpus, golds, pdfs);
  collect(project_gold, corpus, golds, pdfs);
  /* EDGAR filings as filed (issue 10): headings and pages as README defines
   * them for HTML; c3ai's also carries tags. */
  g_autofree char *html_gold = project_gold ? g_build_filename(project_gold, "html", NULL) : NULL;
  collect(html_gold, corpus, golds, pdfs);
  /* 7 shared, 5 of the project's own, 12 released ordinary 10-Ks. */
  assert_true(golds->len >= 24);

  g_autofree char *dir = g_dir_make_tmp("rsk-targets-XXXXXX", NULL);
  g_autofree char *db = g_build_filename(dir, "gold.db", NULL);
  g_autoptr(GPtrArray) analyze = g_ptr_array_new();
  g_ptr_array_add(analyze, "analyze");
  g_ptr_array_add(analyze, "-q");
  g_ptr_array_add(analyze, "--db");
  g_ptr_array_add(analyze, db);
  for (guint i = 0; i < pdfs->len; i++)
    g_ptr_array_add(analyze, pdfs->pdata[i]);
  g_autofree char *analyze_out = NULL;
  assert_int_equal(run_cli(analyze, &analyze_out), 0);

  g_autoptr(GPtrArray) eval = g_ptr_array_new();
  g_ptr_array_add(eval, "eval");
  g_ptr_array_add(eval, "--format");
  g_ptr_array_add(eval, "json");
  g_ptr_array_add(eval, "--db");
  g_ptr_array_add(eval, db);
  for (guint i = 0; i < golds->len; i++) {
    g_ptr_array_add(eval, "--gold");
    g_ptr_array_add(eval, golds->pdata[i]);
  }
  g_autofree char *json = NULL;
  assert_int_equal(run_cli(eval, &json), 0);
  cJSON *root = cJSON_Parse(json);
  assert_non_null(root);

  /* Segmentation (issue 6): F1 >= 0.95 per filing, 0.97 overall, pages. */
  const cJSON *filing;
  cJSON_ArrayForEach(filing, cJSON_GetObjectItemCaseSensitive(root, "filings")) {
    print_message("%s: F1 %.3f, pages %.3f\n",
                  cJSON_GetObjectItemCaseSensitive(filing, "doc")->valuestring,
                  number(filing, "f1"), number(filing, "page_accuracy"));
    assert_true(number(filing, "f1") >= 0.95);
  }
  const cJSON *overall = cJSON_GetObjectItemCaseSensitive(root, "overall");
  assert_true(number(overall, "f1") >= 0.97);
  assert_true(number(overall, "page_accuracy") >= 0.98);

  /* Tagging (issue 3): precision >= 0.90, recall P >= 0.95, P+S >= 0.85,
   * no category with 5 or more gold labels under 0.80 precision. */
  const cJSON *tags = cJSON_GetObjectItemCaseSensitive(root, "tags_overall");
  print_message("tags: precision %.3f, recall P %.3f, recall P+S %.3f\n",
                number(tags, "precision"), number(tags, "recall_p"),
                number(tags, "recall_ps"));
  assert_true(number(tags, "precision") >= 0.90);
  assert_true(number(tags, "recall_p") >= 0.95);
  assert_true(number(tags, "recall_ps") >= 0.85);
  const cJSON *category;
  cJSON_ArrayForEach(category, cJSON_GetObjectItemCaseSensitive(root, "tags")) {
    if (number(category, "gold_ps") >= 5 &&
        number(category, "right") + number(category, "wrong") > 0)
      assert_true(number(category, "precision") >= 0.80);
  }
  cJSON_Delete(root);
  remove_db(dir, db);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(every_gold_filing_meets_the_accuracy_targets),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
