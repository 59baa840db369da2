/* cmd_compare.c - riskscope compare: the company x category matrix
 *
 * SPDX-License-Identifier: MIT
 */
#include "cli_select.h"
#include "matrix_format.h"

#include <string.h>

/* Names the columns --sort accepts, for its error message. */
static char *sort_keys(const rsk_matrix *m)
{
  GString *s = g_string_new("total");
  if (rsk_matrix_has_ai(m))
    g_string_append(s, ", ai");
  for (guint j = 0; j < m->columns->len; j++)
    g_string_append_printf(s, ", %s",
                           g_array_index(m->columns, rsk_matrix_column, j).id);
  return g_string_free(s, FALSE);
}

int rsk_cmd_compare(int argc, char **argv, rsk_out *out)
{
  g_autofree char *db = NULL, *companies = NULL, *filings = NULL;
  g_autofree char *by = NULL, *format = NULL, *sort = NULL, *forms = NULL;
  rsk_cli_leave_out leave_out = {0};
  gboolean csv_raw = FALSE;
  int top = 0, status = RSK_EXIT_OK;
  rsk_measure measure = RSK_MEASURE_COUNT;
  rsk_format fmt = RSK_FORMAT_TEXT;
  const GOptionEntry entries[] = {
    {"companies", 0, 0, G_OPTION_ARG_STRING, &companies,
     "Only these, in order: names, tickers, codes", "A,B,..."},
    {"filings", 0, 0, G_OPTION_ARG_STRING, &filings,
     "These filings instead of each company's latest", "F1,F2,..."},
    {"forms", 0, 0, G_OPTION_ARG_STRING, &forms,
     "Latest among these forms (default: all but 10-Q)", "10-K,..."},
    {"by", 0, 0, G_OPTION_ARG_STRING, &by,
     "count (default), share or score", "MEASURE"},
    {"sort", 0, 0, G_OPTION_ARG_STRING, &sort,
     "Rank rows by a category, total or ai, largest first", "KEY"},
    {"top", 0, 0, G_OPTION_ARG_INT, &top, "Only the first N rows", "N"},
    RSK_CLI_LEAVE_OUT_ENTRIES(leave_out),
    {"format", 0, 0, G_OPTION_ARG_STRING, &format,
     "text (default), csv, json or md", "FORMAT"},
    {"csv-raw", 0, 0, G_OPTION_ARG_NONE, &csv_raw,
     "CSV: keep cells starting with = + - @ as they are", NULL},
    {"db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Database (default riskscope.db)",
     "PATH"},
    {NULL, 0, 0, 0, NULL, NULL, NULL},
  };

  if (!rsk_cli_parse(out, "compare", "",
                     "Company x category matrix of the stored filings: each\n"
                     "company's latest annual report or prospectus (10-Qs\n"
                     "with --forms) unless --filings names others.\n"
                     "Columns are the categories in taxonomy order, then AI\n"
                     "(the ai.* categories only) and Total (any tag).\n"
                     "\n"
                     "  count  risk factors tagged with the category\n"
                     "  share  their share of the risk section's words\n"
                     "  score  the sum of their tag scores\n"
                     "\n"
                     "--companies takes names, tickers, stock codes or the\n"
                     "unique start of a name.\n"
                     "--sort takes a category id (or the part after its\n"
                     "dot: export_controls), total or ai.\n"
                     "Filings with sanity flags are left out unless\n"
                     "--include-flagged or --filings names them; a line on\n"
                     "stderr says what was left out.",
                     entries, &argc, &argv)) {
    rsk_cli_leave_out_clear(&leave_out);
    return RSK_EXIT_USAGE;
  }
  status = RSK_EXIT_USAGE;
  if (argc > 1)
    rsk_cli_error(out, "compare: unexpected argument \"%s\"", argv[1]);
  else if (by && !rsk_measure_parse(by, &measure))
    rsk_cli_error(out, "compare: --by must be count, share or score, not "
                  "\"%s\"", by);
  else if (format && !rsk_format_parse(format, &fmt))
    rsk_cli_error(out, "compare: --format must be text, csv, json or md, "
                  "not \"%s\"", format);
  else if (csv_raw && fmt != RSK_FORMAT_CSV)
    rsk_cli_error(out, "compare: --csv-raw applies to --format csv only");
  else if (companies && filings)
    rsk_cli_error(out, "compare: give --companies or --filings, not both");
  else if (top < 0)
    rsk_cli_error(out, "compare: --top must be 0 or more, not %d", top);
  else
    status = RSK_EXIT_OK;
  if (csv_raw)
    fmt = RSK_FORMAT_CSV_RAW;
  if (status != RSK_EXIT_OK) {
    rsk_cli_leave_out_clear(&leave_out);
    return status;
  }

  g_auto(GStrv) company_list = rsk_split_list(companies);
  g_auto(GStrv) filing_list = rsk_split_list(filings);
  rsk_select_options options = {
    .companies = (const char *const *)company_list,
    .filings = (const char *const *)filing_list,
    .forms = forms,
  };
  rsk_store *store = NULL;
  rsk_selection *sel = rsk_cli_select(out, "compare", db, &options, &leave_out,
                                      &store, &status);
  rsk_cli_leave_out_clear(&leave_out);
  if (!sel)
    return status;

  rsk_matrix *m = rsk_selection_matrix(sel);
  int key = RSK_MATRIX_BY_TOTAL;
  if (sort && !rsk_matrix_parse_key(m, sort, &key)) {
    g_autofree char *keys = sort_keys(m);
    rsk_cli_error(out, "compare: --sort \"%s\" names no single column; give "
                  "one of: %s", sort, keys);
    status = RSK_EXIT_USAGE;
  } else {
    if (sort || top)
      rsk_matrix_rank_rows(m, key, measure, (guint)top);
    int width = rsk_cli_terminal_width(out->out);
    GString *text = g_string_new(NULL);
    rsk_matrix_write(text, m, measure, fmt, width > 0 ? (guint)width : 80);
    fwrite(text->str, 1, text->len, out->out);
    g_string_free(text, TRUE);
  }
  rsk_matrix_free(m);
  rsk_selection_free(sel);
  rsk_store_close(store);
  return status;
}
