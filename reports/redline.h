/* redline.h - a word-level redline of two versions of a text
 *
 * A redline shows what an editor did to a risk factor: the words struck
 * out and the words put in, in place, with the unchanged text around them.
 * It is computed on words (white space does not count: a line break that
 * moved is no change) and presented in runs: unchanged text alternating
 * with changes, each change one deletion and one insertion, either of
 * which may be empty.
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include <glib.h>

typedef struct rsk_redline rsk_redline;

/* Compares A (the old text) with B (the new); both are borrowed and must
 * outlive the result. Never fails. Free with rsk_redline_free(). */
rsk_redline *rsk_redline_compute(const char *a, const char *b);
void rsk_redline_free(rsk_redline *redline);

/* Number of changes, and of words deleted and inserted in all. */
guint rsk_redline_n_changes(const rsk_redline *redline);
guint rsk_redline_words_deleted(const rsk_redline *redline);
guint rsk_redline_words_inserted(const rsk_redline *redline);

/* Appends the changes to OUT as plain text, one hunk per line: CONTEXT
 * unchanged words on either side, "[-deleted-]" and "{+inserted+}" (the
 * markers of wdiff), "…" where unchanged text was left out; changes
 * closer than twice CONTEXT share a hunk. A deleted or inserted run of
 * over 60 words shows its first 30 and last 12 ("... 312 more words
 * ..." between). Line breaks become spaces. At
 * most MAX_HUNKS hunks (0: all); returns how many were left out. Each hunk
 * is wrapped to WIDTH columns (0: not wrapped) with INDENT spaces. */
guint rsk_redline_write_text(GString *out, const rsk_redline *redline,
                             guint context, guint max_hunks, int indent,
                             int width);

/* The same hunks as HTML, one <p class="hunk"> each, with <del> and <ins>
 * and every string escaped. */
guint rsk_redline_write_html_hunks(GString *out, const rsk_redline *redline,
                                   guint context, guint max_hunks);

/* Appends the whole new text to OUT as HTML paragraphs ("<p>...</p>", one
 * per line of B), deleted words in <del>, inserted ones in <ins>, every
 * string escaped. */
void rsk_redline_write_html(GString *out, const rsk_redline *redline);

/* Appends one line of text (a heading) with its changes marked as in
 * rsk_redline_write_text (HTML: as in rsk_redline_write_html_hunks),
 * whole, without wrapping. */
void rsk_redline_write_inline(GString *out, const rsk_redline *redline,
                              gboolean html);
