/* cmd_search.c - riskscope search: full-text search over risk factors
 *
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"
#include "export.h"
#include "read_reports.h"
#include "rsk_error.h"
#include "terminal.h"

#include <cjson/cJSON.h>
#include <string.h>
#include <unistd.h>

/* Appends TEXT with the search marks turned into START and END; with SAFE,
 * the text between them made safe for a terminal (terminal.h). */
static void append_marked(GString *out, const char *text, const char *start,
                          const char *end, gboolean safe)
{
  const char marks[] = {RSK_SEARCH_MARK_START, RSK_SEARCH_MARK_END, '\0'};
  const char *p = text;
  while (*p) {
    gsize n = strcspn(p, marks);
    g_autofree char *run = g_strndup(p, n);
    if (safe)
      rsk_terminal_append(out, run, FALSE);
    else
      g_string_append(out, run);
    p += n;
    if (*p) {
      g_string_append(out, *p == RSK_SEARCH_MARK_START ? start : end);
      p++;
    }
  }
}

static void append_hit(GString *out, guint n, const rsk_search_hit *hit,
                       gboolean tty)
{
  const char *on = tty ? "\033[1m" : "[", *off = tty ? "\033[0m" : "]";

  g_string_append_printf(out, "%2u. ", n);
  rsk_terminal_append(out, hit->company, FALSE);
  g_string_append(out, " \xc2\xb7 ");
  rsk_terminal_append(out, hit->filing, FALSE);
  g_string_append(out, " \xc2\xb7 ");
  /* The match's page, and the risk factor's when it runs over several. */
  g_string_append_printf(out, "p. %d", hit->page);
  if (hit->page_end > hit->page_start)
    g_string_append_printf(out, " (risk factor pp. %d-%d)", hit->page_start,
                           hit->page_end);
  g_string_append_printf(out, " \xc2\xb7 risk factor #%d\n    ", hit->ordinal);
  /* The heading stands out on a terminal; piped, only its matches do. */
  if (tty)
    g_string_append(out, "\033[4m");
  append_marked(out, hit->heading, on, tty ? "\033[0m\033[4m" : off, TRUE);
  if (tty)
    g_string_append(out, "\033[0m");
  g_string_append(out, "\n    ");
  append_marked(out, hit->snippet, on, off, TRUE);
  g_string_append(out, "\n\n");
}

/* TEXT with the search marks dropped (MARKED FALSE) or made "[" "]". */
static char *marked_copy(const char *text, gboolean marked)
{
  GString *out = g_string_new(NULL);
  append_marked(out, text, marked ? "[" : "", marked ? "]" : "", FALSE);
  return g_string_free(out, FALSE);
}

/* The hits as one JSON array: the fields of the text output, the heading
 * plain, the snippet with its matches in brackets; "page" is the match's,
 * page_start and page_end the risk factor's. */
static void write_json(FILE *stream, const rsk_search_result *res)
{
  cJSON *array = cJSON_CreateArray();
  for (guint i = 0; i < res->hits->len; i++) {
    const rsk_search_hit *hit = &g_array_index(res->hits, rsk_search_hit, i);
    g_autofree char *heading = marked_copy(hit->heading, FALSE);
    g_autofree char *snippet = marked_copy(hit->snippet, TRUE);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "company", hit->company);
    cJSON_AddStringToObject(o, "filing", hit->filing);
    cJSON_AddNumberToObject(o, "ordinal", hit->ordinal);
    cJSON_AddStringToObject(o, "section", hit->section);
    cJSON_AddStringToObject(o, "heading", heading);
    cJSON_AddNumberToObject(o, "page", hit->page);
    cJSON_AddNumberToObject(o, "page_start", hit->page_start);
    cJSON_AddNumberToObject(o, "page_end", hit->page_end);
    cJSON_AddStringToObject(o, "snippet", snippet);
    cJSON_AddNumberToObject(o, "rank", hit->rank);
    cJSON_AddItemToArray(array, o);
  }
  char *json = rsk_export_json_text(array, FALSE);
  fprintf(stream, "%s\n", json);
  g_free(json);
  cJSON_Delete(array);
}

