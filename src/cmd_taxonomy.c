/* cmd_taxonomy.c - riskscope taxonomy
 *
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

int rsk_cmd_taxonomy(int argc, char **argv, rsk_out *out)
{
  (void)argc;
  (void)argv;
  rsk_cli_error(out, "taxonomy: not implemented yet");
  return RSK_EXIT_FAILURE;
}
