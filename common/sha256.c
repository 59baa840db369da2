/* sha256.c - SHA-256 through nettle, or GLib without it
 *
 * SPDX-License-Identifier: MIT
 */
#include "sha256.h"

#ifdef RSK_HAVE_NETTLE
#include <nettle/sha2.h>
#endif

void rsk_sha256_digest(const void *data, gsize len, guint8 digest[32])
{
#ifdef RSK_HAVE_NETTLE
  struct sha256_ctx ctx;
  sha256_init(&ctx);
  sha256_update(&ctx, len, data);
  sha256_digest(&ctx, SHA256_DIGEST_SIZE, digest);
#else
  gsize n = 32;
  GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
  g_checksum_update(sum, data, (gssize)len);
  g_checksum_get_digest(sum, digest, &n);
  g_checksum_free(sum);
#endif
}

void rsk_sha256_hex(const void *data, gsize len, char hex[65])
{
  static const char digits[] = "0123456789abcdef";
  guint8 digest[32];
  rsk_sha256_digest(data, len, digest);
  for (guint i = 0; i < 32; i++) {
    hex[2 * i] = digits[digest[i] >> 4];
    hex[2 * i + 1] = digits[digest[i] & 15];
  }
  hex[64] = '\0';
}
