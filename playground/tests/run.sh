#!/usr/bin/env bash
# The playground's browser test (a .ci/run step, not part of `cargo test`).
#
#   bash playground/tests/run.sh                        # build the page, then test it
#   bash playground/tests/run.sh --measure budgets.json # and write the budgets' figures
#
# Builds the page (playground/build.sh), serves playground/dist/ on
# 127.0.0.1 with Python's static server (stopped by its pid), and drives
# Debian's Chromium with playwright-core (from npm; no browser download).
# Installs Chromium with apt-get only if it is missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
playground="$(dirname "$here")"

if ! command -v chromium >/dev/null 2>&1; then
  echo "playground test: installing Chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi

bash "$playground/build.sh"

# The download's size, as docs/performance.md reports it (gzip -9, as a
# static host compresses it).
for file in canvasc_playground_bg.wasm playground.js style.css index.html; do
  printf 'size: %-28s %8d bytes, %8d gzipped\n' "$file" \
    "$(wc -c <"$playground/dist/$file")" "$(gzip -9 -c "$playground/dist/$file" | wc -c)"
done

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
log="$(mktemp)"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$playground/dist" >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 50); do
  python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)' \
    "http://127.0.0.1:$port/" 2>/dev/null && break
  sleep 0.1
done

chromium_binary=/usr/lib/chromium/chromium  # the binary behind Debian's wrapper script
[ -x "$chromium_binary" ] || chromium_binary="$(command -v chromium)"
CHROMIUM="$chromium_binary" timeout 600 node "$here/browser.mjs" "http://127.0.0.1:$port/index.html" "$@"
