#!/usr/bin/env bash
# Renders the HTML report of the TASS corpus article in headless Chromium,
# checks that the rendered DOM holds one highlight per claim, and saves a
# screenshot as docs/report.png.
# Needs chromium (apt-get install -y chromium) and a built whosaid.
set -euo pipefail
cd "$(dirname "$0")/.."

article=tests/corpus/tass-2025-08-10-putin-rahmon.txt
work=$(mktemp -d)
profile=$(mktemp -d)
trap 'rm -rf "$work" "$profile"' EXIT

browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "report-check: chromium not found (apt-get install -y chromium)" >&2
  exit 2
fi

cargo build --release --quiet
bin=target/release/whosaid

"$bin" extract -q "$article" -o "$work/claims"
"$bin" report "$work/claims" -o "$work/report.html"
claims=$(grep -c '^- id:' "$work/claims/tass-2025-08-10-putin-rahmon.yaml")

flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --user-data-dir="$profile")

"$browser" "${flags[@]}" --dump-dom "file://$work/report.html" >"$work/dom.html" 2>"$work/chromium.log"

fail() { echo "report-check: $*" >&2; exit 1; }

# Each claim gets exactly one highlight carrying its anchor id.
ids=$(grep -o '<mark id="a0-[^"]*"' "$work/dom.html" | sort -u | wc -l)
[ "$ids" -eq "$claims" ] || fail "expected $claims claim highlights in the DOM, found $ids"
# The hover text names speaker, cue and confidence.
grep -q 'title="Speaker: Tajik president’s press office' "$work/dom.html" \
  || fail "no hover text for the press office claim"
grep -q 'Confidence: 0.95' "$work/dom.html" || fail "no confidence in the hover text"
# Two speakers, two colours.
colours=$(grep -o 'class="claim[^"]*" data-claim="[^"]*" data-speaker="[^"]*" style="--c:#[0-9a-f]*"' "$work/dom.html" \
  | sed 's/.*--c://' | sort -u | wc -l)
[ "$colours" -ge 2 ] || fail "expected several speaker colours, found $colours"
# The side list has one entry per claim, and nothing points outside the file.
items=$(grep -o '<li class="item' "$work/dom.html" | wc -l)
[ "$items" -eq "$claims" ] || fail "expected $claims side-list entries, found $items"
if grep -Eq '(src|href)="https?:' "$work/dom.html"; then fail "the report loads external assets"; fi

"$browser" "${flags[@]}" --hide-scrollbars --window-size=1400,1100 \
  --screenshot="$PWD/docs/report.png" "file://$work/report.html" 2>>"$work/chromium.log" >/dev/null
[ -s docs/report.png ] || fail "no screenshot written"

echo "report-check: ok: $claims claims highlighted, $colours speaker colours, screenshot in docs/report.png"
