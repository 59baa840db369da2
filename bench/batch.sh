#!/usr/bin/env bash
# batch.sh - batch throughput: one analyze call, two shards merged, and
# pdftotext over the same files one after another
#
#   bench/batch.sh [-n N] [-r ROUNDS] [--build DIR] [DIR]
#
# Makes a batch of N filings (default 200) from the PDFs of DIR (default
# ../shared/corpus from the repository root), repeated through symbolic
# links under varied paths (bench/make_batch.sh), and times, each under
# /usr/bin/time for wall time and peak RSS:
#
#   pdftotext     `pdftotext FILE /dev/null` for every file, one after another
#   analyze       one `riskscope analyze --files-from LIST` call
#   analyze N/4   the same over the first quarter of the list (for RSS growth)
#   2 shards      `--shard 1/2` and `--shard 2/2` at once, --jobs 1 each,
#                 each into its own database
#   merge         `riskscope merge` of the two shard databases
#
# Every analyze run gets a fresh database and --force: resume keys on the
# file's sha256, and the links repeat contents, so without both a run would
# skip what an earlier entry of the same batch (or an earlier run) stored.
# The five runs make a round, and the rounds (ROUNDS, default 1) follow one
# another, so that every ratio compares runs a few minutes apart: this
# machine's speed drifts by a third over an hour, more than the targets'
# margins. It prints filings/s, pages/s and peak RSS for each run (the
# median over the rounds), and each ratio that bench/README.md states a
# target for as the median of its per-round values, with their range.
#
# SPDX-License-Identifier: MIT
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
n=200
rounds=1
build=${RISKSCOPE_BUILD:-$root/build}
dir=

usage() {
  sed -n '5p' "$0" | sed 's/^# *//' >&2
  exit 2
}
while [ $# -gt 0 ]; do
  case $1 in
    -n) [ $# -ge 2 ] || usage; n=$2; shift 2 ;;
    -r) [ $# -ge 2 ] || usage; rounds=$2; shift 2 ;;
    --build) [ $# -ge 2 ] || usage; build=$(cd "$2" && pwd); shift 2 ;;
    -h|--help) usage ;;
    -*) echo "batch.sh: unknown option $1" >&2; usage ;;
    *) dir=$1; shift ;;
  esac
done
case $n in ''|*[!0-9]*|0|1|2|3) echo "batch.sh: -n wants a number of 4 or more" >&2; exit 2 ;; esac
case $rounds in ''|*[!0-9]*|0) echo "batch.sh: -r wants a positive number" >&2; exit 2 ;; esac
dir=${dir:-$root/../shared/corpus}
exe=${RISKSCOPE_EXE:-$build/src/riskscope}
for tool in pdftotext pdfinfo /usr/bin/time; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "batch.sh: $tool is missing (apt-get install poppler-utils time)" >&2; exit 1; }
done
[ -x "$exe" ] || { echo "batch.sh: $exe not built (ninja -C $build)" >&2; exit 1; }
[ -d "$dir" ] || { echo "batch.sh: $dir: no such directory" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/riskscope-batch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
"$root/bench/make_batch.sh" "$n" "$dir" "$tmp/batch"
list=$tmp/batch/files.list
quarter=$((n / 4))
head -n "$quarter" "$list" >"$tmp/quarter.list"

# Pages of the batch, and of its first quarter.
pages_of() {
  while IFS= read -r f; do
    pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}'
  done <"$1" | awk '{s += $1} END {print s + 0}'
}
pages=$(pages_of "$list")
quarter_pages=$(pages_of "$tmp/quarter.list")

# run NAME FILINGS PAGES CMD...: times CMD (GNU time: wall seconds, peak RSS
# in KB, exit status) and appends a row to the results, for round $round.
: >"$tmp/results"
run() {
  local name=$1 filings=$2 npages=$3
  shift 3
  /usr/bin/time -f '%e %M %x' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/stderr" || true
  read -r secs rss status <"$tmp/time" || { secs=0; rss=0; status=?; }
  [ "$status" = 0 ] || sed 's/^/    /' "$tmp/stderr" | head -n 3 >&2
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$filings" "$npages" "$secs" "$rss" "$status" \
    "$round" >>"$tmp/results"
}

