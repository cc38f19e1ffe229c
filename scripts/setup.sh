#!/usr/bin/env bash
# The README's first command: on a fresh Debian machine, install what pbxsim
# needs, build it (release), and run the whole conformance suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset release
cmake --build --preset release
./build/release/simulator/pbxsim run scenarios/
