/* fixtures.h - PDFs drawn with cairo for the extractor tests
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include <glib.h>

/* A fresh temporary directory; remove with fixture_dir_free(). */
char *fixture_dir_new(void);
void fixture_dir_free(char *dir);

/* PAGES letter-size pages (numbered from 12 in the footer as "– 12 –"),
 * each with the running header "ACME HOLDINGS LIMITED", a bold sans
 * sub-section heading, a bold-italic serif risk heading, an italic line,
 * plain body lines (one with a ﬁ ligature and curly quotes, one ending in
 * "regu-"), a line drawn in fake bold (every glyph printed twice 0.25 pt
 * apart), a line printed twice 1.3 pt apart and,
 * in the body on every page, the line "Risks Related to Our Business". */
char *fixture_styled_pdf(const char *dir, int pages);

/* One page with a rectangle and no text. */
char *fixture_empty_pdf(const char *dir);

/* A text file named like a PDF. */
char *fixture_not_pdf(const char *dir);

/* One A4 page written by hand: LINES (NULL-terminated, Chinese in the
 * Basic Multilingual Plane) in a CID-keyed font on the predefined CMap
 * UniCNS-UCS2-H (Adobe-CNS1), not embedded, as traditional-Chinese
 * prospectuses are often made. Poppler needs poppler-data to read it.
 * Returns its path, or NULL when it cannot be written. */
char *fixture_cid_chinese_pdf(const char *dir, const char *const *lines);

/* Releases cairo's and fontconfig's caches so leak checkers stay quiet. */
void fixture_shutdown(void);
