/* text.h - Unicode clean-up shared by extraction, matching and reports
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include <glib.h>

/* Returns a newly allocated copy of the UTF-8 text of LEN bytes (-1: up to
 * the NUL) with ligatures expanded (ﬁ → fi), every kind of space folded to
 * ' ', soft hyphens and control characters dropped, curly quotes and primes
 * made straight, and runs of white space collapsed to one space. Invalid
 * UTF-8 bytes become U+FFFD. Free with g_free(). */
char *rsk_text_normalize(const char *text, gssize len);

/* TRUE for every character rsk_text_normalize() folds to ' ': white space,
 * U+00A0 and the other fixed-width and narrow spaces. */
gboolean rsk_text_is_space(gunichar c);

/* Appends LINE to BUF as the next line of one paragraph: a line-end
 * hyphen between two lower-case letters is joined ("regu-" + "lation"),
 * anything else gets one space between. */
void rsk_text_append_line(GString *buf, const char *line);

/* Returns a newly allocated key of TEXT for fuzzy comparison: lower-cased,
 * with everything but letters and digits dropped (LABELING.md's rule). */
char *rsk_text_key(const char *text);

/* Counts the words (runs of letters or digits) in TEXT. */
int rsk_text_word_count(const char *text);

/* TRUE when every letter of TEXT is upper case and it has at least two. */
gboolean rsk_text_is_upper(const char *text);

/* Similarity of two strings in 0..1: 1 - edit distance / longer length.
 * Quadratic in time, linear in memory: meant for headings and short text. */
double rsk_similarity_ratio(const char *a, const char *b);
