#!/usr/bin/env bash
# Code reads a trace record's typed fields (call, device, line, reason, ...),
# never the text rendered for people: rewording a message must not change
# what a checker, the viewer, the results store or diff conclude. This greps
# the sources for the ways text was taken apart before the records were typed.
# A hit is either a real parse (read the field instead) or a false alarm
# (reword it). The one exception is a user's own text search (sim:trace's
# `details` filter), marked on its line with "people's text search".
set -euo pipefail
root="$1"
pattern='(\.text|\.subject|\.details)(\.|->)(find|rfind|substr|starts_with|ends_with|compare|find_first_of)\(|details:(match|find|sub|gmatch)\(|leading_word\(|line_of\(|call_of\(|quoted_name\(|without_cause\('
hits=$(grep -rnE "$pattern" "$root/engine" "$root/results" "$root/scripting/src" "$root/simulator" "$root/viewer" \
  --include='*.cpp' --include='*.h' | grep -v "people's text search" || true)
if [ -n "$hits" ]; then
  echo "code that takes trace text apart (read the record's typed fields instead):" >&2
  echo "$hits" >&2
  exit 1
fi
echo "no code parses trace text"
