/* cli.c - option parsing, error printing and defaults shared by subcommands
 *
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include "terminal.h"

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
  g_autofree char *message = g_strdup_vprintf(format, args);
  va_end(args);
  GString *line = g_string_new("riskscope: ");
  rsk_terminal_append(line, message, TRUE);
  g_string_append_c(line, '\n');
  fputs(line->str, out->err);
  g_string_free(line, TRUE);
}

void rsk_cli_write(FILE *stream, const char *text)
{
  GString *safe = g_string_new(NULL);
  rsk_terminal_append(safe, text, TRUE);
  fwrite(safe->str, 1, safe->len, stream);
  g_string_free(safe, TRUE);
}

void rsk_cli_print(FILE *stream, const char *format, ...)
{
  va_list args;
  va_start(args, format);
  g_autofree char *text = g_strdup_vprintf(format, args);
  va_end(args);
  rsk_cli_write(stream, text);
}

/* TRUE when ENTRIES has a short option C that takes a value. */
static gboolean short_takes_value(const GOptionEntry *entries, char c)
{
  for (const GOptionEntry *e = entries; e && e->long_name; e++)
    if (e->short_name == c && e->arg != G_OPTION_ARG_NONE)
      return TRUE;
  return FALSE;
}

/* ARGV with "-j4" split into "-j" "4", as getopt reads it: GOption would
 * take "-j4" for two options and the next argument for -j's value. Nothing
 * after "--" is touched. GOption drops what it parsed from the array it is
 * given, so that array is a view of STRINGS, which own the copies until the
 * process exits. */
static char **split_short_values(const GOptionEntry *entries, int *argc,
                                 char **argv)
{
  static GPtrArray *strings = NULL, *view = NULL;
  if (!strings)
    strings = g_ptr_array_new_with_free_func(g_free);
  g_clear_pointer(&view, g_ptr_array_unref);
  view = g_ptr_array_new();
  gboolean options = TRUE;
  for (int i = 0; i < *argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--") == 0)
      options = FALSE;
    gboolean split = options && i > 0 && a[0] == '-' && a[1] && a[1] != '-' &&
                     a[2] && short_takes_value(entries, a[1]);
    char *parts[2] = {split ? g_strndup(a, 2) : g_strdup(a),
                      split ? g_strdup(a + 2) : NULL};
    for (int k = 0; k < 2 && parts[k]; k++) {
      g_ptr_array_add(strings, parts[k]);
      g_ptr_array_add(view, parts[k]);
    }
  }
  *argc = (int)view->len;
  g_ptr_array_add(view, NULL);
  return (char **)view->pdata;
}

/* TEXT with every line longer than WIDTH characters wrapped at spaces, the
 * lines it makes indented as it was; lines that fit stay as written (the
 * help's own tables). Newly allocated. */
static char *wrap_help(const char *text, glong width)
{
  GString *out = g_string_new(NULL);
  char **lines = g_strsplit(text ? text : "", "\n", -1);

  for (guint i = 0; lines[i]; i++) {
    const char *line = lines[i];
    if (i)
      g_string_append_c(out, '\n');
    if (g_utf8_strlen(line, -1) <= width) {
      g_string_append(out, line);
      continue;
    }
    gsize indent = strspn(line, " ");
    const char *p = line + indent;
    glong column = 0;
    g_string_append_len(out, line, (gssize)indent);
    column = (glong)indent;
    while (*p) {
      const char *end = strchr(p, ' ');
      gsize len = end ? (gsize)(end - p) : strlen(p);
      g_autofree char *word = g_strndup(p, len);
      glong w = g_utf8_strlen(word, -1);
      if (column > (glong)indent && column + 1 + w > width) {
        g_string_append_c(out, '\n');
        for (gsize k = 0; k < indent; k++)
          g_string_append_c(out, ' ');
        column = (glong)indent;
      } else if (column > (glong)indent) {
        g_string_append_c(out, ' ');
        column++;
      }
      g_string_append(out, word);
      column += w;
      p += len;
      while (*p == ' ')
        p++;
    }
  }
  g_strfreev(lines);
  return g_string_free(out, FALSE);
}

gboolean rsk_cli_parse(rsk_out *out, const char *name, const char *params,
                       const char *description, const GOptionEntry *entries,
                       int *argc, char ***argv)
{
  g_autofree char *usage = g_strdup_printf("%s %s", name, params);
  GOptionContext *context = g_option_context_new(usage);
  g_autoptr(GError) error = NULL;

  g_autofree char *summary = wrap_help(description, 78);
  g_option_context_set_summary(context, summary);
  if (entries)
    g_option_context_add_main_entries(context, entries, NULL);
  *argv = split_short_values(entries, argc, *argv);
  /* GOption's own help says "riskscope [OPTION…] analyze FILE": good. */
  gboolean ok = g_option_context_parse(context, argc, argv, &error);
  if (!ok) {
    rsk_cli_error(out, "%s: %s", name, error->message);
    fprintf(out->err, "try \"riskscope %s --help\"\n", name);
  }
  g_option_context_free(context);
  /* "--" ends the options ("search -- -term"); GOption leaves it among the
   * arguments. */
  for (int i = 1; ok && i < *argc; i++) {
    if (strcmp((*argv)[i], "--") == 0) {
      memmove(*argv + i, *argv + i + 1, sizeof(char *) * (gsize)(*argc - i));
      (*argc)--;
      break;
    }
  }
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

static void say_waiting(gpointer data)
{
  rsk_cli_lock_notice *notice = data;
  rsk_cli_error(notice->out, "waiting for the database lock held by another "
                "riskscope... (up to %d s, --lock-timeout)", notice->seconds);
}

rsk_lock_wait rsk_cli_lock_wait(rsk_cli_lock_notice *notice)
{
  return (rsk_lock_wait){.timeout_ms = notice->seconds * 1000,
                         .waiting = say_waiting, .data = notice};
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

int rsk_cli_tty_columns(FILE *stream)
{
  struct winsize ws;
  if (isatty(fileno(stream)) && ioctl(fileno(stream), TIOCGWINSZ, &ws) == 0)
    return ws.ws_col;
  return 0;
}

int rsk_cli_terminal_width(FILE *stream)
{
  const char *columns = g_getenv("COLUMNS");
  if (columns && atoi(columns) > 0)
    return atoi(columns);
  if (!isatty(fileno(stream)))
    return 0;
  int n = rsk_cli_tty_columns(stream);
  return n > 0 ? n : 80;
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
