#!/usr/bin/env bash
# Real-browser test of `canvasc serve` and of the PNG and PDF boards (not
# part of `cargo test`).
#
# 1. PNG and PDF: builds examples/saas-analytics.canvas as both; `pdftotext`
#    (poppler) must find the canvas title and all nine block titles in the
#    PDF, `file` must see a PNG, and a PNG asked for on a terminal (faked with
#    `script`) must be refused with a hint to use `-o`.
# 2. serve.mjs drives Debian's Chromium with playwright-core (from npm; no
#    browser download) against `canvasc serve` on a temporary canvas.
#
# Installs Chromium, poppler-utils and playwright-core only when missing.
#
#   bash tests/browser/serve.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v script >/dev/null 2>&1 || need+=(bsdutils)
if [ "${#need[@]}" -gt 0 ]; then
  echo "serve test: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi

cargo build --release --quiet
canvasc="$PWD/target/release/canvasc"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# --- PNG and PDF -------------------------------------------------------------
example=examples/saas-analytics.canvas
"$canvasc" build "$example" --format png -o "$work/board.png"
"$canvasc" build "$example" --format pdf -o "$work/board.pdf"
head -c 8 "$work/board.png" | od -An -c | grep -q 'P   N   G' || { echo "board.png is not a PNG"; exit 1; }
pdftotext -layout "$work/board.pdf" "$work/board.txt"
title="$("$canvasc" build "$example" --format json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["canvas"]["title"])')"
missing=0
for wanted in "$title" "Key Partners" "Key Activities" "Key Resources" "Value Propositions" \
  "Customer Relationships" "Channels" "Customer Segments" "Cost Structure" "Revenue Streams"; do
  if grep -qF "$wanted" "$work/board.txt"; then
    echo "ok: pdftotext finds \"$wanted\""
  else
    echo "FAILED: pdftotext does not find \"$wanted\""; missing=1
  fi
done
[ "$missing" = 0 ] || { echo "--- pdftotext output:"; head -40 "$work/board.txt"; exit 1; }
pdfinfo "$work/board.pdf" | grep -E '^(Pages|Page size):'
# On a terminal, binary output is refused, with the way to write a file.
set +e
script -qec "$canvasc build $example --format png" /dev/null >"$work/tty.txt" 2>&1
status=$?
set -e
if [ "$status" = 2 ] && grep -q -- "-o board.png" "$work/tty.txt" && ! grep -qa $'\x89PNG' "$work/tty.txt"; then
  echo "ok: a PNG is not written to a terminal"
else
  echo "FAILED: a PNG on a terminal (status $status):"; head -c 400 "$work/tty.txt"; exit 1
fi

# --- serve in Chromium -------------------------------------------------------
chromium --version
"$canvasc" build examples/beauty-shop.canvas --format html -o "$work/board.html"
npm_dir="${CANVASC_NPM_CACHE:-$HOME/.cache/canvasc-browser-test}"
if [ ! -d "$npm_dir/node_modules/playwright-core" ]; then
  mkdir -p "$npm_dir"
  npm install --silent --no-audit --no-fund --prefix "$npm_dir" playwright-core@1.65.1 >/dev/null
fi
# ES modules find their packages beside the script.
cp tests/browser/serve.mjs "$npm_dir/serve.mjs"
timeout 120 node "$npm_dir/serve.mjs" "$canvasc" "$work"
