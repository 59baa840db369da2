/* run_cli.c - run the built riskscope from the end-to-end eval tests
 *
 * SPDX-License-Identifier: MIT
 */
#include "run_cli.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib/gstdio.h>
#include <sys/wait.h>

int run_cli(GPtrArray *args, char **out)
{
  g_autofree char *err = NULL;
  int status = 0;
  g_ptr_array_insert(args, 0, (gpointer)g_getenv("RISKSCOPE_EXE"));
  g_ptr_array_add(args, NULL);
  gboolean ok = g_spawn_sync(NULL, (char **)args->pdata, NULL, G_SPAWN_DEFAULT,
                             NULL, NULL, out, &err, &status, NULL);
  assert_true(ok);
  if (err && *err)
    print_message("%s", err);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void remove_db(const char *dir, const char *db)
{
  g_autofree char *wal = g_strconcat(db, "-wal", NULL);
  g_autofree char *shm = g_strconcat(db, "-shm", NULL);
  g_unlink(db);
  g_unlink(wal);
  g_unlink(shm);
  g_rmdir(dir);
}
