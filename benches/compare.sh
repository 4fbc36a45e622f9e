#!/usr/bin/env bash
# Times the `canvasc check` process against serde_json merely parsing the
# same model written as JSON into `serde_json::Value`, in one run, and prints
# the ratio; then how the time grows with input size, the peak memory, and the
# reference example's whole-process time. Medians of RUNS runs (default 5).
#
# The baseline is its own crate (benches/json-baseline), so canvasc's
# `preserve_order` feature cannot slow it: "plain" is serde_json's default
# BTreeMap-backed Value, "ordered" the IndexMap-backed one canvasc itself
# uses (the old baseline, printed during the transition).
#
# Two canvas shapes: "shared" (the original generator: small segments, shared
# revenue streams and partners) and "text" (text-heavy: full customer profiles,
# value maps, three channels a segment, long labels).
#
#   bash benches/compare.sh            # 20,000 segments (6,666 text-heavy ones)
#   SEGMENTS=2000 RUNS=3 bash benches/compare.sh
#   SHAPES=text bash benches/compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."
segments=${SEGMENTS:-20000}
runs=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

shapes=${SHAPES:-shared text}

cargo build --release --quiet --bin canvasc --example gen
cargo build --release --quiet --manifest-path benches/json-baseline/Cargo.toml
cargo build --release --quiet --manifest-path benches/json-baseline/Cargo.toml \
  --features ordered --target-dir benches/json-baseline/target/ordered
bin=target/release
plain=benches/json-baseline/target/release/json-baseline
ordered=benches/json-baseline/target/ordered/release/json-baseline

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

printf 'machine           %s cores, %s\n' "$(nproc)" "$(uname -m)"
for shape in $shapes; do
  # A text-heavy segment is about three times the text of a shared-shape one:
  # a third as many keep the two files of comparable size.
  flags=() n=$segments
  [ "$shape" = text ] && flags=(--shape text) n=$((segments / 3))
  "$bin/examples/gen" "$n" "${flags[@]}" > "$work/big.canvas"
  "$bin/examples/gen" "$n" "${flags[@]}" --json > "$work/big.json"
  "$bin/examples/gen" $((n / 10)) "${flags[@]}" > "$work/tenth.canvas"
  size=$(stat -c %s "$work/big.canvas")
  json_size=$(stat -c %s "$work/big.json")
  # The commands take turns, run after run, so a machine that speeds up or
  # slows down over the minutes of a measurement skews no ratio.
  : > "$work/check"; : > "$work/plain"; : > "$work/ordered"; : > "$work/tenth"
  for _ in $(seq "$runs"); do
    seconds "$bin/canvasc" check "$work/big.canvas" >> "$work/check"
    seconds "$plain" "$work/big.json" >> "$work/plain"
    seconds "$ordered" "$work/big.json" >> "$work/ordered"
    seconds "$bin/canvasc" check "$work/tenth.canvas" >> "$work/tenth"
  done
  check=$(median_of < "$work/check")
  json=$(median_of < "$work/plain")
  json_ordered=$(median_of < "$work/ordered")
  tenth=$(median_of < "$work/tenth")
  printf '\n[%s shape]\n' "$shape"
  printf 'canvas            %s segments, %.1f MB (JSON %.1f MB)\n' "$n" "$(echo "$size / 1000000" | bc -l)" "$(echo "$json_size / 1000000" | bc -l)"
  printf 'canvasc check     %.3f s  (%.1f MB/s)\n' "$check" "$(echo "$size / 1000000 / $check" | bc -l)"
  printf 'serde_json plain  %.3f s  (Value, no preserve_order)\n' "$json"
  printf 'serde_json ordered %.3f s (Value with preserve_order)\n' "$json_ordered"
  printf 'ratio             %.2f x plain  (target <= 3, aim 2); %.2f x ordered\n' "$(echo "$check / $json" | bc -l)" "$(echo "$check / $json_ordered" | bc -l)"
  printf 'tenth of it       %.3f s  (10x the input costs %.1fx the time; target <= 11)\n' "$tenth" "$(echo "$check / $tenth" | bc -l)"
  if [ -x /usr/bin/time ]; then
    peak=$(peak_kb "$bin/canvasc" check "$work/big.canvas")
    printf 'peak memory       %.0f MB  (%.1fx the input; target <= 10)\n' "$(echo "$peak / 1024" | bc -l)" "$(echo "$peak * 1024 / $size" | bc -l)"
  fi
done

# The reference example is too quick for one timing: time 100 runs in a row.
reference_loop() { for _ in $(seq 100); do "$bin/canvasc" check examples/beauty-shop.canvas 2>/dev/null; done; }
: > "$work/reference"
for _ in $(seq "$runs"); do seconds reference_loop >> "$work/reference"; done
reference=$(median_of < "$work/reference")
printf '\nreference example %.1f ms as a whole process (target < 5 ms)\n' "$(echo "$reference * 10" | bc -l)"
