/* page_guard.h - what reading one PDF page may cost (inside extractors/)
 *
 * Poppler reads a page's content stream without limits: 3 million
 * unbalanced "q" take gigabytes, forms nested in forms draw text for hours,
 * and Poppler GLib exposes no operator count or depth to cap. Counting them
 * ourselves would mean inflating and scanning every content stream a
 * second time, about 3% of analyze's CPU on a 10-K. So the guard caps what
 * a page costs rather than what it contains:
 *
 * - characters, here, in the reading process: a page whose text runs past
 *   RSK_PAGE_MAX_CHARS is dropped, and a document stops being read once it
 *   holds RSK_DOCUMENT_MAX_CHARS;
 * - memory and CPU time, by read_watchdog.h: the reading runs in a child
 *   process whose resident memory and per-page CPU time a parent watches;
 *   over a limit it is killed and run again with the verdict on this
 *   board: the pages that were in flight read one at a time, the one that
 *   goes over on its own skipped.
 *
 * pdf.c calls begin and end around every page and admit when it merges
 * one. A page left out gets a flag on the filing that names it. Without a
 * watchdog (tests, fuzzers, the library) only the character caps apply.
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "lines.h"

#define RSK_PAGE_MAX_CHARS 200000
#define RSK_DOCUMENT_MAX_CHARS 20000000

typedef enum {
  RSK_PAGE_READ,   /* read it */
  RSK_PAGE_SKIP,   /* leave it out: rsk_page_guard_end() says why */
  RSK_PAGE_STOP,   /* stop reading: rsk_page_guard_cancel() was called */
} rsk_page_verdict;

/* Before a worker reads PAGE (1-based) of the document being read. May
 * wait while another page must be read alone. Pair every READ or SKIP with
 * rsk_page_guard_end(); after STOP, read nothing more. */
rsk_page_verdict rsk_page_guard_begin(int page);

/* After PAGE was read into PL (empty when it was skipped): records why a
 * skipped page is empty, and drops the text of a page over
 * RSK_PAGE_MAX_CHARS, in PL->dropped. */
void rsk_page_guard_end(int page, rsk_page_lines *pl);

/* When merging PL into a document whose pages so far hold *CHARS
 * characters (updated): FALSE, and a flag on FILING, once the document
 * would pass RSK_DOCUMENT_MAX_CHARS; the caller stops there. */
gboolean rsk_page_guard_admit(rsk_filing *filing, const rsk_page_lines *pl,
                              guint64 *chars);

/* Makes every later rsk_page_guard_begin() return RSK_PAGE_STOP (an
 * interrupt). Async-signal-safe. */
void rsk_page_guard_cancel(void);
gboolean rsk_page_guard_cancelled(void);
