/* prefilter.h - literals a pattern cannot match without (inside taxonomy/)
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "literals.h"

#include <glib.h>

/* What one pattern needs: an AND/OR tree over literals. */
typedef struct rsk_prefilter rsk_prefilter;

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

/* Reads many patterns into one LITERALS, as rsk_prefilter_new() does,
 * reusing its working memory from one pattern to the next (a taxonomy has
 * hundreds). Free with rsk_prefilter_reader_free() before compiling
 * LITERALS. */
typedef struct rsk_prefilter_reader rsk_prefilter_reader;
rsk_prefilter_reader *rsk_prefilter_reader_new(rsk_literals *literals);
void rsk_prefilter_reader_free(rsk_prefilter_reader *reader);
rsk_prefilter *rsk_prefilter_read(rsk_prefilter_reader *reader, const char *pattern,
                                  gboolean whole_text);

/* FALSE when FILTER's pattern cannot match a text whose literals are
 * FOUND; TRUE when it may. A NULL FILTER may always match. */
gboolean rsk_prefilter_may_match(const rsk_prefilter *filter, const guint8 *found);
