#!/usr/bin/env bash
# Builds the chronicle command and prints the timeline of the bundled reference article
# (a UPI wire story of 6 January 2022) as CSV. Installs missing Debian packages first.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${CHRONICLE_BUILD_DIR:-$root/build}

"$root/src/tools/install-deps.sh" build >&2
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j "$(nproc)" --target chronicle_cli >&2
"$build/src/chronicle" extract --dct 2022-01-06 --format csv "$root/examples/kazakhstan-upi.txt"
