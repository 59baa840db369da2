/* cmd_remove.c - riskscope remove: delete stored filings whole
 *
 * Every FILING is resolved before anything is deleted, so a typo in the
 * third one leaves the first two in place; then each goes in a
 * transaction of its own, and a line says what went with it.
 *
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"
#include "read.h"
#include "remove.h"
#include "rsk_error.h"

static void say_removed(rsk_out *out, gint64 id, const rsk_removed *w)
{
  fprintf(out->out,
          "removed %" G_GINT64_FORMAT " %s (%s, taxonomy %s): %u risk factor%s"
          " and their search index entries, %u tag%s, %u evidence row%s, %u"
          " regulation citation%s, %u page mark%s, %u page label%s\n",
          id, w->name, w->company, w->taxonomy, w->risk_factors,
          w->risk_factors == 1 ? "" : "s", w->tags, w->tags == 1 ? "" : "s",
          w->evidence, w->evidence == 1 ? "" : "s", w->regulations,
          w->regulations == 1 ? "" : "s", w->page_marks,
          w->page_marks == 1 ? "" : "s", w->page_labels,
          w->page_labels == 1 ? "" : "s");
  if (w->company_removed)
    fprintf(out->out, "removed company %s: it has no filing left\n",
            w->company);
}

int rsk_cmd_remove(int argc, char **argv, rsk_out *out)
{
  g_autofree char *db = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    {"db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Database (default riskscope.db)",
     "PATH"},
    {NULL, 0, 0, 0, NULL, NULL, NULL},
  };

  if (!rsk_cli_parse(out, "remove", "FILING...",
                     "Delete each FILING from the database whole: its risk\n"
                     "factors and their full-text index entries, tags,\n"
                     "evidence, regulations and page marks, and its company\n"
                     "when no filing of it is left. Says what went. Every\n"
                     "FILING is looked up first: if one matches nothing (or\n"
                     "several), nothing is deleted.\n"
                     "A FILING is an id from \"riskscope list\", a file name\n"
                     "or a sha256 prefix.",
                     entries, &argc, &argv))
    return RSK_EXIT_USAGE;
  if (argc < 2) {
    rsk_cli_error(out, "remove: give the FILING... to remove");
    return RSK_EXIT_USAGE;
  }

  rsk_store *store = rsk_store_open(rsk_cli_db_path(db), FALSE, &error);
  if (!store) {
    rsk_cli_error(out, "remove: %s", error->message);
    return RSK_EXIT_FAILURE;
  }
  GArray *ids = g_array_new(FALSE, FALSE, sizeof(gint64));
  int status = RSK_EXIT_OK;
  for (int i = 1; i < argc && status == RSK_EXIT_OK; i++) {
    gint64 id = rsk_read_resolve_filing(store, argv[i], &error);
    gboolean dup = FALSE;
    for (guint k = 0; k < ids->len && !dup; k++)
      dup = g_array_index(ids, gint64, k) == id;
    if (!id) {
      rsk_cli_error(out, "remove: %s; nothing removed", error->message);
      status = error->code == RSK_ERROR_USAGE ? RSK_EXIT_USAGE
                                              : RSK_EXIT_FAILURE;
    } else if (!dup) {
      g_array_append_val(ids, id);
    }
  }
  for (guint k = 0; k < ids->len && status == RSK_EXIT_OK; k++) {
    gint64 id = g_array_index(ids, gint64, k);
    rsk_removed what;
    if (!rsk_store_remove_filing(store, id, &what, &error)) {
      rsk_cli_error(out, "remove: %s", error->message);
      status = RSK_EXIT_FAILURE;
      break;
    }
    say_removed(out, id, &what);
    rsk_removed_clear(&what);
  }
  g_array_unref(ids);
  rsk_store_close(store);
  return status;
}
