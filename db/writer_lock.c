/* writer_lock.c - a database being written says so, to merge
 *
 * A shard that a Slurm task is still writing must not be merged as if it
 * were finished, but SQLite cannot tell: in WAL mode a writer between two
 * transactions holds no lock a reader would notice. So every store opened
 * for writing holds a shared lock on one byte of the database file for as
 * long as it is open, and merge asks whether anybody holds it.
 *
 * The byte sits at 2 GiB, away from SQLite's own lock bytes (1 GiB and the
 * 510 bytes after it); locks are advisory, so a file that grows past it is
 * still read and written as usual. The lock is an open file description
 * lock (F_OFD_SETLK), not a classic POSIX one: a process's POSIX locks on a
 * file are all dropped when any of its descriptors of that file is closed,
 * SQLite's own locks included, and OFD locks are not. They go with the
 * process, so a batch killed by kill -9 or a Slurm time limit leaves no
 * stale mark; and they are byte-range locks on NFS too, unlike flock(),
 * which NFS turns into a whole-file lock that would block SQLite's.
 *
 * Where OFD locks are missing (not Linux) or the file system refuses locks,
 * nothing is announced and merge cannot tell: it then merges what is there,
 * which is never half a filing.
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE  /* F_OFD_SETLK */
#include "store_private.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#define WRITER_LOCK_OFFSET ((off_t)1 << 31)

static void lock_range(struct flock *lock, short type)
{
  *lock = (struct flock){
    .l_type = type,
    .l_whence = SEEK_SET,
    .l_start = WRITER_LOCK_OFFSET,
    .l_len = 1,
  };
}

int rsk_writer_lock_open(const char *path, gboolean writer)
{
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return -1;
#ifdef F_OFD_SETLK
  if (writer) {
    struct flock lock;
    lock_range(&lock, F_RDLCK);
    /* A refusal (no lock support) only means merge cannot tell. */
    (void)fcntl(fd, F_OFD_SETLK, &lock);
  }
#else
  (void)writer;
#endif
  return fd;
}

gboolean rsk_writer_lock_held_elsewhere(int fd)
{
#ifdef F_OFD_GETLK
  if (fd < 0)
    return FALSE;
  struct flock lock;
  lock_range(&lock, F_WRLCK);
  /* Our own lock, if any, never conflicts with a query through the same
   * open file description. */
  if (fcntl(fd, F_OFD_GETLK, &lock) != 0)
    return FALSE;
  return lock.l_type != F_UNLCK;
#else
  (void)fd;
  return FALSE;
#endif
}

void rsk_writer_lock_close(int fd)
{
  if (fd >= 0)
    close(fd);
}
