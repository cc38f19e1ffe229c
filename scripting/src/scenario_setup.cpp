// A declared scenario made ready to run, without running it:
//   configure_scenario()  - policy loaded, topology read and validated (run_scenario uses it too)
//   load_scenario_setup() - the same from a file and a scenario name, for tools such as `pbxsim dial`
#include "pbxsim/scripting/scenario_setup.h"

#include <filesystem>

#include "pbxsim/engine/provisioning.h"
#include "sandbox_internals.h"
#include "scenario_internals.h"
#include "topology_reader.h"

namespace pbxsim {

std::string chosen_policy(const ScenarioDecl& decl, const std::string& policy_override) {
  if (!policy_override.empty()) return policy_override;
  return decl.policy.empty() ? std::string("base") : decl.policy;
}

std::optional<ScriptError> execute_scenario_file(LuaSandbox& sandbox, const std::string& path,
                                                 const std::string& source) {
  install_scenario_declarations(sandbox.state());
  if (auto error = sandbox.load(source, path)) return error;
  return sandbox.call(0, 0);
}

ConfiguredScenario configure_scenario(lua_State* L, const ScenarioChoice& choice, const std::string& policy_override,
                                      const SandboxLimits& policy_limits, const Prng& root) {
  const ScenarioDecl& decl = choice.decl;
  ConfiguredScenario configured;
  auto fail = [&](ScriptError error) {
    configured.error = std::move(error);
    return std::move(configured);
  };
  const std::string scenario_dir = std::filesystem::path(choice.path).parent_path().string();
  auto loaded = LuaPolicy::load(chosen_policy(decl, policy_override), scenario_dir, policy_limits,
                                root.child("lua:policy"));
  if (auto* error = std::get_if<ScriptError>(&loaded)) {
    // A policy that cannot be found has no file of its own: the error is the
    // scenario's `policy` field, or the --policy option.
    ScriptError located = *error;
    if (located.file.empty()) {
      located.file = choice.path;
      located.line = policy_override.empty() ? locate_field(choice.source, decl.line, "policy") : 0;
      if (!policy_override.empty()) located.message = "--policy: " + located.message;
    }
    return fail(std::move(located));
  }
  configured.policy = std::move(std::get<std::unique_ptr<LuaPolicy>>(loaded));

  // The topology, with the policy's defaults.
  const int top = lua_gettop(L);
  push_declared_scenarios(L);
  lua_rawgeti(L, -1, static_cast<lua_Integer>(choice.index) + 1);
  lua_getfield(L, -1, "def");
  auto read = read_topology(L, lua_gettop(L), configured.policy->defaults());
  lua_settop(L, top);
  if (auto* error = std::get_if<FieldError>(&read)) {
    return fail(located_error(choice.path, choice.source, decl.line, *error));
  }
  configured.topology = std::move(std::get<Topology>(read));
  std::vector<TopologyError> problems = validate(*configured.topology);
  try {
    if (problems.empty()) problems = validate_provisioning(*configured.topology, *configured.policy);  // CUC-1, CUC-11, CUC-12, CUC-18/19
  } catch (const PolicyError& error) {
    return fail(ScriptError{ScriptError::Kind::Runtime, choice.path, decl.line, error.what()});
  }
  if (!problems.empty()) {
    ScriptError first = located_error(choice.path, choice.source, decl.line, problems.front());
    if (problems.size() > 1) first.message += " (and " + std::to_string(problems.size() - 1) + " more problem(s))";
    return fail(std::move(first));
  }
  return configured;
}

std::variant<ScenarioSetup, ScriptError> load_scenario_setup(const std::string& path, std::string_view scenario_name,
                                                             const std::string& policy_override,
                                                             const SandboxLimits& limits, std::uint64_t seed) {
  auto text = read_script_file(path);
  if (text.index() == 1) return std::get<1>(text);
  const std::string source = std::move(std::get<0>(text));

  const Prng root(seed);
  LuaSandbox sandbox(limits, root.child("lua:scenario"));
  lua_State* L = sandbox.state();
  if (auto error = execute_scenario_file(sandbox, path, source)) return *error;
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
    return ScriptError{ScriptError::Kind::Config, path, 0,
                       scenario_name.empty() ? "the file declares no scenario"
                                             : "no scenario named '" + std::string(scenario_name) +
                                                   "'; the file has:" + names};
  }

  ConfiguredScenario configured = configure_scenario(L, ScenarioChoice{path, source, index, decls[index]},
                                                     policy_override, ScenarioRunOptions{}.policy_limits, root);
  if (configured.error) return *configured.error;
  return ScenarioSetup{decls[index], std::move(configured.policy), std::move(*configured.topology)};
}

}  // namespace pbxsim
