#!/usr/bin/env bash
# Regenerates the README's viewer screenshots (docs/viewer/*.png) from the
# databases the viewer's tests use (tests/viewer/make_results.sh), headless.
# Look at each one after: a screenshot that shows empty lanes is a bug.
#   scripts/docs-screenshots.sh [BUILD_DIR=build/release]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
pbxsim=$build/simulator/pbxsim
viewer=$build/viewer/pbxsim-viewer
dbs=$(mktemp -d)
trap 'rm -rf "$dbs"' EXIT
bash tests/viewer/make_results.sh "$pbxsim" "$dbs" > /dev/null
cuc5="one appearance not in DND rings while the others reject"
shot() {  # OUT.png VIEWER-ARGUMENTS...
  local out=$1
  shift
  xvfb-run -a "$viewer" "$@" --size 1280x800 --screenshot "docs/viewer/$out" 2> /dev/null
  echo "docs/viewer/$out"
}
shot cuc5-timeline.png "$dbs/cisco.db" --scenario "$cuc5" --view timeline --time 5s
shot cuc5-ladder.png "$dbs/cisco.db" --scenario "$cuc5" --view ladder
shot cuc5-state.png "$dbs/cisco.db" --scenario "$cuc5" --view state --time 5s
shot cuc5-graph.png "$dbs/cisco.db" --scenario "$cuc5" --view graph
shot failed-check.png "$dbs/fails.db" --view timeline
shot pp8-state.png "$dbs/dee.db" --scenario "PP-8: at login the current profile decides" --view state --time 7s
shot run-diff.png "$dbs/two.db" --view diff
shot file-dialog.png "$dbs/fails.db" --file-dialog
