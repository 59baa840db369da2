/* rsk_error.h - the GError domain shared by every riskscope stage
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include <glib.h>

#define RSK_ERROR (rsk_error_quark())

typedef enum {
  RSK_ERROR_IO,               /* a file could not be read or written */
  RSK_ERROR_PDF,              /* not a PDF, damaged, or Poppler refused it */
  RSK_ERROR_ENCRYPTED,        /* needs a password, or the password is wrong */
  RSK_ERROR_NO_TEXT,          /* no text layer (scanned) or unreadable text */
  RSK_ERROR_NO_RISK_SECTION,  /* no Risk Factors section could be found */
  RSK_ERROR_TAXONOMY,         /* the taxonomy file is malformed */
  RSK_ERROR_DB,               /* SQLite failed, or the schema is foreign */
  RSK_ERROR_NOT_FOUND,        /* a FILING or other name matched nothing */
  RSK_ERROR_USAGE,            /* the caller's arguments are wrong */
  RSK_ERROR_FORMAT,           /* neither a PDF nor an HTML filing */
  RSK_ERROR_INTERRUPTED,      /* stopped by a signal (Ctrl-C) */
  RSK_ERROR_LIMIT,            /* over a memory or time limit */
} rsk_error_code;

GQuark rsk_error_quark(void);

/* Sets ERROR (RSK_ERROR_IO) to "PATH: reason" from a GLib file error IO,
 * whose own message ("Failed to open file “PATH”: reason") would say the
 * path a second time and not in the shape riskscope's messages have. */
void rsk_error_set_io(GError **error, const char *path, const GError *io);
