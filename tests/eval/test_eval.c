/* test_eval.c - heading matching, segmentation and tag scores, gold files
 *
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "evalset.h"
#include "rsk_error.h"
#include "score.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#define ITEM(p, h) {.page = (p), .heading = (h)}

static void run_match(const rsk_eval_item *gold, guint ng,
                      const rsk_eval_item *pred, guint np, int *match,
                      rsk_eval_heading_counts *counts)
{
  rsk_eval_match(gold, ng, pred, np, match);
  rsk_eval_count_headings(gold, ng, pred, np, match, counts);
}

static void headings_match_ignoring_case_and_punctuation(void **state)
{
  (void)state;
  rsk_eval_item gold[] = {ITEM(3, "We may lose customers."),
                          ITEM(4, "Export controls could hurt us.")};
  rsk_eval_item pred[] = {ITEM(3, "WE MAY LOSE CUSTOMERS"),
                          ITEM(5, "Export  controls could hurt us")};
  int match[2];
  rsk_eval_heading_counts c;
  run_match(gold, 2, pred, 2, match, &c);
  assert_int_equal(match[0], 0);
  assert_int_equal(match[1], 1);
  assert_int_equal(c.n_matched, 2);
  assert_int_equal(c.n_page_ok, 1);
  assert_float_equal(rsk_eval_f1(&c), 1.0, 1e-9);
  assert_float_equal(rsk_eval_page_accuracy(&c), 0.5, 1e-9);
}

static void headings_below_ninety_percent_do_not_match(void **state)
{
  (void)state;
  /* 10 letters vs 10 letters with 2 changed: ratio 0.8. */
  rsk_eval_item gold[] = {ITEM(1, "abcdefghij")};
  rsk_eval_item pred[] = {ITEM(1, "abcdefghXY")};
  int match[1];
  rsk_eval_heading_counts c;
  run_match(gold, 1, pred, 1, match, &c);
  assert_int_equal(match[0], -1);
  assert_float_equal(rsk_eval_precision(&c), 0.0, 1e-9);
  assert_float_equal(rsk_eval_recall(&c), 0.0, 1e-9);
}

static void matching_is_one_to_one_and_in_order(void **state)
{
  (void)state;
  /* The duplicate prediction of "alpha" may only take one gold item, and
   * "gamma" predicted before "beta" cannot pair with both. */
  rsk_eval_item gold[] = {ITEM(1, "alpha risk here"), ITEM(2, "beta risk here"),
                          ITEM(3, "gamma risk here")};
  rsk_eval_item pred[] = {ITEM(1, "alpha risk here"), ITEM(1, "alpha risk here"),
                          ITEM(3, "gamma risk here"), ITEM(2, "beta risk here")};
  int match[3];
  rsk_eval_heading_counts c;
  run_match(gold, 3, pred, 4, match, &c);
  assert_int_equal(c.n_matched, 2);
  assert_int_equal(match[0] >= 0, 1);
  assert_int_equal(c.n_pred, 4);
  assert_float_equal(rsk_eval_precision(&c), 0.5, 1e-9);
  assert_float_equal(rsk_eval_recall(&c), 2.0 / 3.0, 1e-9);
}

static void nothing_predicted_gives_zero_recall(void **state)
{
  (void)state;
  rsk_eval_item gold[] = {ITEM(1, "alpha risk here")};
  int match[1];
  rsk_eval_heading_counts c;
  run_match(gold, 1, NULL, 0, match, &c);
  assert_int_equal(match[0], -1);
  assert_float_equal(rsk_eval_recall(&c), 0.0, 1e-9);
  assert_float_equal(rsk_eval_f1(&c), 0.0, 1e-9);
}

