#!/usr/bin/env bash
# `pbxsim bench` on a small enterprise day: it runs, every call gets an
# outcome, and the same seed gives the same trace hash twice (CORE-7 for
# workloads). No timing is checked: benchmarks report speed, tests don't.
set -euo pipefail
pbxsim="$1"
hash() { "$pbxsim" bench --users 500 --calls 5000 --seed "$1" --json | grep '"trace_hash"'; }
first=$(hash 3)
second=$(hash 3)
other=$(hash 4)
[ "$first" = "$second" ] || { echo "seed 3 gave $first then $second" >&2; exit 1; }
[ "$first" != "$other" ] || { echo "seeds 3 and 4 gave the same trace" >&2; exit 1; }
json=$("$pbxsim" bench --users 500 --calls 5000 --json)
if grep -q '"none"' <<<"$json"; then
  echo "some calls of the workload never got an outcome" >&2
  exit 1
fi
# The bench counts each call as it ends and forgets it: every call is counted once.
counted=$(awk '/"outcomes"/ {inside = 1; next} inside && /}/ {inside = 0} inside {gsub(/[^0-9]/, "", $2); sum += $2} END {print sum}' <<<"$json")
[ "$counted" = 5000 ] || { echo "the outcomes count $counted calls, not 5000" >&2; exit 1; }
echo "bench: same seed, same trace ($first)"
