/* cmd_merge.c - riskscope merge: join databases made elsewhere into one
 *
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"
#include "merge.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

static gboolean same_file(const char *a, const char *b)
{
  GStatBuf sa, sb;
  return g_stat(a, &sa) == 0 && g_stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
         sa.st_ino == sb.st_ino;
}

int rsk_cmd_merge(int argc, char **argv, rsk_out *out)
{
  g_autofree char *db = NULL;
  int lock_timeout = RSK_LOCK_TIMEOUT_S;
  g_autoptr(GError) error = NULL;
  rsk_merge_counts total = {0};
  int status = RSK_EXIT_OK;
  const GOptionEntry entries[] = {
    {"db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Database to merge into (default riskscope.db)", "PATH"},
    RSK_CLI_LOCK_TIMEOUT_OPTION(&lock_timeout),
    {NULL, 0, 0, 0, NULL, NULL, NULL},
  };

  if (!rsk_cli_parse(out, "merge", "SOURCE.db...",
                     "Copy the filings of each SOURCE database into the one "
                     "of --db, with all their\nrisk factors, tags and "
                     "evidence. A filing the target already has (same\n"
                     "sha256 and taxonomy version) is replaced when the "
                     "source analysed it later,\nelse skipped. Every "
                     "filing is merged whole. So shards merged in any order\n"
                     "give the same content, and merging one twice changes "
                     "nothing.\n\n"
                     "A SOURCE still being written (analyze running on it), "
                     "damaged, of a newer\nriskscope or not riskscope's is "
                     "refused before anything is copied; the\nother SOURCEs "
                     "are merged, and the exit status is 1.",
                     entries, &argc, &argv))
    return RSK_EXIT_USAGE;
  if (argc < 2) {
    rsk_cli_error(out, "merge: give at least one SOURCE.db");
    return RSK_EXIT_USAGE;
  }
  const char *target_path = rsk_cli_db_path(db);
  for (int i = 1; i < argc; i++) {
    if (same_file(argv[i], target_path)) {
      rsk_cli_error(out, "merge: %s is the target database itself", argv[i]);
      return RSK_EXIT_USAGE;
    }
  }
  if (lock_timeout < 0) {
    rsk_cli_error(out, "merge: --lock-timeout must be 0 or more");
    return RSK_EXIT_USAGE;
  }
  rsk_cli_lock_notice notice = {.out = out, .seconds = lock_timeout};
  rsk_lock_wait wait = rsk_cli_lock_wait(&notice);
  rsk_store *target = rsk_store_open_waiting(target_path, FALSE, &wait, &error);
  if (!target) {
    rsk_cli_error(out, "%s", error->message);
    return RSK_EXIT_FAILURE;
  }
  for (int i = 1; i < argc; i++) {
    rsk_merge_counts counts = {0};
    rsk_store *source = rsk_store_open(argv[i], TRUE, &error);
    gboolean ok = source && rsk_store_merge(target, source, &counts, &error);
    rsk_store_close(source);
    if (out->verbosity > 0)
      rsk_cli_print(out->out, "%s: %u added, %u replaced, %u skipped\n", argv[i],
              counts.added, counts.replaced, counts.skipped);
    if (!ok) {
      rsk_cli_error(out, "%s", error->message);
      g_clear_error(&error);
      status = RSK_EXIT_FAILURE;
    }
    total.added += counts.added;
    total.replaced += counts.replaced;
    total.skipped += counts.skipped;
  }
  rsk_store_close(target);
  rsk_cli_print(out->out, "%s: %u added, %u replaced, %u skipped in all\n",
          target_path, total.added, total.replaced, total.skipped);
  return status;
}