static void tag_precision_ignores_mentions_and_recall_counts_unmatched(void **state)
{
  (void)state;
  rsk_eval_label g1[] = {{"data.privacy", 'P'}, {"ai.output_risk", 'M'}};
  rsk_eval_label g2[] = {{"trade.export_controls", 'S'}};
  rsk_eval_label p1[] = {{"data.privacy", 'P'}, {"ai.output_risk", 'S'},
                         {"trade.export_controls", 'S'}};
  rsk_eval_item gold[] = {
    {.page = 1, .heading = "privacy laws", .labels = g1, .n_labels = 2},
    {.page = 2, .heading = "export controls", .labels = g2, .n_labels = 1},
  };
  rsk_eval_item pred[] = {
    {.page = 1, .heading = "privacy laws", .labels = p1, .n_labels = 3},
  };
  int match[2];
  rsk_eval_match(gold, 2, pred, 1, match);
  rsk_eval_tag_table *table = rsk_eval_tag_table_new();
  rsk_eval_count_tags(gold, 2, pred, 1, match, table);

  rsk_eval_tag_row *privacy = rsk_eval_tag_table_row(table, "data.privacy");
  assert_int_equal(privacy->pred_correct, 1);
  assert_int_equal(privacy->found_p, 1);
  assert_int_equal(privacy->gold_p, 1);
  rsk_eval_tag_row *output = rsk_eval_tag_table_row(table, "ai.output_risk");
  assert_int_equal(output->pred_ignored, 1);
  assert_int_equal(output->pred_wrong, 0);
  rsk_eval_tag_row *exports = rsk_eval_tag_table_row(table, "trade.export_controls");
  assert_int_equal(exports->pred_wrong, 1);    /* said on the privacy risk */
  assert_int_equal(exports->gold_ps, 1);       /* gold's risk was not matched */
  assert_int_equal(exports->found_ps, 0);

  rsk_eval_tag_row total;
  rsk_eval_tag_table_total(table, &total);
  assert_int_equal(total.pred_correct, 1);
  assert_int_equal(total.pred_wrong, 1);
  assert_float_equal(rsk_eval_tag_precision(&total), 0.5, 1e-9);
  assert_float_equal(rsk_eval_tag_recall_ps(&total), 0.5, 1e-9);
  assert_float_equal(rsk_eval_tag_recall_p(&total), 1.0, 1e-9);
  rsk_eval_tag_table_free(table);
}

static void gold_lines_are_read_with_labels(void **state)
{
  (void)state;
  const char *text =
      "{\"doc\": \"x.pdf\", \"ordinal\": 1, \"page\": 7, \"section\": \"S\", "
      "\"heading\": \"H one\", \"labels\": {\"data.privacy\": \"P\"}}\n"
      "\n"
      "{\"doc\": \"x.pdf\", \"ordinal\": 2, \"page\": 8, \"section\": \"\", "
      "\"heading\": \"H two\", \"labels\": {}}\n";
  g_autoptr(GError) error = NULL;
  rsk_eval_set *set = rsk_eval_gold_parse(text, strlen(text), "t.jsonl", &error);
  assert_non_null(set);
  assert_string_equal(set->doc, "x.pdf");
  assert_int_equal(set->items->len, 2);
  rsk_eval_item *first = &g_array_index(set->items, rsk_eval_item, 0);
  assert_int_equal(first->page, 7);
  assert_string_equal(first->heading, "H one");
  assert_int_equal(first->n_labels, 1);
  assert_string_equal(first->labels[0].category, "data.privacy");
  assert_int_equal(first->labels[0].strength, 'P');
  rsk_eval_set_free(set);
}

