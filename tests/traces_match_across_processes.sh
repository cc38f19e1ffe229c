#!/usr/bin/env bash
# Runs the conformance suite in two processes with the same seed and compares
# every scenario's trace hash; then with another seed, which must still pass.
set -euo pipefail
pbxsim="$1"
first=$(mktemp) second=$(mktemp)
trap 'rm -f "$first" "$second"' EXIT
"$pbxsim" run scenarios --seed 42 --json > "$first"
"$pbxsim" run scenarios --seed 42 --json > "$second"
hashes() { grep -E '"(file|name|trace_hash)"' "$1"; }
if ! diff <(hashes "$first") <(hashes "$second"); then
  echo "trace hashes differ between two runs with seed 42" >&2
  exit 1
fi
count=$(grep -c '"trace_hash"' "$first")
echo "$count scenarios: identical trace hashes across two processes"
"$pbxsim" run scenarios --seed 43 > /dev/null
