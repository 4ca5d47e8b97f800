#!/usr/bin/env bash
# Appends passings.csv to a file line by line at race pace, as a timing system writes it, for trying
# `./race-tracker ingest race.yaml TARGET --follow`.
#   usage: append-at-race-pace.sh TARGET [SPEED]    SPEED 1 = real time (default 10: ten times as fast)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="${1:?usage: append-at-race-pace.sh TARGET [SPEED]}"
speed="${2:-10}"
source_file="$here/passings.csv"

# each line with the seconds to wait before it: the gap since the previous read's time of day, over the speed
awk -F, -v speed="$speed" '
  NR == 1 { print "0\t" $0; next }
  {
    if (split($3, t, ":") == 3 && t[1] ~ /^[0-9]+$/) {
      now = t[1] * 3600 + t[2] * 60 + t[3]
      wait = (seen && now > last) ? (now - last) / speed : 0
      last = now; seen = 1
    } else {
      wait = 0
    }
    printf "%.3f\t%s\n", wait, $0
  }' "$source_file" |
while IFS=$'\t' read -r wait line; do
  if [ "$wait" != "0" ] && [ "$wait" != "0.000" ]; then
    sleep "$wait"
  fi
  printf '%s\n' "$line" >> "$target"
done
