#!/usr/bin/env bash
# Every pbxsim and pbxsim-viewer command in a ```sh block of the README and
# docs/ runs, against a copy of the shipped scenarios, and is not refused as
# bad input or usage (exit 2) nor crashes: a documented command that stopped
# working fails this test. Other lines (cmake, apt, sqlite3, loops) are not
# run. What is adapted, and why:
#   - the program is the one just built (`pbxsim`, build/release/... -> PBXSIM);
#   - /usr/share/pbxsim and /usr/local/share/pbxsim (the installed examples)
#     -> the copy of the source's scenarios and policies;
#   - `explore --seeds N` runs 20 seeds and `bench` a small day (the full
#     sizes are measured elsewhere, and take minutes);
#   - the viewer runs headless (xvfb-run -a) with --screenshot when it has none;
#   - the files the commands expect to exist are made first: baseline.db,
#     part1..3.db (the shards merge needs), my_pbx.lua, scenarios/my_pbx/,
#     and the four shards docs/scaling.md merges (its /results/ is results/ here).
# Exit 1 and 0 are both fine: a diff finds a regression, a run a failure;
# exit 2 only when scenarios ran (some could not under the command's policy).
#   tests/docs/doc_commands.sh PBXSIM PBXSIM_VIEWER SOURCE_DIR WORK_DIR
set -euo pipefail
pbxsim=$(realpath "$1")
viewer=$(realpath "$2")
source_dir=$(realpath "$3")
work=$4
rm -rf "$work"
mkdir -p "$work"
work=$(realpath "$work")
cd "$work"

# --------------------------------------------------------------- the commands
extract() {  # FILE: the ```sh blocks' lines, continuations joined, with their line numbers
  awk -v file="$1" '
    /^```(sh|bash)[[:space:]]*$/ { inside = 1; next }
    /^```/ { inside = 0; next }
    inside {
      if (pending != "") { line = pending " " $0; start = pending_start } else { line = $0; start = NR }
      if (line ~ /\\[[:space:]]*(#.*)?$/) { sub(/\\[[:space:]]*(#.*)?$/, "", line); pending = line; pending_start = start; next }
      pending = ""
      print file ":" start "\t" line
    }' "$1"
}
commands=$(cd "$source_dir" && for doc in README.md docs/*.md scripting/policies/README.md; do
             [ -f "$doc" ] && extract "$doc"
           done)

# ------------------------------------------------------------------- fixtures
cp -r "$source_dir/scenarios" scenarios
mkdir -p bench/peers && cp "$source_dir"/bench/peers/*.lua bench/peers/  # the toy day (performance.md)
mkdir -p scripting tests/viewer
cp -r "$source_dir/scripting/policies" scripting/policies
cp "$source_dir/tests/viewer/fails_on_purpose.lua" tests/viewer/
mkdir -p scenarios/my_pbx
cp scenarios/matrix/*.lua scenarios/my_pbx/ 2>/dev/null || true
printf 'local policy = extend "base"\npolicy.name = "my_pbx"\nreturn policy\n' > my_pbx.lua
"$pbxsim" run scenarios --db baseline.db > /dev/null
for k in 1 2 3; do "$pbxsim" run scenarios --shard "$k/3" --db "part$k.db" > /dev/null; done
# docs/scaling.md merges what four machines (or pods, under /results) made.
# The README's own `explore --shard 2/4 --db explore-2.db` (run first) makes shard 2.
for k in 1 2 3 4; do
  "$pbxsim" run scenarios --shard "$k/4" --db "suite-$k.db" > /dev/null || true
  [ "$k" = 2 ] || "$pbxsim" explore --seeds 20 --shard "$k/4" --db "explore-$k.db" > /dev/null || true
done
mkdir -p results  # the Kubernetes volume's shards
for k in 1 2 3 4; do
  cp "suite-$k.db" results/
  "$pbxsim" explore --seeds 20 --shard "$k/4" --db "results/explore-$k.db" > /dev/null || true
done

# ------------------------------------------------------------------- running
ran=0
failed=0
while IFS=$'\t' read -r where line; do
  command=$(sed -E 's/[[:space:]]+#[^"'\'']*$//' <<< "$line")   # the trailing comment
  read -r program rest <<< "$command"
  case "$program" in
    pbxsim|build/release/simulator/pbxsim) program=$pbxsim ;;
    pbxsim-viewer|build/release/viewer/pbxsim-viewer)
      program="xvfb-run -a $viewer"
      [[ $rest == *--screenshot* ]] || rest="$rest --screenshot $work/viewer-$ran.png" ;;
    *) continue ;;
  esac
  rest=${rest//\/usr\/local\/share\/pbxsim\//}
  rest=${rest//\/usr\/share\/pbxsim\//}
  rest=${rest//\/results\//results/}
  rest=$(sed -E 's/--seeds [0-9]+/--seeds 20/' <<< "$rest")
  if [[ $rest == bench* ]]; then
    rest=$(sed -E 's/--users [0-9]+//; s/--calls [0-9]+//' <<< "$rest")
    rest="$rest --users 200 --calls 2000"
  fi
  set +e
  output=$(eval "$program $rest" 2>&1 < /dev/null)
  status=$?
  set -e
  ran=$((ran + 1))
  # Exit 2 is bad input: a wrong command, unless scenarios ran and some
  # could not under the command's settings (`--policy my_pbx.lua` on a
  # vendor's scenarios), which is what the command documents.
  ran_scenarios=no
  if grep -qE '^(PASS|FAIL|ERROR) ' <<< "$output"; then ran_scenarios=yes; fi
  if [ "$status" -gt 2 ] || { [ "$status" -eq 2 ] && [ "$ran_scenarios" = no ]; }; then
    failed=$((failed + 1))
    echo "doc_commands: $where: exit $status: $line" >&2
    tail -n 5 <<< "$output" | sed 's/^/    /' >&2
  fi
done <<< "$commands"
echo "doc_commands: ran $ran documented command(s), $failed failed"
[ "$ran" -ge 20 ] || { echo "doc_commands: expected at least 20 commands; did the extraction break?" >&2; exit 1; }
[ "$failed" -eq 0 ]
