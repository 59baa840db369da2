/* cli.c - option parsing, error printing and defaults shared by subcommands
 *
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include <glib/gstdio.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

void rsk_cli_error(rsk_out *out, const char *format, ...)
{
  va_list args;
  va_start(args, format);
  fputs("riskscope: ", out->err);
  vfprintf(out->err, format, args);
  fputc('\n', out->err);
  va_end(args);
}

gboolean rsk_cli_parse(rsk_out *out, const char *name, const char *params,
                       const char *description, const GOptionEntry *entries,
                       int *argc, char ***argv)
{
  g_autofree char *usage = g_strdup_printf("%s %s", name, params);
  GOptionContext *context = g_option_context_new(usage);
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary(context, description);
  if (entries)
    g_option_context_add_main_entries(context, entries, NULL);
  /* GOption's own help says "riskscope [OPTION…] analyze FILE": good. */
  gboolean ok = g_option_context_parse(context, argc, argv, &error);
  if (!ok) {
    rsk_cli_error(out, "%s: %s", name, error->message);
    fprintf(out->err, "try \"riskscope %s --help\"\n", name);
  }
  g_option_context_free(context);
  return ok;
}

gboolean rsk_cli_text_or_json(rsk_out *out, const char *name, const char *format)
{
  if (format && strcmp(format, "text") != 0 && strcmp(format, "json") != 0) {
    rsk_cli_error(out, "%s: --format must be text or json, not \"%s\"", name,
                  format);
    return FALSE;
  }
  return TRUE;
}

const char *rsk_cli_db_path(const char *option)
{
  if (option && *option)
    return option;
  const char *env = g_getenv("RISKSCOPE_DB");
  if (env && *env)
    return env;
  return "riskscope.db";
}

int rsk_cli_terminal_width(FILE *stream)
{
  struct winsize ws;
  const char *columns = g_getenv("COLUMNS");
  if (columns && atoi(columns) > 0)
    return atoi(columns);
  if (!isatty(fileno(stream)))
    return 0;
  if (ioctl(fileno(stream), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
    return ws.ws_col;
  return 80;
}

void rsk_cli_leave_out_clear(rsk_cli_leave_out *lo)
{
  g_clear_pointer(&lo->exclude, g_strfreev);
}

/* Same file: the same device and inode, so links and "./x" count too. */
static gboolean same_file(const char *a, const char *b)
{
  GStatBuf sa, sb;
  return g_stat(a, &sa) == 0 && g_stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
         sa.st_ino == sb.st_ino;
}

gboolean rsk_cli_output_is_database(rsk_out *out, const char *name,
                                    const char *output, const char *db)
{
  static const char *const suffixes[] = {"", "-wal", "-shm"};
  for (size_t i = 0; i < G_N_ELEMENTS(suffixes); i++) {
    g_autofree char *file = g_strconcat(db, suffixes[i], NULL);
    if (same_file(output, file)) {
      rsk_cli_error(out, "%s: %s is the database; write the output to another file",
                    name, output);
      return TRUE;
    }
  }
  return FALSE;
}
