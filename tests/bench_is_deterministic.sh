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
if "$pbxsim" bench --users 500 --calls 5000 --json | grep -q '"none"'; then
  echo "some calls of the workload never got an outcome" >&2
  exit 1
fi
echo "bench: same seed, same trace ($first)"
