#!/usr/bin/env bash
# merge.sh - time and memory of riskscope merge over many shard databases
#
#   bench/merge.sh [--shards S] [--filings F] [--build DIR] [DIR]
#
# Analyses the first four PDFs of DIR (default ../shared/corpus) into a
# template database, makes S shard databases of F filings each from it
# (default 100 x 100; bench/make_shards.py copies the real rows under new
# sha256s), then times `riskscope merge --db OUT shard-*.db` under
# /usr/bin/time, for all S shards and for the first S/10, so that peak RSS
# can be compared: merge holds one filing at a time, so it must not grow
# with the number of shards. Then merges all S again into the same database
# (every filing skipped: the idempotent case).
#
# SPDX-License-Identifier: MIT
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
shards=100
filings=100
build=${RISKSCOPE_BUILD:-$root/build}
dir=
while [ $# -gt 0 ]; do
  case $1 in
    --shards) shards=$2; shift 2 ;;
    --filings) filings=$2; shift 2 ;;
    --build) build=$(cd "$2" && pwd); shift 2 ;;
    -h|--help) sed -n '4p' "$0" | sed 's/^# *//' >&2; exit 2 ;;
    *) dir=$1; shift ;;
  esac
done
case "$shards$filings" in *[!0-9]*) echo "merge.sh: --shards and --filings want numbers" >&2; exit 2 ;; esac
[ "$shards" -ge 10 ] || { echo "merge.sh: --shards wants 10 or more" >&2; exit 2; }
dir=${dir:-$root/../shared/corpus}
exe=${RISKSCOPE_EXE:-$build/src/riskscope}
[ -x "$exe" ] || { echo "merge.sh: $exe not built (ninja -C $build)" >&2; exit 1; }
command -v /usr/bin/time >/dev/null || { echo "merge.sh: GNU time is missing (apt-get install time)" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/riskscope-merge.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
find "$dir" -maxdepth 1 -name '*.pdf' | sort | head -n 4 >"$tmp/template.list"
"$exe" analyze --quiet --db "$tmp/template.db" --files-from "$tmp/template.list"
python3 "$root/bench/make_shards.py" "$tmp/template.db" "$shards" "$filings" "$tmp/shards"
risks=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(
  "SELECT count(*) FROM risk_factors").fetchone()[0])' "$tmp/shards/shard-1.db")
size=$(du -sm "$tmp/shards" | cut -f1)
echo "$shards shards x $filings filings ($risks risk factors a shard, $size MB in all)"

# run NAME FILINGS CMD...: one row of wall seconds, filings/s and peak RSS.
run() {
  local name=$1 n=$2
  shift 2
  /usr/bin/time -f '%e %M %x' -o "$tmp/time" "$@" >"$tmp/out" 2>&1 || true
  read -r secs rss status <"$tmp/time"
  [ "$status" = 0 ] || tail -n 3 "$tmp/out" >&2
  awk -v name="$name" -v n="$n" -v s="$secs" -v rss="$rss" -v st="$status" 'BEGIN {
    printf "%-24s %8.2f %10.0f %12.0f %5s\n", name, s, (s > 0 ? n / s : 0), rss / 1024, st }'
}
printf '%-24s %8s %10s %12s %5s\n' run "wall s" "filings/s" "peak RSS MB" exit
tenth=$((shards / 10))
mapfile -t all < <(for k in $(seq 1 "$shards"); do echo "$tmp/shards/shard-$k.db"; done)
run "merge $tenth shards" $((tenth * filings)) "$exe" merge --db "$tmp/tenth.db" "${all[@]:0:$tenth}"
run "merge $shards shards" $((shards * filings)) "$exe" merge --db "$tmp/all.db" "${all[@]}"
run "again (all skipped)" $((shards * filings)) "$exe" merge --db "$tmp/all.db" "${all[@]}"
tail -n 1 "$tmp/out"
