/* cmd_diff.c - riskscope diff
 *
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

int rsk_cmd_diff(int argc, char **argv, rsk_out *out)
{
  (void)argc;
  (void)argv;
  rsk_cli_error(out, "diff: not implemented yet");
  return RSK_EXIT_FAILURE;
}
