#!/usr/bin/env python3
# measure.py - run one command, print what it cost
#
#   bench/measure.py [--stderr FILE] CMD [ARG...]
#
# Prints one line: wall seconds, user CPU seconds, system CPU seconds, peak
# resident memory in KiB, exit status. CPU times come from wait4(2) in
# microseconds (GNU time prints hundredths, too coarse for a filing that
# takes a tenth of a second). The command's output goes to /dev/null, its
# standard error to FILE.
#
# SPDX-License-Identifier: MIT
import os
import sys
import time


def main(argv):
    err = os.devnull
    if len(argv) > 2 and argv[1] == "--stderr":
        err = argv[2]
        argv = argv[2:]
    cmd = argv[1:]
    if not cmd:
        sys.exit("usage: measure.py [--stderr FILE] CMD [ARG...]")
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_OPEN, 2, err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
    ]
    start = time.perf_counter()
    pid = os.posix_spawnp(cmd[0], cmd, os.environ, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    print(f"{wall:.6f} {usage.ru_utime:.6f} {usage.ru_stime:.6f} {usage.ru_maxrss} "
          f"{os.waitstatus_to_exitcode(status)}")


if __name__ == "__main__":
    main(sys.argv)
