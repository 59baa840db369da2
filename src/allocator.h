/* allocator.h - which malloc the process runs on, and its tuning
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef RSK_ALLOCATOR_H
#define RSK_ALLOCATOR_H

/* Called once, first thing in main(). */
void rsk_allocator_tune(void);

/* Between the filings of a batch: hands freed memory back to the system
 * when the allocator keeps too much of it. */
void rsk_allocator_release_freed(void);

/* "jemalloc 5.3.0-..." or "glibc malloc": for --version. */
const char *rsk_allocator_name(void);

#endif
