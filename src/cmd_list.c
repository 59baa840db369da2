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
#include <sys/ioctl.h>
#include <unistd.h>

/* Columns of the text table: 79 columns in all at the narrowest. */
enum { W_ID = 5, W_NAME = 22, W_COMPANY = 16, W_TYPE = 9, W_NUM = 5,
       W_DATE = 10, W_ALL = 79 };

/* The width to fit: $COLUMNS when set (as ls does), else the terminal's;
 * 0 (no limit) in a pipe. */
static int terminal_width(FILE *out)
{
  struct winsize ws;
  const char *columns = g_getenv("COLUMNS");
  if (columns && atoi(columns) > 0)
    return atoi(columns);
  if (!isatty(fileno(out)))
    return 0;
  if (ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
    return ws.ws_col;
  return 80;
}

/* The widest value of a column: names are what users type as FILING, so
 * they are cut only to fit a terminal, never in a pipe. */
static int widest(const rsk_filing_list *list, gboolean company)
{
  int w = 0;
  for (guint i = 0; i < list->filings->len; i++) {
    const rsk_filing_info *info = &g_array_index(list->filings, rsk_filing_info, i);
    w = MAX(w, rsk_text_width(company ? info->company : info->name));
  }
  return w;
}

static void list_text(const rsk_filing_list *list, const char *db, FILE *out)
{
  GString *line = g_string_new(NULL);
  gboolean any_flags = FALSE;
  int columns = terminal_width(out);
  int w_name = MAX(W_NAME, widest(list, FALSE));
  int w_company = MAX(W_COMPANY, widest(list, TRUE));
  if (columns > 0) {
    /* On a terminal: the file name gets the room there is, then the company. */
    int room = MAX(columns - 1, W_ALL) - (W_ALL - W_NAME - W_COMPANY);
    w_name = MIN(w_name, MAX(W_NAME, room - W_COMPANY));
    w_company = MIN(w_company, MAX(W_COMPANY, room - w_name));
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
  rsk_text_fit(line, "TYPE", W_TYPE, FALSE);
  g_string_append_c(line, ' ');
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
    rsk_text_fit(line, info->doc_type, W_TYPE, FALSE);
    g_string_append_c(line, ' ');
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
  g_autofree char *db = NULL, *format = NULL;
  gboolean latest = FALSE;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    {"db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Database (default riskscope.db)", "PATH"},
    {"format", 0, 0, G_OPTION_ARG_STRING, &format, "text (default) or json", "FORMAT"},
    {"latest", 0, 0, G_OPTION_ARG_NONE, &latest, "Only each company's latest filing", NULL},
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
      store ? rsk_read_filings(store,
                               latest ? RSK_READ_LATEST_PER_COMPANY
                                      : RSK_READ_ALL,
                               &error)
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
