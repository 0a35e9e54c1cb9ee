#!/usr/bin/env bash
# How chronicle's whole pipeline scales with the size of one document, its peak memory per
# input byte, and `chronicle batch` with one and two worker threads.
#
#   tests/bench/scaling.sh [--max-mb N] [--batch-mb N]
#
# One document of 1 KB, 10 KB, ... up to N MB (default 100) is cut from the generated news
# stories (chronicle-gen-corpus, seed 1) at a line end, and `chronicle extract --dct 2022-01-06`
# writes its events CSV to /dev/null. Per size: CPU seconds (user + system, so a busy machine
# slows the wall clock but not this), MB/s, the time ratio to the size ten times smaller
# (10.0 is linear), and the peak resident memory in bytes per input byte (GNU time's maximum
# RSS). Then `chronicle batch -j 1` and `-j 2` on --batch-mb MB of JSONL stories (default 20):
# wall-clock seconds and the -j 2 speed-up (meaningful only on an otherwise idle machine, and
# not under taskset, which would put both workers on one core).
#
# Environment: CHRONICLE_BUILD_DIR (default build-bench in the checkout), a Release build.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${CHRONICLE_BUILD_DIR:-$root/build-bench}
max_mb=100
batch_mb=20
while [ $# -gt 0 ]; do
  case "$1" in
    --max-mb) max_mb=$2; shift 2 ;;
    --batch-mb) batch_mb=$2; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "scaling.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

"$root/src/tools/install-deps.sh" build bench
command -v /usr/bin/time >/dev/null || apt-get install -y time >/dev/null
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCHRONICLE_BUILD_BENCHMARKS=ON \
  >/dev/null
cmake --build "$build" -j "$(nproc)" --target chronicle_cli chronicle-gen-corpus >/dev/null
cli=$build/src/chronicle
gen=$build/src/tools/chronicle-gen-corpus

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
max_bytes=$((max_mb * 1000000))
"$gen" --bytes "$((max_bytes + 1000000))" --text "$work/stories.txt"

echo "one document, whole pipeline (extract, events CSV):"
printf '%12s %10s %9s %12s %14s\n' bytes "CPU s" "MB/s" "x per 10x" "peak B/byte"
prev=""
size=1000
while [ "$size" -le "$max_bytes" ]; do
  # Cut at a line end so no sentence is torn; the file is then a little over `size`.
  head -c "$size" "$work/stories.txt" > "$work/doc.txt"
  head -n 1 <(tail -c +"$((size + 1))" "$work/stories.txt") >> "$work/doc.txt" || true
  bytes=$(stat -c %s "$work/doc.txt")
  /usr/bin/time -f '%U %S %M' -o "$work/time" \
    "$cli" extract --dct 2022-01-06 "$work/doc.txt" > /dev/null
  read -r user sys rss_kb < "$work/time"
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  awk -v b="$bytes" -v c="$cpu" -v p="$prev" -v r="$rss_kb" 'BEGIN {
    mbs = c > 0 ? sprintf("%.2f", b / 1e6 / c) : "-"  # below the clock resolution
    ratio = (p != "" && p > 0) ? sprintf("%.1f", c / p) : "-"
    printf "%12d %10.2f %9s %12s %14.1f\n", b, c, mbs, ratio, r * 1024 / b }'
  # Ratios need a time well above the clock's 10 ms resolution.
  prev=$(awk -v c="$cpu" 'BEGIN { print (c >= 0.05 ? c : "") }')
  size=$((size * 10))
done

echo
echo "chronicle batch on ${batch_mb} MB of JSONL stories (wall clock):"
"$gen" --bytes "$((batch_mb * 1000000))" --jsonl "$work/stories.jsonl"
declare -A wall
for j in 1 2; do
  /usr/bin/time -f '%e' -o "$work/time" "$cli" batch -j "$j" --no-progress \
    < "$work/stories.jsonl" > /dev/null
  wall[$j]=$(cat "$work/time")
  echo "  -j $j: ${wall[$j]} s"
done
awk -v a="${wall[1]}" -v b="${wall[2]}" 'BEGIN { printf "  -j 2 speed-up: %.2fx\n", a / b }'
