// What the scenario bindings share: the session of one running scenario.
#pragma once

#include <lua.hpp>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <variant>
#include <string>
#include <vector>

#include "pbxsim/engine/pbx.h"
#include "pbxsim/engine/topology.h"
#include "pbxsim/scripting/lua_policy.h"
#include "pbxsim/scripting/scenario.h"

namespace pbxsim {

struct ScenarioSession {
  std::string path;
  LuaSandbox* sandbox = nullptr;
  Pbx* pbx = nullptr;
  std::vector<CheckResult> checks;
  // Every expect(...) made, by id: where it stands and whether a relation
  // ran on it. One that none ran on checks nothing: an error at its line.
  struct OpenedExpect {
    std::string file;
    int line = 0;
    bool related = false;
    CallId call = 0;  // the call whose field was read just before expect(...)
  };
  std::vector<OpenedExpect> expects;
  CallId last_call_read = 0;  // the call handle a field was last read from (call_index)
  std::vector<int> callback_refs;  // registry refs of sim:at(time, function) callbacks
};

// The fields a call handle answers (call_index, push_call_feature_field):
// its error lists them and the editor type definitions must declare them.
inline constexpr std::string_view kCallHandleFields[] = {
    "id",          "outcome",   "state",     "detail",        "from",        "to",         "path",
    "forwards",    "alerted",   "silent",    "skipped",       "answered_by", "offered_at", "answered_at",
    "ended_at",    "released_at", "gateway_model", "routed",  "parked_on",   "dial_steps", "caller_lookup",
    "caller_name", "from_device", "via_client"};

// `keyword "name" { ... }` (or `keyword { name = ..., ... }`) appends
// {name=, line=, def=} to a list in the registry under `registry_key`.
void install_declaration_keyword(lua_State* L, const char* keyword, const char* registry_key);
// `scenario "name" { ... }` collects declarations into the registry.
void install_scenario_declarations(lua_State* L);
// The declarations the executed file made, in file order (scenario_declarations.cpp).
std::variant<std::vector<ScenarioDecl>, ScriptError> read_declarations(lua_State* L, const std::string& path,
                                                                       std::string_view source);
// Loads and runs a scenario file's text so its declarations are in the registry.
std::optional<ScriptError> execute_scenario_file(LuaSandbox& sandbox, const std::string& path,
                                                 const std::string& source);

// A declared scenario made ready to run (scenario_setup.cpp): its policy
// loaded and its topology read and validated, provisioning rules included.
// run_scenario and load_scenario_setup both come this way, so a tool that
// does not run steps refuses exactly what a run refuses.
// The policy a scenario runs under: the override (--policy), else the
// scenario's `policy`, else "base".
std::string chosen_policy(const ScenarioDecl& decl, const std::string& policy_override);
struct ConfiguredScenario {
  std::unique_ptr<LuaPolicy> policy;  // null when it did not load
  std::optional<Topology> topology;   // as read, kept when it fails validation (`check` reports on it)
  std::optional<ScriptError> error;   // the first thing wrong; the scenario cannot run
};
struct ScenarioChoice {
  const std::string& path;
  const std::string& source;
  std::size_t index;  // into read_declarations' list
  const ScenarioDecl& decl;
};
// `policy_override` empty: the scenario's policy. Leaves the Lua stack as found.
ConfiguredScenario configure_scenario(lua_State* L, const ScenarioChoice& choice, const std::string& policy_override,
                                      const SandboxLimits& policy_limits, const Prng& root);
// Pushes the registry list of {name=, line=, def=} entries.
void push_declared_scenarios(lua_State* L);

// time(...) as a global; pushes the expect prelude and its two arguments, to
// be run with sandbox.call(2, 0).
void install_expect(lua_State* L, ScenarioSession& session);
// The first expect(...) of the run that no relation ran on, as an error at its line.
std::optional<ScriptError> unrelated_expect(const ScenarioSession& session);
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

// Time arguments: "2s"-style strings or "8:00"; a bare number other than 0 is refused (which unit?).
TimeUs check_time_arg(lua_State* L, int arg);

// Groups, profiles and PCM (scenario_features.cpp). A sim:at
// action of theirs is scheduled and true returned; false: not theirs.
bool schedule_feature_action(lua_State* L, ScenarioSession& session, TimeUs at_us, const std::string& action);
void register_feature_methods(lua_State* L, ScenarioSession& session);  // onto the sim table at the top
void push_user_features(lua_State* L, ScenarioSession& session, UserIndex user);      // into the table at the top
void push_device_features(lua_State* L, ScenarioSession& session, DeviceIndex device);
void push_line_features(lua_State* L, ScenarioSession& session, LineIndex line);
// Subjects of sim:at and snapshots: an unknown name is a Lua error listing the known ones.
std::string list_names(const std::vector<std::string>& names);
DeviceIndex check_device(lua_State* L, ScenarioSession& session, int arg);
UserIndex check_user(lua_State* L, ScenarioSession& session, int arg);

// scenario_api_features.cpp: stimuli and snapshots of extension mobility,
// provisioning, the directory, servers and clients.
// sim:at(time, subject, action, ...) for those actions; false when `action` is not one.
bool schedule_mechanism_action(lua_State* L, ScenarioSession& session, TimeUs at_us, const std::string& action);
// Adds the feature fields to the sim:device / sim:user table on the stack top.
void set_device_feature_fields(lua_State* L, Pbx& pbx, DeviceIndex device);
void set_user_feature_fields(lua_State* L, Pbx& pbx, UserIndex user);
// Pushes call.<field> for the dialing fields; false when `field` is not one.
bool push_call_feature_field(lua_State* L, const Pbx& pbx, const CallRecord& call, std::string_view field);
// sim:client, sim:server, sim:licences, sim:dial, sim:lookup.
void register_mechanism_methods(lua_State* L, ScenarioSession& session);
void push_string_list(lua_State* L, const std::vector<std::string>& items);
void set_field_string(lua_State* L, const char* field, std::string_view value);

}  // namespace pbxsim