static void gold_without_labels_scores_segmentation_but_not_tags(void **state)
{
  (void)state;
  /* Line 1 has no "labels" key: segmentation-only gold. Line 2's empty
   * object still says "no categories". */
  const char *text =
      "{\"doc\": \"x.htm\", \"ordinal\": 1, \"page\": 3, \"heading\": \"privacy laws\"}\n"
      "{\"doc\": \"x.htm\", \"ordinal\": 2, \"page\": 4, \"heading\": \"export rules\", "
      "\"labels\": {}}\n";
  g_autoptr(GError) error = NULL;
  rsk_eval_set *gold = rsk_eval_gold_parse(text, strlen(text), "t.jsonl", &error);
  assert_non_null(gold);
  const rsk_eval_item *g = (const rsk_eval_item *)gold->items->data;
  assert_true(g[0].unlabelled);
  assert_false(g[1].unlabelled);

  rsk_eval_label tagged[] = {{"data.privacy", 'P'}};
  rsk_eval_label exported[] = {{"trade.export_controls", 'S'}};
  rsk_eval_item pred[] = {
    {.page = 3, .heading = "privacy laws", .labels = tagged, .n_labels = 1},
    {.page = 5, .heading = "export rules", .labels = exported, .n_labels = 1},
  };
  int match[2];
  rsk_eval_heading_counts c;
  rsk_eval_match(g, 2, pred, 2, match);
  rsk_eval_count_headings(g, 2, pred, 2, match, &c);
  assert_int_equal(c.n_matched, 2);
  assert_int_equal(c.n_page_ok, 1);

  rsk_eval_tag_table *table = rsk_eval_tag_table_new();
  rsk_eval_count_tags(g, 2, pred, 2, match, table);
  assert_int_equal(table->unlabelled, 1);
  rsk_eval_tag_row total;
  rsk_eval_tag_table_total(table, &total);
  /* The privacy tag on the unlabelled risk is neither right nor wrong;
   * the export tag on the risk with "labels": {} is wrong. */
  assert_int_equal(total.pred_correct, 0);
  assert_int_equal(total.pred_wrong, 1);
  assert_int_equal(total.gold_ps, 0);
  rsk_eval_tag_table_free(table);
  rsk_eval_set_free(gold);
}

static void malformed_gold_line_is_named_in_the_error(void **state)
{
  (void)state;
  const char *text =
      "{\"doc\": \"x.pdf\", \"ordinal\": 1, \"page\": 7, \"heading\": \"H\"}\n"
      "{\"doc\": \"x.pdf\", \"ordinal\": 2, \"page\": 8, \"heading\": \"H\", "
      "\"labels\": {\"data.privacy\": \"Q\"}}\n";
  g_autoptr(GError) error = NULL;
  rsk_eval_set *set = rsk_eval_gold_parse(text, strlen(text), "t.jsonl", &error);
  assert_null(set);
  assert_true(g_error_matches(error, RSK_ERROR, RSK_ERROR_USAGE));
  assert_non_null(strstr(error->message, "t.jsonl: line 2"));
}

static void gold_file_naming_two_documents_is_refused(void **state)
{
  (void)state;
  const char *text =
      "{\"doc\": \"x.pdf\", \"ordinal\": 1, \"page\": 7, \"heading\": \"H\"}\n"
      "{\"doc\": \"y.pdf\", \"ordinal\": 2, \"page\": 8, \"heading\": \"H\"}\n";
  g_autoptr(GError) error = NULL;
  assert_null(rsk_eval_gold_parse(text, strlen(text), "t.jsonl", &error));
  assert_non_null(strstr(error->message, "y.pdf"));
}

static void every_project_gold_file_loads(void **state)
{
  (void)state;
  const char *dir = g_getenv("RISKSCOPE_GOLD");
  if (!dir || !g_file_test(dir, G_FILE_TEST_IS_DIR)) {
    print_message("SKIP: gold folder %s absent\n", dir ? dir : "(unset)");
    skip();
  }
  GDir *d = g_dir_open(dir, 0, NULL);
  const char *name;
  int files = 0;
  while ((name = g_dir_read_name(d))) {
    if (!g_str_has_suffix(name, ".jsonl"))
      continue;
    g_autofree char *path = g_build_filename(dir, name, NULL);
    g_autoptr(GError) error = NULL;
    rsk_eval_set *set = rsk_eval_gold_load(path, &error);
    assert_non_null(set);
    assert_true(set->items->len > 0);
    rsk_eval_set_free(set);
    files++;
  }
  g_dir_close(d);
  assert_true(files > 0);
}

/* Runs the built riskscope with ARGV (NULL-terminated, after the program);
 * returns the exit status and the captured streams. */
