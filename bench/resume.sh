#!/usr/bin/env bash
# resume.sh - kill -9 a batch at random moments, run it again each time,
# and check that it ends as one uninterrupted run
#
#   bench/resume.sh [-n N] [--kills K] [--build DIR] [DIR]
#
# Makes a batch of N filings (default 200) from the PDFs of DIR (default
# ../shared/corpus), as real copies under varied paths, each with a line
# after the PDF's end that makes its sha256 its own (bench/make_batch.sh
# --copy): N distinct filings of real pages. Then:
#
#   1. analyses the whole list into a reference database, timed;
#   2. K times (default 5): starts `riskscope analyze --files-from LIST`
#      into the resumed database and kills it with SIGKILL after a random
#      delay within the time the rest of the batch would take; checks that
#      the run said it skipped exactly the filings stored before it
#      ("S of N files already stored") and that the database is sound
#      (PRAGMA integrity_check, no filing without its risk factors). A
#      run killed before it printed its skip line shows "-" there; a run
#      that ended before its kill is shown as "ended", not counted, and
#      the resumed database starts again empty;
#   3. runs it once more to the end (again checking what it skipped), and
#      compares both databases' exports (JSON, ids and analyzed_at aside).
#
# Prints one line per round and exits 1 when a check fails.
#
# SPDX-License-Identifier: MIT
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
n=200
kills=5
build=${RISKSCOPE_BUILD:-$root/build}
dir=
while [ $# -gt 0 ]; do
  case $1 in
    -n) n=$2; shift 2 ;;
    --kills) kills=$2; shift 2 ;;
    --build) build=$(cd "$2" && pwd); shift 2 ;;
    -h|--help) sed -n '5p' "$0" | sed 's/^# *//' >&2; exit 2 ;;
    *) dir=$1; shift ;;
  esac
done
case "$n$kills" in *[!0-9]*) echo "resume.sh: -n and --kills want numbers" >&2; exit 2 ;; esac
dir=${dir:-$root/../shared/corpus}
exe=${RISKSCOPE_EXE:-$build/src/riskscope}
[ -x "$exe" ] || { echo "resume.sh: $exe not built (ninja -C $build)" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/riskscope-resume.XXXXXX")
pid=
trap '[ -z "$pid" ] || kill -9 "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
"$root/bench/make_batch.sh" --copy "$n" "$dir" "$tmp/batch"
list=$tmp/batch/files.list
ref=$tmp/reference.db
db=$tmp/resumed.db
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

stored() {
  [ -s "$db" ] || { echo 0; return; }
  python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM filings").fetchone()[0])' "$db"
}

sound() {
  python3 -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
check = db.execute("PRAGMA integrity_check").fetchone()[0]
half = db.execute("SELECT count(*) FROM filings f WHERE NOT EXISTS "
                  "(SELECT 1 FROM risk_factors r WHERE r.filing_id = f.id)").fetchone()[0]
print("ok" if check == "ok" and half == 0 else "%s, %d half-stored filings" % (check, half))' "$1"
}

# The skip count a run printed on stderr FILE (0 when it printed none).
skipped() {
  sed -n 's/^riskscope: \([0-9]*\) of [0-9]* files\{0,1\} already stored.*/\1/p' "$1" | head -n 1 |
    grep . || echo 0
}

start=$(date +%s.%N)
"$exe" analyze --quiet --db "$ref" --files-from "$list" 2>"$tmp/ref.err" || true
whole=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
echo "$n filings; uninterrupted run: $whole s, database $(sound "$ref")"

printf '%-6s %8s %14s %9s %14s %s\n' round "kill at" "stored before" skipped "stored after" database
round=0
tries=0
while [ "$round" -lt "$kills" ] && [ "$tries" -lt $((kills * 3)) ]; do
  tries=$((tries + 1))
  before=$(stored)
  # Within 0.9 of what the rest of the batch took uninterrupted, so that
  # the kill lands before its end (a run may still be the faster one).
  delay=$(awk -v w="$whole" -v left=$((n - before)) -v n="$n" -v seed="$RANDOM" \
    'BEGIN {srand(seed); printf "%.2f", 0.2 + rand() * 0.9 * w * left / n}')
  "$exe" analyze --db "$db" --files-from "$list" >/dev/null 2>"$tmp/run.err" &
  pid=$!
  sleep "$delay"
  killed=yes
  kill -9 "$pid" 2>/dev/null || killed=no
  wait "$pid" 2>/dev/null || true
  pid=
  said=$(skipped "$tmp/run.err")
  after=$(stored)
  health=$(sound "$db")
  if [ "$killed" = no ]; then
    # It ended before the kill: nothing was interrupted, and nothing would
    # be left to resume, so the resumed database starts again empty.
    printf '%-6s %8s %14s %9s %14s %s\n' "-" "ended" "$before" "$said" "$after" "$health"
    rm -f "$db" "$db"-*
    continue
  fi
  round=$((round + 1))
  # A run killed before it printed its skip line cannot be checked on it.
  grep -q 'already stored' "$tmp/run.err" || [ "$before" -eq 0 ] || said="-"
  printf '%-6s %7ss %14s %9s %14s %s\n' "$round" "$delay" "$before" "$said" "$after" "$health"
  [ "$said" = "-" ] || [ "$said" -eq "$before" ] || fail "round $round skipped $said, but $before were stored"
  [ "$health" = ok ] || fail "round $round left the database $health"
done
[ "$round" -eq "$kills" ] || fail "only $round of $kills runs were killed before their end"

before=$(stored)
"$exe" analyze --db "$db" --files-from "$list" >/dev/null 2>"$tmp/run.err" || true
said=$(skipped "$tmp/run.err")
printf '%-6s %8s %14s %9s %14s %s\n' last "-" "$before" "$said" "$(stored)" "$(sound "$db")"
[ "$said" -eq "$before" ] || fail "the last run skipped $said, but $before were stored"

"$root/tools/export_content.py" "$exe" "$ref" >"$tmp/ref.json"
"$root/tools/export_content.py" "$exe" "$db" >"$tmp/resumed.json"
if cmp -s "$tmp/ref.json" "$tmp/resumed.json"; then
  echo "export after $kills kills equals the uninterrupted run's ($(stored) filings)"
else
  diff "$tmp/ref.json" "$tmp/resumed.json" | head -n 20
  fail "the resumed export differs from the uninterrupted run's"
fi
[ "$failures" -eq 0 ] || exit 1
