// What the scenario bindings share: the session of one running scenario.
#pragma once

#include <lua.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "pbxsim/engine/pbx.h"
#include "pbxsim/scripting/scenario.h"

namespace pbxsim {

struct ScenarioSession {
  std::string path;
  LuaSandbox* sandbox = nullptr;
  Pbx* pbx = nullptr;
  std::vector<CheckResult> checks;
  std::vector<int> callback_refs;  // registry refs of sim:at(time, function) callbacks
};

// `scenario "name" { ... }` collects declarations into the registry.
void install_scenario_declarations(lua_State* L);
// Pushes the registry list of {name=, line=, def=} entries.
void push_declared_scenarios(lua_State* L);

// time(...) as a global; pushes the expect prelude and its argument, to be
// run with sandbox.call(1, 0).
void install_expect(lua_State* L, ScenarioSession& session);
// The `sim` object handed to steps.
void push_sim(lua_State* L, ScenarioSession& session);

// An error whose text already says file:line (from a nested Lua call).
struct LocatedError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Runs a C++ body for a Lua C function: a C++ exception becomes a Lua error
// at the caller's line (PolicyError and ScriptError texts are already located).
int lua_guard(lua_State* L, int (*body)(lua_State*));
template <int (*Body)(lua_State*)>
int guarded(lua_State* L) {
  return lua_guard(L, Body);
}

// Time arguments: "2s"-style strings or whole seconds.
TimeUs check_time_arg(lua_State* L, int arg);

// Groups, profiles, hot desk and PCM (scenario_features.cpp). A sim:at
// action of theirs is scheduled and true returned; false: not theirs.
bool schedule_feature_action(lua_State* L, ScenarioSession& session, TimeUs at_us, const std::string& action);
void register_feature_methods(lua_State* L, ScenarioSession& session);  // onto the sim table at the top
void push_user_features(lua_State* L, ScenarioSession& session, Index user);      // into the table at the top
void push_device_features(lua_State* L, ScenarioSession& session, Index device);
void push_line_features(lua_State* L, ScenarioSession& session, Index line);

}  // namespace pbxsim
