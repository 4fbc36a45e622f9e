#!/usr/bin/env bash
# Times `canvasc diff` and `canvasc build --format json` as processes on
# generated canvases of both shapes, with their peak memory (`/usr/bin/time`'s
# maximum resident set), beside `canvasc check` of one side; medians of RUNS
# interleaved runs (default 3). The diff's new side is the canvas with one
# price changed.
#
# With OLD=path/to/an/older/canvasc, the older binary is timed in the same
# runs (taking turns with the new one, so a machine that drifts skews no
# comparison) and its output is compared with the new one's, byte for byte.
#
#   bash benches/outputs.sh
#   OLD=/tmp/canvasc-before RUNS=5 bash benches/outputs.sh
#   SEGMENTS=2000 SHAPES=text bash benches/outputs.sh
set -euo pipefail
cd "$(dirname "$0")/.."
segments=${SEGMENTS:-20000}
runs=${RUNS:-3}
shapes=${SHAPES:-shared text}
old=${OLD:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet --bin canvasc --example gen
new=target/release/canvasc
binaries=(new)
[ -n "$old" ] && binaries+=(old)

# One run: "SECONDS PEAK_KB" of a command, its output to $work/out.
run() {
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" > "$work/out" 2>/dev/null || true
  tail -1 "$work/time"
}

median_of() {
  sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

printf 'machine  %s cores, %s; load average %s\n' "$(nproc)" "$(uname -m)" "$(cut -d' ' -f1-3 /proc/loadavg)"
for shape in $shapes; do
  # A third as many text-heavy segments keep the two files of comparable size.
  flags=() n=$segments
  [ "$shape" = text ] && flags=(--shape text) n=$((segments / 3))
  target/release/examples/gen "$n" "${flags[@]}" > "$work/a.canvas"
  # One price changed: the first `price N` of the file becomes 999.
  awk '!done && /^  price [0-9]/ { sub(/price [0-9]+/, "price 999"); done = 1 } { print }' \
    "$work/a.canvas" > "$work/b.canvas"
  size=$(stat -c %s "$work/a.canvas")
  printf '\n[%s shape: %s segments, %.1f MB]\n' "$shape" "$n" "$(echo "$size / 1000000" | bc -l)"
  for command in check diff build; do
    case $command in
      check) args=(check "$work/a.canvas") ;;
      diff) args=(diff "$work/a.canvas" "$work/b.canvas") ;;
      build) args=(build "$work/a.canvas" --format json) ;;
    esac
    for binary in "${binaries[@]}"; do : > "$work/$binary.runs"; done
    for _ in $(seq "$runs"); do
      for binary in "${binaries[@]}"; do
        path=$new
        [ "$binary" = old ] && path=$old
        run "$path" "${args[@]}" >> "$work/$binary.runs"
        cp "$work/out" "$work/$binary.out"
      done
    done
    for binary in "${binaries[@]}"; do
      seconds=$(cut -d' ' -f1 "$work/$binary.runs" | median_of)
      peak=$(cut -d' ' -f2 "$work/$binary.runs" | median_of)
      printf '%-6s %-4s %6.2f s  %5.0f MB peak\n' "$command" "$binary" "$seconds" "$(echo "$peak / 1024" | bc -l)"
    done
    if [ -n "$old" ] && [ "$command" != check ]; then
      if cmp -s "$work/new.out" "$work/old.out"; then
        echo "       output identical to the old binary's"
      else
        echo "       OUTPUT DIFFERS from the old binary's"
      fi
    fi
  done
done
