/* cmd_list.c - riskscope list: the stored filings, one line each
 *
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"
#include "export.h"
#include "export_text.h"
#include "read.h"

#include <stdlib.h>
#include <string.h>

/* Columns of the text table: 79 columns in all at the narrowest. A TICKER
 * column (ticker, else stock code) comes when any filing has one, taking
 * its room from the file name and the company at the narrowest. */
enum { W_ID = 5, W_NAME = 22, W_COMPANY = 16, W_TYPE = 9, W_NUM = 5,
       W_DATE = 10, W_ALL = 79, W_TICKER = 6, W_NAME_T = 18, W_COMPANY_T = 13 };

/* What the TICKER column shows for INFO: its ticker, else its stock code,
 * else "". */
static const char *ticker_of(const rsk_filing_info *info)
{
  return info->ticker ? info->ticker : info->stock_code ? info->stock_code : "";
}

/* TRUE when the filings were analysed with more than one taxonomy: then
 * which one each was is worth a column. */
static gboolean several_taxonomies(const rsk_filing_list *list)
{
  for (guint i = 1; i < list->filings->len; i++) {
    const rsk_filing_info *a = &g_array_index(list->filings, rsk_filing_info, 0);
    const rsk_filing_info *b = &g_array_index(list->filings, rsk_filing_info, i);
    if (strcmp(a->taxonomy_name, b->taxonomy_name) != 0 ||
        strcmp(a->taxonomy_version, b->taxonomy_version) != 0)
      return TRUE;
  }
  return FALSE;
}

static char *taxonomy_of(const rsk_filing_info *info, gboolean with_name)
{
  return with_name ? g_strdup_printf("%s %s", info->taxonomy_name,
                                     info->taxonomy_version)
                   : g_strdup(info->taxonomy_version);
}

/* The widest value of a column: names are what users type as FILING, so
 * they are cut only to fit a terminal, never in a pipe. */
typedef enum { COL_NAME, COL_COMPANY, COL_TICKER } column;

static int widest(const rsk_filing_list *list, column col)
{
  int w = 0;
  for (guint i = 0; i < list->filings->len; i++) {
    const rsk_filing_info *info = &g_array_index(list->filings, rsk_filing_info, i);
    w = MAX(w, rsk_text_width(col == COL_COMPANY ? info->company
                              : col == COL_NAME  ? info->name
                                                 : ticker_of(info)));
  }
  return w;
}

