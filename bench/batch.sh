#!/usr/bin/env bash
# batch.sh - batch throughput: one analyze call, two shards merged, and
# pdftotext over the same files one after another
#
#   bench/batch.sh [-n N] [--build DIR] [DIR]
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
# Then it prints filings/s, pages/s and peak RSS for each, and the ratios
# that bench/README.md states targets for.
#
# SPDX-License-Identifier: MIT
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
n=200
build=${RISKSCOPE_BUILD:-$root/build}
dir=

usage() {
  sed -n '5p' "$0" | sed 's/^# *//' >&2
  exit 2
}
while [ $# -gt 0 ]; do
  case $1 in
    -n) [ $# -ge 2 ] || usage; n=$2; shift 2 ;;
    --build) [ $# -ge 2 ] || usage; build=$(cd "$2" && pwd); shift 2 ;;
    -h|--help) usage ;;
    -*) echo "batch.sh: unknown option $1" >&2; usage ;;
    *) dir=$1; shift ;;
  esac
done
case $n in ''|*[!0-9]*|0|1|2|3) echo "batch.sh: -n wants a number of 4 or more" >&2; exit 2 ;; esac
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
# in KB, exit status) and appends a row to the results.
: >"$tmp/results"
run() {
  local name=$1 filings=$2 npages=$3
  shift 3
  /usr/bin/time -f '%e %M %x' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/stderr" || true
  read -r secs rss status <"$tmp/time" || { secs=0; rss=0; status=?; }
  [ "$status" = 0 ] || sed 's/^/    /' "$tmp/stderr" | head -n 3 >&2
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$filings" "$npages" "$secs" "$rss" "$status" >>"$tmp/results"
}

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

echo "$("$exe" --version 2>/dev/null | head -1 || true); $(nproc) cores; $n filings" \
  "($(find "$dir" -maxdepth 1 -name '*.pdf' | wc -l) distinct), $pages pages"
awk -F'\t' '
  BEGIN { printf "%-12s %7s %7s %8s %9s %8s %11s %5s\n", "run", "filings",
          "pages", "wall s", "filings/s", "pages/s", "peak RSS MB", "exit" }
  {
    name[NR] = $1; secs[NR] = $4; rss[NR] = $5
    printf "%-12s %7d %7d %8.2f %9.2f %8.0f %11.0f %5s\n", $1, $2, $3, $4,
           ($4 > 0 ? $2 / $4 : 0), ($4 > 0 ? $3 / $4 : 0), $5 / 1024, $6
  }
  END {
    # rows: 1 pdftotext, 2 analyze, 3 analyze N/4, 4 2 shards, 5 merge
    sm = secs[4] + secs[5]
    printf "%-12s %7s %7s %8.2f %9s %8s %11.0f\n", "shards+merge", "", "", sm,
           "", "", (rss[4] > rss[5] ? rss[4] : rss[5]) / 1024
    # (parentheses: a bare ">" in printf arguments is a redirection)
    printf "\nanalyze / pdftotext wall:        %.2f  (target <= 0.55)\n",
           (secs[1] > 0 ? secs[2] / secs[1] : 0)
    printf "analyze peak RSS:                %.0f MB  (target < 300)\n", rss[2] / 1024
    printf "peak RSS, N against N/4:         %+.1f%%  (target within 10%%)\n",
           (rss[3] > 0 ? (rss[2] / rss[3] - 1) * 100 : 0)
    printf "shards + merge / one analyze:    %.2f  (target <= 1.10)\n",
           (secs[2] > 0 ? sm / secs[2] : 0)
  }' "$tmp/results"
