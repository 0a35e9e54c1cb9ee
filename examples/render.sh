#!/usr/bin/env bash
# Regenerates the reference article's exports that README.md shows: the events CSV
# (examples/kazakhstan-upi.csv), the HTML timeline (examples/kazakhstan-timeline.html) and its
# picture (examples/kazakhstan-timeline.png, taken by headless Chromium). Run it after a change
# to any stage. Installs missing Debian packages first (chromium and a font for the picture).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${CHRONICLE_BUILD_DIR:-$root/build}
chronicle=$build/src/chronicle

"$root/src/tools/install-deps.sh" build test >&2
if ! dpkg-query -W -f='${Status}' fonts-dejavu-core 2>/dev/null | grep -q "install ok installed"; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    fonts-dejavu-core >&2
fi
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j "$(nproc)" --target chronicle_cli >&2

article=$root/examples/kazakhstan-upi.txt
"$chronicle" extract --dct 2022-01-06 --format csv -o "$root/examples/kazakhstan-upi.csv" "$article"
html=$root/examples/kazakhstan-timeline.html
"$chronicle" extract --dct 2022-01-06 --format html -o "$html" "$article"

# The picture: the page's header and chart (the table under it is left out).
height=$(sed -n 's/.*<svg class="timeline" width="[0-9]*" height="\([0-9]*\)".*/\1/p' "$html")
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
  --hide-scrollbars --force-device-scale-factor=1 --window-size=1180,$((height + 150)) \
  --screenshot="$root/examples/kazakhstan-timeline.png" "file://$html" 2>/dev/null
echo "wrote examples/kazakhstan-upi.csv, kazakhstan-timeline.html, kazakhstan-timeline.png" >&2
