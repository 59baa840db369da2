/* cmd_eval.c - riskscope eval: score stored results against gold files
 *
 * For each gold file (LABELING.md format) the stored filing of the same base
 * name is read back from the database, its risk factors are paired with the
 * gold ones by heading (eval/score.h), and the segmentation and tagging
 * figures are printed per filing, overall and per category.
 *
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"
#include "evalset.h"
#include "rsk_error.h"
#include "score.h"
#include "store.h"

#include <string.h>

typedef struct {
  char *doc;
  char *gold_path;
  gboolean analysed;
  rsk_eval_heading_counts counts;
} filing_result;

static void print_counts_text(FILE *f, const char *name,
                              const rsk_eval_heading_counts *c, gboolean analysed)
{
  fprintf(f, "%-36s %5d %5d %6d %6.3f %6.3f %6.3f %6.3f%s\n", name, c->n_gold,
          c->n_pred, c->n_matched, rsk_eval_precision(c), rsk_eval_recall(c),
          rsk_eval_f1(c), rsk_eval_page_accuracy(c),
          analysed ? "" : "  not analysed");
}

static void print_tag_row_text(FILE *f, const char *name, const rsk_eval_tag_row *r)
{
  int claimed = r->pred_correct + r->pred_wrong;
  fprintf(f, "%-32s %5d %5d %5d ", name, r->pred_correct, r->pred_wrong,
          r->pred_ignored);
  if (claimed > 0)
    fprintf(f, "%6.3f ", rsk_eval_tag_precision(r));
  else
    fprintf(f, "%6s ", "-");
  fprintf(f, "%4d/%-4d ", r->found_p, r->gold_p);
  if (r->gold_p > 0)
    fprintf(f, "%6.3f ", rsk_eval_tag_recall_p(r));
  else
    fprintf(f, "%6s ", "-");
  fprintf(f, "%4d/%-4d ", r->found_ps, r->gold_ps);
  if (r->gold_ps > 0)
    fprintf(f, "%6.3f\n", rsk_eval_tag_recall_ps(r));
  else
    fprintf(f, "%6s\n", "-");
}

static void print_text(FILE *f, const GArray *results,
                       const rsk_eval_heading_counts *total,
                       const rsk_eval_tag_table *tags)
{
  fprintf(f, "Segmentation: headings paired when their keys agree on >= %.0f%%\n",
          RSK_EVAL_HEADING_RATIO * 100);
  fprintf(f, "%-36s %5s %5s %6s %6s %6s %6s %6s\n", "filing", "gold", "pred",
          "match", "prec", "recall", "F1", "pages");
  for (guint i = 0; i < results->len; i++) {
    const filing_result *r = &g_array_index(results, filing_result, i);
    print_counts_text(f, r->doc, &r->counts, r->analysed);
  }
  print_counts_text(f, "overall", total, TRUE);

  fprintf(f, "\nTags on matched risk factors (precision ignores gold M; "
             "recall over every gold label)\n");
  fprintf(f, "%-32s %5s %5s %5s %6s %9s %6s %9s %6s\n", "category", "right",
          "wrong", "M", "prec", "P found", "rec P", "PS found", "rec PS");
  for (guint i = 0; i < tags->rows->len; i++) {
    const rsk_eval_tag_row *row = &g_array_index(tags->rows, rsk_eval_tag_row, i);
    print_tag_row_text(f, row->category, row);
  }
  rsk_eval_tag_row all;
  rsk_eval_tag_table_total(tags, &all);
  print_tag_row_text(f, "all categories", &all);
  if (tags->unlabelled > 0)
    fprintf(f, "(%d gold risk factor%s without \"labels\": scored for segmentation only)\n",
            tags->unlabelled, tags->unlabelled == 1 ? "" : "s");
}

static void json_counts(GString *s, const rsk_eval_heading_counts *c)
{
  g_string_append_printf(s,
                         "\"gold\": %d, \"predicted\": %d, \"matched\": %d, "
                         "\"pages_right\": %d, \"precision\": %.4f, "
                         "\"recall\": %.4f, \"f1\": %.4f, \"page_accuracy\": %.4f",
                         c->n_gold, c->n_pred, c->n_matched, c->n_page_ok,
                         rsk_eval_precision(c), rsk_eval_recall(c),
                         rsk_eval_f1(c), rsk_eval_page_accuracy(c));
}

static void json_string(GString *s, const char *text)
{
  g_string_append_c(s, '"');
  for (const char *p = text; *p; p++) {
    unsigned char c = (unsigned char)*p;
    if (c == '"' || c == '\\')
      g_string_append_printf(s, "\\%c", c);
    else if (c < 0x20)
      g_string_append_printf(s, "\\u%04x", c);
    else
      g_string_append_c(s, (char)c);
  }
  g_string_append_c(s, '"');
}

/* A ratio, or null when there was nothing to divide by. */
static void json_ratio(GString *s, const char *name, double value, int den)
{
  if (den > 0)
    g_string_append_printf(s, "\"%s\": %.4f", name, value);
  else
    g_string_append_printf(s, "\"%s\": null", name);
}