static int run_cli(const char *const *args, char **out, char **err)
{
  const char *exe = g_getenv("RISKSCOPE_EXE");
  if (!exe || !g_file_test(exe, G_FILE_TEST_IS_EXECUTABLE)) {
    print_message("SKIP: riskscope executable %s absent\n", exe ? exe : "(unset)");
    skip();
  }
  GPtrArray *argv = g_ptr_array_new();
  g_ptr_array_add(argv, (gpointer)exe);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add(argv, (gpointer)args[i]);
  g_ptr_array_add(argv, NULL);
  int status = 0;
  g_autoptr(GError) error = NULL;
  gboolean ok = g_spawn_sync(NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL,
                             NULL, out, err, &status, &error);
  g_ptr_array_unref(argv);
  assert_true(ok);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void a_missing_gold_file_is_named_and_no_scores_are_printed(void **state)
{
  (void)state;
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = {"eval", "--db", "/nonexistent/x.db", "--gold", "nosuch.jsonl", NULL};
  assert_int_equal(run_cli(args, &out, &err), 1);
  assert_non_null(strstr(err, "riskscope: nosuch.jsonl: No such file"));
  assert_null(strstr(out, "overall"));
}

static void eval_without_gold_files_is_a_usage_error(void **state)
{
  (void)state;
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = {"eval", NULL};
  assert_int_equal(run_cli(args, &out, &err), 2);
  assert_non_null(strstr(err, "no gold file"));
}

static void eval_counts_an_unanalysed_document_as_recall_zero(void **state)
{
  (void)state;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp("rsk-eval-XXXXXX", &error);
  g_autofree char *gold = g_build_filename(dir, "x.jsonl", NULL);
  g_autofree char *db = g_build_filename(dir, "none.db", NULL);
  const char *line = "{\"doc\": \"x.pdf\", \"ordinal\": 1, \"page\": 3, "
                     "\"section\": \"\", \"heading\": \"We may fail.\", "
                     "\"labels\": {\"data.privacy\": \"P\"}}\n";
  assert_true(g_file_set_contents(gold, line, -1, NULL));
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = {"eval", "--db", db, "--format", "json", "--gold", gold, NULL};
  assert_int_equal(run_cli(args, &out, &err), 0);
  assert_non_null(strstr(err, "x.pdf: not analysed; run riskscope analyze x.pdf"));
  assert_non_null(strstr(out, "\"analysed\": false"));
  assert_non_null(strstr(out, "\"recall\": 0.0000"));
  assert_non_null(strstr(out, "\"gold_p\": 1, \"found_p\": 0"));
  g_unlink(gold);
  g_rmdir(dir);
}

static void eval_names_a_malformed_gold_file(void **state)
{
  (void)state;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp("rsk-eval-XXXXXX", &error);
  g_autofree char *gold = g_build_filename(dir, "bad.jsonl", NULL);
  g_autofree char *db = g_build_filename(dir, "none.db", NULL);
  assert_true(g_file_set_contents(gold, "{\"doc\": 1}\n", -1, NULL));
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = {"eval", "--db", db, gold, NULL};
  assert_int_equal(run_cli(args, &out, &err), 1);
  assert_non_null(strstr(err, "bad.jsonl: line 1"));
  g_unlink(gold);
  g_rmdir(dir);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(headings_match_ignoring_case_and_punctuation),
    cmocka_unit_test(headings_below_ninety_percent_do_not_match),
    cmocka_unit_test(matching_is_one_to_one_and_in_order),
    cmocka_unit_test(nothing_predicted_gives_zero_recall),
    cmocka_unit_test(tag_precision_ignores_mentions_and_recall_counts_unmatched),
    cmocka_unit_test(gold_lines_are_read_with_labels),
    cmocka_unit_test(gold_without_labels_scores_segmentation_but_not_tags),
      cmocka_unit_test(malformed_gold_line_is_named_in_the_error),
    cmocka_unit_test(gold_file_naming_two_documents_is_refused),
    cmocka_unit_test(every_project_gold_file_loads),
    cmocka_unit_test(a_missing_gold_file_is_named_and_no_scores_are_printed),
    cmocka_unit_test(eval_without_gold_files_is_a_usage_error),
    cmocka_unit_test(eval_counts_an_unanalysed_document_as_recall_zero),
    cmocka_unit_test(eval_names_a_malformed_gold_file),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
