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
  # gzipped, as Debian policy (12.1) wants man pages
  gzip -t "$prefix/share/man/man1/$page.1.gz" || fail "no gzipped man page $page.1.gz"
  [ ! -e "$prefix/share/man/man1/$page.1" ] || fail "$page.1 installed uncompressed beside $page.1.gz"
  if command -v groff > /dev/null; then
    zcat "$prefix/share/man/man1/$page.1.gz" | groff -man -Tutf8 -ww -z 2>&1 | { ! grep . ; } ||
      fail "$page.1 has roff warnings"
  fi
  bash -n "$prefix/share/bash-completion/completions/$page" || fail "bash completion of $page does not parse"
  grep -q -- "-F _${page//-/_} $page" "$prefix/share/bash-completion/completions/$page" ||
    fail "bash completion of $page does not complete $page"
  [ -s "$prefix/share/zsh/vendor-completions/_$page" ] || fail "no zsh completion of $page"
done
zcat "$prefix/share/man/man1/pbxsim.1.gz" | grep -q -- '--filter' || fail "pbxsim.1 lacks run's options"
zcat "$prefix/share/man/man1/pbxsim-viewer.1.gz" | grep -q -- '--scenario' || fail "pbxsim-viewer.1 lacks its options"
[ -s "$prefix/share/doc/pbxsim/copyright" ] || fail "no share/doc/pbxsim/copyright (Debian policy 12.5)"
gzip -t "$prefix/share/doc/pbxsim/changelog.gz" || fail "no gzipped share/doc/pbxsim/changelog.gz"
for policy in base cisco_cucm dee_presence pascom metaswitch threecx; do
  [ -s "$prefix/share/pbxsim/policies/$policy.lua" ] || fail "policy $policy.lua not installed"
done

empty=$(mktemp -d)
trap 'rm -rf "$empty"' EXIT
cd "$empty"
"$prefix/bin/pbxsim" run "$prefix/share/pbxsim/scenarios" > run.txt || { cat run.txt; fail "installed examples failed"; }
tail -n 1 run.txt
echo "installed_tree: $prefix is complete"