static void json_tag_row(GString *s, const rsk_eval_tag_row *r)
{
  g_string_append_printf(s, "\"right\": %d, \"wrong\": %d, \"ignored\": %d, ",
                         r->pred_correct, r->pred_wrong, r->pred_ignored);
  json_ratio(s, "precision", rsk_eval_tag_precision(r), r->pred_correct + r->pred_wrong);
  g_string_append_printf(s, ", \"gold_p\": %d, \"found_p\": %d, ", r->gold_p, r->found_p);
  json_ratio(s, "recall_p", rsk_eval_tag_recall_p(r), r->gold_p);
  g_string_append_printf(s, ", \"gold_ps\": %d, \"found_ps\": %d, ", r->gold_ps, r->found_ps);
  json_ratio(s, "recall_ps", rsk_eval_tag_recall_ps(r), r->gold_ps);
}

static void print_json(FILE *f, const GArray *results,
                       const rsk_eval_heading_counts *total,
                       const rsk_eval_tag_table *tags)
{
  GString *s = g_string_new("{\"filings\": [");
  for (guint i = 0; i < results->len; i++) {
    const filing_result *r = &g_array_index(results, filing_result, i);
    g_string_append(s, i ? ",\n  {" : "\n  {");
    g_string_append(s, "\"doc\": ");
    json_string(s, r->doc);
    g_string_append(s, ", \"gold_file\": ");
    json_string(s, r->gold_path);
    g_string_append_printf(s, ", \"analysed\": %s, ", r->analysed ? "true" : "false");
    json_counts(s, &r->counts);
    g_string_append_c(s, '}');
  }
  g_string_append(s, "],\n \"overall\": {");
  json_counts(s, total);
  g_string_append(s, "},\n \"tags\": [");
  for (guint i = 0; i < tags->rows->len; i++) {
    const rsk_eval_tag_row *row = &g_array_index(tags->rows, rsk_eval_tag_row, i);
    g_string_append(s, i ? ",\n  {\"category\": " : "\n  {\"category\": ");
    json_string(s, row->category);
    g_string_append(s, ", ");
    json_tag_row(s, row);
    g_string_append_c(s, '}');
  }
  rsk_eval_tag_row all;
  rsk_eval_tag_table_total(tags, &all);
  g_string_append(s, "],\n \"tags_overall\": {");
  json_tag_row(s, &all);
  g_string_append_printf(s, "},\n \"tags_unlabelled\": %d}\n", tags->unlabelled);
  fputs(s->str, f);
  g_string_free(s, TRUE);
}

/* Scores one gold file into RESULTS and TAGS; FALSE when it cannot be read
 * or the database fails. */
static gboolean eval_one(rsk_out *out, rsk_store *store, const char *path,
                         GArray *results, rsk_eval_tag_table *tags)
{
  g_autoptr(GError) error = NULL;
  rsk_eval_set *gold = rsk_eval_gold_load(path, &error);
  if (!gold) {
    rsk_cli_error(out, "%s", error->message);
    return FALSE;
  }
  filing_result r = {.doc = g_strdup(gold->doc), .gold_path = g_strdup(path)};
  rsk_eval_set *pred = store ? rsk_eval_stored_load(store, gold->doc, &error) : NULL;
  gboolean ok = TRUE;
  if (!pred && error && !g_error_matches(error, RSK_ERROR, RSK_ERROR_NOT_FOUND)) {
    rsk_cli_error(out, "%s: %s", path, error->message);
    ok = FALSE;
  } else if (!pred) {
    rsk_cli_error(out, "%s: not analysed; run riskscope analyze %s", gold->doc,
                  gold->doc);
  }
  r.analysed = pred != NULL;
  const rsk_eval_item *g = (const rsk_eval_item *)gold->items->data;
  const rsk_eval_item *p = pred ? (const rsk_eval_item *)pred->items->data : NULL;
  guint ng = gold->items->len, np = pred ? pred->items->len : 0;
  int *match = g_new(int, ng);
  rsk_eval_match(g, ng, p, np, match);
  rsk_eval_count_headings(g, ng, p, np, match, &r.counts);
  rsk_eval_count_tags(g, ng, p, np, match, tags);
  g_array_append_val(results, r);
  g_free(match);
  rsk_eval_set_free(pred);
  rsk_eval_set_free(gold);
  return ok;
}

