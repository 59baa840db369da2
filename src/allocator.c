/* allocator.c - which malloc the process runs on, and its tuning
 *
 * Most of a filing's allocations are Poppler's (a Lexer object per token,
 * a TextWord per word, a growing array per word's characters): some three
 * million per filing, made on the page workers and freed on other
 * threads. On glibc's malloc, a long batch's resident size depended on
 * which filings its per-thread heaps happened to hold together (+5% to
 * +20% from 50 to 200 filings). jemalloc, linked when the build finds it
 * (meson.build), does the same work in 10-15% less time and keeps the
 * batch's resident size flat (bench/README.md, "Results kept"). glibc's
 * malloc is tuned below for builds without it and for sanitizer builds,
 * whose own allocator replaces either.
 *
 * SPDX-License-Identifier: MIT
 */
#include "allocator.h"

#include <stdio.h>   /* also defines __GLIBC__, tested below */

#ifdef RSK_JEMALLOC
#include <jemalloc/jemalloc.h>

/* Read by jemalloc at its start (MALLOC_CONF in the environment still
 * has the last word). One arena per CPU rather than four: the threads of
 * a batch free what others allocated (pages read on the workers, stored
 * on the store thread), and fewer arenas hold fewer half-used pages to
 * purge and fault in again: 5% less CPU for a batch, half the system
 * time (bench/README.md). */
const char *malloc_conf = "percpu_arena:percpu";
#elif defined(__GLIBC__)
#include <malloc.h>
#endif

void rsk_allocator_tune(void)
{
#if !defined(RSK_JEMALLOC) && defined(__GLIBC__)
  /* glibc grows a thread's heap a few pages at a time, one mprotect call
   * and fresh zeroed pages each; the page workers allocate and free a
   * TextPage per page, so analyze made ~900 such calls for a 118-page
   * filing. Growing by 8 MB (address space; untouched pages take no
   * memory) makes it ~70 and cuts the page faults by a seventh. */
  mallopt(M_TOP_PAD, 8 << 20);
#endif
}

void rsk_allocator_release_freed(void)
{
#if !defined(RSK_JEMALLOC) && defined(__GLIBC__) && \
    (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
  /* glibc keeps freed memory in its heaps, scattered among what later
   * filings hold, so a long batch's resident size crept up. When the
   * heaps hold more than 8 MB free, it goes back to the system; trimming
   * after every filing would cost a page fault for each page taken
   * again. jemalloc returns unused pages by itself, within seconds. */
  if (mallinfo2().fordblks > (8u << 20))
    malloc_trim(0);
#endif
}

const char *rsk_allocator_name(void)
{
#ifdef RSK_JEMALLOC
  static char name[96];
  const char *version = NULL;
  size_t size = sizeof version;
  if (!name[0]) {
    if (mallctl("version", &version, &size, NULL, 0) != 0 || !version)
      version = "(version unknown)";
    snprintf(name, sizeof name, "jemalloc %s", version);
  }
  return name;
#elif defined(RSK_SANITIZED)
  return "the sanitizer's malloc";
#elif defined(__GLIBC__)
  return "glibc malloc";
#else
  return "the C library's malloc";
#endif
}
