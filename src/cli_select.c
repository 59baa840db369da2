/* cli_select.c - compare, trend and report: open the database, choose
 * the filings, say what was left out
 *
 * SPDX-License-Identifier: MIT
 */
#include "cli_select.h"

#include "rsk_error.h"

rsk_selection *rsk_cli_select(rsk_out *out, const char *cmd, const char *db,
                              rsk_select_options *options,
                              const rsk_cli_leave_out *leave_out,
                              rsk_store **store, int *status)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) exclude = rsk_split_lists(leave_out->exclude);
  const char *path = rsk_cli_db_path(db);

  options->exclude = (const char *const *)exclude;
  options->include_flagged = leave_out->include_flagged;
  *store = rsk_store_open(path, TRUE, &error);
  rsk_selection *sel = *store ? rsk_select(*store, options, &error) : NULL;
  options->exclude = NULL;
  if (!sel) {
    rsk_cli_error(out, "%s: %s", cmd, error->message);
    g_clear_pointer(store, rsk_store_close);
    *status = error->domain == RSK_ERROR && error->code == RSK_ERROR_USAGE
                  ? RSK_EXIT_USAGE : RSK_EXIT_FAILURE;
    return NULL;
  }
  g_autofree char *note = rsk_selection_note(sel);
  if (note)
    fprintf(out->err, "riskscope: %s: %s", cmd, note);
  if (sel->latest->len == 0) {
    if (sel->n_stored == 0)
      rsk_cli_error(out, "%s: %s holds no filings; run riskscope analyze "
                    "first", cmd, path);
    else
      rsk_cli_error(out, "%s: nothing left to show: all %u matching filing%s "
                    "left out (see above)", cmd,
                    sel->flagged_out->len + sel->excluded->len,
                    sel->flagged_out->len + sel->excluded->len == 1 ? "" : "s");
    rsk_selection_free(sel);
    g_clear_pointer(store, rsk_store_close);
    *status = RSK_EXIT_FAILURE;
    return NULL;
  }
  return sel;
}
