// A suite's results: each scenario's run result with its file and status,
// the files that could not be loaded, and the seed and policy that reproduce
// any of them. Written by the suite runner, stored and read back by the
// results database, shown by the reporters and the viewer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "pbxsim/results/scenario_result.h"
#include "pbxsim/results/script_error.h"

namespace pbxsim {

// What a run's results record about how it ran, and all a reproduce command
// needs besides the scenario: the seed and the policy.
struct RunSettings {
  std::uint64_t seed = 1;
  std::string policy;  // overrides every scenario's policy when set
};

struct ScenarioReport {
  std::string file;
  std::size_t index = 0;
  int file_ordinal = 0;  // the file's position in the whole suite, before sharding: orders merged shards
  ScenarioRunResult result;
  double wall_seconds = 0;  // for reports only; never reaches a trace
  // Read back from a results database: each event's position in the full
  // trace, which may be stored only in part (the events of calls).
  std::vector<std::uint64_t> event_seq;
  enum class Status { Passed, Failed, Error } status = Status::Passed;
};

struct SuiteReport {
  std::uint64_t seed = 1;
  std::string policy;
  std::vector<ScenarioReport> scenarios;
  std::vector<ScriptError> input_errors;  // files that could not be loaded
  std::vector<int> input_error_ordinals;  // parallel to input_errors: the file's ordinal, -1 for a path
  std::size_t not_run = 0;                // scenarios left out by fail_fast after the first failure

  int passed() const;
  int failed() const;
  int errors() const;  // scenario errors and input errors
  int exit_code() const;  // 0 all passed, 1 a check failed, 2 bad input
};

// `run` exits 5 when no scenario was selected (as pytest does).
inline constexpr int kExitNoScenario = 5;

// The command that runs exactly this scenario again.
std::string reproduce_command(const ScenarioReport& report, const RunSettings& settings);

}  // namespace pbxsim
