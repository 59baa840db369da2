/* read_watchdog.c - read PDFs in a child process that may be killed
 *
 * The parent does nothing but wait, in sigtimedwait(), for the child to
 * end or for 20 ms to pass; then it reads the child's resident size from
 * /proc/PID/statm (one pread on a descriptor kept open) and, every tenth
 * time, the CPU time of each worker that has a page in flight, from
 * /proc/PID/task/TID/stat. The workers say on the board which page they
 * read, and on which thread (page_guard.c).
 *
 * Resident size, not address space: an RLIMIT_AS would make Poppler's
 * allocations fail inside C++ code that cannot fail gracefully, and counts
 * the address space sanitizers reserve; a kill from outside always works.
 * Polling lets a page overshoot by what it allocates in 20 ms.
 *
 * Signals: the terminal sends Ctrl-C to the whole process group, so the
 * child gets it and winds down by itself (analyze's interrupt handling);
 * the parent passes on only what a process sent to it alone (kill PID),
 * and otherwise waits for the child's status.
 *
 * SPDX-License-Identifier: MIT
 */
#include "read_watchdog.h"

#include "guard_board.h"
#include "rsk_error.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum {
  POLL_MS = 20,
  CPU_EVERY = 10,        /* polls between readings of CPU time */
  MAX_KILLS = 64,        /* per item, then it is given up */
};

/* What the parent remembers of a page in flight. */
typedef struct {
  int page, item, tid;
  double cpu_start;      /* the thread's CPU seconds when first seen */
  guint64 rss_start;     /* the process's resident bytes then */
} watched;

typedef enum { ENDED, KILLED_MEMORY, KILLED_TIME } outcome;

/* The child's view, set when it starts. */
static guint earlier_failures;

/* ------------------------------------------------------------ /proc */

static guint64 resident_bytes(int statm_fd)
{
  char buf[128];
  ssize_t n = pread(statm_fd, buf, sizeof buf - 1, 0);
  if (n <= 0)
    return 0;
  buf[n] = '\0';
  unsigned long long size = 0, resident = 0;
  if (sscanf(buf, "%llu %llu", &size, &resident) != 2)
    return 0;
  return (guint64)resident * (guint64)sysconf(_SC_PAGESIZE);
}

/* CPU seconds (user + system) thread TID of PID has used; -1 if gone. */
static double thread_cpu(pid_t pid, int tid)
{
  char path[64], buf[1024];
  g_snprintf(path, sizeof path, "/proc/%d/task/%d/stat", (int)pid, tid);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (n <= 0)
    return -1;
  buf[n] = '\0';
  /* Fields 14 and 15 (utime, stime); the name in field 2 may hold spaces
   * and parentheses, so count from its last ')'. */
  char *p = strrchr(buf, ')');
  if (!p)
    return -1;
  unsigned long long utime = 0, stime = 0;
  if (sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu",
             &utime, &stime) != 2)
    return -1;
  return (double)(utime + stime) / (double)sysconf(_SC_CLK_TCK);
}

/* ------------------------------------------------------------ board */

static rsk_board *board_new(const rsk_watchdog_limits *limits)
{
  rsk_board *b = mmap(NULL, sizeof *b, PROT_READ | PROT_WRITE,
                      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (b == MAP_FAILED)
    return NULL;
  memset(b, 0, sizeof *b);
  b->max_memory = limits->max_memory;
  b->max_page_seconds = limits->max_page_seconds;
  return b;
}

/* Adds a verdict; FALSE when the board is full. */
static gboolean hand_down(rsk_board *b, int item, int page, rsk_verdict verdict)
{
  for (int i = 0; i < b->n_entries; i++) {
    if (b->entries[i].item == item && b->entries[i].page == page) {
      b->entries[i].verdict = verdict;
      return TRUE;
    }
  }
  if (b->n_entries >= RSK_BOARD_ENTRIES)
    return FALSE;
  b->entries[b->n_entries++] = (rsk_board_entry){item, page, verdict};
  return TRUE;
}

/* ------------------------------------------------------------ the child */

static void run_child(rsk_board *b, const sigset_t *old_mask, pid_t parent,
                      int (*run)(gpointer), gpointer data)
{
  /* Die with the watchdog: a killed parent must not leave a reader. */
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent)
    _exit(128 + SIGKILL);
  sigprocmask(SIG_SETMASK, old_mask, NULL);
  earlier_failures = (guint)b->failures;
  rsk_board_set(b);
  exit(run(data));
}

