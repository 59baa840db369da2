#!/usr/bin/env bash
# run.sh - time riskscope analyze against pdftotext on the same PDFs
#
#   bench/run.sh [-n RUNS] [--build DIR] [DIR]
#   bench/run.sh [--build DIR] --long [N...]
#   bench/run.sh [-n RUNS] [--build DIR] --html [FILE.html...]
#
# The first form runs, for every PDF of DIR (default ../shared/corpus from
# the repository root), `pdftotext FILE /dev/null` and `riskscope analyze
# --db TMP FILE` RUNS times each (default 3), one after the other on the
# same file, each under /usr/bin/time -v for its peak RSS, and prints the
# medians; then one batch run of analyze over every PDF of DIR in one
# process. The second form generates Hong Kong-layout filings of N pages
# (default 100 400 800) with the fixtures generator (bench/make_long) and
# prints analyze's peak RSS for each, to show that memory is bounded by a
# window of pages and does not grow with the page count. The third takes
# EDGAR HTML filings that have a Chromium print beside them (FILE.pdf; by
# default every such FILE.html of ../shared/corpus) and prints, for each,
# pdftotext's time on the print against analyze's on the HTML, and
# analyze's peak RSS.
#
# README.md beside this file explains the columns and the targets.
#
# SPDX-License-Identifier: MIT
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
runs=3
build=${RISKSCOPE_BUILD:-$root/build}
long=
dir=

usage() {
  sed -n '4,6p' "$0" | sed 's/^# *//' >&2
  exit 2
}

while [ $# -gt 0 ]; do
  case $1 in
    -n) [ $# -ge 2 ] || usage; runs=$2; shift 2 ;;
    --build) [ $# -ge 2 ] || usage; build=$(cd "$2" && pwd); shift 2 ;;
    --long) long=yes; shift ;;
    --html) html=yes; shift ;;
    -h|--help) usage ;;
    -*) echo "run.sh: unknown option $1" >&2; usage ;;
    *) if [ -n "$long" ]; then sizes="${sizes:-} $1"
       elif [ -n "${html:-}" ]; then html_files="${html_files:-} $1"
       else dir=$1; fi
       shift ;;
  esac
done
case $runs in ''|*[!0-9]*|0) echo "run.sh: -n wants a positive number" >&2; exit 2 ;; esac

exe=${RISKSCOPE_EXE:-$build/src/riskscope}
for tool in pdftotext pdfinfo /usr/bin/time; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "run.sh: $tool is missing (apt-get install poppler-utils time)" >&2; exit 1; }
done
[ -x "$exe" ] || { echo "run.sh: $exe not built (ninja -C $build)" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/riskscope-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

now() { date +%s.%N; }

# measure OUT CMD...: runs CMD under /usr/bin/time -v; appends "SECONDS RSS_KB
# STATUS CPU_SECONDS" to OUT. Wall time comes from date (nanoseconds), not
# from time's two decimals; CPU seconds (user + system) are time's.
measure() {
  local out=$1 t0 t1 status rss cpu
  shift
  t0=$(now)
  status=0
  /usr/bin/time -v -o "$tmp/time.txt" "$@" >/dev/null 2>"$tmp/stderr.txt" || status=$?
  t1=$(now)
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time.txt")
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$tmp/time.txt")
  echo "$t0 $t1 ${rss:-0} $status ${cpu:-0}" |
    awk '{printf "%.4f %d %d %s\n", $2 - $1, $3, $4, $5}' >>"$out"
}

# median FILE COLUMN: the median of a column of numbers.
median() {
  awk -v c="$2" '{print $c}' "$1" | sort -g |
    awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2];
                           else printf "%.4f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

mb() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }

