/* cmd_show.c - riskscope show
 *
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

int rsk_cmd_show(int argc, char **argv, rsk_out *out)
{
  (void)argc;
  (void)argv;
  rsk_cli_error(out, "show: not implemented yet");
  return RSK_EXIT_FAILURE;
}
