#!/usr/bin/env bash
# chronicle against chrono-node (a JavaScript date parser) on the same generated news corpus.
#
#   tests/bench/chrono_compare.sh [--bytes N] [--seed S] [--passes P] [--keep DIR]
#                                 [--chronicle 'LABEL=COMMAND']...
#
# Installs chrono-node from the npm registry into a temporary folder, generates the corpus with
# chronicle-gen-corpus (N bytes of stories, default 20000000, as JSONL with each story's DCT),
# runs chrono.parse on every story with its DCT as the reference date (chrono_driver.js: best
# of P timed passes, default 3, after a warm-up), and prints chrono-node's MB/s.
#
# chronicle's side -- THE HOOK. Give the chronicle commands to measure, as
#   --chronicle 'LABEL=COMMAND'   (repeatable), or
#   CHRONICLE_TIMEX_CMD='COMMAND'     (label "chronicle timex stage")
#   CHRONICLE_PIPELINE_CMD='COMMAND'  (label "chronicle whole pipeline")
# In COMMAND, {corpus} is replaced by the JSONL corpus file and {text} by the same stories as
# plain text; with neither, the JSONL path is appended. Its throughput is, in this order:
#   1. the number on the last output line of the form "MB/s: <number>", or
#   2. the last "bytes_per_second": <number> of Google Benchmark JSON output, over 10^6, or
#   3. corpus text bytes / the command's wall-clock time (process start and file reading
#      included, so a lower bound).
# For example, once they exist:
#   CHRONICLE_TIMEX_CMD='build-bench/src/chronicle bench-timex {corpus}'
#   --chronicle 'timex=build-bench/tests/bench/bench_timex --corpus={corpus}
#       --benchmark_filter=BM_timex_stage$ --benchmark_format=json'
# With no chronicle command, the timex stage (bench_timex) and the whole pipeline
# (bench_pipeline) are built in CHRONICLE_BUILD_DIR and measured.
#
# Environment: CHRONICLE_BUILD_DIR (default build-bench; where chronicle-gen-corpus is built),
# CHRONO_NODE_VERSION (default 2.10.3).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${CHRONICLE_BUILD_DIR:-$root/build-bench}
chrono_version=${CHRONO_NODE_VERSION:-2.10.3}

bytes=20000000
seed=1
passes=3
keep=""
labels=()
commands=()
add_command() {  # LABEL=COMMAND
  case "$1" in
    *=*) labels+=("${1%%=*}"); commands+=("${1#*=}") ;;
    *) echo "chrono_compare.sh: --chronicle wants LABEL=COMMAND, not '$1'" >&2; exit 2 ;;
  esac
}
while [ $# -gt 0 ]; do
  case "$1" in
    --bytes) bytes=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --passes) passes=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    --chronicle) add_command "$2"; shift 2 ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) echo "chrono_compare.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done
[ -n "${CHRONICLE_TIMEX_CMD:-}" ] && add_command "chronicle timex stage=$CHRONICLE_TIMEX_CMD"
[ -n "${CHRONICLE_PIPELINE_CMD:-}" ] && add_command "chronicle whole pipeline=$CHRONICLE_PIPELINE_CMD"

"$root/src/tools/install-deps.sh" build bench

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
data=${keep:-$work}
mkdir -p "$data"

echo "== installing chrono-node@$chrono_version from the npm registry" >&2
if ! npm install --prefix "$work/npm" --no-audit --no-fund --no-save --loglevel=error \
    "chrono-node@$chrono_version" >"$work/npm.log" 2>&1; then
  cat "$work/npm.log" >&2
  echo "chrono_compare.sh: npm install failed" >&2
  exit 1
fi

echo "== generating the corpus ($bytes bytes, seed $seed)" >&2
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCHRONICLE_BUILD_BENCHMARKS=ON \
  >/dev/null
cmake --build "$build" -j "$(nproc)" --target chronicle_gen_corpus >/dev/null
"$build/src/tools/chronicle-gen-corpus" --seed "$seed" --bytes "$bytes" \
  --jsonl "$data/corpus.jsonl" --text "$data/corpus.txt" --stats 2>"$work/stats.txt"
