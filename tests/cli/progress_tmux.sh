#!/bin/sh
# progress_tmux.sh - analyze's progress bar in a 60-column terminal
#
# Usage: progress_tmux.sh RISKSCOPE SAMPLE_PDF
#
# Runs riskscope analyze in a detached tmux pane 60 columns wide, on a
# batch whose file names are longer than the pane, and reads the pane with
# capture-pane (which shows a wrapped line as two):
#
# - while the batch waits on its second file (a named pipe nobody writes,
#   so the first file's bar stays up), the pane holds one line, the bar,
#   within 59 columns;
# - once a whole batch is done, no bar is left behind: the pane holds only
#   what the shell printed after it.
#
# Exit 77 (meson's skip) when tmux is missing.
#
# SPDX-License-Identifier: MIT
set -eu

# Absolute: the pane's shell does not start in this folder.
exe=$(realpath "$1")
sample=$(realpath "$2")

if ! command -v tmux >/dev/null 2>&1; then
  echo "SKIP: tmux not installed"
  exit 77
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/rsk-progress-XXXXXX")
# A server of our own for each part: a new one on a socket just killed may
# find the old one still exiting.
sock1="rsk-progress-$$-1"
sock2="rsk-progress-$$-2"
sock=$sock1
cleanup() {
  tmux -L "$sock1" kill-server 2>/dev/null || true
  tmux -L "$sock2" kill-server 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

fail() {
  echo "FAIL: $*" >&2
  echo "--- pane:" >&2
  cat "$work/pane" >&2 2>/dev/null || true
  exit 1
}

long=an_annual_report_whose_file_name_is_longer_than_the_terminal_is_wide
cp "$sample" "$work/${long}_1.pdf"
cp "$sample" "$work/${long}_2.pdf"
cp "$sample" "$work/${long}_3.pdf"
mkfifo "$work/${long}_waits.pdf"

# Reads the pane into $work/pane; its non-empty lines into $work/lines,
# but for riskscope's own messages (a sanity flag's warning).
capture() {
  tmux -L "$sock" capture-pane -p -t rsk >"$work/pane"
  grep -v -e '^[[:space:]]*$' -e '^riskscope: ' "$work/pane" >"$work/lines" ||
    true
}

# Waits (at most about a minute: the pane may start slowly on a busy
# machine) until the pane shows TEXT.
wait_for() {
  i=0
  while [ $i -lt 300 ]; do
    capture
    if grep -q -- "$1" "$work/pane"; then
      return 0
    fi
    i=$((i + 1))
    sleep 0.2
  done
  fail "the pane never showed \"$1\""
}

# 1. The bar while the batch waits on its second file.
tmux -L "$sock" -f /dev/null new-session -d -s rsk -x 60 -y 12 \
  "'$exe' analyze --db '$work/r.db' '$work/${long}_1.pdf' \
   '$work/${long}_waits.pdf' '$work/${long}_2.pdf' >/dev/null; sleep 600"
wait_for "1/3"
[ "$(tmux -L "$sock" display -p -t rsk '#{pane_width}')" -eq 60 ] ||
  fail "the pane is not 60 columns wide"
lines=$(wc -l <"$work/lines")
[ "$lines" -eq 1 ] || fail "$lines lines in the pane, expected the bar alone"
width=$(python3 -c 'import sys; print(len(sys.stdin.read().rstrip("\n")))' \
  <"$work/lines")
[ "$width" -le 59 ] || fail "the bar is $width columns wide in a 60-column pane"
grep -q '^\[=*  *\] 1/3 an_annual_report' "$work/lines" ||
  fail "the line is not the bar: $(cat "$work/lines")"
bar=$(cat "$work/lines")
tmux -L "$sock" kill-server
sock=$sock2

# 2. A whole batch leaves nothing behind.
tmux -L "$sock" -f /dev/null new-session -d -s rsk -x 60 -y 12 \
  "'$exe' analyze --db '$work/r2.db' '$work/${long}_1.pdf' \
   '$work/${long}_2.pdf' '$work/${long}_3.pdf' >/dev/null; echo batch-done; \
   sleep 600"
wait_for "batch-done"
lines=$(wc -l <"$work/lines")
[ "$lines" -eq 1 ] ||
  fail "$lines lines in the pane after the batch, expected \"batch-done\" alone"

echo "ok: one line in a 60-column pane: $bar"
