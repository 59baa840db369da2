/* cmd_merge.c - riskscope merge
 *
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

int rsk_cmd_merge(int argc, char **argv, rsk_out *out)
{
  (void)argc;
  (void)argv;
  rsk_cli_error(out, "merge: not implemented yet");
  return RSK_EXIT_FAILURE;
}
