/* cmd_compare.c - riskscope compare
 *
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

int rsk_cmd_compare(int argc, char **argv, rsk_out *out)
{
  (void)argc;
  (void)argv;
  rsk_cli_error(out, "compare: not implemented yet");
  return RSK_EXIT_FAILURE;
}
