#!/usr/bin/env bash
# make_batch.sh - a batch of N filings made of the PDFs of a folder, repeated
#
#   bench/make_batch.sh [--copy] N SRC_DIR OUT_DIR
#
# Writes OUT_DIR/r001/NAME.pdf, OUT_DIR/r002/NAME.pdf, ... (the PDFs of
# SRC_DIR in name order, round after round, until there are N) and their
# list, one absolute path a line, to OUT_DIR/files.list.
#
# By default each entry is a symbolic link: the paths differ (so every
# entry is its own file to a shard, and keeps its base name), the contents
# repeat. riskscope's resume keys on the content (sha256), so a batch of
# links has as many distinct filings as SRC_DIR has PDFs: batch.sh times it
# with fresh databases and --force. --copy makes real copies with a line
# "% riskscope batch copy K" appended after the PDF's end, which every PDF
# reader ignores: N distinct sha256 of the same pages, for resume.sh.
#
# SPDX-License-Identifier: MIT
set -euo pipefail

copy=
if [ "${1:-}" = --copy ]; then
  copy=yes
  shift
fi
[ $# -eq 3 ] || { sed -n '4p' "$0" | sed 's/^# *//' >&2; exit 2; }
n=$1
src=$(cd "$2" && pwd)
out=$3
case $n in ''|*[!0-9]*|0) echo "make_batch.sh: N must be a positive number" >&2; exit 2 ;; esac

mapfile -t pdfs < <(find "$src" -maxdepth 1 -name '*.pdf' | sort)
[ "${#pdfs[@]}" -gt 0 ] || { echo "make_batch.sh: $src: no PDF files" >&2; exit 1; }
mkdir -p "$out"
out=$(cd "$out" && pwd)
: >"$out/files.list"
for ((i = 0; i < n; i++)); do
  pdf=${pdfs[i % ${#pdfs[@]}]}
  dir=$(printf '%s/r%03d' "$out" $((i / ${#pdfs[@]} + 1)))
  mkdir -p "$dir"
  entry=$dir/$(basename "$pdf")
  if [ -n "$copy" ]; then
    cp "$pdf" "$entry"
    printf '\n%% riskscope batch copy %d\n' "$i" >>"$entry"
  else
    ln -sf "$pdf" "$entry"
  fi
  echo "$entry" >>"$out/files.list"
done
