/* read_watchdog.h - read PDFs in a child process that may be killed
 *
 * The memory and CPU half of the page guard (page_guard.h). A command that
 * reads PDFs (analyze, extract) hands its work to rsk_watchdog_run(): the
 * work runs in a child process while this one, single-threaded and small,
 * watches the child's resident memory and the CPU time each page takes.
 * Over a limit the child is killed, a verdict is left on the shared board,
 * and the work runs again in a new child:
 *
 * - several pages were in flight: they are read one at a time (fewer
 *   workers for pages this big), so the next kill names one page;
 * - one page was in flight and took the memory, or the time: it is
 *   skipped, and the filing gets a flag naming it;
 * - no page was, or the document had the memory before the page began:
 *   the filing fails, "needs more than N MB".
 *
 * The work is a list of N_ITEMS files read in order whose outcomes are
 * reported in order (analyze's pipeline). A new child starts at the first
 * item whose outcome is not out yet, so nothing is printed or stored
 * twice; the database's transactions see to it that a killed child leaves
 * no half-stored filing.
 *
 * The watchdog costs a fork and reading /proc/PID/statm every 20 ms: no
 * second parse of any PDF, nothing per operator.
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include <glib.h>

#ifdef RSK_SANITIZED
/* AddressSanitizer's shadow memory and quarantine multiply what a process
 * keeps resident, and its checks slow every page (meson.build). */
#define RSK_WATCHDOG_MAX_MEMORY_MB 2400
#define RSK_WATCHDOG_MAX_PAGE_SECONDS 100
#else
#define RSK_WATCHDOG_MAX_MEMORY_MB 400
#define RSK_WATCHDOG_MAX_PAGE_SECONDS 20
#endif

typedef struct {
  guint64 max_memory;       /* bytes resident for the whole reading process */
  double max_page_seconds;  /* CPU seconds one page may take */
} rsk_watchdog_limits;

/* Runs RUN(DATA) in a child process under LIMITS, as often as it takes;
 * returns the exit status of the last child (128 + N when a signal other
 * than the watchdog's ended it). Call it before any thread starts: the
 * child is a fork of this process. */
int rsk_watchdog_run(const rsk_watchdog_limits *limits, guint n_items,
                     int (*run)(gpointer data), gpointer data);

/* In the child; without a watchdog they do nothing (or return 0). */

/* The first item this child works on: the ones before it were reported by
 * a child that is gone. */
guint rsk_watchdog_first_item(void);

/* ITEM is being read (-1: none is). */
void rsk_watchdog_reading(int item);

/* ITEM's outcome is out (printed; stored or failed). Items are reported in
 * order. */
void rsk_watchdog_reported(guint item, gboolean failed);

/* Failures reported by children that are gone. */
guint rsk_watchdog_earlier_failures(void);

/* TRUE when the watchdog gave up on ITEM (it needs more memory than the
 * limit, or kept being killed); ERROR then says so, naming NAME. */
gboolean rsk_watchdog_gave_up(guint item, const char *name, GError **error);
