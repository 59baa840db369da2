/* cmd_search.c - riskscope search: full-text search over risk factors
 *
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"
#include "companies.h"
#include "export.h"
#include "export_text.h"
#include "read_reports.h"
#include "rsk_error.h"
#include "select.h"
#include "terminal.h"

#include <cjson/cJSON.h>
#include <string.h>
#include <unistd.h>

/* The marks around matches in piped text and JSON. Not brackets: Hong
 * Kong prospectuses print "[REDACTED]" for the offering's terms. */
#define MARK_ON "\xc2\xab"   /* « */
#define MARK_OFF "\xc2\xbb"  /* » */

/* Appends TEXT with the search marks turned into START and END; matches
 * only white space apart are one ("«AI Act»", not "«AI» «Act»"). */
static void append_marked(GString *out, const char *text, const char *start,
                          const char *end)
{
  for (const char *p = text; *p; p++) {
    if (*p == RSK_SEARCH_MARK_START) {
      g_string_append(out, start);
    } else if (*p == RSK_SEARCH_MARK_END) {
      const char *q = p + 1;
      while (*q == ' ')
        q++;
      if (*q == RSK_SEARCH_MARK_START) {
        g_string_append_len(out, p + 1, q - p - 1);
        p = q;
        continue;
      }
      g_string_append(out, end);
    } else {
      g_string_append_c(out, *p);
    }
  }
}

/* Appends TEXT (with search marks) wrapped to WIDTH columns (0: one line)
 * with 4 spaces of indent, the marks made START and END: before wrapping
 * when they print (« »), after it when they are terminal escapes, which
 * take no room. */
static void append_wrapped(GString *out, const char *text, int width,
                           const char *start, const char *end)
{
  static const char mark_start[] = {RSK_SEARCH_MARK_START, '\0'};
  static const char mark_end[] = {RSK_SEARCH_MARK_END, '\0'};
  const rsk_text_marks marks = {RSK_SEARCH_MARK_START, RSK_SEARCH_MARK_END,
                                start, end};
  gboolean escapes = start[0] == '\033';
  GString *marked = g_string_new(NULL);
  /* Matches next to each other made one; marks that are escapes stay
   * marks until the wrap, which gives them no room. */
  append_marked(marked, text, escapes ? mark_start : start,
                escapes ? mark_end : end);
  if (width > 0) {
    rsk_text_wrap_marked(out, marked->str, 4, width, escapes ? &marks : NULL);
  } else if (escapes) {
    g_string_append(out, "    ");
    rsk_text_wrap_marked(out, marked->str, 0, G_MAXINT, &marks);
  } else {
    g_string_append(out, "    ");
    rsk_terminal_append(out, marked->str, FALSE);
    g_string_append_c(out, '\n');
  }
  g_string_free(marked, TRUE);
}

static void append_hit(GString *out, guint n, const rsk_search_hit *hit,
                       gboolean tty, int width)
{
  const char *on = tty ? "\033[1m" : MARK_ON, *off = tty ? "\033[0m" : MARK_OFF;

  GString *head = g_string_new(NULL);
  g_string_append_printf(head, "%u. %s \xc2\xb7 %s \xc2\xb7 ", n, hit->company,
                         hit->filing);
  /* The match's page, and the risk factor's when it runs over several. */
  g_string_append_printf(head, "p. %d", hit->page);
  if (hit->page_end > hit->page_start)
    g_string_append_printf(head, " (risk factor pp. %d-%d)", hit->page_start,
                           hit->page_end);
  g_string_append_printf(head, " \xc2\xb7 risk factor #%d", hit->ordinal);
  if (width > 0)
    rsk_text_wrap_hanging(out, head->str, n < 10 ? 1 : 0, 4, width);
  else {
    g_autofree char *safe = rsk_terminal_text(head->str);
    g_string_append_printf(out, "%s%s\n", n < 10 ? " " : "", safe);
  }
  g_string_free(head, TRUE);
  /* The heading stands out on a terminal; piped, only its matches do. */
  if (tty)
    g_string_append(out, "\033[4m");
  append_wrapped(out, hit->heading, width, on, tty ? "\033[0m\033[4m" : off);
  if (tty)
    g_string_append(out, "\033[0m");
  append_wrapped(out, hit->snippet, width, on, off);
  g_string_append_c(out, '\n');
}

/* TEXT with the search marks dropped (MARKED FALSE) or made « ». */
static char *marked_copy(const char *text, gboolean marked)
{
  GString *out = g_string_new(NULL);
  append_marked(out, text, marked ? MARK_ON : "", marked ? MARK_OFF : "");
  return g_string_free(out, FALSE);
}

/* The hits as one JSON array: the fields of the text output, the heading
 * plain, the snippet with its matches in « »; "page" is the match's,
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
  g_autofree char *db = NULL, *category = NULL, *company = NULL, *format = NULL,
                  *companies = NULL;
  int limit = 20;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    {"category", 0, 0, G_OPTION_ARG_STRING, &category,
     "Only risk factors tagged with this category id", "ID"},
    {"companies", 0, 0, G_OPTION_ARG_STRING, &companies,
     "Only these: names, tickers, stock codes", "A,B,..."},
    {"company", 0, 0, G_OPTION_ARG_STRING, &company,
     "The same for one company", "NAME"},
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

  if (company && companies) {
    rsk_cli_error(out, "search: give --companies or --company, not both");
    return RSK_EXIT_USAGE;
  }

  rsk_store *store = rsk_store_open(rsk_cli_db_path(db), TRUE, &error);
  g_autoptr(GArray) ids = NULL;
  if (store && (company || companies)) {
    /* --company keeps a name with commas whole */
    g_auto(GStrv) names = company ? g_strdupv((char *[]){company, NULL})
                                  : rsk_split_list(companies);
    rsk_filing_list *list = rsk_read_filings(store, RSK_READ_ALL, &error);
    ids = list ? rsk_match_companies(list, (const char *const *)names, &error)
               : NULL;
    rsk_filing_list_free(list);
    if (!ids) {
      rsk_cli_error(out, "search: %s", error->message);
      rsk_store_close(store);
      return RSK_EXIT_FAILURE;
    }
  }
  rsk_search_result *res = store ? rsk_read_search(store, argv[1], category,
                                                   ids, limit, &error)
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
    int width = rsk_cli_terminal_width(out->out);
    GString *text = g_string_new(NULL);
    for (guint i = 0; i < res->hits->len; i++)
      append_hit(text, i + 1,
                 &g_array_index(res->hits, rsk_search_hit, i), tty, width);
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
