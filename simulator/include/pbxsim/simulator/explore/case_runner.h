// Running one exploration case: render it as a scenario, run that text
// through the scenario runner (the same path as `pbxsim run`), check the
// invariants from the outside (testing/invariants.h), run it again to
// compare trace hashes, and say what kind of failure, if any, it shows.
//
// By default each case runs in a child process, so an engine assertion, a
// crash or a hang is a result (and can be shrunk) instead of the end of the
// exploration.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pbxsim/scripting/scenario.h"
#include "pbxsim/simulator/explore/child_process.h"
#include "pbxsim/simulator/explore/explore_case.h"
#include "pbxsim/simulator/testing/invariants.h"

namespace pbxsim {

// Ordered by how bad they are: the worst kind found sets the exit status.
enum class CaseVerdict : std::uint8_t { Passed, Violated, Nondeterministic, Failed };
std::string_view case_verdict_name(CaseVerdict verdict);

struct CaseResult {
  CaseVerdict verdict = CaseVerdict::Passed;
  std::string code;     // an invariant code, INV-DETERMINISM, ERROR, CRASH or TIMEOUT
  std::string message;
  std::optional<InvariantViolation> violation;  // the first, with Violated
  std::uint64_t trace_hash = 0;
  std::map<std::string, std::string> calls;     // call label -> "answered by d1 via 1000>1001"

  bool same_failure(const CaseResult& other) const { return verdict == other.verdict && code == other.code; }
};

struct CaseRunOptions {
  std::string policy = "base";  // a standard name or a path (relative to the working directory)
  bool check_determinism = true;
  bool isolate = true;          // run in a child process
  int timeout_seconds = 20;     // with isolate: a case running longer is a hang
  DecisionCacheMode decision_cache = DecisionCacheMode::AfterWarmUp;
};

CaseResult run_case(const ExploreCase& c, const CaseRunOptions& options);

// Runs the generated case of seed after seed. With isolation, in kept child
// processes (ChildPool: `jobs` of them) that are replaced only after a case
// crashed or hung: forking for every case cost more than running it. Without
// isolation, `jobs` threads run cases in this process. The result of a seed
// is the same as run_case's on its case, whatever the number of jobs.
class SeedRunner {
 public:
  SeedRunner(std::function<ExploreCase(std::uint64_t seed)> generate, CaseRunOptions options, int jobs = 1);
  SeedRunner(const SeedRunner&) = delete;
  SeedRunner& operator=(const SeedRunner&) = delete;
  CaseResult run(std::uint64_t seed);
  std::vector<CaseResult> run(const std::vector<std::uint64_t>& seeds);  // in the seeds' order
  int jobs() const { return jobs_; }
  int workers_started() const { return children_ ? children_->children_started() : 0; }

 private:
  std::function<ExploreCase(std::uint64_t)> generate_;
  CaseRunOptions options_;
  int jobs_;
  std::optional<ChildPool> children_;
};

// The verdict for a case from its run (and a second run, for determinism).
// Separate from running so the classification can be tested on its own.
CaseResult judge_runs(const ExploreCase& c, const ScenarioRunResult& first, const ScenarioRunResult* second);

}  // namespace pbxsim
