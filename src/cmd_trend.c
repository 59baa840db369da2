/* cmd_trend.c - riskscope trend: one company's categories over its filings
 *
 * SPDX-License-Identifier: MIT
 */
#include "cli_select.h"
#include "trend_format.h"

int rsk_cmd_trend(int argc, char **argv, rsk_out *out)
{
  g_autofree char *db = NULL, *format = NULL;
  g_autoptr(GError) error = NULL;
  rsk_cli_leave_out leave_out = {0};
  rsk_format fmt = RSK_FORMAT_TEXT;
  int status = RSK_EXIT_OK;
  const GOptionEntry entries[] = {
    RSK_CLI_LEAVE_OUT_ENTRIES(leave_out),
    {"format", 0, 0, G_OPTION_ARG_STRING, &format,
     "text (default), csv, json or md", "FORMAT"},
    {"db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Database (default riskscope.db)",
     "PATH"},
    {NULL, 0, 0, 0, NULL, NULL, NULL},
  };

  if (!rsk_cli_parse(out, "trend", "COMPANY",
                     "The categories of COMPANY's filings over time, oldest\n"
                     "first: for each, the risk factors tagged and their\n"
                     "share of the risk section's words, the AI categories'\n"
                     "total (ai.*) and any tag. The filings are those of the\n"
                     "form of the company's latest (10-K beside 10-K), one\n"
                     "analysis per file. COMPANY is a name or a unique part\n"
                     "of one. Filings with sanity flags are left out unless\n"
                     "--include-flagged.",
                     entries, &argc, &argv)) {
    rsk_cli_leave_out_clear(&leave_out);
    return RSK_EXIT_USAGE;
  }
  status = RSK_EXIT_USAGE;
  if (argc != 2)
    rsk_cli_error(out, "trend: give one COMPANY");
  else if (format && !rsk_format_parse(format, &fmt))
    rsk_cli_error(out, "trend: --format must be text, csv, json or md, not "
                  "\"%s\"", format);
  else
    status = RSK_EXIT_OK;
  if (status != RSK_EXIT_OK) {
    rsk_cli_leave_out_clear(&leave_out);
    return status;
  }

  const char *companies[] = {argv[1], NULL};
  rsk_select_options options = {.companies = companies};
  rsk_store *store = NULL;
  rsk_selection *sel = rsk_cli_select(out, "trend", db, &options, &leave_out,
                                      &store, &status);
  rsk_cli_leave_out_clear(&leave_out);
  if (!sel)
    return status;

  rsk_matrix *m = rsk_selection_history_matrix(sel, store, 0, &error);
  if (!m) {
    rsk_cli_error(out, "trend: %s", error->message);
    status = RSK_EXIT_FAILURE;
  } else {
    const rsk_analysis *latest = g_ptr_array_index(sel->latest, 0);
    const char *form = g_ptr_array_index(sel->forms, 0);
    int width = rsk_cli_terminal_width(out->out);
    GString *text = g_string_new(NULL);
    rsk_trend_write(text, m, latest->info.company, form, fmt,
                    width > 0 ? (guint)width : 80);
    fwrite(text->str, 1, text->len, out->out);
    g_string_free(text, TRUE);
    if (m->rows->len < 2)
      fprintf(out->err, "riskscope: trend: %s has one %s filing stored; "
              "analyze its earlier ones for a trend\n", latest->info.company,
              form);
  }
  rsk_matrix_free(m);
  rsk_selection_free(sel);
  rsk_store_close(store);
  return status;
}
