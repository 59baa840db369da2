/* cmd_search.c - riskscope search
 *
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

int rsk_cmd_search(int argc, char **argv, rsk_out *out)
{
  (void)argc;
  (void)argv;
  rsk_cli_error(out, "search: not implemented yet");
  return RSK_EXIT_FAILURE;
}
