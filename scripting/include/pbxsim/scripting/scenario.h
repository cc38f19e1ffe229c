// Scenario files: declaring scenarios (`scenario "name" { ... }`) and running
// one of them against the engine under its policy.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "pbxsim/engine/pbx.h"
#include "pbxsim/results/scenario_result.h"
#include "pbxsim/scripting/decision_cache_mode.h"
#include "pbxsim/scripting/sandbox.h"

namespace pbxsim {

// Loads the file and lists its scenarios without running any.
std::variant<std::vector<ScenarioDecl>, ScriptError> list_scenarios(const std::string& path,
                                                                    const SandboxLimits& limits);

struct ScenarioRunOptions {
  std::uint64_t seed = 1;
  std::string policy_override;  // empty: the scenario's own policy
  SandboxLimits scenario_limits;
  SandboxLimits policy_limits = policy_sandbox_limits();
  // What the engine may keep for the run's results: trace, ended calls, recent calls (kept_memory.h).
  std::size_t engine_kept_bytes = KeptMemory::kDefaultLimitMib << 20;
  bool validate_only = false;   // load topology and policy, do not run steps
  // Record every policy hook call in the trace (TraceKind::Decided; run
  // --decisions, explain). The hash is the same with or without.
  bool record_decisions = false;
  // Remember hook answers by the facts they read; the trace is the same either way.
  DecisionCacheMode decision_cache = DecisionCacheMode::AfterWarmUp;
};

ScenarioRunResult run_scenario(const std::string& path, std::size_t index, const ScenarioRunOptions& options);
// The same for scenario text that is not (or not yet) a file, e.g. one the
// explorer generated; `path` names it in messages and locates its policy.
ScenarioRunResult run_scenario_source(const std::string& path, const std::string& source, std::size_t index,
                                      const ScenarioRunOptions& options);

// Best guess at the line of `field_path` ("devices.desk.kind") in a scenario
// that starts at start_line: table fields carry no line numbers in Lua.
int locate_field(std::string_view source, int start_line, std::string_view field_path);

}  // namespace pbxsim
