#!/usr/bin/env bash
# Builds the playground page into playground/dist/: canvasc compiled to
# wasm32-unknown-unknown, its JavaScript bindings made by wasm-bindgen-cli,
# and the page bundled with esbuild (CodeMirror 6 from npm).
#
#   bash playground/build.sh            # then serve playground/dist/ with any static server
#
# Installs what it needs when missing: the wasm32-unknown-unknown target
# (rustup), the wasm-bindgen-cli of exactly the version playground/Cargo.toml
# pins (cargo install --locked; it takes minutes the first time), and the
# page's npm packages (npm ci, from playground/web/package-lock.json).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
cd "$root"

# The wasm-bindgen version the crate pins (`wasm-bindgen = "=X"`): the CLI
# must be the same, or the generated glue does not fit the module.
version="$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"$/\1/p' "$here/Cargo.toml")"
[ -n "$version" ] || { echo "playground: no pinned wasm-bindgen version in playground/Cargo.toml" >&2; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "playground: installing the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $version" ]; then
  echo "playground: installing wasm-bindgen-cli $version (a few minutes, once)"
  cargo install --locked --quiet wasm-bindgen-cli --version "$version"
fi

# The root target/ directory: the core's dependencies are built once for
# both the command line and the playground.
cargo build --quiet --release --target wasm32-unknown-unknown \
  --manifest-path "$here/Cargo.toml" --target-dir "$root/target"
wasm-bindgen --target web --no-typescript --out-dir "$here/web/generated" \
  "$root/target/wasm32-unknown-unknown/release/canvasc_playground.wasm"

cd "$here/web"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
node bundle.mjs
