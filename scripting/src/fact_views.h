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

enum class FactKind : unsigned char { Call, Appearance, Line, GroupMember, ProfileChange, DndChange };

// Creates a view of `kind` and returns its registry reference.
int make_fact_view(lua_State* L, FactKind kind);
// Pushes the view, pointed at `facts` (nullptr: the view refuses every read).
void push_fact_view(lua_State* L, int ref, const void* facts);
// Detaches the view so a hook that kept it cannot read stale facts.
void release_fact_view(lua_State* L, int ref);

// Pushes up to two views pointed at facts on the C++ stack for one hook
// call, and detaches them afterwards, also when the hook fails. A second
// ref of LUA_NOREF pushes only the first view.
class FactViewsInUse {
 public:
  FactViewsInUse(lua_State* L, int first_ref, const void* first, int second_ref = LUA_NOREF,
                 const void* second = nullptr)
      : L_(L), first_ref_(first_ref), second_ref_(second_ref) {
    push_fact_view(L, first_ref, first);
    if (second_ref != LUA_NOREF) push_fact_view(L, second_ref, second);
  }
  ~FactViewsInUse() {
    release_fact_view(L_, first_ref_);
    if (second_ref_ != LUA_NOREF) release_fact_view(L_, second_ref_);
  }
  FactViewsInUse(const FactViewsInUse&) = delete;
  FactViewsInUse& operator=(const FactViewsInUse&) = delete;

 private:
  lua_State* L_;
  int first_ref_;
  int second_ref_;
};

}  // namespace pbxsim
