#!/usr/bin/env bash
# docs/scenarios.md describes each thing a scenario can inspect once: every
# `- `sim:NAME(...)` entry of its inspecting list appears a single time (two
# entries drifted apart before, with different fields), the whole trace
# (`sim:trace {}`) is documented, and so is every field a call handle has.
#   tests/docs/scenarios_reference_once.sh SOURCE_DIR
set -euo pipefail
doc="$1/docs/scenarios.md"
twice=$(grep -o '^- `sim:[a-z_]*' "$doc" | sort | uniq -d)
[ -z "$twice" ] || { echo "scenarios_reference_once: described more than once: $twice" >&2; exit 1; }
grep -q 'sim:trace {}' "$doc" || { echo "scenarios_reference_once: sim:trace {} (the whole trace) is not documented" >&2; exit 1; }
# The fields a call handle has (kCallHandleFields, scenario_internals.h; its error lists them); each is in the doc.
fields=$(sed -n '/kCallHandleFields\[\] = {/,/};/p' "$1/scripting/src/scenario_internals.h" |
         grep -o '"[a-z_]*"' | tr -d '"' | grep -vx id)
[ -n "$fields" ] || { echo "scenarios_reference_once: the call fields' list not found in scenario_internals.h" >&2; exit 1; }
for field in $fields; do
  grep -q "c\.$field\b" "$doc" || { echo "scenarios_reference_once: c.$field is not documented" >&2; exit 1; }
done
echo "scenarios_reference_once: $(grep -c '^- `sim:' "$doc") entries, each once; $(echo $fields | wc -w) call fields documented"
