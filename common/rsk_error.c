/* rsk_error.c - the riskscope GError domain
 *
 * SPDX-License-Identifier: MIT
 */
#include "rsk_error.h"

#include <string.h>

G_DEFINE_QUARK(riskscope-error-quark, rsk_error)

void rsk_error_set_io(GError **error, const char *path, const GError *io)
{
  /* GLib quotes the name in curly quotes, then ": " and the reason. */
  const char *close = strstr(io->message, "\xe2\x80\x9d: ");
  const char *reason = close ? close + strlen("\xe2\x80\x9d: ") : io->message;
  g_set_error(error, RSK_ERROR, RSK_ERROR_IO, "%s: %s", path, reason);
}
