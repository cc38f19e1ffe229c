// Running a suite: discover files, list their scenarios, filter, run each
// (twice when determinism is checked), and report results as they finish.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "pbxsim/scripting/scenario.h"

namespace pbxsim {

struct SuiteOptions {
  std::vector<std::string> paths;
  std::uint64_t seed = 1;
  std::string policy;              // overrides every scenario's policy when set
  std::string filter;              // glob on the scenario name or the file path
  bool check_determinism = false;  // run every scenario twice; CORE-7 ones always are
  bool validate_only = false;      // `pbxsim check`
  SandboxLimits scenario_limits;
};

struct ScenarioReport {
  std::string file;
  std::size_t index = 0;
  ScenarioRunResult result;
  double wall_seconds = 0;  // for reports only; never reaches a trace
  enum class Status { Passed, Failed, Error } status = Status::Passed;
};

struct SuiteReport {
  std::uint64_t seed = 1;
  std::string policy;
  std::vector<ScenarioReport> scenarios;
  std::vector<ScriptError> input_errors;  // files that could not be loaded

  int passed() const;
  int failed() const;
  int errors() const;  // scenario errors and input errors
  int exit_code() const;  // 0 all passed, 1 a check failed, 2 bad input
};

using ScenarioListener = std::function<void(const ScenarioReport&)>;
using InputErrorListener = std::function<void(const ScriptError&)>;

SuiteReport run_suite(const SuiteOptions& options, const ScenarioListener& on_scenario,
                      const InputErrorListener& on_input_error);

// The command that runs exactly this scenario again.
std::string reproduce_command(const ScenarioReport& report, const SuiteOptions& options);

bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace pbxsim
