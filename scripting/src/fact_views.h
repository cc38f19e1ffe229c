// Read-only views of the engine's facts for policy hooks. Each view is a
// userdata made once per policy and pointed at the current facts before a
// hook runs; a field is turned into a Lua value only when the hook reads it,
// so a hook pays for what it uses and no table is built per call.
#pragma once

#include <lua.hpp>

#include <string_view>

#include "pbxsim/engine/policy.h"

namespace pbxsim {

// What a hook's `call` argument shows.
struct CallFacts {
  std::string_view caller;
  int forwards;
};

enum class FactKind : unsigned char { Call, Appearance, Line };

// Creates a view of `kind` and returns its registry reference.
int make_fact_view(lua_State* L, FactKind kind);
// Pushes the view, pointed at `facts` (nullptr: the view refuses every read).
void push_fact_view(lua_State* L, int ref, const void* facts);
// Detaches the view so a hook that kept it cannot read stale facts.
void release_fact_view(lua_State* L, int ref);

}  // namespace pbxsim
