// scenario_api_names(): the scenario API's names, read from the readers'
// field lists (topology_reading.h, feature_reader.h), the call handle's
// (scenario_internals.h), the trace's typed fields (trace.h), and from a
// real scenario sandbox with a `sim` on a one-line topology: its globals,
// the sim's methods, the expect relations and the snapshots' fields.
#include "pbxsim/scripting/scenario_api_names.h"

#include <algorithm>
#include <initializer_list>
#include <stdexcept>

#include "pbxsim/engine/neutral_policy.h"
#include "sandbox_internals.h"
#include "scenario_internals.h"
#include "topology_reading.h"

namespace pbxsim {
namespace {

std::vector<std::string> sorted(std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

std::vector<std::string> names_of(std::initializer_list<std::initializer_list<const char*>> lists) {
  std::vector<std::string> names;
  for (const auto& list : lists) names.insert(names.end(), list.begin(), list.end());
  return sorted(std::move(names));
}

// The string keys of the table at the top of the stack (popped).
std::vector<std::string> keys_of_top(lua_State* L, int type = LUA_TNONE) {
  std::vector<std::string> keys;
  lua_pushnil(L);
  while (lua_next(L, -2) != 0) {
    if (lua_type(L, -2) == LUA_TSTRING && (type == LUA_TNONE || lua_type(L, -1) == type)) {
      keys.emplace_back(lua_tostring(L, -2));
    }
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  return sorted(std::move(keys));
}

Topology one_line_topology() {
  Topology topology;
  UserSpec alice;
  alice.id = "alice";
  topology.users.push_back(alice);
  LineSpec line;
  line.number = "1000";
  topology.lines.push_back(line);
  DeviceSpec desk;
  desk.name = "desk";
  desk.owner = "alice";
  desk.appearances.push_back({"1000", 4, 2});
  topology.devices.push_back(desk);
  return topology;
}

// A scenario's sandbox, as run_scenario_source sets it up, and a `sim` on it.
struct ScenarioProbe {
  ScenarioProbe() : sandbox(SandboxLimits{}, Prng(0)), pbx(one_line_topology(), policy, 0) {
    session.sandbox = &sandbox;
    session.pbx = &pbx;
    lua_State* L = sandbox.state();
    install_expect(L, session);
    if (auto error = sandbox.call(2, 0)) throw std::runtime_error(error->text());
    install_scenario_declarations(L);
  }
  // sim:<method>(argument) -> the keys of the table it answers.
  std::vector<std::string> snapshot_fields(const char* method, const char* argument) {
    lua_State* L = sandbox.state();
    push_sim(L, session);
    lua_getfield(L, -1, method);
    lua_insert(L, -2);
    lua_pushstring(L, argument);
    if (auto error = sandbox.call(2, 1)) throw std::runtime_error(error->text());
    return keys_of_top(L);
  }
  // expect(0) -> its relations.
  std::vector<std::string> relations() {
    lua_State* L = sandbox.state();
    lua_getglobal(L, "expect");
    lua_pushinteger(L, 0);
    if (auto error = sandbox.call(1, 1)) throw std::runtime_error(error->text());
    return keys_of_top(L, LUA_TFUNCTION);
  }

  LuaSandbox sandbox;
  NeutralPolicy policy;
  Pbx pbx;
  ScenarioSession session;
};

}  // namespace

std::vector<std::string> scenario_api_globals() {
  ScenarioProbe probe;
  lua_State* L = probe.sandbox.state();
  lua_pushglobaltable(L);
  std::vector<std::string> globals = keys_of_top(L);
  const std::vector<std::string>& base = sandbox_base_globals();
  std::erase_if(globals, [&](const std::string& name) { return std::find(base.begin(), base.end(), name) != base.end(); });
  return globals;
}

std::vector<ScenarioApiClass> scenario_api_classes() {
  using namespace topology_reading;
  ScenarioProbe probe;
  lua_State* L = probe.sandbox.state();
  push_sim(L, probe.session);
  std::vector<std::string> sim = keys_of_top(L);

  std::vector<std::string> call(std::begin(kCallHandleFields), std::end(kCallHandleFields));
  std::vector<std::string> trace{"time", "seq", "kind", "subject", "details", "call", "duration", "count"};
  for (const TraceStringField& field : kTraceStringFields) trace.emplace_back(field.name);

  return {
      {"pbxsim.Scenario", names_of({kScenarioFields, kScenarioFeatureSections})},
      {"pbxsim.UserSpec", names_of({kUserFields, kUserFeatureFields})},
      {"pbxsim.LineSpec", names_of({kLineFields})},
      {"pbxsim.DeviceSpec", names_of({kDeviceFields, kDeviceFeatureFields})},
      {"pbxsim.AppearanceSpec", names_of({kAppearanceFields})},
      {"pbxsim.GroupSpec", names_of({kScenarioGroupFields})},
      {"pbxsim.GroupMemberSpec", names_of({kScenarioGroupMemberFields})},
      {"pbxsim.Sim", std::move(sim)},
      {"pbxsim.Expectation", probe.relations()},
      {"pbxsim.Call", sorted(std::move(call))},
      {"pbxsim.TraceRecord", sorted(std::move(trace))},
      {"pbxsim.DeviceSnapshot", probe.snapshot_fields("device", "desk"), false},
      {"pbxsim.UserSnapshot", probe.snapshot_fields("user", "alice"), false},
      {"pbxsim.LineSnapshot", probe.snapshot_fields("line", "1000"), false},
  };
}

}  // namespace pbxsim
