/* cmd_report.c - riskscope report: the self-contained HTML report
 *
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"
#include "html.h"
#include "rsk_config.h"
#include "rsk_error.h"
#include "select.h"

int rsk_cmd_report(int argc, char **argv, rsk_out *out)
{
  g_autofree char *db = NULL, *html_path = NULL, *companies = NULL;
  g_autofree char *title = NULL;
  double threshold = RSK_DIFF_DEFAULT_THRESHOLD;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    {"html", 0, 0, G_OPTION_ARG_FILENAME, &html_path,
     "Write the report to PATH (required)", "PATH"},
    {"companies", 0, 0, G_OPTION_ARG_STRING, &companies,
     "Only these companies, in this order (comma-separated)", "A,B,..."},
    {"title", 0, 0, G_OPTION_ARG_STRING, &title, "The report's title", "TEXT"},
    {"threshold", 0, 0, G_OPTION_ARG_DOUBLE, &threshold,
     "Body change beyond which a risk factor counts as materially changed "
     "(default 0.15)", "X"},
    {"db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Database (default riskscope.db)",
     "PATH"},
    {NULL, 0, 0, 0, NULL, NULL, NULL},
  };

  if (!rsk_cli_parse(out, "report", "",
                     "Write one self-contained HTML file (inline CSS and SVG, "
                     "no script, no network): the company x category heat "
                     "map, each company's tagged risk factors with the "
                     "evidence quoted and its pages, and what changed since "
                     "the company's previous filing.",
                     entries, &argc, &argv))
    return RSK_EXIT_USAGE;
  if (argc > 1) {
    rsk_cli_error(out, "report: unexpected argument \"%s\"", argv[1]);
    return RSK_EXIT_USAGE;
  }
  if (!html_path || !*html_path) {
    rsk_cli_error(out, "report: give the output file with --html PATH");
    return RSK_EXIT_USAGE;
  }
  if (rsk_cli_output_is_database(out, "report", html_path, rsk_cli_db_path(db)))
    return RSK_EXIT_USAGE;
  if (!(threshold >= 0 && threshold <= 1)) {
    rsk_cli_error(out, "report: --threshold must be between 0 and 1, not %g",
                  threshold);
    return RSK_EXIT_USAGE;
  }

  g_auto(GStrv) company_list = rsk_split_list(companies);
  rsk_store *store = rsk_store_open(rsk_cli_db_path(db), TRUE, &error);
  rsk_selection *sel = store ? rsk_select(store, (const char *const *)company_list,
                                          NULL, TRUE, &error)
                             : NULL;
  if (!sel) {
    rsk_cli_error(out, "report: %s", error->message);
    rsk_store_close(store);
    return error->code == RSK_ERROR_USAGE ? RSK_EXIT_USAGE : RSK_EXIT_FAILURE;
  }

  guint n = sel->latest->len;
  rsk_matrix *m = rsk_selection_matrix(sel);
  rsk_html_company *companies_out = g_new0(rsk_html_company, n + 1);
  for (guint i = 0; i < n; i++) {
    rsk_html_company *c = &companies_out[i];
    c->latest = g_ptr_array_index(sel->latest, i);
    c->previous = g_ptr_array_index(sel->previous, i);
    if (c->previous) {
      c->previous_items = rsk_diff_items_new(c->previous);
      c->latest_items = rsk_diff_items_new(c->latest);
      c->diff = rsk_diff_compute(c->previous_items->items, c->previous_items->n,
                                 c->latest_items->items, c->latest_items->n,
                                 threshold);
    }
  }
  g_autoptr(GDateTime) now = g_date_time_new_now_utc();
  g_autofree char *when = g_date_time_format(now, "%Y-%m-%d %H:%M UTC");
  rsk_html_report report = {
    .title = title,
    .generated_at = when,
    .tool_version = RSK_VERSION,
    .matrix = m,
    .companies = companies_out,
    .n_companies = n,
  };
  int status = RSK_EXIT_OK;
  if (!rsk_html_write(&report, html_path, &error)) {
    rsk_cli_error(out, "report: %s", error->message);
    status = RSK_EXIT_FAILURE;
  } else if (out->verbosity > 0) {
    guint diffs = 0;
    for (guint i = 0; i < n; i++)
      diffs += companies_out[i].diff != NULL;
    rsk_cli_print(out->err, "riskscope: wrote %s: %u compan%s, %u categor%s, "
            "%u diff%s\n", html_path, n, n == 1 ? "y" : "ies",
            m->columns->len, m->columns->len == 1 ? "y" : "ies", diffs,
            diffs == 1 ? "" : "s");
  }

  for (guint i = 0; i < n; i++) {
    rsk_diff_free((rsk_diff *)companies_out[i].diff);
    rsk_diff_items_free((rsk_diff_items *)companies_out[i].previous_items);
    rsk_diff_items_free((rsk_diff_items *)companies_out[i].latest_items);
  }
  g_free(companies_out);
  rsk_matrix_free(m);
  rsk_selection_free(sel);
  rsk_store_close(store);
  return status;
}
