#!/usr/bin/env bash
# run.sh - time riskscope analyze against pdftotext on the same PDFs
#
#   bench/run.sh [-n PAIRS] [--build DIR] [--exclude LIST] [DIR | FILE.pdf...]
#   bench/run.sh [--build DIR] --long [N...]
#   bench/run.sh [-n PAIRS] [--build DIR] --html [FILE.html...]
#
# The first form runs, for every PDF of DIR (default ../shared/corpus from
# the repository root), `pdftotext FILE /dev/null` and `riskscope analyze
# --db TMP FILE` (a fresh database each time) in alternation, PAIRS times
# (default 5): A B A B ..., so both see the same state of the machine. It
# prints per file the medians of wall and CPU (user + system) time of each,
# the medians of the per-pair ratios and analyze's peak RSS; then one
# summary line, and one batch run of analyze over all the PDFs in one
# process. Two floors run in the same alternation: bench/pdf_floor makes
# the Poppler calls analyze makes per page, on as many threads, and keeps
# nothing (flr x: its wall time over pdftotext's; flr cx: its CPU time),
# and `pdf_floor --text` gets only the text, pdftotext's work split over
# the threads (txt x). The machine's load average is printed before and
# after, with a warning above 0.5: on a busy machine the times mean little (callgrind
# instruction counts, bench/profile.sh, do not depend on load). LIST names
# base names to leave out, one a line. The second form generates Hong
# Kong-layout filings of N pages (default 100 400 800) with the fixtures'
# generator (bench/make_long) and prints analyze's peak RSS for each, to
# show that memory is bounded by a window of pages. The third takes EDGAR
# HTML filings that have a Chromium print beside them (FILE.pdf; by
# default every such FILE.html of ../shared/corpus) and times, in the same
# alternation, pdftotext on the print against extract and analyze on the
# HTML, with analyze's peak RSS, and two floors: libxml2's HTML parser alone
# with callbacks that do nothing (bench/html_floor, "flr"), and riskscope's
# start-up (`riskscope --version`, which maps every library it links).
#
# README.md beside this file explains the columns and the targets.
#
# SPDX-License-Identifier: MIT
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
runs=5
# A release build when there is one (meson setup build-release --buildtype=release).
build=${RISKSCOPE_BUILD:-$root/build-release}
[ -d "$build" ] || build=$root/build
long=
html=
exclude=

usage() {
  sed -n '4,6p' "$0" | sed 's/^# *//' >&2
  exit 2
}
inputs=()
html_files=()

while [ $# -gt 0 ]; do
  case $1 in
    -n) [ $# -ge 2 ] || usage; runs=$2; shift 2 ;;
    --build) [ $# -ge 2 ] || usage; build=$(cd "$2" && pwd); shift 2 ;;
    --long) long=yes; shift ;;
    --html) html=yes; shift ;;
    --exclude) [ $# -ge 2 ] || usage; exclude=$2; shift 2 ;;
    -h|--help) usage ;;
    -*) echo "run.sh: unknown option $1" >&2; usage ;;
    *) if [ -n "$long" ]; then sizes="${sizes:-} $1"
       elif [ -n "$html" ]; then html_files+=("$1")
       else inputs+=("$1"); fi
       shift ;;
  esac
done
case $runs in ''|*[!0-9]*|0) echo "run.sh: -n wants a positive number" >&2; exit 2 ;; esac

exe=${RISKSCOPE_EXE:-$build/src/riskscope}
for tool in pdftotext pdfinfo python3; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "run.sh: $tool is missing (apt-get install poppler-utils python3)" >&2; exit 1; }
done
meter="python3 $root/bench/measure.py"
[ -x "$exe" ] || { echo "run.sh: $exe not built (ninja -C $build)" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/riskscope-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# pair OUT CMD...: runs CMD (output to /dev/null, standard error to
# $tmp/stderr.txt); appends "WALL CPU RSS_KB STATUS" to OUT, CPU being
# user + system seconds.
pair() {
  local out=$1 wall user sys rss status
  shift
  read -r wall user sys rss status < <($meter --stderr "$tmp/stderr.txt" "$@")
  echo "$wall $(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.6f", u + s}') $rss $status" >>"$out"
}

