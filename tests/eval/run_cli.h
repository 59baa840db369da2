/* run_cli.h - run the built riskscope from the end-to-end eval tests
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include <glib.h>

/* Runs the riskscope of $RISKSCOPE_EXE with ARGS (char *, without the
 * program; a NULL is appended), asserting it could be started. Returns its
 * exit status and its stdout in *OUT (free with g_free()); its stderr is
 * printed. */
int run_cli(GPtrArray *args, char **out);

/* Removes the database DB, its -wal and -shm files and then DIR. */
void remove_db(const char *dir, const char *db);