int rsk_cmd_search(int argc, char **argv, rsk_out *out)
{
  g_autofree char *db = NULL, *category = NULL, *company = NULL, *format = NULL;
  int limit = 20;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    {"category", 0, 0, G_OPTION_ARG_STRING, &category,
     "Only risk factors tagged with this category id", "ID"},
    {"company", 0, 0, G_OPTION_ARG_STRING, &company,
     "Only companies whose name contains NAME (any case)", "NAME"},
    {"limit", 0, 0, G_OPTION_ARG_INT, &limit,
     "At most N results (default 20, 0: all)", "N"},
    {"db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Database (default riskscope.db)",
     "PATH"},
    {"format", 0, 0, G_OPTION_ARG_STRING, &format,
     "text (default) or json (one array of hits)", "FORMAT"},
    {NULL, 0, 0, 0, NULL, NULL, NULL},
  };

  if (!rsk_cli_parse(out, "search", "QUERY",
                     "Full-text search over the headings and bodies of the "
                     "stored risk factors, best matches first (bm25), with "
                     "company, filing, pages and a snippet.\n"
                     "QUERY is SQLite FTS5 syntax: words (all must occur), "
                     "\"a phrase\", prefix* (regulat*), OR, NOT, AND, "
                     "NEAR(a b, 10), heading:word. Words with punctuation "
                     "(U.S., AI-related) are searched as phrases.",
                     entries, &argc, &argv))
    return RSK_EXIT_USAGE;
  if (argc != 2) {
    rsk_cli_error(out, "search: give one QUERY (quote it: riskscope search "
                  "'\"export controls\" AND china')");
    return RSK_EXIT_USAGE;
  }
  if (!rsk_cli_text_or_json(out, "search", format))
    return RSK_EXIT_USAGE;
  gboolean json = format && strcmp(format, "json") == 0;
  if (limit < 0) {
    rsk_cli_error(out, "search: --limit must be 0 or more, not %d", limit);
    return RSK_EXIT_USAGE;
  }

  rsk_store *store = rsk_store_open(rsk_cli_db_path(db), TRUE, &error);
  rsk_search_result *res = store ? rsk_read_search(store, argv[1], category,
                                                   company, limit, &error)
                                 : NULL;
  if (!res) {
    rsk_cli_error(out, "search: %s", error->message);
    if (error->domain == RSK_ERROR && error->code == RSK_ERROR_USAGE)
      fprintf(out->err, "A query is words, \"a phrase\", prefix* or "
              "AND/OR/NOT between terms; close every quote and "
              "parenthesis.\n");
    rsk_store_close(store);
    return error->domain == RSK_ERROR && error->code == RSK_ERROR_USAGE
               ? RSK_EXIT_USAGE : RSK_EXIT_FAILURE;
  }

  if (res->hits->len == 0) {
    if (company && !rsk_read_has_company(store, company, &error)) {
      if (error)
        rsk_cli_error(out, "search: %s", error->message);
      else
        rsk_cli_error(out, "search: no stored company matches \"%s\"",
                      company);
      rsk_search_result_free(res);
      rsk_store_close(store);
      return RSK_EXIT_FAILURE;
    }
    if (category && !rsk_read_has_category(store, category, &error)) {
      if (error)
        rsk_cli_error(out, "search: %s", error->message);
      else
        rsk_cli_error(out, "search: no stored risk factor is tagged \"%s\" "
                      "(see riskscope taxonomy)", category);
      rsk_search_result_free(res);
      rsk_store_close(store);
      return RSK_EXIT_FAILURE;
    }
    if (json)
      write_json(out->out, res);
    else
      rsk_cli_print(out->out, "No risk factor matches %s.\n", argv[1]);
  } else if (json) {
    write_json(out->out, res);
  } else {
    gboolean tty = isatty(fileno(out->out)) && !g_getenv("NO_COLOR");
    GString *text = g_string_new(NULL);
    for (guint i = 0; i < res->hits->len; i++)
      append_hit(text, i + 1,
                 &g_array_index(res->hits, rsk_search_hit, i), tty);
    g_string_append_printf(text, "%u result%s%s\n", res->hits->len,
                           res->hits->len == 1 ? "" : "s",
                           limit && res->hits->len == (guint)limit
                               ? " (more with --limit)" : "");
    fwrite(text->str, 1, text->len, out->out);
    g_string_free(text, TRUE);
  }
  rsk_search_result_free(res);
  rsk_store_close(store);
  return RSK_EXIT_OK;
}
