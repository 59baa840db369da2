/* main.c - the riskscope command: dispatch to one subcommand
 *
 * SPDX-License-Identifier: MIT
 */
#include "allocator.h"
#include "cli.h"
#include "rsk_config.h"

#include <errno.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const rsk_command commands[] = {
  {"analyze", "extract, segment, tag and store filings", rsk_cmd_analyze},
  {"list", "list the stored filings", rsk_cmd_list},
  {"show", "show one stored filing's risk factors and tags", rsk_cmd_show},
  {"extract", "print a PDF's lines with their fonts (no database)", rsk_cmd_extract},
  {"export", "write the stored risk factors as JSONL, JSON, CSV or Markdown", rsk_cmd_export},
  {"compare", "company x category matrix, ranked with --sort", rsk_cmd_compare},
  {"trend", "one company's categories over its filings", rsk_cmd_trend},
  {"diff", "what changed between two filings", rsk_cmd_diff},
  {"search", "full-text search over stored risk factors", rsk_cmd_search},
  {"report", "a self-contained HTML report", rsk_cmd_report},
  {"merge", "join databases made elsewhere into one", rsk_cmd_merge},
  {"remove", "delete stored filings whole", rsk_cmd_remove},
  {"taxonomy", "validate or list a taxonomy (taxonomy check [PATH])", rsk_cmd_taxonomy},
  {"eval", "score stored results against gold files", rsk_cmd_eval},
};

static void print_help(FILE *stream)
{
  fprintf(stream,
          "Usage: riskscope COMMAND [OPTION...] [ARG...]\n"
          "\n"
          "Reads prospectuses and annual reports (PDF), finds the Risk Factors\n"
          "section, splits it into risk factors, tags each with AI-regulation\n"
          "risk categories and stores the results in SQLite.\n"
          "\n"
          "Commands:\n");
  for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
    fprintf(stream, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fprintf(stream,
          "\n"
          "\"riskscope COMMAND --help\" describes a command's options.\n"
          "The database is riskscope.db in the current directory unless --db\n"
          "or $RISKSCOPE_DB names another.\n"
          "Exit status: 0 ok, 1 failure, 2 usage error.\n");
}

/* Standard output is buffered: a full disk or /dev/full shows when the
 * buffer is written, often after the command thinks it is done. So the
 * streams are checked when the process exits, however it exits (GOption's
 * --help calls exit() itself), as coreutils' close_stdout does. */
static void check_standard_streams(void)
{
  gboolean failed = FALSE;
  int err = 0;
  errno = 0;
  if (fflush(stdout) != 0) {
    failed = TRUE;
    err = errno;
  } else if (ferror(stdout)) {
    failed = TRUE;
  }
  if (fclose(stdout) != 0 && !failed) {
    failed = TRUE;
    err = errno;
  }
  if (failed)
    fprintf(stderr, "riskscope: write error: standard output%s%s\n",
            err ? ": " : "", err ? g_strerror(err) : "");
  if (fflush(stderr) != 0 || ferror(stderr))
    failed = TRUE;
  if (failed)
    _exit(RSK_EXIT_FAILURE);
}

int main(int argc, char **argv)
{
  rsk_out out = {.out = stdout, .err = stderr, .verbosity = 1};

  atexit(check_standard_streams);
  rsk_allocator_tune();
  setlocale(LC_ALL, "");
  if (argc < 2) {
    print_help(stderr);
    return RSK_EXIT_USAGE;
  }
  if (strcmp(argv[1], "help") == 0 && argc > 2) {
    /* "riskscope help analyze" is "riskscope analyze --help". */
    char *help_argv[] = {argv[2], "--help", NULL};
    g_set_prgname("riskscope");
    for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
      if (strcmp(argv[2], commands[i].name) == 0)
        return commands[i].run(2, help_argv, &out);
  }
  if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
      strcmp(argv[1], "help") == 0) {
    print_help(stdout);
    return RSK_EXIT_OK;
  }
  if (strcmp(argv[1], "--version") == 0) {
    printf("riskscope %s\n", RSK_VERSION);
    printf("allocator: %s\n", rsk_allocator_name());
    return RSK_EXIT_OK;
  }
  for (size_t i = 0; i < G_N_ELEMENTS(commands); i++) {
    if (strcmp(argv[1], commands[i].name) == 0) {
      g_set_prgname("riskscope");
      return commands[i].run(argc - 1, argv + 1, &out);
    }
  }
  rsk_cli_error(&out, "unknown command \"%s\"", argv[1]);
  if (argv[1][0] == '-')
    fprintf(stderr, "options go after the command, e.g. \"riskscope list --db PATH\"\n");
  fprintf(stderr, "try \"riskscope --help\"\n");
  return RSK_EXIT_USAGE;
}
