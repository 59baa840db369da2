#!/usr/bin/env bash
# run.sh - build the libFuzzer targets and run each for a while
#
#   fuzz/run.sh [SECONDS] [TARGET...]
#
# Sets up build-fuzz (clang, -Dfuzz=true, ASan + UBSan, the libraries
# instrumented with -fsanitize=fuzzer-no-link) when it is missing, writes
# the seed corpora (make_seeds, the committed tests/data PDFs, the shipped
# taxonomy), then runs each TARGET (default: every fuzz_* target of
# fuzz/meson.build) for SECONDS (default 600) one after the other, under nice,
# growing build-fuzz/corpus/TARGET from the seeds and the corpus kept in
# tests/data/fuzz/TARGET/ (read, never written). Crashes, leaks and
# timeouts are saved under fuzz/crashes/TARGET/ and make the exit status
# non-zero; reproduce one with `build-fuzz/fuzz/TARGET FILE`, and keep it
# as tests/data/fuzz/TARGET-NAME for test_fuzz_regressions.c.
# FUZZ_BUILD names another build dir; FUZZ_ARGS adds libFuzzer flags.
#
# SPDX-License-Identifier: MIT
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-600}
[ $# -gt 0 ] && shift
# Every target fuzz/meson.build builds, unless named.
all_targets=$(grep -o "'fuzz_[a-z0-9_]*'" "$root/fuzz/meson.build" | tr -d "'" | sort -u)
targets=${*:-$all_targets}
build=${FUZZ_BUILD:-$root/build-fuzz}

command -v clang >/dev/null || { echo "run.sh: clang is missing (apt-get install clang)" >&2; exit 1; }
if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" "$root" -Dfuzz=true -Dtests=disabled \
    -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args=-fsanitize=fuzzer-no-link >/dev/null
fi
ninja -C "$build" -j2 $(for t in $targets; do echo fuzz/$t; done) fuzz/make_seeds >/dev/null

corpus=$build/corpus
seeds=$build/seeds
if [ ! -f "$seeds/.done" ]; then
  # Real layouts for fuzz_segment: the bundled sample and two corpus filings.
  extra=$(ls "$build"/sample/*.pdf "$root"/build/sample/*.pdf 2>/dev/null | head -1 || true)
  for f in apple_10k_fy2023.pdf microsoft_10k_fy2023.pdf; do
    [ -f "$root/../shared/corpus/$f" ] && extra="$extra $root/../shared/corpus/$f"
  done
  # shellcheck disable=SC2086
  ASAN_OPTIONS=detect_leaks=0 "$build/fuzz/make_seeds" "$seeds" $extra
  cp "$root"/tests/data/*.pdf "$seeds/pdf/" 2>/dev/null || true
  # Uncompressed copies let the fuzzer mutate content streams directly.
  if command -v qpdf >/dev/null; then
    for f in "$seeds"/pdf/*.pdf; do
      qpdf --qdf --object-streams=disable "$f" "${f%.pdf}.qdf.pdf" 2>/dev/null || true
    done
  fi
  # Real EDGAR HTML small enough to mutate whole; the crash regressions.
  for f in "$root"/../shared/corpus/html/medicispharmaceutical_10-k_fy1999.htm \
           "$root"/tests/data/fuzz/html-*; do
    [ -f "$f" ] && cp "$f" "$seeds/html/"
  done
  mkdir -p "$seeds/taxonomy"
  cp "$root/taxonomy/ai-regulation.json" "$seeds/taxonomy/"
  cp "$root"/fuzz/seeds/*.json "$seeds/taxonomy/"
  touch "$seeds/.done"
fi

status=0
for target in $targets; do
  case $target in
    fuzz_taxonomy) seed=$seeds/taxonomy dict=$root/fuzz/taxonomy.dict max_len=65536 ;;
    fuzz_segment) seed=$seeds/segment dict=$root/fuzz/segment.dict max_len=131072 ;;
    fuzz_pdf) seed=$seeds/pdf dict=$root/fuzz/pdf.dict max_len=65536 ;;
    fuzz_html) seed=$seeds/html dict=$root/fuzz/html.dict max_len=65536 ;;
    *)
      # A target added later: its seeds in fuzz/seeds/TARGET/ if any, its
      # dictionary fuzz/NAME.dict (fuzz_html -> html.dict) if any.
      case " $all_targets " in *" $target "*) ;; *)
        echo "run.sh: unknown target $target" >&2; exit 2 ;;
      esac
      seed=$root/fuzz/seeds/$target dict=$root/fuzz/${target#fuzz_}.dict max_len=65536
      [ -d "$seed" ] || seed=$corpus/$target
      [ -f "$dict" ] || dict=/dev/null ;;
  esac
  mkdir -p "$corpus/$target" "$root/fuzz/crashes/$target"
  kept=$root/tests/data/fuzz/$target
  [ -d "$kept" ] || kept=
  echo "== $target: ${seconds}s"
  # shellcheck disable=SC2086
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
  LSAN_OPTIONS=suppressions=$root/tests/lsan.supp \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:suppressions=$root/fuzz/ubsan.supp \
    nice -n 19 "$build/fuzz/$target" "$corpus/$target" "$seed" $kept \
      -dict="$dict" -max_total_time="$seconds" -timeout=30 \
      -rss_limit_mb=2048 -max_len=$max_len -close_fd_mask=1 -print_final_stats=1 \
      -artifact_prefix="$root/fuzz/crashes/$target/" ${FUZZ_ARGS:-} || status=$?
done
exit $status
