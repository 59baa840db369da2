/* line_stream.h - the byte format fuzz_segment reads lines from
 *
 * An input is a list of records separated by '\n'. Each record is two
 * control bytes and the text of one line:
 *
 *   byte 0: bit 0 bold, bit 1 italic, bit 2 underline, bit 3 furniture,
 *           bit 4 the line starts a new page, bits 5-7 size class
 *           (font size 7 + 2 * class points)
 *   byte 1: bits 0-6 left indent (x0 = 50 + 3 * value points),
 *           bit 7 the line has two spans: the second half of the text
 *           toggles bold (a heading run inside a body line)
 *   rest:   the text, normalised with rsk_text_normalize() as the
 *           extractor does (invalid UTF-8 becomes U+FFFD)
 *
 * Records shorter than two bytes are skipped. make_seeds writes the lines
 * of generated PDFs in this format as the seed corpus.
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "filing.h"

#include <glib.h>

/* Appends the lines decoded from DATA to FILING (sets page_count). */
void rsk_fuzz_lines_decode(rsk_filing *filing, const guint8 *data, gsize size);

/* Appends the lines of FILING to OUT in the format above. */
void rsk_fuzz_lines_encode(const rsk_filing *filing, GByteArray *out);
