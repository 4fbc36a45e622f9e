#!/usr/bin/env bash
# Checks a directory of many small canvases in one `canvasc check` process,
# against one `canvasc check` process per file, and prints files per second.
# The canvases are the shipped examples, copied under new names until there
# are FILES of them (default 1,000). Medians of RUNS runs (default 3), taken
# in turns so a drifting machine skews no ratio.
#
#   bash benches/many-files.sh
#   FILES=200 RUNS=5 bash benches/many-files.sh
set -euo pipefail
cd "$(dirname "$0")/.."
files=${FILES:-1000}
runs=${RUNS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet --bin canvasc
bin=target/release/canvasc
mkdir -p "$work/canvases"
examples=(examples/*.canvas)
for i in $(seq 0 $((files - 1))); do
  cp "${examples[$((i % ${#examples[@]}))]}" "$work/canvases/c$i.canvas"
done

seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
median_of() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
one_process() { "$bin" check "$work/canvases"; }
per_file() { for f in "$work"/canvases/*.canvas; do "$bin" check "$f"; done; }

: > "$work/one"; : > "$work/each"
for _ in $(seq "$runs"); do
  seconds one_process >> "$work/one"
  seconds per_file >> "$work/each"
done
one=$(median_of < "$work/one")
each=$(median_of < "$work/each")
printf 'machine             %s cores\n' "$(nproc)"
printf 'files               %s (copies of the %s shipped examples)\n' "$files" "${#examples[@]}"
printf 'one check of a dir  %.3f s  (%.0f files/s)\n' "$one" "$(echo "$files / $one" | bc -l)"
printf 'one check per file  %.3f s  (%.0f files/s)\n' "$each" "$(echo "$files / $each" | bc -l)"
printf 'speed-up            %.1f x\n' "$(echo "$each / $one" | bc -l)"
