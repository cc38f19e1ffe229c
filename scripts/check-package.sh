#!/usr/bin/env bash
# CI's packaging step: the conventional build (plain CMake, Release, no
# preset), the Debian package made by CPack, checked by lintian, unpacked
# into an empty root and installed on a fresh Debian 12 (a debootstrap root,
# scripts/check-fresh-install.sh), the installed pbxsim run on the installed
# example scenarios each time; then the conventional Debug build, run on the
# examples too. Tests and benchmarks are left out of these builds (the
# presets build and run them).
set -euo pipefail
cd "$(dirname "$0")/.."
build=build/conventional
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF -DPBXSIM_BUILD_BENCHMARKS=OFF
cmake --build "$build"
rm -f "$build"/pbxsim_*.deb
(cd "$build" && cpack -G DEB)
deb=$(ls "$build"/pbxsim_*.deb)
dpkg-deb --info "$deb"
apt-get install --simulate "$PWD/$deb" > /dev/null  # its dependencies resolve on this Debian
bash scripts/check-lintian.sh "$deb"
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"
bash tests/install/installed_tree.sh "$root/usr"
png_check=build/release/tests/viewer/viewer_png_check  # built by the release preset's tests, when they ran
[ -x "$png_check" ] || png_check=""
bash scripts/check-fresh-install.sh "$deb" "$png_check" "$build/fresh-debian-failed-check.png"

# The Debug build a developer or packager makes without the presets: it
# builds (warnings are not errors outside the presets) and runs the examples.
debug=build/conventional-debug
cmake -S . -B "$debug" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DBUILD_TESTING=OFF -DPBXSIM_BUILD_BENCHMARKS=OFF
cmake --build "$debug" --target pbxsim pbxsim-viewer
"$debug/simulator/pbxsim" run scenarios | tail -n 1
"$debug/viewer/pbxsim-viewer" --version