# median FILE COLUMN: the median of a column of numbers.
median() {
  awk -v c="$2" '{print $c}' "$1" | sort -g |
    awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2];
                           else printf "%.4f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

mb() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }

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
    pair "$tmp/gen.txt" "$maker" "$pdf" "$n"
    [ -s "$pdf" ] || { echo "run.sh: make_long failed for $n pages" >&2; cat "$tmp/stderr.txt" >&2; exit 1; }
    : >"$tmp/run.txt"
    rm -f "$tmp/long.db"*
    pair "$tmp/run.txt" "$exe" analyze --db "$tmp/long.db" "$pdf"
    read -r secs _ rss status <"$tmp/run.txt"
    read -r gsecs _ _ _ <"$tmp/gen.txt"
    pps=$(awk -v n="$n" -v s="$secs" 'BEGIN {printf "%.0f", (s > 0 ? n / s : 0)}')
    st=ok; [ "$status" = 0 ] || st="exit $status"
    printf '%-7s %9.2f %9.2f %9s %12s %12s\n' "$n" "$gsecs" "$secs" "$pps" "$(mb "$rss")" "$st"
    [ "$status" = 0 ] || sed 's/^/  /' "$tmp/stderr.txt" | head -3
    rm -f "$pdf"
  done
  exit 0
fi

