#!/usr/bin/env bash
# CI's packaging step: the conventional build (plain CMake, Release, no
# preset), the Debian package made by CPack, unpacked into an empty root, and
# the installed pbxsim run on the installed example scenarios from an empty
# directory. Tests and benchmarks are left out of this build (the presets
# build and run them).
set -euo pipefail
cd "$(dirname "$0")/.."
build=build/conventional
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF -DPBXSIM_BUILD_BENCHMARKS=OFF
cmake --build "$build"
(cd "$build" && cpack -G DEB)
deb=$(ls "$build"/pbxsim_*.deb)
echo "check-package: $deb, Depends: $(dpkg-deb -f "$deb" Depends)"
apt-get install --simulate "$PWD/$deb" > /dev/null  # its dependencies resolve on this Debian
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"
bash tests/install/installed_tree.sh "$root/usr"