/* ------------------------------------------------------------ watching */

static void forward_signal(pid_t child, const siginfo_t *info)
{
  /* SI_USER and friends: sent by a process, to us alone. A terminal's
   * (SI_KERNEL) reached the child too. */
  if (info->si_code <= 0)
    kill(child, info->si_signo);
}

/* Watches CHILD until it ends (*STATUS) or is killed over a limit; then
 * fills SEEN with the pages in flight and *RSS with the size at the kill. */
static outcome watch(pid_t child, rsk_board *b, const sigset_t *wait_set,
                     int *status, watched *seen, guint64 *rss)
{
  char statm[64];
  g_snprintf(statm, sizeof statm, "/proc/%d/statm", (int)child);
  int statm_fd = open(statm, O_RDONLY | O_CLOEXEC);
  memset(seen, 0, sizeof(watched) * RSK_BOARD_SLOTS);
  outcome result = ENDED;
  struct timespec tick = {0, POLL_MS * 1000000L};

  for (guint poll = 0;; poll++) {
    siginfo_t info;
    int sig = sigtimedwait(wait_set, &info, &tick);
    if (sig > 0 && sig != SIGCHLD)
      forward_signal(child, &info);
    if (waitpid(child, status, WNOHANG) == child)
      break;
    *rss = statm_fd >= 0 ? resident_bytes(statm_fd) : 0;
    gboolean check_cpu = poll % CPU_EVERY == 0;
    int over_time = -1;
    for (int i = 0; i < RSK_BOARD_SLOTS; i++) {
      int page = g_atomic_int_get(&b->slots[i].page);
      int tid = g_atomic_int_get(&b->slots[i].tid);
      int item = g_atomic_int_get(&b->slots[i].item);
      if (page <= 0) {
        seen[i].page = 0;
        continue;
      }
      gboolean fresh = seen[i].page != page || seen[i].tid != tid ||
                       seen[i].item != item;
      if (fresh)
        seen[i] = (watched){page, item, tid, thread_cpu(child, tid), *rss};
      else if (check_cpu && seen[i].cpu_start >= 0 &&
               thread_cpu(child, tid) - seen[i].cpu_start > b->max_page_seconds)
        over_time = i;
    }
    if (*rss > b->max_memory || over_time >= 0) {
      result = over_time >= 0 ? KILLED_TIME : KILLED_MEMORY;
      if (over_time >= 0)   /* only that page is to blame */
        for (int i = 0; i < RSK_BOARD_SLOTS; i++)
          if (i != over_time)
            seen[i].page = 0;
      kill(child, SIGKILL);
      while (waitpid(child, status, 0) < 0 && errno == EINTR)
        ;
      break;
    }
  }
  if (statm_fd >= 0)
    close(statm_fd);
  return result;
}

/* After a kill: what the next child does differently. KILLS counts the
 * kills per item. */
static void decide(rsk_board *b, outcome why, const watched *seen, guint64 rss,
                   GHashTable *kills)
{
  int item = g_atomic_int_get(&b->reading);
  int n = 0, only = -1;
  for (int i = 0; i < RSK_BOARD_SLOTS; i++) {
    if (seen[i].page > 0 && seen[i].item == item && item >= 0) {
      n++;
      only = i;
    }
  }
  int blamed = item >= 0 ? item : g_atomic_int_get(&b->reported);
  guint times = GPOINTER_TO_UINT(g_hash_table_lookup(kills, GINT_TO_POINTER(blamed))) + 1;
  g_hash_table_insert(kills, GINT_TO_POINTER(blamed), GUINT_TO_POINTER(times));

  gboolean ok;
  if (times > MAX_KILLS)
    ok = hand_down(b, blamed, 0, RSK_VERDICT_FAIL_RESTARTS);
  else if (why == KILLED_TIME && n == 1)
    ok = hand_down(b, item, seen[only].page, RSK_VERDICT_SKIP_TIME);
  else if (n == 0)
    ok = hand_down(b, blamed, 0, RSK_VERDICT_FAIL_MEMORY);
  else if (n == 1)
    /* The page to blame grew the process by a quarter of the limit or
     * more; otherwise the document had the memory before it began. */
    ok = rss - MIN(rss, seen[only].rss_start) >= b->max_memory / 4
             ? hand_down(b, item, seen[only].page, RSK_VERDICT_SKIP_MEMORY)
             : hand_down(b, item, 0, RSK_VERDICT_FAIL_MEMORY);
  else {
    ok = TRUE;
    for (int i = 0; i < RSK_BOARD_SLOTS && ok; i++)
      if (seen[i].page > 0 && seen[i].item == item)
        ok = hand_down(b, item, seen[i].page, RSK_VERDICT_ALONE);
  }
  if (!ok)
    hand_down(b, blamed, 0, RSK_VERDICT_FAIL_RESTARTS);
}

