/* sha256.h - the SHA-256 that identifies a filing (resume keys on it)
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include <glib.h>

/* DATA[0, LEN)'s SHA-256 in lower-case hex, into HEX (65 bytes with the
 * NUL). Nettle's when the build has it (it uses the CPU's SHA
 * instructions: about four times GLib's speed), GLib's otherwise. */
void rsk_sha256_hex(const void *data, gsize len, char hex[65]);

/* The same, as 32 raw bytes. */
void rsk_sha256_digest(const void *data, gsize len, guint8 digest[32]);
