#!/usr/bin/env bash
# pbxsim-viewer reads results databases; it runs no scenario and no policy,
# so it must not link Lua (issue 19: the result types live below scripting,
# in pbxsim_results, and the viewer links only pbxsim_results_store). A Lua
# library among its shared libraries, or a Lua C API symbol inside it, means
# a viewer target (or something it links) picked up pbxsim_scripting again.
set -euo pipefail
viewer="$1"
libraries=$(ldd "$viewer")
if grep -i 'liblua' <<<"$libraries" >&2; then
  echo "pbxsim-viewer links Lua (above): link pbxsim_results_store, not pbxsim_simulator or pbxsim_scripting" >&2
  exit 1
fi
# A static Lua would not show in ldd: look for the C API in the symbols too.
lua_symbols=$(nm --defined-only "$viewer" | grep -E ' (lua|luaL)_[a-z]+$' || true)
if [ -n "$lua_symbols" ]; then
  echo "pbxsim-viewer contains Lua's C API:" >&2
  head -5 <<<"$lua_symbols" >&2
  exit 1
fi
echo "pbxsim-viewer links no Lua ($(grep -c '=>' <<<"$libraries") shared libraries)"
