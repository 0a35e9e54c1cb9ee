#!/usr/bin/env bash
# The event model's two cross-corpus folds (train on AQUAINT, score TimeBank; train on
# TimeBank, score AQUAINT) for several trainer seeds, with the mean of each figure. One seed
# moves strict F1 by about 0.1, and a change of the training data (a rule, a feature) moves it
# as much again, so a gain of that size read off one run is noise.
#
#   src/tools/event_folds.sh [-b BUILD_DIR] [-d TBAQ_DIR] [-s "1 11 21"] [-- TRAINER_OPTION...]
#
# BUILD_DIR holds src/tools/chronicle-train-events (default build/, as tests/run.sh makes it);
# TBAQ_DIR holds TimeBank/ and AQUAINT/ (default ../shared/data/tbaq beside the repository).
# Arguments after -- go to every training run (--margin-event 8, --epochs 4...); the seeds are
# passed as --seed, each training its usual --runs perceptrons from that seed up. The figures
# are the trainer's --eval scores: chronicle eval's, on the same files.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$root/build
data=$root/../shared/data/tbaq
seeds="1 11 21"
while getopts "b:d:s:" opt; do
  case "$opt" in
    b) build=$OPTARG ;;
    d) data=$OPTARG ;;
    s) seeds=$OPTARG ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
trainer=$build/src/tools/chronicle-train-events
[[ -x $trainer ]] || { echo "event_folds.sh: no $trainer (build first)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Prints "P R F1 class tense aspect" of one fold: training on $1, scoring $2.
fold() {
  "$trainer" -o "$tmp/model" --seed "$seed" "${@:3}" --eval "$data/$2" "$data/$1" 2>/dev/null |
    awk '/strict/ {p = $3; r = $5; f = $7} /class/ {c = $2; t = $4; a = $6}
         END {print p, r, f, c, t, a}'
}

printf '%-8s %-8s %6s %6s %6s %6s %6s %6s\n' fold seed P R F1 class tense aspect
for seed in $seeds; do
  printf '%-8s %-8s %6s %6s %6s %6s %6s %6s\n' "AQ->TB" "$seed" $(fold AQUAINT TimeBank "$@")
  printf '%-8s %-8s %6s %6s %6s %6s %6s %6s\n' "TB->AQ" "$seed" $(fold TimeBank AQUAINT "$@")
done | tee "$tmp/rows"
awk '{n[$1]++; for (k = 3; k <= 8; ++k) s[$1, k] += $k}
     END {for (f in n) {printf "%-8s %-8s", f, "mean";
                        for (k = 3; k <= 8; ++k) printf " %6.2f", s[f, k] / n[f]; printf "\n"}}' \
  "$tmp/rows" | sort
