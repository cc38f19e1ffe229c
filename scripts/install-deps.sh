#!/usr/bin/env bash
# Installs the Debian packages pbxsim needs. Idempotent: packages already
# installed are left alone, and apt is not called at all when none is missing.
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config ccache   # build
  liblua5.4-dev                             # scripting: Lua 5.4 (its C++ build raises errors as exceptions)
  libcli11-dev libfmt-dev nlohmann-json3-dev  # simulator: command line, JSON reports
  libsqlite3-dev sqlite3                    # results database
  libjemalloc-dev                           # pbxsim's allocator: huge pages for large runs
  libboost-graph-dev                        # static routing analysis
  catch2 libbenchmark-dev                   # tests and benchmarks
  libimgui-dev libglfw3-dev libgl-dev libstb-dev xvfb  # viewer and its headless tests
  libgl1-mesa-dri                           # Mesa llvmpipe: the viewer renders under xvfb
  dpkg-dev file                             # cpack -G DEB: the package's Depends (dpkg-shlibdeps)
  clang libclang-rt-14-dev                  # fuzz/: libFuzzer targets (clang's -fsanitize=fuzzer and its runtime)
  lintian debootstrap                       # CI checks the .deb: Debian policy, and installed on a fresh Debian 12
  python3-simpy                             # bench/peers: the SimPy model pbxsim is compared with (and python3 for compare.py)
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