# time_runs PDF FILE [EXTRACT]: RUNS times pdftotext PDF, then (with
# EXTRACT) riskscope extract FILE, then analyze FILE into a fresh database;
# sets ptt, ext, anl (median seconds), rss (median KB) and status (the
# first non-zero exit status of analyze, or empty).
time_runs() {
  local pdf=$1 file=$2 with_extract=${3:-} i=0
  : >"$tmp/ptt.txt"
  : >"$tmp/ext.txt"
  : >"$tmp/anl.txt"
  while [ $i -lt "$runs" ]; do
    measure "$tmp/ptt.txt" pdftotext "$pdf" /dev/null
    [ -z "$with_extract" ] || measure "$tmp/ext.txt" "$exe" extract "$file"
    rm -f "$tmp/one.db"*
    measure "$tmp/anl.txt" "$exe" analyze --db "$tmp/one.db" "$file"
    i=$((i + 1))
  done
  ptt=$(median "$tmp/ptt.txt" 1)
  ext=0
  [ -z "$with_extract" ] || ext=$(median "$tmp/ext.txt" 1)
  anl=$(median "$tmp/anl.txt" 1)
  rss=$(median "$tmp/anl.txt" 2)
  ptt_cpu=$(median "$tmp/ptt.txt" 4)
  anl_cpu=$(median "$tmp/anl.txt" 4)
  status=$(awk '$3 != 0 {print $3; exit}' "$tmp/anl.txt")
}

