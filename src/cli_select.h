/* cli_select.h - compare, trend and report: open the database, choose
 * the filings, say what was left out
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "cli.h"
#include "select.h"

/* Opens the database at DB read-only (*STORE) and selects from it with
 * OPTIONS plus LEAVE_OUT. Prints the selection's note ("left out 2
 * filings with sanity flags ...") on the error stream. On failure, or when
 * nothing is left to show, prints "riskscope: CMD: reason", closes the
 * store, sets *STATUS and returns NULL. */
rsk_selection *rsk_cli_select(rsk_out *out, const char *cmd, const char *db,
                              rsk_select_options *options,
                              const rsk_cli_leave_out *leave_out,
                              rsk_store **store, int *status);
