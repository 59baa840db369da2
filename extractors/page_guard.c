/* page_guard.c - what reading one PDF page may cost
 *
 * The in-process half of the guard (page_guard.h): the character caps,
 * the interrupt, and the verdicts a watchdog left on the board. A page to
 * be read alone waits until no other page is in flight, and keeps the
 * others waiting while it runs, so that if memory runs out again the
 * watchdog knows which page did it.
 *
 * SPDX-License-Identifier: MIT
 */
#include "page_guard.h"

#include "guard_board.h"

#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile sig_atomic_t cancelled;
static rsk_board *board;

/* Pages in flight in this process, and whether one of them runs alone. */
static GMutex lock;
static GCond changed;
static int running;
static gboolean alone_running;

rsk_board *rsk_board_get(void)
{
  return board;
}

void rsk_board_set(rsk_board *b)
{
  board = b;
}

rsk_verdict rsk_board_verdict(const rsk_board *b, int item, int page)
{
  int n = g_atomic_int_get(&b->n_entries);
  for (int i = 0; i < n; i++)
    if (b->entries[i].item == item && b->entries[i].page == page)
      return (rsk_verdict)b->entries[i].verdict;
  return 0;
}

void rsk_page_guard_cancel(void)
{
  cancelled = 1;
}

gboolean rsk_page_guard_cancelled(void)
{
  return cancelled != 0;
}

static rsk_verdict verdict_of(int page)
{
  if (!board || !g_atomic_int_get(&board->active))
    return 0;
  return rsk_board_verdict(board, g_atomic_int_get(&board->reading), page);
}

/* Shows PAGE in flight on the board, for the watchdog's CPU accounting. */
static void publish(int page)
{
  if (!board)
    return;
  int item = g_atomic_int_get(&board->reading);
  int tid = (int)syscall(SYS_gettid);
  for (int i = 0; i < RSK_BOARD_SLOTS; i++) {
    if (g_atomic_int_compare_and_exchange(&board->slots[i].page, 0, -1)) {
      g_atomic_int_set(&board->slots[i].item, item);
      g_atomic_int_set(&board->slots[i].tid, tid);
      g_atomic_int_set(&board->slots[i].page, page);
      return;
    }
  }
}

static void unpublish(int page)
{
  if (!board)
    return;
  int tid = (int)syscall(SYS_gettid);
  for (int i = 0; i < RSK_BOARD_SLOTS; i++) {
    if (g_atomic_int_get(&board->slots[i].page) == page &&
        g_atomic_int_get(&board->slots[i].tid) == tid) {
      g_atomic_int_set(&board->slots[i].page, 0);
      return;
    }
  }
}

rsk_page_verdict rsk_page_guard_begin(int page)
{
  if (cancelled)
    return RSK_PAGE_STOP;
  rsk_verdict verdict = verdict_of(page);
  if (verdict == RSK_VERDICT_SKIP_MEMORY || verdict == RSK_VERDICT_SKIP_TIME)
    return RSK_PAGE_SKIP;
  gboolean alone = verdict == RSK_VERDICT_ALONE;
  g_mutex_lock(&lock);
  while (alone_running || (alone && running > 0))
    g_cond_wait(&changed, &lock);
  running++;
  alone_running = alone;
  g_mutex_unlock(&lock);
  publish(page);
  return RSK_PAGE_READ;
}

static void drop_text(rsk_page_lines *pl, char *why)
{
  g_array_set_size(pl->lines, 0);
  g_array_set_size(pl->spans, 0);
  pl->n_chars = pl->n_letters = pl->n_bad = pl->n_words = 0;
  pl->n_vowelless = pl->n_tokens = pl->n_common = pl->n_han = 0;
  g_free(pl->dropped);
  pl->dropped = why;
}

void rsk_page_guard_end(int page, rsk_page_lines *pl)
{
  rsk_verdict verdict = verdict_of(page);
  if (verdict == RSK_VERDICT_SKIP_MEMORY) {
    drop_text(pl, g_strdup_printf("page_skipped: page %d: reading it took more "
                                  "than the memory limit of %" G_GUINT64_FORMAT
                                  " MB (--max-memory)", page,
                                  board->max_memory >> 20));
    return;
  }
  if (verdict == RSK_VERDICT_SKIP_TIME) {
    drop_text(pl, g_strdup_printf("page_skipped: page %d: reading it took more "
                                  "than %g s of CPU (--max-page-seconds)", page,
                                  board->max_page_seconds));
    return;
  }
  unpublish(page);
  g_mutex_lock(&lock);
  running--;
  if (verdict == RSK_VERDICT_ALONE)
    alone_running = FALSE;
  g_cond_broadcast(&changed);
  g_mutex_unlock(&lock);
  if (pl->n_chars > RSK_PAGE_MAX_CHARS)
    drop_text(pl, g_strdup_printf("page_skipped: page %d: %u characters, more "
                                  "than the %d a page may hold", page,
                                  pl->n_chars, RSK_PAGE_MAX_CHARS));
}

gboolean rsk_page_guard_admit(rsk_filing *filing, const rsk_page_lines *pl,
                              guint64 *chars)
{
  if (pl->dropped)
    rsk_filing_flag(filing, "%s", pl->dropped);
  if (*chars + pl->n_chars > RSK_DOCUMENT_MAX_CHARS) {
    rsk_filing_flag(filing, "document_truncated: page %d and after not read: "
                    "the pages before hold the %d characters a document may",
                    pl->page, RSK_DOCUMENT_MAX_CHARS);
    return FALSE;
  }
  *chars += pl->n_chars;
  return TRUE;
}
