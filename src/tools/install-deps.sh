#!/usr/bin/env bash
# Installs the Debian packages chronicle needs, if any is missing. Usage:
#   install-deps.sh [build|test|bench|fuzz]...     (build is always included)
set -euo pipefail

packages=(g++ cmake ninja-build libboost-date-time-dev libfmt-dev wordnet-base)
for group in "$@"; do
  case "$group" in
    build) ;;
    test) packages+=(catch2 python3 graphviz chromium locales) ;;  # chromium: the HTML export test; locales: the decimal-comma test
    bench) packages+=(libbenchmark-dev nodejs npm) ;;
    fuzz) packages+=(clang-14 clang libclang-rt-14-dev) ;;  # libFuzzer and the sanitizers' runtimes
    *) echo "install-deps.sh: unknown group '$group'" >&2; exit 2 ;;
  esac
done

installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed" && return 0
  # Some nodejs builds (NodeSource's) bundle npm and conflict with Debian's npm package.
  [ "$1" = npm ] && command -v npm >/dev/null 2>&1
}

missing=()
for p in "${packages[@]}"; do
  installed "$p" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
