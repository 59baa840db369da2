/* cmd_analyze.c - riskscope analyze
 *
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

int rsk_cmd_analyze(int argc, char **argv, rsk_out *out)
{
  (void)argc;
  (void)argv;
  rsk_cli_error(out, "analyze: not implemented yet");
  return RSK_EXIT_FAILURE;
}
