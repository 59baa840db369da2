/* hanzi_fold.h - fold traditional Chinese characters to simplified ones
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include <glib.h>

/* One character of the table: a traditional form and its simplified form,
 * both 3 bytes long in UTF-8. */
typedef struct {
  guint32 traditional;
  guint32 simplified;
} rsk_hanzi_pair;

/* The simplified form of C, or C itself when it has none in the table. */
gunichar rsk_hanzi_simplify(gunichar c);

/* A copy of TEXT[0, LEN) with every traditional character of the table
 * replaced by its simplified form. The copy has the same length and the
 * same byte offsets as TEXT (only 3-byte characters are replaced by 3-byte
 * characters), and is NUL-terminated. Returns NULL when TEXT has nothing
 * to fold: the caller then uses TEXT itself. Free with g_free(). Bytes
 * that are not valid UTF-8 are copied unchanged. */
char *rsk_hanzi_fold(const char *text, gsize len);

/* The table, sorted by traditional code point; *N gets its length. */
const rsk_hanzi_pair *rsk_hanzi_table(gsize *n);