# ------------------------------------------------------------- long filings
if [ -n "$long" ]; then
  maker=$build/bench/make_long
  if [ ! -x "$maker" ]; then
    # Not built by meson (fixtures missing from that build): build it here.
    maker=$tmp/make_long
    # shellcheck disable=SC2046
    cc -O2 -std=gnu11 -I"$root/fixtures" -I"$root/common" -o "$maker" \
      "$root/bench/make_long.c" "$root"/fixtures/*.c "$root"/common/*.c \
      $(pkg-config --cflags --libs cairo fontconfig glib-2.0 libcjson) -lm ||
      { echo "run.sh: cannot build bench/make_long.c" >&2; exit 1; }
  fi
  printf '%-7s %9s %9s %9s %12s %12s\n' pages "gen s" "analyze s" "pages/s" "peak RSS MB" "status"
  for n in ${sizes:-100 400 800}; do
    pdf=$tmp/long_$n.pdf
    : >"$tmp/gen.txt"
    measure "$tmp/gen.txt" "$maker" "$pdf" "$n"
    [ -s "$pdf" ] || { echo "run.sh: make_long failed for $n pages" >&2; cat "$tmp/stderr.txt" >&2; exit 1; }
    : >"$tmp/run.txt"
    rm -f "$tmp/long.db"*
    measure "$tmp/run.txt" "$exe" analyze --db "$tmp/long.db" "$pdf"
    read -r secs rss status <"$tmp/run.txt"
    read -r gsecs _ _ <"$tmp/gen.txt"
    pps=$(awk -v n="$n" -v s="$secs" 'BEGIN {printf "%.0f", (s > 0 ? n / s : 0)}')
    st=ok; [ "$status" = 0 ] || st="exit $status"
    printf '%-7s %9.2f %9.2f %9s %12s %12s\n' "$n" "$gsecs" "$secs" "$pps" "$(mb "$rss")" "$st"
    [ "$status" = 0 ] || sed 's/^/  /' "$tmp/stderr.txt" | head -3
    rm -f "$pdf"
  done
  exit 0
fi

# ------------------------------------------------------- HTML and its print
if [ -n "${html:-}" ]; then
  if [ -z "${html_files:-}" ]; then
    for f in "$root"/../shared/corpus/*.html; do
      [ -f "$f" ] && [ -f "${f%.html}.pdf" ] && html_files="${html_files:-} $f"
    done
  fi
  [ -n "${html_files:-}" ] || { echo "run.sh: no FILE.html with a FILE.pdf beside it" >&2; exit 1; }
  echo "$("$exe" --version 2>/dev/null | head -1 || true); $(nproc) cores; median of $runs runs"
  printf '%-26s %4s %6s %6s %6s %6s %6s %6s %6s %s\n' file MB "ptt s" "ext s" "anlz s" \
    ratio "ptt c" "anlz c" "RSS MB" note
  : >"$tmp/ratios.txt"
  for f in $html_files; do
    pdf=${f%.*}.pdf
    [ -f "$pdf" ] || { echo "run.sh: $f: no $pdf beside it" >&2; exit 1; }
    time_runs "$pdf" "$f" extract
    note=
    [ -z "$status" ] || note="exit $status"
    ratio=$(awk -v a="$anl" -v p="$ptt" 'BEGIN {printf "%.2f", (p > 0 ? a / p : 0)}')
    echo "$ratio" >>"$tmp/ratios.txt"
    mbytes=$(awk -v b="$(wc -c <"$f")" 'BEGIN {printf "%.1f", b / 1048576}')
    printf '%-26.26s %4s %6.3f %6.3f %6.3f %6s %6s %6s %6s %s\n' "$(basename "$f")" "$mbytes" \
      "$ptt" "$ext" "$anl" "$ratio" "$ptt_cpu" "$anl_cpu" "$(mb "$rss")" "$note"
  done
  echo
  printf "median ratio analyze(HTML)/pdftotext(print): %.2f (target <= 0.25; RSS < 150 MB)\n" \
    "$(median "$tmp/ratios.txt" 1)"
  exit 0
fi

# ------------------------------------------------------------------ corpus
dir=${dir:-$root/../shared/corpus}
[ -d "$dir" ] || { echo "run.sh: $dir: no such directory" >&2; exit 1; }
set -- "$dir"/*.pdf
[ -e "$1" ] || { echo "run.sh: $dir: no PDF files" >&2; exit 1; }

echo "$("$exe" --version 2>/dev/null | head -1 || true); $(nproc) cores; median of $runs runs"
printf '%-32s %5s %8s %8s %7s %6s %8s %s\n' file pages "ptt s" "anlz s" "pages/s" ratio "RSS MB" note
: >"$tmp/ratios.txt"
sum_ptt=0
sum_pages=0
for pdf; do
  name=$(basename "$pdf")
  pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
  time_runs "$pdf" "$pdf"
  note=
  [ -z "$status" ] || note="exit $status: $(head -c 60 "$tmp/stderr.txt" | head -1)"
  ratio=$(awk -v a="$anl" -v p="$ptt" 'BEGIN {printf "%.2f", (p > 0 ? a / p : 0)}')
  echo "$ratio" >>"$tmp/ratios.txt"
  pps=$(awk -v n="${pages:-0}" -v s="$anl" 'BEGIN {printf "%.0f", (s > 0 ? n / s : 0)}')
  sum_ptt=$(awk -v a="$sum_ptt" -v b="$ptt" 'BEGIN {printf "%.4f", a + b}')
  sum_pages=$((sum_pages + ${pages:-0}))
  printf '%-32.32s %5s %8.3f %8.3f %7s %6s %8s %s\n' "$name" "${pages:-?}" "$ptt" "$anl" \
    "$pps" "$ratio" "$(mb "$rss")" "$note" | cut -c1-100
done

echo
printf "median ratio analyze/pdftotext: %.2f (target <= 1.0)\n" "$(median "$tmp/ratios.txt" 1)"

: >"$tmp/batch.txt"
rm -f "$tmp/batch.db"*
measure "$tmp/batch.txt" "$exe" analyze --db "$tmp/batch.db" "$@"
read -r secs rss status <"$tmp/batch.txt"
echo "batch: $# files, $sum_pages pages in one process: $(printf '%.2f' "$secs") s," \
  "peak RSS $(mb "$rss") MB, exit $status"
echo "       sum of pdftotext medians $(printf '%.2f' "$sum_ptt") s;" \
  "ratio $(awk -v a="$secs" -v p="$sum_ptt" 'BEGIN {printf "%.2f", (p > 0 ? a / p : 0)}')" \
  "(targets: ratio <= 1.0, peak RSS < 300 MB)"
if [ "$status" != 0 ]; then
  grep '^riskscope:' "$tmp/stderr.txt" | grep -v warning | cut -c1-100 | head -20 | sed 's/^/  /'
fi
