/* cmd_eval.c - riskscope eval
 *
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

int rsk_cmd_eval(int argc, char **argv, rsk_out *out)
{
  (void)argc;
  (void)argv;
  rsk_cli_error(out, "eval: not implemented yet");
  return RSK_EXIT_FAILURE;
}
