#!/usr/bin/env bash
# profile.sh - instructions per stage of `riskscope analyze`, beside pdftotext
#
#   bench/profile.sh [--exe PATH] FILE.pdf
#
# Runs `riskscope analyze` on FILE under callgrind (all threads in one
# profile), `pdftotext FILE /dev/null` and `riskscope --version` the same
# way, and prints the instructions spent in each stage of the pipeline
# (inclusive counts of the functions that own a stage), in millions.
# Instruction counts are repeatable on a loaded machine, unlike times, so
# this is the tool for finding where the CPU goes; bench/run.sh gives the
# times. Needs valgrind. README.md beside this file has a table made with it.
#
# SPDX-License-Identifier: MIT
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
exe=${RISKSCOPE_EXE:-$root/build-release/src/riskscope}
while [ $# -gt 0 ]; do
  case $1 in
    --exe) exe=$2; shift 2 ;;
    -h|--help) sed -n '4p' "$0" | sed 's/^# *//' >&2; exit 2 ;;
    *) break ;;
  esac
done
[ $# -eq 1 ] || { sed -n '4p' "$0" | sed 's/^# *//' >&2; exit 2; }
pdf=$1
command -v valgrind >/dev/null || { echo "profile.sh: valgrind is missing" >&2; exit 1; }
[ -x "$exe" ] || { echo "profile.sh: $exe not built" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/riskscope-profile.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

grind() {
  local out=$1
  shift
  # One file per process (%p): analyze does its work in a child of the
  # read watchdog (extractors/read_watchdog.c). The stages come from the
  # largest file (the worker); the others' totals go to $out.others.
  valgrind --tool=callgrind --separate-threads=no --callgrind-out-file="$out.%p" \
    "$@" >/dev/null 2>"$tmp/valgrind.txt" ||
    { echo "profile.sh: failed: $*" >&2; tail -5 "$tmp/valgrind.txt" >&2; exit 1; }
  local worker
  worker=$(ls -S "$out".* | head -1)
  callgrind_annotate --inclusive=yes --threshold=100 "$worker" 2>/dev/null >"$out.txt"
  local others=0 f
  for f in "$out".*; do
    [ "$f" = "$worker" ] || [ "${f%.txt}" != "$f" ] ||
      others=$((others + $(awk '/^totals:/ {print $2; exit}' "$f")))
  done
  echo "$others" >"$out.others"
}

# Valgrind runs pages fifty times slower than they run: no page is hostile here.
grind "$tmp/analyze.cg" "$exe" analyze --max-page-seconds 600 --db "$tmp/p.db" "$pdf"
grind "$tmp/ptt.cg" pdftotext "$pdf" /dev/null
grind "$tmp/version.cg" "$exe" --version

# incl FILE NAME...: the summed inclusive instructions of functions NAME
# (GCC clones such as NAME.constprop.0 included, recursion entries not).
incl() {
  local file=$1
  shift
  awk -v names="$*" '
    BEGIN { n = split(names, want, " "); for (i = 1; i <= n; i++) w[want[i]] = 1 }
    /^ *[0-9,]+ +\( *[0-9.]+%\) / {
      line = $0; sub(/^ *[0-9,]+ +\( *[0-9.]+%\) +/, "", line)
      f = line; sub(/ .*/, "", f); sub(/^[^:]*:/, "", f); sub(/\(.*/, "", f)
      base = f; sub(/\..*/, "", base)
      if ((f in w) || (base in w)) { gsub(",", "", $1); s += $1 }
    }
    END { printf "%.0f\n", s + 0 }' "$file.txt"
}
total() { awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1; exit }' "$1.txt"; }

a=$tmp/analyze.cg
all=$(total "$a")
ptt=$(total "$tmp/ptt.cg")
text=$(incl "$a" poppler_page_get_text)
attrs=$(incl "$a" poppler_page_get_text_attributes)
layout=$(incl "$a" poppler_page_get_text_layout)
size=$(incl "$a" poppler_page_get_size)
pagelines=$(incl "$a" rsk_page_lines_read)
workers=$(incl "$a" worker_main)
open=$(incl "$a" open_poppler)
open_main=$(incl "$a" rsk_document_open)
linking=$(incl "$a" _dl_start)
hash=$(incl "$a" hash_main hash_file)
read_main=$(incl "$a" rsk_document_read)
tax=$(incl "$a" rsk_taxonomy_load)
jit=$(incl "$a" pcre2_jit_compile_8)
db=$(incl "$a" rsk_store_open)
seg=$(incl "$a" rsk_segment)
cls=$(incl "$a" rsk_classify)
store=$(incl "$a" store_thread)
version=$(total "$tmp/version.cg")
# The worker's file counts the start-up before the fork too: the parent's
# own share is what it did beyond that.
parent=$(( $(cat "$a.others") - $(incl "$a" _dl_start) ))
all=$((all + parent))

lines=$((pagelines - text - attrs - layout - size))
# The first document is opened on the main thread, the others by workers.
pages=$((workers - pagelines - (open - open_main)))
known=$((linking + workers + open_main + hash + read_main + tax + db + seg + cls + store))
rest=$((all - parent - known))

row() { awk -v l="$1" -v n="$2" -v t="$ptt" 'BEGIN {printf "%-52s %9.1f %7.3f\n", l, n / 1e6, n / t}'; }
echo "$(basename "$pdf"): instructions, millions (x = share of pdftotext's)"
printf '%-52s %9s %7s\n' stage "M instr" "x ptt"
row "pdftotext FILE /dev/null, whole process" "$ptt"
row "riskscope analyze, whole process" "$all"
row "  watchdog parent: fork, polls (beyond start-up)" "$parent"
row "  dynamic linking (_dl_start)" "$linking"
row "  taxonomy load: parse, compile, JIT" "$tax"
row "  database open" "$db"
row "  PopplerDocument opens (all threads)" "$open"
row "  poppler_page_get_text (page display, text)" "$text"
row "  poppler_page_get_text_attributes" "$attrs"
row "  poppler_page_get_text_layout" "$layout"
row "  line building (lines.c, text.c)" "$lines"
row "  page objects: get, free the TextPage" "$pages"
row "  merge, furniture, identity (main thread)" "$read_main"
row "  SHA-256 of the file" "$hash"
row "  segmentation" "$seg"
row "  classification" "$cls"
row "  storage (SQLite) and summary" "$store"
row "  the rest (main, threads, freeing, exit)" "$rest"
row "  of all the above: PCRE2 JIT compile" "$jit"
row "riskscope --version, whole process" "$version"
