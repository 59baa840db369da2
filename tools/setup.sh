#!/bin/sh
# setup.sh - install what riskscope needs (Debian), then configure and build.
#
#   tools/setup.sh           libraries and build tools, then build/ is built
#   tools/setup.sh --tests   also what the test suite uses (qpdf, chromium,
#                            tmux, a one-node Slurm cluster: slurmctld, slurmd,
#                            munge, clang and libFuzzer for the fuzz smoke run)
#
# As root, missing packages are installed with apt-get; otherwise the exact
# apt-get line is printed and the script stops.
set -eu

cd "$(dirname "$0")/.."

# poppler-data: the CMaps and CID-to-Unicode tables of Chinese, Japanese and
# Korean fonts; without it Poppler drops the text of CID-keyed fonts that
# are not embedded (traditional-Chinese prospectuses: no 風險因素 at all).
packages="gcc pkg-config python3 meson ninja-build libglib2.0-dev
libpoppler-glib-dev libxml2-dev libpcre2-dev libcjson-dev libsqlite3-dev libcairo2-dev
libcmocka-dev nettle-dev libjemalloc-dev fonts-dejavu-core fonts-liberation2 poppler-utils poppler-data"
build_dir=build
if [ "${1:-}" = "--tests" ]; then
  packages="$packages qpdf chromium time tmux fonts-wqy-microhei fonts-dejavu-extra
  slurmctld slurmd slurm-client munge clang libclang-rt-14-dev"
fi

missing=""
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing="$missing $p"
  fi
done

if [ -n "$missing" ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "setup: installing:$missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "setup: missing Debian packages; run as root:" >&2
    echo "  apt-get install -y$missing" >&2
    exit 1
  fi
fi

log=$(mktemp)
if [ ! -f "$build_dir/build.ninja" ]; then
  meson setup "$build_dir" >"$log" 2>&1 || { cat "$log"; rm -f "$log"; exit 1; }
fi
ninja -C "$build_dir" >"$log" 2>&1 || { cat "$log"; rm -f "$log"; exit 1; }
rm -f "$log"
echo "setup: built $build_dir/src/riskscope" >&2
