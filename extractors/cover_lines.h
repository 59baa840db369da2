/* cover_lines.h - what the identity readers share: the cover pages of a filing
 * and where its lines sit on them (inside extractors/)
 *
 * issuer.c and identifiers.c read labelled places of a cover: the line
 * above a caption, the cells below a column header, the value beside a
 * label. Lines carry their position when the reader knows it (PDF); a
 * line without one (x1 = x0 and y1 = y0, as a reader of flowing text may
 * give) is taken to overlap every column, and reading order stands in for
 * "above" and "below".
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "filing.h"

/* An annual report may put glossy pages before the 10-K cover. */
enum { RSK_COVER_PAGES = 10 };

/* TRUE when NEEDLE (lower case) occurs in TEXT, ignoring case. */
gboolean rsk_contains_ci(const char *text, const char *needle);

/* TRUE when LINE has a position on its page. */
gboolean rsk_line_placed(const rsk_line *line);

/* TRUE when A and B share part of their width, SLACK points allowed
 * between them; TRUE when either has no position. */
gboolean rsk_lines_overlap_x(const rsk_line *a, const rsk_line *b,
                             float slack);

/* TRUE when A is printed above B on B's page: its middle is above B's top
 * (with no positions: A comes first in reading order, BEFORE). */
gboolean rsk_line_above(const rsk_line *a, const rsk_line *b, gboolean before);

/* TRUE when A and B are printed on one row: their heights overlap by more
 * than half the smaller one (with no positions: never). */
gboolean rsk_lines_same_row(const rsk_line *a, const rsk_line *b);

/* Points between the bottom of A and the top of B below it (0 without
 * positions). */
float rsk_lines_gap(const rsk_line *above, const rsk_line *below);

/* The page of FILING's cover: the first of its first RSK_COVER_PAGES pages
 * that has a line only a cover prints ("SECURITIES AND EXCHANGE
 * COMMISSION", "Commission File Number", "Stock Code", 股份代號, the Hong
 * Kong exchange's disclaimer, ...); 1 when none has. */
int rsk_cover_page(const rsk_filing *filing);
