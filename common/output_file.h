/* output_file.h - write a whole output (export, report) to a path safely
 *
 * What a path names decides how it is written:
 *
 * - a regular file or a path that does not exist yet: a temporary file
 *   beside it, renamed over it once everything was written, so a reader
 *   never sees half an output and a failed write leaves the old file;
 * - a character device, a FIFO or a socket (/dev/null, a named pipe):
 *   written straight into, never replaced by a file;
 * - /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N: that descriptor
 *   of ours, where the shell pointed it;
 * - a symbolic link: followed only to a device, FIFO or socket; a link to
 *   a regular file (or to nothing) is refused, so the output never lands in
 *   a file the user did not name;
 * - a directory or a block device: refused.
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include <glib.h>
#include <stdio.h>

typedef struct rsk_output rsk_output;

/* Opens PATH for writing as described above. Fails with RSK_ERROR_IO and a
 * message naming PATH. Finish with rsk_output_close(). */
rsk_output *rsk_output_open(const char *path, GError **error);

/* The stream to write to; owned by OUTPUT. */
FILE *rsk_output_stream(rsk_output *output);

/* Flushes and closes OUTPUT and frees it. When OK (the caller wrote all it
 * meant to) and every write succeeded, a temporary file is synced and
 * renamed into place; otherwise it is removed and PATH left as it was.
 * Returns FALSE on a write error (set in ERROR, which may be NULL when the
 * caller already failed) or when OK was FALSE. NULL is allowed. */
gboolean rsk_output_close(rsk_output *output, gboolean ok, GError **error);
