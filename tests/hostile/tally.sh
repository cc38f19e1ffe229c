#!/usr/bin/env bash
# Counts how the hostile inputs end on a pbxsim build: each runs twice under
# the promise's limits (10 s of CPU, 1 GiB of address space) and is counted
# as a crash (a signal), a hang (out of CPU time or the wall-clock timeout),
# memory (refused memory: a bad_alloc or the address-space limit), or
# nondeterminism (two runs differ); the rest kept the promise. The numbers for
# a note or an issue:
#
#   bash tests/hostile/tally.sh build/release/simulator/pbxsim [DIR...]
#
# (default DIR: tests/hostile and tests/hostile/pending). hostile_input_test
# checks each file's own expectation; this only tallies.
set -uo pipefail
cd "$(dirname "$0")/../.."
pbxsim=$(realpath "${1:?usage: tally.sh PBXSIM [DIR...]}"); shift
dirs=("$@"); [ ${#dirs[@]} -gt 0 ] || dirs=(tests/hostile tests/hostile/pending)
scratch=$(mktemp -d); trap 'rm -rf "$scratch"' EXIT
tried=0 crashes=0 hangs=0 memory=0 nondeterministic=0 kept=0
run_once() {  # run_once FILE -> "exit_code" and output in $scratch/out
  local file=$1 args
  args=$(sed -n '2s/^-- args: //p' "$file"); [ -n "$args" ] || args="run {file}"
  rm -rf "$scratch/tmp"; mkdir -p "$scratch/tmp"
  args=${args//\{file\}/$file}; args=${args//\{tmp\}/$scratch/tmp}
  # shellcheck disable=SC2086
  timeout 120 prlimit --cpu=10 --as=1073741824 "$pbxsim" $args > "$scratch/out" 2>&1
}
for dir in "${dirs[@]}"; do
  for file in "$dir"/*.lua; do
    [ -f "$file" ] || continue  # an empty or missing folder (pending/ when nothing is pending)
    tried=$((tried + 1))
    run_once "$file"; first=$?; cp "$scratch/out" "$scratch/first"
    run_once "$file"; second=$?
    verdict=kept
    if [ $first -eq 124 ] || [ $first -eq 152 ] || [ $first -eq 137 ]; then verdict=hang; hangs=$((hangs + 1))
    elif grep -qE "bad_alloc|out of memory|Cannot allocate" "$scratch/first"; then verdict=memory; memory=$((memory + 1))
    elif [ $first -ge 128 ]; then verdict=crash; crashes=$((crashes + 1))
    elif [ $first -ne $second ] || ! cmp -s "$scratch/first" "$scratch/out"; then
      verdict=nondeterministic; nondeterministic=$((nondeterministic + 1))
    else kept=$((kept + 1)); fi
    [ $verdict = kept ] || echo "$verdict: $file (exit $first)"
  done
done
echo "inputs $tried, crashes $crashes, hangs $hangs, memory $memory, nondeterministic $nondeterministic, kept the promise $kept"
