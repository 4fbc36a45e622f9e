#!/usr/bin/env bash
# Times the `canvasc check` process against serde_json merely parsing the
# same model written as JSON, in one run, and prints the ratio; then how the
# time grows with input size, the peak memory, and the reference example's
# whole-process time. Medians of RUNS runs (default 5).
#
#   bash benches/compare.sh            # 20,000 segments (about 20 MB)
#   SEGMENTS=2000 RUNS=3 bash benches/compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."
segments=${SEGMENTS:-20000}
runs=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet --bin canvasc --example gen --example parse_json
bin=target/release
"$bin/examples/gen" "$segments" > "$work/big.canvas"
"$bin/examples/gen" "$segments" --json > "$work/big.json"
"$bin/examples/gen" $((segments / 10)) > "$work/tenth.canvas"

# Wall time in seconds of one run of a command.
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

# The median of the numbers on standard input.
median_of() {
  sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

peak_kb() {
  /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1
}

size=$(stat -c %s "$work/big.canvas")
json_size=$(stat -c %s "$work/big.json")
# The commands take turns, run after run, so a machine that speeds up or
# slows down over the minutes of a measurement skews no ratio.
# The reference example is too quick for one timing: time 100 runs in a row.
reference_loop() { for _ in $(seq 100); do "$bin/canvasc" check examples/beauty-shop.canvas 2>/dev/null; done; }
: > "$work/check"; : > "$work/json"; : > "$work/tenth"; : > "$work/reference"
for _ in $(seq "$runs"); do
  seconds "$bin/canvasc" check "$work/big.canvas" >> "$work/check"
  seconds "$bin/examples/parse_json" "$work/big.json" >> "$work/json"
  seconds "$bin/canvasc" check "$work/tenth.canvas" >> "$work/tenth"
  seconds reference_loop >> "$work/reference"
done
check=$(median_of < "$work/check")
json=$(median_of < "$work/json")
tenth=$(median_of < "$work/tenth")
reference=$(median_of < "$work/reference")
printf 'machine           %s cores, %s\n' "$(nproc)" "$(uname -m)"
printf 'canvas            %s segments, %.1f MB (JSON %.1f MB)\n' "$segments" "$(echo "$size / 1000000" | bc -l)" "$(echo "$json_size / 1000000" | bc -l)"
printf 'canvasc check     %.3f s  (%.1f MB/s)\n' "$check" "$(echo "$size / 1000000 / $check" | bc -l)"
printf 'serde_json parse  %.3f s\n' "$json"
printf 'ratio             %.2f x  (target <= 4, aim 2)\n' "$(echo "$check / $json" | bc -l)"
printf 'tenth of it       %.3f s  (10x the input costs %.1fx the time; target <= 11)\n' "$tenth" "$(echo "$check / $tenth" | bc -l)"
if [ -x /usr/bin/time ]; then
  peak=$(peak_kb "$bin/canvasc" check "$work/big.canvas")
  printf 'peak memory       %.0f MB  (%.1fx the input; target <= 10)\n' "$(echo "$peak / 1024" | bc -l)" "$(echo "$peak * 1024 / $size" | bc -l)"
fi
printf 'reference example %.1f ms as a whole process (target < 5 ms)\n' "$(echo "$reference * 10" | bc -l)"
