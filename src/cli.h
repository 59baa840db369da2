/* cli.h - what every subcommand shares: output streams, errors, defaults
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "store.h"

#include <glib.h>
#include <stdio.h>

/* Exit statuses of every subcommand. */
enum { RSK_EXIT_OK = 0, RSK_EXIT_FAILURE = 1, RSK_EXIT_USAGE = 2 };

/* All user-visible text goes through one of these, so tests can capture it. */
typedef struct {
  FILE *out;
  FILE *err;
  int verbosity;  /* 0 quiet, 1 normal, 2 verbose */
} rsk_out;

typedef int (*rsk_command_fn)(int argc, char **argv, rsk_out *out);

typedef struct {
  const char *name;
  const char *summary;      /* one line for "riskscope --help" */
  rsk_command_fn run;
} rsk_command;

/* Prints "riskscope: MESSAGE" on the error stream. Control characters
 * in MESSAGE (file names, document text) show as escapes (terminal.h). */
void rsk_cli_error(rsk_out *out, const char *format, ...) G_GNUC_PRINTF(2, 3);

/* Prints like fprintf, for text meant for a terminal: control characters,
 * bidirectional overrides and invalid UTF-8 that the arguments bring (a
 * PDF's title, a file name) show as escapes; '\n' stays a line break. */
void rsk_cli_print(FILE *stream, const char *format, ...) G_GNUC_PRINTF(2, 3);

/* Writes TEXT to STREAM made safe as rsk_cli_print() does. */
void rsk_cli_write(FILE *stream, const char *text);

/* Parses ARGV with ENTRIES for subcommand NAME ("analyze"), with PARAMS
 * describing the positional arguments ("FILE..."). Prints the usage error
 * and returns FALSE on a mistake; the caller then returns RSK_EXIT_USAGE.
 * "--help" prints the help and exits 0. */
gboolean rsk_cli_parse(rsk_out *out, const char *name, const char *params,
                       const char *description, const GOptionEntry *entries,
                       int *argc, char ***argv);

/* Checks a --format FORMAT that may be "text" or "json" (NULL: text);
 * otherwise prints the usage error for subcommand NAME and returns FALSE,
 * and the caller returns RSK_EXIT_USAGE. */
gboolean rsk_cli_text_or_json(rsk_out *out, const char *name, const char *format);

/* TRUE when OUTPUT would overwrite the database at DB (or its -wal or
 * -shm file); then prints "riskscope: NAME: ..." and the caller returns
 * RSK_EXIT_USAGE. */
gboolean rsk_cli_output_is_database(rsk_out *out, const char *name,
                                    const char *output, const char *db);

/* How a command that writes the database waits for another process's
 * lock: NOTICE->seconds at most, saying once on NOTICE->out's error stream
 * that it waits. NOTICE must outlive the store. */
typedef struct {
  rsk_out *out;
  int seconds;
} rsk_cli_lock_notice;

rsk_lock_wait rsk_cli_lock_wait(rsk_cli_lock_notice *notice);

/* The --lock-timeout option for ENTRIES, into *SECONDS. */
#define RSK_CLI_LOCK_TIMEOUT_OPTION(seconds)                                    \
  {"lock-timeout", 0, 0, G_OPTION_ARG_INT, (seconds),                           \
   "Wait S s at most for another's lock (default 60)", "S"}

/* The database path: OPTION when set, else $RISKSCOPE_DB, else riskscope.db. */
const char *rsk_cli_db_path(const char *option);

/* The width to fit text on STREAM to: $COLUMNS when set (as ls does), else
 * the terminal's when STREAM is one; 0 (no limit known) in a pipe. */
int rsk_cli_terminal_width(FILE *stream);

/* The columns of the terminal STREAM is, as the terminal says now (it may
 * have been resized since $COLUMNS was set); 0 when it is not one. */
int rsk_cli_tty_columns(FILE *stream);

/* The options that leave filings out of compare, trend and report. */
typedef struct {
  char **exclude;             /* --exclude FILING, repeatable */
  gboolean include_flagged;   /* --include-flagged */
} rsk_cli_leave_out;

#define RSK_CLI_LEAVE_OUT_ENTRIES(lo)                                        \
  {"exclude", 0, 0, G_OPTION_ARG_STRING_ARRAY, &(lo).exclude,               \
   "Leave this filing out (repeat, or A,B)", "FILING"},                     \
  {"include-flagged", 0, 0, G_OPTION_ARG_NONE, &(lo).include_flagged,       \
   "Keep filings with sanity flags (left out by default)", NULL}

/* Frees what the options hold. */
void rsk_cli_leave_out_clear(rsk_cli_leave_out *lo);

/* The subcommands, one file each (cmd_<name>.c). */
int rsk_cmd_analyze(int argc, char **argv, rsk_out *out);
int rsk_cmd_extract(int argc, char **argv, rsk_out *out);
int rsk_cmd_list(int argc, char **argv, rsk_out *out);
int rsk_cmd_show(int argc, char **argv, rsk_out *out);
int rsk_cmd_export(int argc, char **argv, rsk_out *out);
int rsk_cmd_compare(int argc, char **argv, rsk_out *out);
int rsk_cmd_trend(int argc, char **argv, rsk_out *out);
int rsk_cmd_diff(int argc, char **argv, rsk_out *out);
int rsk_cmd_search(int argc, char **argv, rsk_out *out);
int rsk_cmd_report(int argc, char **argv, rsk_out *out);
int rsk_cmd_merge(int argc, char **argv, rsk_out *out);
int rsk_cmd_remove(int argc, char **argv, rsk_out *out);
int rsk_cmd_taxonomy(int argc, char **argv, rsk_out *out);
int rsk_cmd_eval(int argc, char **argv, rsk_out *out);
