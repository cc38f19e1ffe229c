// A scenario's configuration without its steps: the file loaded, one of its
// scenarios chosen, its policy loaded, its topology read and validated (also
// the provisioning rules). For tools that analyse a topology without running
// it, such as `pbxsim dial`.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include "pbxsim/engine/topology.h"
#include "pbxsim/scripting/lua_policy.h"
#include "pbxsim/scripting/scenario.h"

namespace pbxsim {

struct ScenarioSetup {
  ScenarioDecl decl;
  std::unique_ptr<LuaPolicy> policy;
  Topology topology;
};

// `scenario_name` empty: the file's first scenario. `policy_override` empty:
// the scenario's policy (else "base").
std::variant<ScenarioSetup, ScriptError> load_scenario_setup(const std::string& path, std::string_view scenario_name,
                                                             const std::string& policy_override,
                                                             const SandboxLimits& limits, std::uint64_t seed);

}  // namespace pbxsim