sed 's/^/   /' "$work/stats.txt" >&2

echo "== chrono-node" >&2
TZ=UTC node "$root/tests/bench/chrono_driver.js" "$work/npm" "$data/corpus.jsonl" "$passes" \
  | tee "$work/chrono.txt" >&2
chrono_mbs=$(sed -n 's/^MB\/s: \([0-9.]*\).*/\1/p' "$work/chrono.txt" | tail -n 1)
text_bytes=$(sed -n 's/.* bytes \([0-9]*\)$/\1/p' "$work/chrono.txt" | head -n 1)
[ -n "$chrono_mbs" ] && [ -n "$text_bytes" ] || { echo "chrono_compare.sh: no figure from the driver" >&2; exit 1; }

# One chronicle command: prints its MB/s.
measure() {
  local cmd=$1 out=$work/chronicle.out start end
  case "$cmd" in
    *"{corpus}"*|*"{text}"*) ;;
    *) cmd="$cmd {corpus}" ;;
  esac
  cmd=${cmd//\{corpus\}/$data/corpus.jsonl}
  cmd=${cmd//\{text\}/$data/corpus.txt}
  echo "   \$ $cmd" >&2
  start=$EPOCHREALTIME
  if ! bash -c "$cmd" >"$out" 2>"$work/chronicle.err"; then
    cat "$work/chronicle.err" "$out" >&2
    echo "chrono_compare.sh: the chronicle command failed" >&2
    return 1
  fi
  end=$EPOCHREALTIME
  local own json
  own=$(sed -n 's/^MB\/s: *\([0-9.eE+-]*\).*/\1/p' "$out" | tail -n 1)
  json=$(sed -n 's/.*"bytes_per_second": *\([0-9.eE+-]*\).*/\1/p' "$out" | tail -n 1)
  if [ -n "$own" ]; then
    echo "   (its own measurement)" >&2
    echo "$own"
  elif [ -n "$json" ]; then
    echo "   (Google Benchmark's bytes_per_second)" >&2
    awk -v b="$json" 'BEGIN { printf "%.2f\n", b / 1e6 }'
  else
    echo "   (wall clock of the whole command)" >&2
    awk -v b="$text_bytes" -v s="$start" -v e="$end" 'BEGIN { printf "%.2f\n", b / 1e6 / (e - s) }'
  fi
}

echo
echo "corpus: $text_bytes bytes of story text (seed $seed)"
printf '%-40s %10s %10s\n' "parser" "MB/s" "vs chrono"
printf '%-40s %10s %10s\n' "chrono-node $chrono_version" "$chrono_mbs" "1.00"
if [ ${#commands[@]} -eq 0 ]; then
  # The default: chronicle's timex stage and its whole pipeline, each a Google Benchmark run
  # on the same JSONL corpus (CPU time of the stage, documents already in memory).
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCHRONICLE_BUILD_BENCHMARKS=ON >/dev/null
  cmake --build "$build" --target bench_timex bench_pipeline >/dev/null
  bench="$build/tests/bench"
  add_command "chronicle timex stage=$bench/bench_timex --corpus={corpus} \
--benchmark_filter='^BM_timex\$' --benchmark_format=json"
  add_command "chronicle whole pipeline (CSV)=$bench/bench_pipeline --corpus={corpus} \
--benchmark_filter='^BM_pipeline_csv\$' --benchmark_format=json"
fi
status=0
for i in "${!commands[@]}"; do
  echo "== ${labels[$i]}" >&2
  if mbs=$(measure "${commands[$i]}"); then
    ratio=$(awk -v a="$mbs" -v b="$chrono_mbs" 'BEGIN { printf "%.2f", a / b }')
    printf '%-40s %10s %10s\n' "${labels[$i]}" "$mbs" "$ratio"
  else
    printf '%-40s %10s %10s\n' "${labels[$i]}" "failed" ""
    status=1
  fi
done
exit $status
