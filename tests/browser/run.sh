#!/usr/bin/env bash
# Real-browser test of `canvasc build --format html|svg` (not part of `cargo test`).
#
# Builds the release binary, compiles examples/beauty-shop.canvas to HTML and
# SVG in a temporary directory, and has Debian's Chromium, headless, take a
# screenshot of each and dump the page's DOM after loading. check.py then
# verifies that neither screenshot is blank and that no script ran (the DOM
# is the page's static content). Installs Chromium only if it is missing.
#
#   bash tests/browser/run.sh                       # run the test
#   bash tests/browser/run.sh --save docs/board.png # and keep the board's screenshot
set -euo pipefail
cd "$(dirname "$0")/../.."

save=""
if [ "${1:-}" = "--save" ]; then
  save="${2:?--save takes a path}"
fi

if ! command -v chromium >/dev/null 2>&1; then
  echo "browser test: installing Chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi
chromium --version

cargo build --release --quiet
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
canvasc=./target/release/canvasc
"$canvasc" build examples/beauty-shop.canvas --format html -o "$work/board.html"
"$canvasc" build examples/beauty-shop.canvas --format svg -o "$work/board.svg"

# One fresh profile per run; no network, no first-run or background work.
browser() {
  timeout 180 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars \
    --user-data-dir="$(mktemp -d -p "$work")" "$@" 2>>"$work/chromium.log" || {
    echo "browser test: chromium failed:"; tail -20 "$work/chromium.log"; exit 1; }
}

# The SVG's own height, so its screenshot is exactly the board.
height="$(python3 -c 'import re,sys; print(re.search(r"<svg[^>]* height=\"(\d+)\"", open(sys.argv[1]).read()).group(1))' "$work/board.svg")"
browser --screenshot="$work/html.png" --window-size=1600,1200 "file://$work/board.html"
browser --screenshot="$work/svg.png" --window-size="1600,$height" "file://$work/board.svg"
browser --dump-dom "file://$work/board.html" >"$work/dom.html"

python3 tests/browser/check.py "$work"

if [ -n "$save" ]; then
  cp "$work/svg.png" "$save"
  echo "browser test: saved the board's screenshot as $save"
fi
