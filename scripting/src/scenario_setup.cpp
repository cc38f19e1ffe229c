// load_scenario_setup(): the configuration half of run_scenario (file,
// declaration, policy, topology, validation) for tools that do not run steps.
#include "pbxsim/scripting/scenario_setup.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "pbxsim/engine/provisioning.h"
#include "sandbox_internals.h"
#include "scenario_internals.h"
#include "topology_reader.h"

namespace pbxsim {

std::variant<std::vector<ScenarioDecl>, ScriptError> read_declarations(lua_State* L, const std::string& path,
                                                                       std::string_view source);

std::variant<ScenarioSetup, ScriptError> load_scenario_setup(const std::string& path, std::string_view scenario_name,
                                                             const std::string& policy_override,
                                                             const SandboxLimits& limits, std::uint64_t seed) {
  auto config_error = [&](int line, std::string message) {
    return ScriptError{ScriptError::Kind::Config, path, line, std::move(message)};
  };
  auto text = read_script_file(path);
  if (text.index() == 1) return std::get<1>(text);
  const std::string source = std::move(std::get<0>(text));

  const Prng root(seed);
  LuaSandbox sandbox(limits, root.child("lua:scenario"));
  lua_State* L = sandbox.state();
  install_scenario_declarations(L);
  if (auto error = sandbox.load(source, path)) return *error;
  if (auto error = sandbox.call(0, 0)) return *error;
  auto declarations = read_declarations(L, path, source);
  if (auto* error = std::get_if<ScriptError>(&declarations)) return *error;
  const auto& decls = std::get<std::vector<ScenarioDecl>>(declarations);
  std::size_t index = 0;
  if (!scenario_name.empty()) {
    while (index < decls.size() && decls[index].name != scenario_name) ++index;
  }
  if (index >= decls.size()) {
    std::string names;
    for (const ScenarioDecl& decl : decls) names += "\n  " + decl.name;
    return config_error(0, scenario_name.empty() ? "the file declares no scenario"
                                                 : "no scenario named '" + std::string(scenario_name) +
                                                       "'; the file has:" + names);
  }

  ScenarioSetup setup;
  setup.decl = decls[index];
  const std::string policy_name = !policy_override.empty() ? policy_override
                                  : !setup.decl.policy.empty() ? setup.decl.policy
                                                               : "base";
  const std::string dir = std::filesystem::path(path).parent_path().string();
  auto loaded = LuaPolicy::load(policy_name, dir, SandboxLimits{64u << 20, 5'000'000}, root.child("lua:policy"));
  if (auto* error = std::get_if<ScriptError>(&loaded)) {
    ScriptError located = *error;
    if (located.file.empty()) {
      located.file = path;
      located.line = policy_override.empty() ? locate_field(source, setup.decl.line, "policy") : 0;
      if (!policy_override.empty()) located.message = "--policy: " + located.message;
    }
    return located;
  }
  setup.policy = std::move(std::get<std::unique_ptr<LuaPolicy>>(loaded));

  push_declared_scenarios(L);
  lua_rawgeti(L, -1, static_cast<lua_Integer>(index) + 1);
  lua_getfield(L, -1, "def");
  auto read = read_topology(L, lua_gettop(L), setup.policy->defaults());
  lua_settop(L, 0);
  if (auto* error = std::get_if<FieldError>(&read)) return located_error(path, source, setup.decl.line, *error);
  setup.topology = std::move(std::get<Topology>(read));
  std::vector<TopologyError> problems = validate(setup.topology);
  try {
    if (problems.empty()) problems = validate_provisioning(setup.topology, *setup.policy);
  } catch (const PolicyError& error) {
    return ScriptError{ScriptError::Kind::Runtime, path, setup.decl.line, error.what()};
  }
  if (!problems.empty()) return located_error(path, source, setup.decl.line, problems.front());
  return setup;
}

}  // namespace pbxsim
