/* cmd_compare.c - riskscope compare: the company x category matrix
 *
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"
#include "rsk_error.h"
#include "matrix_format.h"
#include "select.h"

#include <string.h>
#include <unistd.h>

/* The terminal's width when OUT is one and $COLUMNS says so, else 80. */
static guint text_width(FILE *out)
{
  const char *columns = g_getenv("COLUMNS");
  if (isatty(fileno(out)) && columns) {
    guint64 n = g_ascii_strtoull(columns, NULL, 10);
    if (n >= 40 && n <= 1000)
      return (guint)n;
  }
  return 80;
}

int rsk_cmd_compare(int argc, char **argv, rsk_out *out)
{
  g_autofree char *db = NULL, *companies = NULL, *filings = NULL;
  g_autofree char *by = NULL, *format = NULL;
  gboolean csv_raw = FALSE;
  g_autoptr(GError) error = NULL;
  rsk_measure measure = RSK_MEASURE_COUNT;
  rsk_format fmt = RSK_FORMAT_TEXT;
  const GOptionEntry entries[] = {
    {"companies", 0, 0, G_OPTION_ARG_STRING, &companies,
     "Only these companies, in this order (comma-separated; a unique part "
     "of a name is enough)", "A,B,..."},
    {"filings", 0, 0, G_OPTION_ARG_STRING, &filings,
     "Compare these filings (ids, file names or sha256 prefixes) instead "
     "of each company's latest", "F1,F2,..."},
    {"by", 0, 0, G_OPTION_ARG_STRING, &by,
     "count: risk factors tagged (default); share: share of the risk "
     "section's words; score: summed tag scores", "MEASURE"},
    {"format", 0, 0, G_OPTION_ARG_STRING, &format,
     "text (default), csv, json or md", "FORMAT"},
    {"csv-raw", 0, 0, G_OPTION_ARG_NONE, &csv_raw,
     "CSV: keep cells starting with = + - @ as they are", NULL},
    {"db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Database (default riskscope.db)",
     "PATH"},
    {NULL, 0, 0, 0, NULL, NULL, NULL},
  };

  if (!rsk_cli_parse(out, "compare", "",
                     "Company x category matrix of the stored filings: each "
                     "company's latest filing unless --filings names others. "
                     "Columns are the categories stored, in taxonomy order; "
                     "rows and columns have totals.",
                     entries, &argc, &argv))
    return RSK_EXIT_USAGE;
  if (argc > 1) {
    rsk_cli_error(out, "compare: unexpected argument \"%s\"", argv[1]);
    return RSK_EXIT_USAGE;
  }
  if (by && !rsk_measure_parse(by, &measure)) {
    rsk_cli_error(out, "compare: --by must be count, share or score, not \"%s\"",
                  by);
    return RSK_EXIT_USAGE;
  }
  if (format && !rsk_format_parse(format, &fmt)) {
    rsk_cli_error(out, "compare: --format must be text, csv, json or md, "
                  "not \"%s\"", format);
    return RSK_EXIT_USAGE;
  }
  if (csv_raw && fmt != RSK_FORMAT_CSV) {
    rsk_cli_error(out, "compare: --csv-raw applies to --format csv only");
    return RSK_EXIT_USAGE;
  }
  if (csv_raw)
    fmt = RSK_FORMAT_CSV_RAW;
  if (companies && filings) {
    rsk_cli_error(out, "compare: give --companies or --filings, not both");
    return RSK_EXIT_USAGE;
  }

  g_auto(GStrv) company_list = rsk_split_list(companies);
  g_auto(GStrv) filing_list = rsk_split_list(filings);
  rsk_store *store = rsk_store_open(rsk_cli_db_path(db), TRUE, &error);
  rsk_selection *sel = store ? rsk_select(store, (const char *const *)company_list,
                                          (const char *const *)filing_list,
                                          FALSE, &error)
                             : NULL;
  if (!sel) {
    rsk_cli_error(out, "compare: %s", error->message);
    rsk_store_close(store);
    return error->code == RSK_ERROR_USAGE ? RSK_EXIT_USAGE : RSK_EXIT_FAILURE;
  }
  if (sel->latest->len == 0) {
    rsk_cli_error(out, "compare: %s holds no filings; run riskscope analyze "
                  "first", rsk_cli_db_path(db));
    rsk_selection_free(sel);
    rsk_store_close(store);
    return RSK_EXIT_FAILURE;
  }

  rsk_matrix *m = rsk_selection_matrix(sel);
  GString *text = g_string_new(NULL);
  rsk_matrix_write(text, m, measure, fmt, text_width(out->out));
  if (fmt == RSK_FORMAT_TEXT)
    rsk_cli_write(out->out, text->str);
  else
    fwrite(text->str, 1, text->len, out->out);
  g_string_free(text, TRUE);
  rsk_matrix_free(m);
  rsk_selection_free(sel);
  rsk_store_close(store);
  return RSK_EXIT_OK;
}
