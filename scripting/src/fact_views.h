// Read-only views of the engine's facts for policy hooks. Each view is a
// userdata made once per policy and pointed at the current facts before a
// hook runs; a field is turned into a Lua value only when the hook reads it,
// so a hook pays for what it uses and no table is built per call.
#pragma once

#include <lua.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pbxsim/engine/policy.h"
#include "pbxsim/engine/trace.h"
#include "pbxsim/scripting/fact_view_ref.h"
#include "pbxsim/scripting/policy_api.h"

namespace pbxsim {

// What a hook's `call` argument shows.
struct CallFacts {
  std::string_view caller;
  int forwards;
  CallOrigin origin{};  // the call's record and the Pbx, for the facts read on demand
};


// The field names a view of `kind` offers, in the order it scans them (the
// editor type definitions in scripting/types/ are checked against them).
std::vector<std::string_view> fact_field_names(FactKind kind);

// Creates a view of `kind`, anchored in the registry.
FactViewRef make_fact_view(lua_State* L, FactKind kind);
// Pushes the view, pointed at `facts` (nullptr: the view refuses every read).
void push_fact_view(lua_State* L, FactViewRef view, const void* facts);
// Detaches the view so a hook that kept it cannot read stale facts.
void release_fact_view(FactViewRef view);
// Points the view at `facts` without pushing it (the decision cache reads
// fields through it without running the hook; release it afterwards).
void point_fact_view(FactViewRef view, const void* facts);
// Pushes field number `field` of a view pointed at facts, as a hook reads it.
void push_fact_field(lua_State* L, const FactView* view, int field);
// A scalar field's value as a number, read without Lua; nullopt for a text
// or list field (then push_fact_field).
std::optional<std::uint64_t> fact_field_key(const FactView* view, int field);
// While `trail` is active, the view notes every read in it, in order
// (decision_cache.h). nullptr: none.
struct FactReadTrail;
void trail_fact_reads(FactViewRef view, FactReadTrail* trail);

// While decisions are recorded every view is pointed at one FactReadLog
// (fact_view_ref.h) and notes each field a hook reads, with its value, once
// per hook call: a field added to a view later is recorded without more code.
// Points the view at `log` (nullptr: reads are not noted, the default). The
// views of a state share one metatable, whose __index then records or not:
// point all of them alike.
void note_fact_reads(lua_State* L, FactViewRef view, FactReadLog* log);
// A Lua value as a decision record shows it: true, 12, reject, {1000, 1001}, nil.
std::string shown_fact_value(lua_State* L, int index);

// Pushes up to two views pointed at facts on the C++ stack for one hook
// call, and detaches them afterwards, also when the hook fails. A second
// view left out pushes only the first.
class FactViewsInUse {
 public:
  FactViewsInUse(lua_State* L, FactViewRef first, const void* first_facts, FactViewRef second = {},
                 const void* second_facts = nullptr)
      : first_(first), second_(second) {
    push_fact_view(L, first, first_facts);
    if (second.view != nullptr) push_fact_view(L, second, second_facts);
  }
  ~FactViewsInUse() {
    release_fact_view(first_);
    if (second_.view != nullptr) release_fact_view(second_);
  }
  FactViewsInUse(const FactViewsInUse&) = delete;
  FactViewsInUse& operator=(const FactViewsInUse&) = delete;

 private:
  FactViewRef first_;
  FactViewRef second_;
};

}  // namespace pbxsim
