/* cmd_report.c - riskscope report
 *
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

int rsk_cmd_report(int argc, char **argv, rsk_out *out)
{
  (void)argc;
  (void)argv;
  rsk_cli_error(out, "report: not implemented yet");
  return RSK_EXIT_FAILURE;
}
