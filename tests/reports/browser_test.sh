#!/bin/sh
# browser_test.sh - the HTML report in headless Chromium
#
# Usage: browser_test.sh RISKSCOPE MAKE_REPORT_FIXTURES BUILD_DIR
#
# Generates the prospectus pair and the escaping 10-K, analyses them, writes
# the report, then opens it in headless Chromium with no network and a
# fresh profile, and checks the parsed DOM: one <rect class="cell"> per
# company and category, no <script> element (the fixture's "<script>" must
# stay text), the SVG and the company sections present; and that the page
# logged no console error. Saves BUILD_DIR/report.png (1280 x 2000).
# Exit 77 (meson's skip) when Chromium is missing.
#
# SPDX-License-Identifier: MIT
set -eu

exe=$1
make_fixtures=$2
build_dir=$3

chromium=""
for c in chromium chromium-browser google-chrome; do
  if command -v "$c" >/dev/null 2>&1; then
    chromium=$(command -v "$c")
    break
  fi
done
if [ -z "$chromium" ]; then
  echo "SKIP: chromium not installed"
  exit 77
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/rsk-browser-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
db="$work/r.db"
html="$work/report.html"
profile="$work/profile"
mkdir "$profile"

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

"$make_fixtures" "$work"
"$exe" analyze --db "$db" --company "SinoVerse Intelligence Technology Co., Ltd." \
  "$work/sinoverse_application_proof.pdf" "$work/sinoverse_prospectus.pdf" \
  >/dev/null
"$exe" analyze --db "$db" "$work/acme_escaping_10k.pdf" >/dev/null
# The generated filings are small enough to raise sanity flags: keep them.
"$exe" report --db "$db" --html "$html" --include-flagged

# Companies and categories as compare sees them: CSV header minus company,
# filing, ai_total, total and flags; rows minus the header and the total row.
# filing and total; rows minus the header and the total row.
csv=$("$exe" compare --db "$db" --format csv --include-flagged | tr -d '\r')
categories=$(printf '%s\n' "$csv" | head -n 1 | awk -F, '{ print NF - 5 }')
companies=$(printf '%s\n' "$csv" | awk 'END { print NR - 2 }')
expected=$((companies * categories))
[ "$expected" -gt 0 ] || fail "compare shows no cells ($companies x $categories)"

# No network: the report is a local file and its CSP forbids fetching; the
# flags below stop Chromium's own background traffic.
flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
--disable-background-networking --disable-component-update --disable-sync \
--disable-extensions --disable-default-apps --no-pings \
--user-data-dir=$profile"

# shellcheck disable=SC2086 # flags are split on purpose
timeout 120 "$chromium" $flags --enable-logging=stderr --v=0 \
  --virtual-time-budget=2000 --dump-dom "file://$html" \
  >"$work/dom.html" 2>"$work/chromium.log" ||
  fail "chromium --dump-dom failed: $(tail -n 5 "$work/chromium.log")"

grep -q '<svg class="heatmap"' "$work/dom.html" || fail "no heat map in the DOM"
cells=$(grep -o '<rect class="cell"' "$work/dom.html" | wc -l)
[ "$cells" -eq "$expected" ] ||
  fail "$cells heat-map cells in the DOM, expected $companies x $categories = $expected"
if grep -qi '<script' "$work/dom.html"; then
  fail "a <script> element made it into the DOM"
fi
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$work/dom.html" ||
  fail "the fixture's <script> text is not shown as text"
sections=$(grep -o '<section class="card company"' "$work/dom.html" | wc -l)
[ "$sections" -eq "$companies" ] ||
  fail "$sections company sections, expected $companies"
grep -q 'Changes since the previous ' "$work/dom.html" ||
  fail "no diff section for the company with two filings"
# Chromium logs every console message as "INFO:CONSOLE(...)" without its
# level; the page has no script, so any message at all (an uncaught error,
# a CSP refusal) is a fault.
if grep -E ':CONSOLE[:(]' "$work/chromium.log" >/dev/null; then
  grep -E ':CONSOLE[:(]' "$work/chromium.log" >&2
  fail "the page logged console messages"
fi

# shellcheck disable=SC2086
timeout 120 "$chromium" $flags --hide-scrollbars --window-size=1280,2000 \
  --screenshot="$build_dir/report.png" "file://$html" \
  >/dev/null 2>"$work/screenshot.log" ||
  fail "chromium --screenshot failed: $(tail -n 5 "$work/screenshot.log")"
[ -s "$build_dir/report.png" ] || fail "no screenshot written"

echo "ok: $cells cells ($companies companies x $categories categories)," \
  "no script element, no console error; screenshot $build_dir/report.png"