# ------------------------------------------------------- HTML and its print
if [ -n "$html" ]; then
  if [ ${#html_files[@]} -eq 0 ]; then
    for f in "$root"/../shared/corpus/*.html; do
      [ -f "$f" ] && [ -f "${f%.html}.pdf" ] && html_files+=("$f")
    done
  fi
  [ ${#html_files[@]} -gt 0 ] || { echo "run.sh: no FILE.html with a FILE.pdf beside it" >&2; exit 1; }
  floor=$build/bench/html_floor
  [ -x "$floor" ] || { echo "run.sh: $floor not built (ninja -C $build)" >&2; exit 1; }
  echo "$exe; $(nproc) cores; median of $runs rounds (pdftotext on the print, extract, analyze," \
    "parser floor)"
  echo "load average before: $(cut -d' ' -f1 /proc/loadavg)"
  : >"$tmp/start.txt"
  i=0
  while [ $i -lt "$runs" ]; do pair "$tmp/start.txt" "$exe" --version; i=$((i + 1)); done
  printf '%-26s %4s %6s %6s %6s %6s %6s %6s %6s %6s %s\n' file MB "ptt s" "ext s" "anl s" \
    "wall x" "flr s" "flr x" "anl c" "RSS MB" note
  : >"$tmp/ratios.txt"
  : >"$tmp/floors.txt"
  for f in "${html_files[@]}"; do
    pdf=${f%.*}.pdf
    [ -f "$pdf" ] || { echo "run.sh: $f: no $pdf beside it" >&2; exit 1; }
    : >"$tmp/ptt.txt"; : >"$tmp/ext.txt"; : >"$tmp/anl.txt"; : >"$tmp/flr.txt"
    i=0
    while [ $i -lt "$runs" ]; do
      pair "$tmp/ptt.txt" pdftotext "$pdf" /dev/null
      pair "$tmp/ext.txt" "$exe" extract "$f"
      rm -f "$tmp/one.db"*
      pair "$tmp/anl.txt" "$exe" analyze --db "$tmp/one.db" "$f"
      pair "$tmp/flr.txt" "$floor" "$f"
      i=$((i + 1))
    done
    paste -d' ' "$tmp/ptt.txt" "$tmp/anl.txt" "$tmp/flr.txt" |
      awk '{d = ($1 > 0 ? $1 : 1); printf "%.6f %.6f\n", $5 / d, $9 / d}' >"$tmp/ratio.txt"
    wall_x=$(median "$tmp/ratio.txt" 1)
    floor_x=$(median "$tmp/ratio.txt" 2)
    echo "$wall_x" >>"$tmp/ratios.txt"
    echo "$floor_x" >>"$tmp/floors.txt"
    status=$(awk '$4 != 0 {print $4; exit}' "$tmp/anl.txt")
    note=; [ -z "$status" ] || note="exit $status"
    mbytes=$(awk -v b="$(wc -c <"$f")" 'BEGIN {printf "%.1f", b / 1048576}')
    printf '%-26.26s %4s %6.3f %6.3f %6.3f %6.2f %6.3f %6.2f %6.3f %6s %s\n' "$(basename "$f")" \
      "$mbytes" "$(median "$tmp/ptt.txt" 1)" "$(median "$tmp/ext.txt" 1)" \
      "$(median "$tmp/anl.txt" 1)" "$wall_x" "$(median "$tmp/flr.txt" 1)" "$floor_x" \
      "$(median "$tmp/anl.txt" 2)" \
      "$(mb "$(awk '$3 > m {m = $3} END {print m + 0}' "$tmp/anl.txt")")" "$note"
  done
  echo "load average after: $(cut -d' ' -f1 /proc/loadavg)"
  printf "median wall ratio analyze(HTML)/pdftotext(print): %.2f (target <= 0.25; RSS < 150 MB)\n" \
    "$(median "$tmp/ratios.txt" 1)"
  printf "floors: libxml2's parser alone %.2f of pdftotext (median); riskscope start-up %.3f s\n" \
    "$(median "$tmp/floors.txt" 1)" "$(median "$tmp/start.txt" 1)"
  exit 0
fi

# ------------------------------------------------------------------ corpus
if [ ${#inputs[@]} -eq 0 ]; then
  inputs=("$root/../shared/corpus")
fi
pdfs=()
for input in "${inputs[@]}"; do
  if [ -d "$input" ]; then
    for f in "$input"/*.pdf; do [ -e "$f" ] && pdfs+=("$f"); done
  else
    pdfs+=("$input")
  fi
done
if [ -n "$exclude" ]; then
  kept=()
  for f in "${pdfs[@]}"; do grep -qxF "$(basename "$f")" "$exclude" || kept+=("$f"); done
  pdfs=("${kept[@]}")
fi
[ ${#pdfs[@]} -gt 0 ] || { echo "run.sh: no PDF files in ${inputs[*]}" >&2; exit 1; }
set -- "${pdfs[@]}"

load() { cut -d' ' -f1 /proc/loadavg; }
load_check() {   # load_check WHEN
  local l
  l=$(load)
  echo "load average $1: $l ($(nproc) cores)"
  if awk -v l="$l" 'BEGIN {exit !(l > 0.5)}'; then
    echo "WARNING: load average $l > 0.5: other work is running; times are not reliable"
  fi
}

floor=$build/bench/pdf_floor
[ -x "$floor" ] || { echo "run.sh: $floor not built (ninja -C $build)" >&2; exit 1; }
echo "$exe: $("$exe" --version 2>/dev/null | head -1 || true); $(nproc) cores;" \
  "median of $runs rounds (pdftotext, analyze, Poppler floor, text floor alternating)"
load_check before
printf '%-26s %5s %7s %7s %7s %7s %6s %6s %6s %6s %6s %6s %s\n' file pages "ptt s" "ptt cpu" \
  "anl s" "anl cpu" "wall x" "cpu x" "flr x" "flr cx" "txt x" "RSS MB" note
: >"$tmp/summary.txt"
sum_ptt=0
sum_pages=0
for pdf; do
  name=$(basename "$pdf")
  pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
  : >"$tmp/ptt.txt"
  : >"$tmp/anl.txt"
  : >"$tmp/flr.txt"
  : >"$tmp/txt.txt"
  i=0
  while [ $i -lt "$runs" ]; do
    pair "$tmp/ptt.txt" pdftotext "$pdf" /dev/null
    rm -f "$tmp/one.db"*
    pair "$tmp/anl.txt" "$exe" analyze --db "$tmp/one.db" "$pdf"
    pair "$tmp/flr.txt" "$floor" "$pdf"
    pair "$tmp/txt.txt" "$floor" --text "$pdf"
    i=$((i + 1))
  done
  # Per round, over pdftotext: analyze wall, analyze CPU, floor wall, floor
  # CPU, text floor wall, text floor CPU.
  paste -d' ' "$tmp/ptt.txt" "$tmp/anl.txt" "$tmp/flr.txt" "$tmp/txt.txt" |
    awk '{w = ($1 > 0 ? $1 : 1); c = ($2 > 0 ? $2 : 1)
          printf "%.6f %.6f %.6f %.6f %.6f %.6f\n", $5 / w, $6 / c, $9 / w, $10 / c, $13 / w, $14 / c}' \
      >"$tmp/ratio.txt"
  ptt=$(median "$tmp/ptt.txt" 1)
  ptt_cpu=$(median "$tmp/ptt.txt" 2)
  anl=$(median "$tmp/anl.txt" 1)
  anl_cpu=$(median "$tmp/anl.txt" 2)
  rss=$(awk '$3 > m {m = $3} END {print m + 0}' "$tmp/anl.txt")
  wall_x=$(median "$tmp/ratio.txt" 1)
  cpu_x=$(median "$tmp/ratio.txt" 2)
  flr_x=$(median "$tmp/ratio.txt" 3)
  flr_cx=$(median "$tmp/ratio.txt" 4)
  txt_x=$(median "$tmp/ratio.txt" 5)
  txt_cx=$(median "$tmp/ratio.txt" 6)
  note=
  status=$(awk '$4 != 0 {print $4; exit}' "$tmp/anl.txt")
  [ -z "$status" ] || note="exit $status: $(head -c 60 "$tmp/stderr.txt" | head -1)"
  echo "$wall_x $cpu_x $rss $name $flr_x $flr_cx $txt_x $txt_cx" >>"$tmp/summary.txt"
  sum_ptt=$(awk -v a="$sum_ptt" -v b="$ptt" 'BEGIN {printf "%.4f", a + b}')
  sum_pages=$((sum_pages + ${pages:-0}))
  printf '%-26.26s %5s %7.3f %7.3f %7.3f %7.3f %6.2f %6.2f %6.2f %6.2f %6.2f %6s %s\n' "$name" \
    "${pages:-?}" "$ptt" "$ptt_cpu" "$anl" "$anl_cpu" "$wall_x" "$cpu_x" "$flr_x" "$flr_cx" "$txt_x" \
    "$(mb "$rss")" "$note" | cut -c1-130
done

echo
load_check after
awk -v n="$#" -v medw="$(median "$tmp/summary.txt" 1)" -v medc="$(median "$tmp/summary.txt" 2)" '
  {if ($1 > mw) {mw = $1; fw = $4}; if ($2 > mc) {mc = $2; fc = $4}; if ($3 > mr) {mr = $3; fr = $4}}
  END {
    printf "summary: %d filings; wall ratio median %.2f, max %.2f (%s); CPU ratio median %.2f, max %.2f (%s); max RSS %.0f MB (%s)\n",
      n, medw, mw, fw, medc, mc, fc, mr / 1024, fr
    printf "targets: wall ratio median <= 0.6, max <= 0.8; CPU ratio <= 1.25; RSS < 300 MB\n"
  }' "$tmp/summary.txt"
printf "floors (medians over pdftotext): Poppler's text, fonts and positions as analyze reads them:"
printf " wall %.2f, CPU %.2f; the text alone on the same threads: wall %.2f, CPU %.2f\n" \
  "$(median "$tmp/summary.txt" 5)" "$(median "$tmp/summary.txt" 6)" \
  "$(median "$tmp/summary.txt" 7)" "$(median "$tmp/summary.txt" 8)"

: >"$tmp/batch.txt"
rm -f "$tmp/batch.db"*
pair "$tmp/batch.txt" "$exe" analyze --db "$tmp/batch.db" "$@"
read -r secs cpu rss status <"$tmp/batch.txt"
echo "batch: $# files, $sum_pages pages in one process: $(printf '%.2f' "$secs") s wall," \
  "$(printf '%.2f' "$cpu") s CPU, peak RSS $(mb "$rss") MB, exit $status;" \
  "sum of pdftotext medians $(printf '%.2f' "$sum_ptt") s"
if [ "$status" != 0 ]; then
  grep '^riskscope:' "$tmp/stderr.txt" | grep -v warning | cut -c1-100 | head -20 | sed 's/^/  /'
fi
