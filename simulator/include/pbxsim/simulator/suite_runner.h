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

#include "pbxsim/results/suite_report.h"
#include "pbxsim/scripting/scenario.h"
#include "pbxsim/simulator/sharding.h"

namespace pbxsim {

// The seed and policy (RunSettings) and how to find, select and run the scenarios.
struct SuiteOptions : RunSettings {
  std::vector<std::string> paths;
  std::string filter;              // glob on the scenario name or the file path
  std::string keyword;             // `-k`: a substring of the name or the file path, any case
  // `--last-failed`: only these scenarios (file, name); unset: every one.
  std::optional<std::set<std::pair<std::string, std::string>>> only;
  bool fail_fast = false;          // `-x`: report nothing after the first failure or error
  bool check_determinism = false;  // run every scenario twice; CORE-7 ones always are
  bool validate_only = false;      // `pbxsim check`
  bool record_decisions = false;   // `run --decisions` (and --trace): every policy decision in the trace
  DecisionCacheMode decision_cache = DecisionCacheMode::AfterWarmUp;  // --decision-cache
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

using ScenarioListener = std::function<void(const ScenarioReport&)>;
using InputErrorListener = std::function<void(const ScriptError&)>;

SuiteReport run_suite(const SuiteOptions& options, const ScenarioListener& on_scenario,
                      const InputErrorListener& on_input_error);

// The scenarios a run would run, in suite order, without running them
// (`run --list`): each report has its file, index and declaration only.
SuiteReport list_suite(const SuiteOptions& options);

// Whether `--filter`, `-k` and `--last-failed` keep this scenario.
bool selected(const SuiteOptions& options, const std::string& file, const std::string& name);

bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace pbxsim
