// The command line around stored results: `run`'s --db, --trace, --shard,
// --jobs and --update-golden, and the `report`, `diff`, `merge` and `matrix`
// commands. main.cpp hooks these in; the work is in the simulator library
// (results_store, run_diff, golden, matrix).
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>

#include "pbxsim/simulator/results_store.h"
#include "pbxsim/simulator/suite_runner.h"

namespace pbxsim {

std::string shell_join(int argc, char** argv);

// ------------------------------------------------------------------ run options

struct RunResultsFlags {
  std::string db_path;
  bool full_trace = false;
  std::string shard;
  bool update_golden = false;
  std::string command_line;
};

void add_jobs_option(CLI::App& command, SuiteOptions& suite);
// --decision-cache off|on|eager (run, bench).
void add_decision_cache_option(CLI::App& command, DecisionCacheMode& mode);
int resolved_jobs(int jobs);  // --jobs 0: one per core
void add_run_results_options(CLI::App& run, RunResultsFlags& flags, SuiteOptions& suite);

// Applies --shard and --update-golden to the suite options and opens the
// database. Prints its own errors (to stderr); false means exit 2.
class RunRecorder {
 public:
  bool start(const RunResultsFlags& flags, SuiteOptions& suite);
  void scenario(const ScenarioReport& report, const SuiteOptions& options);
  // Writes golden files (--update-golden), then closes the run in the
  // database; prints what it wrote to `out`.
  void finish(std::ostream& out, const SuiteReport& suite);
  bool failed() const { return failed_; }

 private:
  void fail(const std::string& message);
  RunResultsFlags flags_;
  std::unique_ptr<ResultsDb> db_;
  std::int64_t run_ = 0;
  bool failed_ = false;
};

// ------------------------------------------------------------- stored results

// coverage --db: the stored run's scenarios.
std::variant<SuiteReport, std::string> load_stored_suite(const std::string& path, std::optional<std::int64_t> run);

struct ResultsCommands {
  CLI::App* report = nullptr;
  std::string report_path;
  std::optional<std::int64_t> report_run;
  bool report_list = false;
  bool report_verbose = false;
  bool report_json = false;

  CLI::App* diff = nullptr;
  std::string diff_before;
  std::string diff_after;
  bool diff_json = false;

  CLI::App* merge = nullptr;
  std::string merge_output;
  std::vector<std::string> merge_inputs;
  std::string command_line;

  CLI::App* matrix = nullptr;
  SuiteOptions matrix_suite;
  std::vector<std::string> matrix_policies;
  std::string matrix_format = "text";
};

void add_results_commands(CLI::App& app, ResultsCommands& commands);
// The exit status when one of these commands was given.
std::optional<int> run_results_command(ResultsCommands& commands);

}  // namespace pbxsim
