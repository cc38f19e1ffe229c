#!/usr/bin/env bash
# The README's second command: build and run every test through CTest (Catch2
# unit tests, the bad-input suite, the conformance suite, determinism checks).
# PBXSIM_PRESET=debug-asan runs the same tests under AddressSanitizer and UBSan.
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${PBXSIM_PRESET:-release}"
cmake --preset "$preset"
cmake --build --preset "$preset"
ctest --preset "$preset"
