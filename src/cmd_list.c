/* cmd_list.c - riskscope list
 *
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

int rsk_cmd_list(int argc, char **argv, rsk_out *out)
{
  (void)argc;
  (void)argv;
  rsk_cli_error(out, "list: not implemented yet");
  return RSK_EXIT_FAILURE;
}
