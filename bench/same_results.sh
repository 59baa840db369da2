#!/usr/bin/env bash
# same_results.sh - do two riskscope builds give the same results?
#
#   bench/same_results.sh [--held-out LIST] OLD_EXE NEW_EXE [DIR | FILE.pdf...]
#
# For every PDF (default: ../shared/corpus/*.pdf from the repository root)
# both executables run `analyze` into a fresh database each, then
# `export --format jsonl` and `export --format json` of it, every row of
# every table of the database (tags, evidence offsets, rule ids, page
# marks, ...), `extract --format jsonl` (every line with its fonts, boxes
# and furniture mark) and analyze's own stdout and stderr. Only what must
# differ between two runs is blanked: the analysis timestamp and the
# database path. Each file gets one line, "same" or "DIFFERENT"; the diff
# follows for files that differ, except for the files named in LIST (one
# base name a line, like HELD_OUT.txt), whose output is compared but never
# shown. Exit status 1 when any file differs.
#
# SPDX-License-Identifier: MIT
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
held_out=
while [ $# -gt 0 ]; do
  case $1 in
    --held-out) held_out=$2; shift 2 ;;
    -h|--help) sed -n '4p' "$0" | sed 's/^# *//' >&2; exit 2 ;;
    *) break ;;
  esac
done
[ $# -ge 2 ] || { sed -n '4p' "$0" | sed 's/^# *//' >&2; exit 2; }
old=$1
new=$2
shift 2
for exe in "$old" "$new"; do
  [ -x "$exe" ] || { echo "same_results.sh: $exe: not an executable" >&2; exit 2; }
done
if [ $# -eq 0 ]; then
  set -- "$root/../shared/corpus"
fi
if [ $# -eq 1 ] && [ -d "$1" ]; then
  dir=$1
  set -- "$dir"/*.pdf
  [ -e "$1" ] || { echo "same_results.sh: $dir: no PDF files" >&2; exit 2; }
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/riskscope-same.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# dump DB: every table's rows in rowid order, timestamps blanked.
dump() {
  python3 - "$1" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
tables = [r[0] for r in db.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
for t in tables:
    if t.startswith('sqlite_'):
        continue
    cur = db.execute('SELECT * FROM "%s"' % t)
    cols = [d[0] for d in cur.description]
    print('== %s (%s)' % (t, ', '.join(cols)))
    for row in cur:
        row = ['<time>' if c.endswith('_at') else v for c, v in zip(cols, row)]
        print(repr(row))
EOF
}

# results EXE PDF OUT: everything EXE says about PDF, into OUT.
results() {
  local exe=$1 pdf=$2 out=$3 db
  db=$tmp/$(basename "$out").db
  rm -f "$db"*
  {
    echo "== analyze"
    "$exe" analyze --db "$db" "$pdf" 2>&1 || echo "exit $?"
    echo "== export jsonl"
    "$exe" export --db "$db" --format jsonl 2>&1 || echo "exit $?"
    echo "== export json"
    "$exe" export --db "$db" --format json 2>&1 | grep -v '"analyzed_at"' || true
    dump "$db"
    echo "== extract jsonl"
    "$exe" extract --format jsonl "$pdf" 2>&1 || echo "exit $?"
  } | sed "s|$tmp/[^ \"']*|<db>|g" >"$out"
}

differ=0
for pdf; do
  name=$(basename "$pdf")
  results "$old" "$pdf" "$tmp/old"
  results "$new" "$pdf" "$tmp/new"
  if cmp -s "$tmp/old" "$tmp/new"; then
    echo "same       $name ($(wc -l <"$tmp/new") lines of results)"
    continue
  fi
  differ=$((differ + 1))
  if [ -n "$held_out" ] && grep -qxF "$name" "$held_out"; then
    echo "DIFFERENT  $name (held out: the diff is not shown)"
  else
    echo "DIFFERENT  $name"
    diff "$tmp/old" "$tmp/new" | head -40 | cut -c1-200 | sed 's/^/  /'
  fi
done
echo "$# files, $differ different"
[ "$differ" -eq 0 ]
