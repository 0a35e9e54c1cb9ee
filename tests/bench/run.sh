#!/usr/bin/env bash
# Builds chronicle's benchmarks (Release) and runs every one, then prints a summary table
# (benchmark, MB/s, docs/s, items/s). Installs missing Debian packages first. Not part of ctest.
#
#   tests/bench/run.sh                      # every bench_* program
#   tests/bench/run.sh bench_time_value     # only these programs
#   tests/bench/run.sh -- --benchmark_filter=parse --benchmark_repetitions=3
#
# Environment:
#   CHRONICLE_BUILD_DIR        build folder (default: build-bench in the checkout)
#   CHRONICLE_BENCH_MIN_TIME   seconds each benchmark runs at least (default 0.5)
#   CHRONICLE_BENCH_BYTES      size of the generated news corpus (default 20000000)
# Arguments after -- go to every benchmark program (Google Benchmark flags, --corpus=FILE).
# The JSON reports stay in $CHRONICLE_BUILD_DIR/bench-results/.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${CHRONICLE_BUILD_DIR:-$root/build-bench}
min_time=${CHRONICLE_BENCH_MIN_TIME:-0.5}

programs=()
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) programs+=("$1"); shift ;;
  esac
done

"$root/src/tools/install-deps.sh" build bench
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCHRONICLE_BUILD_BENCHMARKS=ON \
  >/dev/null
cmake --build "$build" -j "$(nproc)" --target chronicle_benchmarks

bench_dir=$build/tests/bench
if [ ${#programs[@]} -eq 0 ]; then
  while IFS= read -r p; do programs+=("$(basename "$p")"); done < <(
    find "$bench_dir" -maxdepth 1 -type f -name 'bench_*' -perm -u+x | sort)
fi
[ ${#programs[@]} -gt 0 ] || { echo "run.sh: no benchmark programs in $bench_dir" >&2; exit 1; }

results=$build/bench-results
rm -rf "$results"
mkdir -p "$results"
status=0
for p in "${programs[@]}"; do
  exe=$bench_dir/$p
  [ -x "$exe" ] || { echo "run.sh: no benchmark program $exe" >&2; status=1; continue; }
  echo "== $p" >&2
  # Google Benchmark 1.7 takes the minimum time as a number of seconds.
  if ! "$exe" --benchmark_min_time="$min_time" --benchmark_out="$results/$p.json" \
      --benchmark_out_format=json ${extra[@]+"${extra[@]}"} >&2; then
    echo "run.sh: $p failed" >&2
    status=1
  fi
done

shopt -s nullglob
reports=("$results"/*.json)
if [ ${#reports[@]} -gt 0 ]; then
  echo
  node "$root/tests/bench/summary.js" "${reports[@]}"
fi
exit $status
