// Compiling the same Lua text again costs more than the run that uses it:
// the explorer runs every generated scenario twice and every run loads the
// same policy and the same expect() prelude. load_text_chunk compiles text
// once per thread and afterwards loads the compiled form (lua_dump's
// bytecode, with line information, so messages still name file:line).
//
// Only text is ever compiled: the bytecode loaded is what this process made
// from text, never bytes a script supplied, so the sandbox's "text only"
// rule holds.
#pragma once

#include <lua.hpp>

#include <string_view>

namespace pbxsim {

// As luaL_loadbufferx(L, text, size, chunkname, "t"): pushes the function
// (LUA_OK) or the error message, and returns the status.
int load_text_chunk(lua_State* L, std::string_view text, const char* chunkname);

}  // namespace pbxsim