int rsk_cmd_eval(int argc, char **argv, rsk_out *out)
{
  g_auto(GStrv) gold_files = NULL;
  g_autofree char *db_option = NULL;
  g_autofree char *format = NULL;
  const GOptionEntry entries[] = {
    {"gold", 'g', 0, G_OPTION_ARG_FILENAME_ARRAY, &gold_files,
     "Gold file (JSON Lines, LABELING.md); repeatable",
     "FILE"},
    {"db", 0, 0, G_OPTION_ARG_FILENAME, &db_option, "database (default riskscope.db)",
     "PATH"},
    {"format", 'f', 0, G_OPTION_ARG_STRING, &format, "text (default) or json",
     "FORMAT"},
    {NULL, 0, 0, 0, NULL, NULL, NULL},
  };
  if (!rsk_cli_parse(out, "eval", "--gold FILE.jsonl...",
                     "Scores the stored results of each gold file's document: "
                     "risk-factor headings (precision, recall, F1), pages, and "
                     "tags per category.",
                     entries, &argc, &argv))
    return RSK_EXIT_USAGE;

  GPtrArray *paths = g_ptr_array_new();
  for (guint i = 0; gold_files && gold_files[i]; i++)
    g_ptr_array_add(paths, gold_files[i]);
  for (int i = 1; i < argc; i++)
    g_ptr_array_add(paths, argv[i]);
  gboolean json = format && strcmp(format, "json") == 0;
  if (!rsk_cli_text_or_json(out, "eval", format)) {
    g_ptr_array_unref(paths);
    return RSK_EXIT_USAGE;
  }
  if (paths->len == 0) {
    rsk_cli_error(out, "eval: no gold file given (--gold FILE.jsonl)");
    fprintf(out->err, "try \"riskscope eval --help\"\n");
    g_ptr_array_unref(paths);
    return RSK_EXIT_USAGE;
  }

  const char *db_path = rsk_cli_db_path(db_option);
  g_autoptr(GError) error = NULL;
  rsk_store *store = NULL;
  if (g_file_test(db_path, G_FILE_TEST_EXISTS)) {
    store = rsk_store_open(db_path, TRUE, &error);
    if (!store) {
      rsk_cli_error(out, "%s", error->message);
      g_ptr_array_unref(paths);
      return RSK_EXIT_FAILURE;
    }
  } else {
    rsk_cli_error(out, "%s: no database; every gold document counts as not analysed",
                  db_path);
  }

  GArray *results = g_array_new(FALSE, TRUE, sizeof(filing_result));
  rsk_eval_tag_table *tags = rsk_eval_tag_table_new();
  gboolean ok = TRUE;
  for (guint i = 0; i < paths->len; i++)
    ok &= eval_one(out, store, paths->pdata[i],
                   results, tags);

  rsk_eval_heading_counts total = {0};
  for (guint i = 0; i < results->len; i++)
    rsk_eval_heading_counts_add(&total, &g_array_index(results, filing_result, i).counts);
  /* No gold file could be read: no table of scores made of nothing. */
  if (results->len > 0 && json)
    print_json(out->out, results, &total, tags);
  else if (results->len > 0)
    print_text(out->out, results, &total, tags);

  for (guint i = 0; i < results->len; i++) {
    g_free(g_array_index(results, filing_result, i).doc);
    g_free(g_array_index(results, filing_result, i).gold_path);
  }
  g_array_unref(results);
  rsk_eval_tag_table_free(tags);
  rsk_store_close(store);
  g_ptr_array_unref(paths);
  return ok ? RSK_EXIT_OK : RSK_EXIT_FAILURE;
}