for round in $(seq "$rounds"); do
rm -f "$tmp"/*.db "$tmp"/*.db-*
run pdftotext "$n" "$pages" \
  sh -c 'while IFS= read -r f; do pdftotext "$f" /dev/null; done <"$1"' sh "$list"
run analyze "$n" "$pages" \
  "$exe" analyze --quiet --force --db "$tmp/one.db" --files-from "$list"
run "analyze N/4" "$quarter" "$quarter_pages" \
  "$exe" analyze --quiet --force --db "$tmp/quarter.db" --files-from "$tmp/quarter.list"
run "2 shards" "$n" "$pages" \
  sh -c 'for k in 1 2; do "$1" analyze --quiet --force --jobs 1 --shard $k/2 \
           --db "$2/shard-$k.db" --files-from "$3" & done; wait' sh "$exe" "$tmp" "$list"
run merge "$n" "$pages" \
  "$exe" merge --db "$tmp/merged.db" "$tmp/shard-1.db" "$tmp/shard-2.db"
done

echo "$("$exe" --version 2>/dev/null | head -1 || true); $(nproc) cores; $n filings" \
  "($(find "$dir" -maxdepth 1 -name '*.pdf' | wc -l) distinct), $pages pages"
echo "rounds: $rounds (ratios are per round: median, and the range over the rounds)"
awk -F'\t' '
  function median(a, k,    i, j, t, b) {
    for (i = 1; i <= k; i++) b[i] = a[i]
    for (i = 2; i <= k; i++)
      for (j = i; j > 1 && b[j - 1] > b[j]; j--) { t = b[j]; b[j] = b[j - 1]; b[j - 1] = t }
    return k % 2 ? b[(k + 1) / 2] : (b[k / 2] + b[k / 2 + 1]) / 2
  }
  function lo(a, k,    i, m) { m = a[1]; for (i = 2; i <= k; i++) if (a[i] < m) m = a[i]; return m }
  function hi(a, k,    i, m) { m = a[1]; for (i = 2; i <= k; i++) if (a[i] > m) m = a[i]; return m }
  function ratio(label, a, k, fmt, target) {
    printf "%-33s " fmt "  (rounds " fmt " to " fmt "; target %s)\n", label, median(a, k),
           lo(a, k), hi(a, k), target
  }
  {
    # rows of a round: 1 pdftotext, 2 analyze, 3 analyze N/4, 4 2 shards, 5 merge
    r = $7; row = (NR - 1) % 5 + 1; rounds = r
    name[row] = $1; filings[row] = $2; npages[row] = $3
    secs[row, r] = $4; rss[row, r] = $5
    if ($6 != 0) status[row] = $6
  }
  END {
    printf "%-12s %7s %7s %8s %9s %8s %11s %5s\n", "run", "filings", "pages", "wall s",
           "filings/s", "pages/s", "peak RSS MB", "exit"
    for (row = 1; row <= 5; row++) {
      for (r = 1; r <= rounds; r++) { w[r] = secs[row, r]; m[r] = rss[row, r] }
      s = median(w, rounds)
      printf "%-12s %7d %7d %8.2f %9.2f %8.0f %11.0f %5s\n", name[row], filings[row],
             npages[row], s, (s > 0 ? filings[row] / s : 0), (s > 0 ? npages[row] / s : 0),
             median(m, rounds) / 1024, (row in status ? status[row] : 0)
    }
    for (r = 1; r <= rounds; r++) {
      wall[r] = secs[1, r] > 0 ? secs[2, r] / secs[1, r] : 0
      peak[r] = rss[2, r] / 1024
      growth[r] = rss[3, r] > 0 ? (rss[2, r] / rss[3, r] - 1) * 100 : 0
      sharded[r] = secs[2, r] > 0 ? (secs[4, r] + secs[5, r]) / secs[2, r] : 0
    }
    print ""
    ratio("analyze / pdftotext wall:", wall, rounds, "%.2f", "<= 0.55")
    ratio("analyze peak RSS, MB:", peak, rounds, "%.0f", "< 300")
    ratio("peak RSS, N against N/4, %:", growth, rounds, "%+.1f", "within 10")
    ratio("shards + merge / one analyze:", sharded, rounds, "%.2f", "<= 1.10")
  }' "$tmp/results"
