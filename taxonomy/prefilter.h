/* prefilter.h - literals a pattern cannot match without (inside taxonomy/)
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include <glib.h>

/* Every literal of a taxonomy's patterns, and once compiled, one automaton
 * that finds all of them in one pass over a text. Read-only once compiled:
 * threads may scan with it at the same time. */
typedef struct rsk_literals rsk_literals;

/* What one pattern needs: an AND/OR tree over literals. */
typedef struct rsk_prefilter rsk_prefilter;

rsk_literals *rsk_literals_new(void);
void rsk_literals_free(rsk_literals *literals);

/* Works out which literals PATTERN (PCRE2 syntax, UTF-8, as compiled:
 * macros expanded) cannot match without, and adds them to LITERALS.
 * WHOLE_TEXT: the pattern is matched over the whole text, so a \b beside a
 * literal can be checked against the text's own neighbours (not so for a
 * pattern run over a window cut out of the text). Returns NULL when the
 * pattern needs nothing that a scan can see: it must always run. Free with
 * rsk_prefilter_free(). */
rsk_prefilter *rsk_prefilter_new(rsk_literals *literals, const char *pattern,
                                 gboolean whole_text);
void rsk_prefilter_free(rsk_prefilter *filter);

/* Builds the automaton; call once, after the last rsk_prefilter_new(). */
void rsk_literals_compile(rsk_literals *literals);

/* Bytes of the bit set that rsk_literals_scan() fills. */
gsize rsk_literals_set_size(const rsk_literals *literals);

/* Marks in FOUND (rsk_literals_set_size() bytes, cleared by the caller)
 * each literal that occurs in TEXT[0, LEN). Returns FALSE when TEXT holds a
 * character that a caseless pattern matches as an ASCII letter (U+212A
 * KELVIN SIGN, U+017F LONG S): then the scan cannot judge and no pattern
 * may be skipped. */
gboolean rsk_literals_scan(const rsk_literals *literals, const char *text, gsize len,
                           guint8 *found);

/* FALSE when FILTER's pattern cannot match a text whose literals are
 * FOUND; TRUE when it may. A NULL FILTER may always match. */
gboolean rsk_prefilter_may_match(const rsk_prefilter *filter, const guint8 *found);
