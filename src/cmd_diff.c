/* cmd_diff.c - riskscope diff: what changed between two filings
 *
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"
#include "form_type.h"
#include "rsk_error.h"
#include "diff_format.h"
#include "load.h"

#include <string.h>

static rsk_analysis *load_filing(rsk_store *store, const char *arg,
                                 GError **error)
{
  gint64 id = rsk_read_resolve_filing(store, arg, error);
  return id ? rsk_analysis_load(store, id, error) : NULL;
}

int rsk_cmd_diff(int argc, char **argv, rsk_out *out)
{
  g_autofree char *db = NULL, *format = NULL;
  gboolean full = FALSE, brief = FALSE;
  double threshold = RSK_DIFF_DEFAULT_THRESHOLD;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    {"format", 0, 0, G_OPTION_ARG_STRING, &format, "text (default) or json",
     "FORMAT"},
    {"threshold", 0, 0, G_OPTION_ARG_DOUBLE, &threshold,
     "Material body change, 0..1 (default 0.15)", "X"},
    {"full", 0, 0, G_OPTION_ARG_NONE, &full,
     "Every change of the redlines, not the first 12", NULL},
    {"brief", 0, 0, G_OPTION_ARG_NONE, &brief, "No redlines", NULL},
    {"db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Database (default riskscope.db)",
     "PATH"},
    {NULL, 0, 0, 0, NULL, NULL, NULL},
  };

  if (!rsk_cli_parse(out, "diff", "FILING_A FILING_B",
                     "Risk factors added, removed, reworded (same risk, new\n"
                     "heading), materially changed (the body changed by more\n"
                     "than the threshold: the share of word pairs that\n"
                     "differ) and edited between FILING_A (the older) and\n"
                     "FILING_B, matched by text whatever their order; for\n"
                     "each, the named regulations and the tags gained and\n"
                     "lost, with evidence, and a word-level redline of its\n"
                     "body: [-struck-] {+put in+}. Text is wrapped to the\n"
                     "terminal.\n"
                     "A FILING is an id from \"riskscope list\", a file name\n"
                     "or a sha256 prefix.",
                     entries, &argc, &argv))
    return RSK_EXIT_USAGE;
  if (argc != 3) {
    rsk_cli_error(out, "diff: give exactly two filings, FILING_A FILING_B");
    return RSK_EXIT_USAGE;
  }
  if (!rsk_cli_text_or_json(out, "diff", format))
    return RSK_EXIT_USAGE;
  if (!(threshold >= 0 && threshold <= 1)) {
    rsk_cli_error(out, "diff: --threshold must be between 0 and 1, not %g",
                  threshold);
    return RSK_EXIT_USAGE;
  }

  rsk_store *store = rsk_store_open(rsk_cli_db_path(db), TRUE, &error);
  rsk_analysis *a = store ? load_filing(store, argv[1], &error) : NULL;
  rsk_analysis *b = a ? load_filing(store, argv[2], &error) : NULL;
  if (!b) {
    rsk_cli_error(out, "diff: %s", error->message);
    rsk_analysis_free(a);
    rsk_store_close(store);
    return error->code == RSK_ERROR_USAGE ? RSK_EXIT_USAGE : RSK_EXIT_FAILURE;
  }

  /* Say what makes a diff meaningless or surprising, then still run it. */
  if (a->info.id == b->info.id)
    rsk_cli_print(out->err, "riskscope: diff: warning: %s is compared with itself\n",
            a->info.name);
  else if (g_strcmp0(a->info.company, b->info.company) != 0)
    rsk_cli_print(out->err, "riskscope: diff: warning: different companies (%s, %s): "
            "matches are between unrelated risk factors\n",
            a->info.company, b->info.company);
  if (a->info.id != b->info.id && g_ascii_strcasecmp(a->info.doc_type, b->info.doc_type) != 0)
    fprintf(out->err, "riskscope: diff: warning: different forms (%s %s, %s %s)%s\n",
            a->info.name, a->info.doc_type, b->info.name, b->info.doc_type,
            rsk_form_is_primary(a->info.doc_type) != rsk_form_is_primary(b->info.doc_type)
                ? ": a 10-Q's risk factors only update the annual report's, so most "
                  "show as added or removed"
                : "");
  rsk_diff_items *ia = rsk_diff_items_new(a), *ib = rsk_diff_items_new(b);
  rsk_diff *d = rsk_diff_compute(ia->items, ia->n, ib->items, ib->n, threshold);
  GString *text = g_string_new(NULL);
  if (format && strcmp(format, "json") == 0)
    rsk_diff_write_json(text, d, ia->items, ia->n, a->info.name, ib->items,
                        ib->n, b->info.name);
  else {
    int width = rsk_cli_terminal_width(out->out);
    rsk_diff_text_options o = {
      .width = width > 0 ? width : 80,
      .redline = !brief,
      .max_hunks = full ? 0 : 12,
      .regulation_names = rsk_regulation_names(),
    };
    rsk_diff_write_text_with(text, d, ia->items, ia->n, a->info.name,
                             ib->items, ib->n, b->info.name, &o);
    g_hash_table_unref(o.regulation_names);
  }
  if (format && strcmp(format, "json") == 0)
    fwrite(text->str, 1, text->len, out->out);
  else
    rsk_cli_write(out->out, text->str);

  g_string_free(text, TRUE);
  rsk_diff_free(d);
  rsk_diff_items_free(ia);
  rsk_diff_items_free(ib);
  rsk_analysis_free(a);
  rsk_analysis_free(b);
  rsk_store_close(store);
  return RSK_EXIT_OK;
}
