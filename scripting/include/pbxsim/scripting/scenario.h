// Scenario files: declaring scenarios (`scenario "name" { ... }`) and running
// one of them against the engine under its policy.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "pbxsim/engine/pbx.h"
#include "pbxsim/engine/trace.h"
#include "pbxsim/scripting/sandbox.h"
#include "pbxsim/scripting/script_error.h"

namespace pbxsim {

struct ScenarioDecl {
  std::string name;
  int line = 0;  // where `scenario "name"` stands
  std::string description;
  std::vector<std::string> covers;
  std::string policy;  // empty: the default policy
  // Routing findings (`pbxsim check`) the scenario means to have, by code
  // ("PBX-LOOP") or code and subject ("PBX-UNREACHABLE:2000").
  std::vector<std::string> expect_findings;
  // The scenario passes only if loading it (policy, topology, validation)
  // fails with an error containing this text: a vendor limit refused at
  // load time. Empty: loading must succeed.
  std::string expect_load_error;
};

// Loads the file and lists its scenarios without running any.
std::variant<std::vector<ScenarioDecl>, ScriptError> list_scenarios(const std::string& path,
                                                                    const SandboxLimits& limits);

struct CheckResult {
  bool passed = false;
  std::string file;
  int line = 0;
  std::string subject;   // what the author called the value, or empty
  std::string relation;  // "is", "contains", ...
  std::string expected;
  std::string actual;
  TimeUs time_us = -1;   // simulated time the expect ran at; -1 for generated checks
  // The call the check is about: the call handle whose field was read for
  // `expect(c.outcome)` (or while the relation ran); 0 when none was. The
  // viewer opens a failing scenario on this call.
  CallId call = 0;
};

struct ScenarioRunOptions {
  std::uint64_t seed = 1;
  std::string policy_override;  // empty: the scenario's own policy
  SandboxLimits scenario_limits;
  SandboxLimits policy_limits{64u << 20, 5'000'000};
  // What the engine may keep for the run's results: trace, ended calls, recent calls (kept_memory.h).
  std::size_t engine_kept_bytes = KeptMemory::kDefaultLimitMib << 20;
  bool validate_only = false;   // load topology and policy, do not run steps
  // Record every policy hook call in the trace (TraceKind::Decided; run
  // --decisions, explain). The hash is the same with or without.
  bool record_decisions = false;
};

struct ScenarioRunResult {
  ScenarioDecl decl;
  std::string policy;  // the policy that actually ran
  std::vector<CheckResult> checks;
  std::optional<ScriptError> error;
  std::uint64_t trace_hash = 0;
  std::uint64_t trace_events = 0;
  std::vector<TraceEvent> trace;
  // Events pending in the simulation's queue when each trace event was
  // recorded (parallel to trace; may be empty), and the most at once.
  std::vector<std::uint32_t> queue_depths;
  std::uint64_t peak_queue_depth = 0;
  std::vector<CallRecord> calls;
  std::vector<std::string> printed;
  // The topology as read (policy defaults applied), also when validate()
  // rejected it, so `pbxsim check` can analyse and locate every problem.
  std::optional<Topology> topology;
  std::string policy_spec;  // the policy as named (a standard name or a path)

  bool passed() const;
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
