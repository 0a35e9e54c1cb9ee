#!/usr/bin/env bash
# Builds chronicle with its tests and runs every test through ctest. Installs missing Debian
# packages first. Exits non-zero on any failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${CHRONICLE_BUILD_DIR:-$root/build}

"$root/src/tools/install-deps.sh" build test
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCHRONICLE_BUILD_TESTS=ON \
  -DCHRONICLE_WERROR=ON "$@" >/dev/null
cmake --build "$build" -j "$(nproc)"
ctest --test-dir "$build" --output-on-failure --no-tests=error -j "$(nproc)"
