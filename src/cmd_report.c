/* cmd_report.c - riskscope report: the self-contained HTML report
 *
 * SPDX-License-Identifier: MIT
 */
#include "cli_select.h"
#include "html.h"
#include "rsk_config.h"
#include "rsk_error.h"

int rsk_cmd_report(int argc, char **argv, rsk_out *out)
{
  g_autofree char *db = NULL, *html_path = NULL, *companies = NULL;
  g_autofree char *title = NULL, *forms = NULL;
  double threshold = RSK_DIFF_DEFAULT_THRESHOLD;
  rsk_cli_leave_out leave_out = {0};
  int status = RSK_EXIT_OK;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    {"html", 0, 0, G_OPTION_ARG_FILENAME, &html_path,
     "Write the report to PATH (required)", "PATH"},
    {"companies", 0, 0, G_OPTION_ARG_STRING, &companies,
     "Only these, in order: names, tickers, codes", "A,B,..."},
    {"title", 0, 0, G_OPTION_ARG_STRING, &title, "The report's title", "TEXT"},
    {"forms", 0, 0, G_OPTION_ARG_STRING, &forms,
     "Latest among these forms (default: all but 10-Q)", "10-K,..."},
    {"threshold", 0, 0, G_OPTION_ARG_DOUBLE, &threshold,
     "Material body change, 0..1 (default 0.15)", "X"},
    RSK_CLI_LEAVE_OUT_ENTRIES(leave_out),
    {"db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Database (default riskscope.db)",
     "PATH"},
    {NULL, 0, 0, 0, NULL, NULL, NULL},
  };

  if (!rsk_cli_parse(out, "report", "",
                     "Write one self-contained HTML file (inline CSS and SVG,\n"
                     "no script, no network): the company x category heat\n"
                     "map, each company's tagged risk factors with the\n"
                     "evidence quoted and its pages, its categories over its\n"
                     "filings of one form, and what changed since its\n"
                     "previous filing of that form, as a redline.\n"
                     "Filings with sanity flags are left out unless\n"
                     "--include-flagged.",
                     entries, &argc, &argv)) {
    rsk_cli_leave_out_clear(&leave_out);
    return RSK_EXIT_USAGE;
  }
  status = RSK_EXIT_USAGE;
  if (argc > 1)
    rsk_cli_error(out, "report: unexpected argument \"%s\"", argv[1]);
  else if (!html_path || !*html_path)
    rsk_cli_error(out, "report: give the output file with --html PATH");
  else if (rsk_cli_output_is_database(out, "report", html_path,
                                      rsk_cli_db_path(db)))
    ;
  else if (!(threshold >= 0 && threshold <= 1))
    rsk_cli_error(out, "report: --threshold must be between 0 and 1, not %g",
                  threshold);
  else
    status = RSK_EXIT_OK;
  if (status != RSK_EXIT_OK) {
    rsk_cli_leave_out_clear(&leave_out);
    return status;
  }

  g_auto(GStrv) company_list = rsk_split_list(companies);
  rsk_select_options options = {
    .companies = (const char *const *)company_list,
    .forms = forms,
    .with_previous = TRUE,
  };
  rsk_store *store = NULL;
  rsk_selection *sel = rsk_cli_select(out, "report", db, &options, &leave_out,
                                      &store, &status);
  rsk_cli_leave_out_clear(&leave_out);
  if (!sel)
    return status;

  guint n = sel->latest->len;
  rsk_matrix *m = rsk_selection_matrix(sel);
  rsk_html_company *companies_out = g_new0(rsk_html_company, n + 1);
  for (guint i = 0; i < n && status == RSK_EXIT_OK; i++) {
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
    const GArray *history = g_ptr_array_index(sel->history, i);
    c->form = g_ptr_array_index(sel->forms, i);
    if (history->len >= 2 &&
        !(c->trend = rsk_selection_history_matrix(sel, store, i, &error))) {
      rsk_cli_error(out, "report: %s", error->message);
      status = RSK_EXIT_FAILURE;
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
    .n_stored = sel->n_stored,
    .n_flagged_out = sel->flagged_out->len,
    .n_excluded = sel->excluded->len,
    .regulation_names = rsk_regulation_names(),
  };
  if (status != RSK_EXIT_OK) {
    /* A trend could not be read: no report rather than a partial one. */
  } else if (!rsk_html_write(&report, html_path, &error)) {
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
    rsk_matrix_free((rsk_matrix *)companies_out[i].trend);
  }
  g_free(companies_out);
  g_hash_table_unref(report.regulation_names);
  rsk_matrix_free(m);
  rsk_selection_free(sel);
  rsk_store_close(store);
  return status;
}
