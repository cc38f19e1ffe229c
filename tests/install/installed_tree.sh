#!/usr/bin/env bash
# Checks an installed pbxsim (a prefix such as /usr, or a `cmake --install`
# or unpacked .deb root): both programs print their version and git revision,
# the man pages and completions are there and usable, and the installed
# pbxsim passes the installed example scenarios, run from an empty directory
# so nothing of the source tree is found by accident.
#   tests/install/installed_tree.sh PREFIX
set -euo pipefail
prefix=$(realpath "$1")
fail() { echo "installed_tree: $*" >&2; exit 1; }

"$prefix/bin/pbxsim" --version | grep -E '^pbxsim [0-9]+\.[0-9]+\.[0-9]+ \(git ' || fail "pbxsim --version"
"$prefix/bin/pbxsim-viewer" --version | grep -E '^pbxsim-viewer [0-9]+\.[0-9]+\.[0-9]+ \(git ' ||
  fail "pbxsim-viewer --version"
for page in pbxsim pbxsim-viewer; do
  [ -s "$prefix/share/man/man1/$page.1" ] || fail "no man page $page.1"
  if command -v groff > /dev/null; then
    groff -man -Tutf8 -ww -z "$prefix/share/man/man1/$page.1" 2>&1 | { ! grep . ; } || fail "$page.1 has roff warnings"
  fi
done
grep -q -- '--filter' "$prefix/share/man/man1/pbxsim.1" || fail "pbxsim.1 lacks run's options"
bash -n "$prefix/share/bash-completion/completions/pbxsim" || fail "bash completion does not parse"
[ -s "$prefix/share/zsh/vendor-completions/_pbxsim" ] || fail "no zsh completion"
for policy in base cisco_cucm dee_presence pascom metaswitch threecx; do
  [ -s "$prefix/share/pbxsim/policies/$policy.lua" ] || fail "policy $policy.lua not installed"
done

empty=$(mktemp -d)
trap 'rm -rf "$empty"' EXIT
cd "$empty"
"$prefix/bin/pbxsim" run "$prefix/share/pbxsim/scenarios" > run.txt || { cat run.txt; fail "installed examples failed"; }
tail -n 1 run.txt
echo "installed_tree: $prefix is complete"
