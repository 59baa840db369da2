/* cmd_export.c - riskscope export
 *
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

int rsk_cmd_export(int argc, char **argv, rsk_out *out)
{
  (void)argc;
  (void)argv;
  rsk_cli_error(out, "export: not implemented yet");
  return RSK_EXIT_FAILURE;
}
