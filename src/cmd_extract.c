/* cmd_extract.c - riskscope extract
 *
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

int rsk_cmd_extract(int argc, char **argv, rsk_out *out)
{
  (void)argc;
  (void)argv;
  rsk_cli_error(out, "extract: not implemented yet");
  return RSK_EXIT_FAILURE;
}
