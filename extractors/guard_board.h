/* guard_board.h - the memory shared by the read watchdog and its child
 *
 * Inside extractors/ only: page_guard.c (in the child, which reads) and
 * read_watchdog.c (in the parent, which watches) share one board, mapped
 * MAP_SHARED before the first fork so it outlives every child. Fields the
 * other process reads are gints written with g_atomic_int_set.
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include <glib.h>

enum {
  RSK_BOARD_SLOTS = 64,     /* pages in flight at once (one per worker) */
  RSK_BOARD_ENTRIES = 4096, /* verdicts the watchdog can hand down */
};

/* A verdict on a page (PAGE > 0) or a whole item (PAGE 0). */
typedef enum {
  RSK_VERDICT_ALONE = 1,    /* read this page with no other in flight */
  RSK_VERDICT_SKIP_MEMORY,  /* do not read: it took the process over the
                               memory limit on its own */
  RSK_VERDICT_SKIP_TIME,    /* do not read: it took more CPU than a page may */
  RSK_VERDICT_FAIL_MEMORY,  /* (item) give up: the document as a whole needs
                               more memory than the limit */
  RSK_VERDICT_FAIL_RESTARTS,/* (item) give up: killed too often */
} rsk_verdict;

typedef struct {
  gint item, page, verdict;
} rsk_board_entry;

typedef struct {
  /* Written by the child. */
  gint reading;              /* the item being read, -1 between items */
  gint reported;             /* items 0..reported-1 have their outcome out */
  gint failures;             /* of those, how many failed */
  struct {
    gint page;               /* 0: free */
    gint item;
    gint tid;                /* the worker thread, for its CPU time */
  } slots[RSK_BOARD_SLOTS];
  /* Written by the watchdog between children. */
  gint active;               /* a watchdog runs: page_guard.c consults this */
  gint n_entries;
  rsk_board_entry entries[RSK_BOARD_ENTRIES];
  guint64 max_memory;        /* bytes, for messages */
  double max_page_seconds;
} rsk_board;

/* The board of this process (NULL when no watchdog runs it). */
rsk_board *rsk_board_get(void);
void rsk_board_set(rsk_board *board);

/* The verdict the board holds for ITEM's PAGE (0: none). */
rsk_verdict rsk_board_verdict(const rsk_board *board, int item, int page);
