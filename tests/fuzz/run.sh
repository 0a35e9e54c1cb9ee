#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, AddressSanitizer + UndefinedBehaviorSanitizer) and runs
# each for SECONDS, one after the other. Usage:
#   tests/fuzz/run.sh SECONDS [target...]          (default: every target)
# New inputs go to $build/fuzz-corpus/<target>, seeds are read from tests/fuzz/corpus/<target>
# (never written), and an input that fails is saved as $build/fuzz-artifacts/<target>-crash-*;
# replay it with `$build/tests/fuzz/<target> FILE`. Prints one line per target (executions,
# executions per second) and exits non-zero when any target finds something. CHRONICLE_FUZZ_SEED
# fixes libFuzzer's random seed.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${CHRONICLE_FUZZ_BUILD_DIR:-$root/build-fuzz}
seconds=${1:?usage: run.sh SECONDS [target...]}
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_reconstruct fuzz_timeml fuzz_jsonl fuzz_time_value fuzz_csv)

"$root/src/tools/install-deps.sh" build fuzz
# -O1 with line tables only: half the compile time of -O2 -g, and crash reports still give lines.
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
  -DCHRONICLE_BUILD_FUZZERS=ON -DCHRONICLE_BUILD_TESTS=OFF -DCHRONICLE_BUILD_EXAMPLES=OFF \
  -DCHRONICLE_BUILD_CLI=OFF -DCHRONICLE_INSTALL=OFF -DCHRONICLE_WERROR=ON >/dev/null
cmake --build "$build" -j "$(nproc)" --target "${targets[@]}"

# Per target: dictionary and extra seed folders.
dict_of() {
  case "$1" in
    fuzz_reconstruct) echo text ;;
    fuzz_timeml) echo timeml ;;
    fuzz_jsonl) echo jsonl ;;
    fuzz_time_value) echo time_value ;;
    *) echo "" ;;
  esac
}
extra_seeds_of() {
  case "$1" in
    fuzz_timeml) echo "$root/tests/data/timeml" ;;
    *) echo "" ;;
  esac
}

failed=0
summary=()
mkdir -p "$build/fuzz-artifacts"
for t in "${targets[@]}"; do
  name=${t#fuzz_}
  work="$build/fuzz-corpus/$name"
  mkdir -p "$work"
  args=(-max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 -print_final_stats=1
        -artifact_prefix="$build/fuzz-artifacts/$t-")
  # A fixed seed (CI sets one) makes a run repeat the same mutations, so a finding replays.
  [ -z "${CHRONICLE_FUZZ_SEED:-}" ] || args+=(-seed="$CHRONICLE_FUZZ_SEED")
  dict=$(dict_of "$t")
  [ -z "$dict" ] || args+=(-dict="$root/tests/fuzz/dict/$dict.dict")
  seeds=("$work" "$root/tests/fuzz/corpus/$name")
  extra=$(extra_seeds_of "$t")
  [ -z "$extra" ] || seeds+=("$extra")
  log="$build/fuzz-$name.log"
  echo "fuzzing $t for ${seconds}s (log: $log)"
  status=0
  nice -n 10 "$build/tests/fuzz/$t" "${args[@]}" "${seeds[@]}" >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  if [ "$status" -ne 0 ]; then
    failed=1
    summary+=("$t: FAILED (exit $status) after ${runs:-?} executions; see $log")
    grep -E "ERROR|check failed|runtime error|Test unit written" "$log" | head -5 >&2 || true
  else
    summary+=("$t: ${runs:-?} executions, ${rate:-?} exec/s, ${seconds} s, no finding")
  fi
done
printf '%s\n' "${summary[@]}"
exit $failed
