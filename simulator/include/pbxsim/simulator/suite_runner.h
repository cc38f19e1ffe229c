// Running a suite: discover files, keep this shard's, list their scenarios,
// filter, run each (twice when determinism is checked; on `jobs` threads),
// compare with golden outcomes, and report results in suite order as they
// finish.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "pbxsim/scripting/scenario.h"
#include "pbxsim/simulator/sharding.h"

namespace pbxsim {

struct SuiteOptions {
  std::vector<std::string> paths;
  std::uint64_t seed = 1;
  std::string policy;              // overrides every scenario's policy when set
  std::string filter;              // glob on the scenario name or the file path
  std::string keyword;             // `-k`: a substring of the name or the file path, any case
  // `--last-failed`: only these scenarios (file, name); unset: every one.
  std::optional<std::set<std::pair<std::string, std::string>>> only;
  bool fail_fast = false;          // `-x`: report nothing after the first failure or error
  bool check_determinism = false;  // run every scenario twice; CORE-7 ones always are
  bool validate_only = false;      // `pbxsim check`
  bool record_decisions = false;   // `run --decisions` (and --trace): every policy decision in the trace
  SandboxLimits scenario_limits;
  std::size_t engine_kept_bytes = KeptMemory::kDefaultLimitMib << 20;  // --engine-kept-mib
  int jobs = 1;                    // threads; results and their order do not depend on it
  // Run scenarios on worker threads even with one job, so that a slow
  // listener (the results database) works while the next scenario runs.
  bool listener_beside_runs = false;
  Shard shard;                     // run only this shard's files (default: 1/1, all)
  // Compare each scenario's calls with its golden file (FILE.golden) when one
  // exists; off while `--update-golden` records new ones.
  bool compare_golden = true;
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

using ScenarioListener = std::function<void(const ScenarioReport&)>;
using InputErrorListener = std::function<void(const ScriptError&)>;

SuiteReport run_suite(const SuiteOptions& options, const ScenarioListener& on_scenario,
                      const InputErrorListener& on_input_error);

// The scenarios a run would run, in suite order, without running them
// (`run --list`): each report has its file, index and declaration only.
SuiteReport list_suite(const SuiteOptions& options);

// Whether `--filter`, `-k` and `--last-failed` keep this scenario.
bool selected(const SuiteOptions& options, const std::string& file, const std::string& name);

// The command that runs exactly this scenario again.
std::string reproduce_command(const ScenarioReport& report, const SuiteOptions& options);

bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace pbxsim
