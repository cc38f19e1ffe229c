// NeutralPolicy (engine/src/neutral_policy.cpp) restates scripting/policies/base.lua
// in C++: it answers every hook a Lua policy leaves out, and the engine's own
// tests run under it. The two must decide alike. A copy of base.lua with its
// hooks removed keeps base's settings but sends every decision to the C++
// fallback; running the suite's base scenarios and explored cases under both
// must give the same traces. And the policy README documents exactly the
// hooks of the policy API's one table (policy_api.h).
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "pbxsim/scripting/policy_api.h"
#include "pbxsim/scripting/scenario.h"
#include "pbxsim/simulator/discovery.h"
#include "pbxsim/simulator/explore/case_runner.h"
#include "pbxsim/simulator/explore/features.h"

using namespace pbxsim;

namespace {

std::string read_source_file(const std::string& relative) {
  std::ifstream in(std::filesystem::path(PBXSIM_SOURCE_DIR) / relative);
  REQUIRE(in.good());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// base.lua with every hook of the API set to nil before it is returned: its
// settings stay, its decisions fall to NeutralPolicy.
std::string write_hookless_base() {
  std::string text = read_source_file("scripting/policies/base.lua");
  const std::size_t end = text.rfind("return policy");
  REQUIRE(end != std::string::npos);
  std::string removal = "for _, hook in ipairs({";
  for (int hook = 0; hook < kPolicyHookCount; ++hook) {
    removal += "\"" + std::string(kPolicyNames[static_cast<std::size_t>(hook)].name) + "\", ";
  }
  removal += "}) do policy[hook] = nil end\n";
  text.insert(end, removal);
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("pbxsim-hookless-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::filesystem::path path = dir / "base_without_hooks.lua";
  std::ofstream(path) << text;
  return path.string();
}

}  // namespace

TEST_CASE("neutral policy: every base-policy suite scenario gives base.lua's trace under NeutralPolicy",
          "[neutral_policy]") {
  const std::string hookless = write_hookless_base();
  const Discovery found = discover_scenario_files({std::string(PBXSIM_SOURCE_DIR) + "/scenarios"});
  int compared = 0;
  for (const std::string& file : found.files) {
    auto listed = list_scenarios(file, SandboxLimits{});
    if (!std::holds_alternative<std::vector<ScenarioDecl>>(listed)) continue;
    const auto& decls = std::get<std::vector<ScenarioDecl>>(listed);
    for (std::size_t index = 0; index < decls.size(); ++index) {
      if (!decls[index].policy.empty() && decls[index].policy != "base") continue;
      ScenarioRunOptions lua_options;
      lua_options.policy_override = "base";
      ScenarioRunOptions neutral_options;
      neutral_options.policy_override = hookless;
      const ScenarioRunResult lua = run_scenario(file, index, lua_options);
      const ScenarioRunResult neutral = run_scenario(file, index, neutral_options);
      INFO(file << ": " << decls[index].name);
      INFO("base.lua: " << (lua.error ? lua.error->text() : "ran") << "; NeutralPolicy: "
                        << (neutral.error ? neutral.error->text() : "ran"));
      CHECK(lua.error.has_value() == neutral.error.has_value());
      CHECK(lua.trace_events == neutral.trace_events);
      CHECK(lua.trace_hash == neutral.trace_hash);
      ++compared;
    }
  }
  CHECK(compared >= 50);
  std::filesystem::remove_all(std::filesystem::path(hookless).parent_path());
}

TEST_CASE("neutral policy: 300 explored cases give base.lua's trace under NeutralPolicy", "[neutral_policy]") {
  const std::string hookless = write_hookless_base();
  CaseRunOptions lua_options;
  lua_options.policy = "base";
  lua_options.check_determinism = false;
  lua_options.isolate = false;
  CaseRunOptions neutral_options = lua_options;
  neutral_options.policy = hookless;
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    const ExploreCase explored = generate_case_with(seed, swarm_features(seed), false);
    const CaseResult lua = run_case(explored, lua_options);
    const CaseResult neutral = run_case(explored, neutral_options);
    INFO("seed " << seed << ": base.lua " << lua.code << " " << lua.message << "; NeutralPolicy " << neutral.code
                 << " " << neutral.message);
    CHECK(lua.code == neutral.code);
    CHECK(lua.trace_hash == neutral.trace_hash);
  }
  std::filesystem::remove_all(std::filesystem::path(hookless).parent_path());
}

TEST_CASE("policy docs: the README documents exactly the hooks of the policy API, with their arguments",
          "[neutral_policy]") {
  const std::string readme = read_source_file("scripting/policies/README.md");
  std::set<std::string> documented;
  std::istringstream lines(readme);
  const std::string heading = "### `policy.";
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(heading, 0) != 0) continue;
    const std::size_t end = line.find('`', heading.size());
    REQUIRE(end != std::string::npos);
    documented.insert(line.substr(heading.size(), end - heading.size()));
  }
  std::set<std::string> hooks;
  for (int hook = 0; hook < kPolicyHookCount; ++hook) {
    hooks.insert(std::string(kPolicyNames[static_cast<std::size_t>(hook)].signature));
  }
  CHECK(documented == hooks);
}
