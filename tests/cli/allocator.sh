#!/bin/sh
# allocator.sh EXE EXPECTED - `riskscope --version` names the malloc the
# build chose (EXPECTED: jemalloc or system), and with jemalloc the tuning
# of src/allocator.c is the one in force: a malloc_conf that jemalloc did
# not pick up would be ignored without a word.
set -eu
exe=$1
expected=$2
version=$("$exe" --version)
line=$(printf '%s\n' "$version" | sed -n 's/^allocator: //p')
case $expected in
  jemalloc) pattern='jemalloc [0-9]*' ;;
  *) pattern='*malloc' ;;
esac
# shellcheck disable=SC2254
case $line in
  $pattern) ;;
  *) echo "FAIL: --version says allocator \"$line\", the build chose $expected" >&2
     printf '%s\n' "$version" >&2; exit 1 ;;
esac
if [ "$expected" = jemalloc ]; then
  stats=$(MALLOC_CONF=stats_print:true "$exe" --version 2>&1 >/dev/null)
  printf '%s\n' "$stats" | grep -q 'opt.percpu_arena: "percpu"' || {
    echo "FAIL: jemalloc runs without src/allocator.c's malloc_conf" >&2
    printf '%s\n' "$stats" | grep 'opt\.' | head -n 20 >&2
    exit 1
  }
fi
echo "ok: allocator: $line"