int rsk_watchdog_run(const rsk_watchdog_limits *limits, guint n_items,
                     int (*run)(gpointer data), gpointer data)
{
  (void)n_items;
  rsk_board *b = board_new(limits);
  if (!b)
    return run(data);   /* no shared memory: read unguarded */

  sigset_t wait_set, old_mask;
  sigemptyset(&wait_set);
  sigaddset(&wait_set, SIGCHLD);
  sigaddset(&wait_set, SIGINT);
  sigaddset(&wait_set, SIGTERM);
  sigaddset(&wait_set, SIGHUP);
  sigprocmask(SIG_BLOCK, &wait_set, &old_mask);
  GHashTable *kills = g_hash_table_new(g_direct_hash, g_direct_equal);
  watched seen[RSK_BOARD_SLOTS];
  int exit_status = 1;

  for (;;) {
    memset(b->slots, 0, sizeof b->slots);
    b->reading = -1;
    b->active = 1;
    fflush(stdout);
    fflush(stderr);
    pid_t parent = getpid();
    pid_t child = fork();
    if (child < 0) {
      /* No process to spare: read here, unguarded. */
      sigprocmask(SIG_SETMASK, &old_mask, NULL);
      rsk_board_set(NULL);
      exit_status = run(data);
      break;
    }
    if (child == 0)
      run_child(b, &old_mask, parent, run, data);
    int status = 0;
    guint64 rss = 0;
    outcome why = watch(child, b, &wait_set, &status, seen, &rss);
    if (why == ENDED) {
      exit_status = WIFEXITED(status) ? WEXITSTATUS(status)
                    : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 1;
      break;
    }
    decide(b, why, seen, rss, kills);
  }
  g_hash_table_unref(kills);
  sigprocmask(SIG_SETMASK, &old_mask, NULL);
  munmap(b, sizeof *b);
  return exit_status;
}

/* ------------------------------------------------------------ in the child */

guint rsk_watchdog_first_item(void)
{
  rsk_board *b = rsk_board_get();
  return b ? (guint)g_atomic_int_get(&b->reported) : 0;
}

void rsk_watchdog_reading(int item)
{
  rsk_board *b = rsk_board_get();
  if (b)
    g_atomic_int_set(&b->reading, item);
}

void rsk_watchdog_reported(guint item, gboolean failed)
{
  rsk_board *b = rsk_board_get();
  if (!b)
    return;
  if (failed)
    g_atomic_int_inc(&b->failures);
  g_atomic_int_set(&b->reported, (gint)item + 1);
}

guint rsk_watchdog_earlier_failures(void)
{
  return rsk_board_get() ? earlier_failures : 0;
}

gboolean rsk_watchdog_gave_up(guint item, const char *name, GError **error)
{
  rsk_board *b = rsk_board_get();
  rsk_verdict v = b ? rsk_board_verdict(b, (int)item, 0) : 0;
  if (v == RSK_VERDICT_FAIL_MEMORY)
    g_set_error(error, RSK_ERROR, RSK_ERROR_LIMIT,
                "%s: reading it needs more than the memory limit of %"
                G_GUINT64_FORMAT " MB (--max-memory)", name, b->max_memory >> 20);
  else if (v == RSK_VERDICT_FAIL_RESTARTS)
    g_set_error(error, RSK_ERROR, RSK_ERROR_LIMIT,
                "%s: reading it went over the memory or time limits %d times; "
                "given up", name, MAX_KILLS);
  return v == RSK_VERDICT_FAIL_MEMORY || v == RSK_VERDICT_FAIL_RESTARTS;
}