static void list_text(const rsk_filing_list *list, const char *db, FILE *out)
{
  GString *line = g_string_new(NULL);
  gboolean any_flags = FALSE;
  int columns = rsk_cli_terminal_width(out);
  gboolean taxonomies = several_taxonomies(list), names = FALSE;
  int w_tax = 0;
  for (guint i = 1; taxonomies && i < list->filings->len; i++)
    names |= strcmp(g_array_index(list->filings, rsk_filing_info, 0).taxonomy_name,
                    g_array_index(list->filings, rsk_filing_info, i).taxonomy_name) != 0;
  for (guint i = 0; taxonomies && i < list->filings->len; i++) {
    g_autofree char *t = taxonomy_of(
        &g_array_index(list->filings, rsk_filing_info, i), names);
    w_tax = MAX(w_tax, MAX(8, rsk_text_width(t)));
  }
  int w_ticker = widest(list, COL_TICKER);
  if (w_ticker > 0)
    w_ticker = MAX(w_ticker, W_TICKER);
  int min_name = w_ticker ? W_NAME_T : W_NAME;
  int min_company = w_ticker ? W_COMPANY_T : W_COMPANY;
  int w_name = MAX(min_name, widest(list, COL_NAME));
  int w_company = MAX(min_company, widest(list, COL_COMPANY));
  if (columns > 0) {
    /* On a terminal: the file name gets the room there is, then the company. */
    int room = MAX(columns - 1, W_ALL) - (W_ALL - W_NAME - W_COMPANY) -
               (w_ticker ? w_ticker + 1 : 0) - (taxonomies ? w_tax + 1 : 0);
    w_name = MIN(w_name, MAX(min_name, room - min_company));
    w_company = MIN(w_company, MAX(min_company, room - w_name));
  }

  if (list->filings->len == 0) {
    rsk_cli_print(out, "no filings in %s; run riskscope analyze FILE.pdf\n", db);
    g_string_free(line, TRUE);
    return;
  }
  rsk_text_fit(line, "ID", W_ID, TRUE);
  g_string_append(line, "  ");
  rsk_text_fit(line, "FILE", w_name, FALSE);
  g_string_append_c(line, ' ');
  rsk_text_fit(line, "COMPANY", w_company, FALSE);
  g_string_append_c(line, ' ');
  if (w_ticker) {
    rsk_text_fit(line, "TICKER", w_ticker, FALSE);
    g_string_append_c(line, ' ');
  }
  rsk_text_fit(line, "TYPE", W_TYPE, FALSE);
  g_string_append_c(line, ' ');
  if (taxonomies) {
    rsk_text_fit(line, "TAXONOMY", w_tax, FALSE);
    g_string_append_c(line, ' ');
  }
  rsk_text_fit(line, "PAGES", W_NUM, TRUE);
  g_string_append_c(line, ' ');
  rsk_text_fit(line, "RISKS", W_NUM, TRUE);
  g_string_append(line, " ANALYZED\n");
  for (guint i = 0; i < list->filings->len; i++) {
    const rsk_filing_info *info =
        &g_array_index(list->filings, rsk_filing_info, i);
    char number[32];
    gboolean flagged = info->flags && info->flags->len > 0;
    any_flags |= flagged;
    g_snprintf(number, sizeof number, "%" G_GINT64_FORMAT, info->id);
    rsk_text_fit(line, number, W_ID, TRUE);
    g_string_append(line, flagged ? "! " : "  ");
    rsk_text_fit(line, info->name, w_name, FALSE);
    g_string_append_c(line, ' ');
    rsk_text_fit(line, info->company, w_company, FALSE);
    g_string_append_c(line, ' ');
    if (w_ticker) {
      rsk_text_fit(line, ticker_of(info), w_ticker, FALSE);
      g_string_append_c(line, ' ');
    }
    rsk_text_fit(line, info->doc_type, W_TYPE, FALSE);
    g_string_append_c(line, ' ');
    if (taxonomies) {
      g_autofree char *t = taxonomy_of(info, names);
      rsk_text_fit(line, t, w_tax, FALSE);
      g_string_append_c(line, ' ');
    }
    g_snprintf(number, sizeof number, "%d", info->pages);
    rsk_text_fit(line, number, W_NUM, TRUE);
    g_string_append_c(line, ' ');
    g_snprintf(number, sizeof number, "%d", info->risk_count);
    rsk_text_fit(line, number, W_NUM, TRUE);
    g_string_append_c(line, ' ');
    g_string_append_printf(line, "%.*s", W_DATE, info->analyzed_at);
    g_string_append_c(line, '\n');
  }
  if (any_flags)
    g_string_append(line, "! sanity flags raised: see riskscope show ID\n");
  fwrite(line->str, 1, line->len, out);
  g_string_free(line, TRUE);
}

static void list_json(const rsk_filing_list *list, FILE *out)
{
  cJSON *array = cJSON_CreateArray();
  for (guint i = 0; i < list->filings->len; i++)
    cJSON_AddItemToArray(array, rsk_export_info_json(&g_array_index(
                                    list->filings, rsk_filing_info, i)));
  char *text = rsk_export_json_text(array, TRUE);
  fputs(text, out);
  fputc('\n', out);
  g_free(text);
  cJSON_Delete(array);
}

int rsk_cmd_list(int argc, char **argv, rsk_out *out)
{
  g_autofree char *db = NULL, *format = NULL, *forms = NULL;
  gboolean latest = FALSE;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    {"db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Database (default riskscope.db)", "PATH"},
    {"format", 0, 0, G_OPTION_ARG_STRING, &format, "text (default) or json", "FORMAT"},
    {"latest", 0, 0, G_OPTION_ARG_NONE, &latest,
     "Only each company's latest annual report or prospectus", NULL},
    {"forms", 0, 0, G_OPTION_ARG_STRING, &forms,
     "Only these forms (with --latest: the latest of them)", "10-K,..."},
    {NULL, 0, 0, 0, NULL, NULL, NULL},
  };

  if (!rsk_cli_parse(out, "list", "", "List the stored filings.", entries,
                     &argc, &argv))
    return RSK_EXIT_USAGE;
  if (argc > 1) {
    rsk_cli_error(out, "list: unexpected argument \"%s\"", argv[1]);
    return RSK_EXIT_USAGE;
  }
  if (!rsk_cli_text_or_json(out, "list", format))
    return RSK_EXIT_USAGE;
  const char *path = rsk_cli_db_path(db);
  rsk_store *store = rsk_store_open(path, TRUE, &error);
  rsk_filing_list *list =
      store ? rsk_read_filings_of(store,
                                  latest ? RSK_READ_LATEST_PER_COMPANY
                                         : RSK_READ_ALL,
                                  forms, &error)
            : NULL;
  if (!list) {
    rsk_cli_error(out, "%s", error->message);
    rsk_store_close(store);
    return RSK_EXIT_FAILURE;
  }
  if (format && strcmp(format, "json") == 0)
    list_json(list, out->out);
  else
    list_text(list, path, out->out);
  rsk_filing_list_free(list);
  rsk_store_close(store);
  return RSK_EXIT_OK;
}
