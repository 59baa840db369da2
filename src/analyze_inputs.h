/* analyze_inputs.h - which files one `riskscope analyze` call works on
 *
 * The paths of the command line and of --files-from lists, cut down to this
 * call's --shard K/N, less the filings the database already holds (resume).
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "cli.h"

#include <glib.h>

typedef struct {
  char **files_from;        /* --files-from PATHs ("-": stdin), or NULL */
  gboolean null_separated;  /* --null: lists are NUL-separated */
  const char *shard;        /* --shard K/N, or NULL */
  gboolean force;           /* --force: analyse stored filings again */
  gboolean dry_run;         /* open the database read-only, never create it */
  const char *db_path;      /* as given to rsk_cli_db_path() */
  const char *taxonomy_path;
  int jobs;                 /* threads that hash files for resume; 0: cores */
} rsk_inputs_request;

typedef struct {
  GPtrArray *files;         /* char *: to analyse, in input order */
  guint listed;             /* paths given, command line and lists */
  guint in_shard;           /* of those, in this shard (all without one) */
  guint skipped;            /* of those, already stored: not in FILES */
  guint shard_k, shard_n;   /* --shard K/N; 0/0 without */
  char *taxonomy_version;   /* what resume compared with, or NULL */
} rsk_inputs;

/* Gathers the files of one analyze call: the N_ARGS paths of ARGS, then
 * those of each list, kept when they fall in the shard and, unless FORCE,
 * when the database holds no filing with their sha256 and the taxonomy's
 * version. Fails with RSK_ERROR_USAGE for a malformed --shard or when no
 * path is given at all; RSK_ERROR_IO for a list that cannot be read or is
 * malformed; RSK_ERROR_TAXONOMY or RSK_ERROR_DB when resume cannot open
 * the taxonomy or the database. Clear INPUTS with rsk_inputs_clear() in
 * either case. */
gboolean rsk_inputs_gather(const rsk_inputs_request *request, char **args,
                           guint n_args, rsk_inputs *inputs, GError **error);
void rsk_inputs_clear(rsk_inputs *inputs);

/* Prints what the shard and resume left out, on OUT's error stream:
 * "riskscope: shard 2/4: 13 of 50 files" and "riskscope: 5 of 13 files
 * already stored in DB (...): skipped; --force analyses them again". */
void rsk_inputs_report(const rsk_inputs *inputs, const char *db_path,
                       rsk_out *out);

/* Parses "K/N" (1 <= K <= N) into *K and *N, or fails with
 * RSK_ERROR_USAGE. */
gboolean rsk_shard_parse(const char *text, guint *k, guint *n, GError **error);

/* The shard (1..N) that PATH falls in: a jump consistent hash of the first
 * 8 bytes (big-endian) of the SHA-256 of PATH's bytes, plus 1. It depends
 * on PATH and N only, so every task of a job array agrees with no
 * coordination, adding files moves none of the others, and going from N
 * to N+1 shards moves only about 1 file in N+1. */
guint rsk_shard_of(const char *path, guint n);

/* Appends the paths of the list at PATH ("-": standard input) to FILES
 * (char *, g_free): one a line (a CR before the LF is dropped), or
 * NUL-separated when NULL_SEPARATED; empty entries are skipped. Fails with
 * RSK_ERROR_IO naming the list (and the line, for a NUL byte in a list of
 * lines). */
gboolean rsk_inputs_read_list(const char *path, gboolean null_separated,
                              GPtrArray *files, GError **error);
