/* literals.h - a set of literals, found all at once in a text (inside taxonomy/)
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include <glib.h>

/* Every literal of a taxonomy's patterns, and once compiled, one automaton
 * that finds all of them in one pass over a text. Read-only once compiled:
 * threads may scan with it at the same time. */
typedef struct rsk_literals rsk_literals;

rsk_literals *rsk_literals_new(void);
void rsk_literals_free(rsk_literals *literals);

/* The id of the literal TEXT[0, LEN) (lower case), wanting a word
 * boundary BEFORE and/or AFTER it, added if new. Not once compiled. */
guint rsk_literals_add(rsk_literals *literals, const char *text, gsize len, gboolean before,
                       gboolean after);

/* Builds the automaton; call once, after the last rsk_literals_add(). */
void rsk_literals_compile(rsk_literals *literals);
gboolean rsk_literals_compiled(const rsk_literals *literals);

/* Bytes of the bit set that rsk_literals_scan() fills. */
gsize rsk_literals_set_size(const rsk_literals *literals);

/* Marks in FOUND (rsk_literals_set_size() bytes, cleared by the caller)
 * each literal that occurs in TEXT[0, LEN). Returns FALSE when TEXT holds a
 * character that a caseless pattern matches as an ASCII letter (U+212A
 * KELVIN SIGN, U+017F LONG S), or when nothing was compiled: then the scan
 * cannot judge and no pattern may be skipped. */
gboolean rsk_literals_scan(const rsk_literals *literals, const char *text, gsize len,
                           guint8 *found);
