#!/usr/bin/env bash
# Debian policy for the package: lintian on the .deb, failing on any error or
# warning. Its informational notes are printed and left: the hardening ones
# (fortify, bindnow) come from dpkg-buildflags, which a Debian packaging build
# passes and the conventional CMake build does not; the policies' README.md
# stays beside the policies it documents.   scripts/check-lintian.sh PBXSIM.deb
set -euo pipefail
deb=$1
command -v lintian > /dev/null || { echo "check-lintian: needs lintian (scripts/install-deps.sh installs it)" >&2; exit 1; }
# (lintian warns when run as root, as CI does; that line is not about the package.)
lintian --fail-on error,warning --display-info "$deb" 2>&1 | { grep -v 'running with root privileges' || true; } || {
  echo "check-lintian: lintian found errors or warnings in $deb" >&2
  exit 1
}
echo "check-lintian: $deb has no lintian error or warning"
