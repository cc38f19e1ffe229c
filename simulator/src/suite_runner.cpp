#include "pbxsim/simulator/suite_runner.h"

#include <chrono>
#include <variant>

#include "pbxsim/simulator/catalogue.h"
#include "pbxsim/simulator/discovery.h"

namespace pbxsim {
namespace {

bool covers(const ScenarioDecl& decl, std::string_view id) {
  for (const std::string& covered : decl.covers) {
    if (covered == id) return true;
  }
  return false;
}

std::optional<ScriptError> unknown_cover(const ScenarioDecl& decl, const std::string& file) {
  for (const std::string& id : decl.covers) {
    if (!in_catalogue(id)) {
      return ScriptError{ScriptError::Kind::Config, file, decl.line,
                         "covers names '" + id + "', which is not in the behaviour catalogue (see pbxsim coverage)"};
    }
  }
  return std::nullopt;
}

std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') quoted += "'\\''";
    else quoted += c;
  }
  return quoted + "'";
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view text) {
  std::size_t p = 0;
  std::size_t t = 0;
  std::size_t star = std::string_view::npos;
  std::size_t resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

int SuiteReport::passed() const {
  int count = 0;
  for (const ScenarioReport& report : scenarios) count += report.status == ScenarioReport::Status::Passed ? 1 : 0;
  return count;
}

int SuiteReport::failed() const {
  int count = 0;
  for (const ScenarioReport& report : scenarios) count += report.status == ScenarioReport::Status::Failed ? 1 : 0;
  return count;
}

int SuiteReport::errors() const {
  int count = static_cast<int>(input_errors.size());
  for (const ScenarioReport& report : scenarios) count += report.status == ScenarioReport::Status::Error ? 1 : 0;
  return count;
}

int SuiteReport::exit_code() const {
  if (errors() > 0) return 2;
  if (failed() > 0) return 1;
  return 0;
}

std::string reproduce_command(const ScenarioReport& report, const SuiteOptions& options) {
  std::string command = "pbxsim run " + shell_quote(report.file) + " --seed " + std::to_string(options.seed);
  if (!report.result.decl.name.empty()) command += " --filter " + shell_quote(report.result.decl.name);
  if (!options.policy.empty()) command += " --policy " + shell_quote(options.policy);
  return command;
}

SuiteReport run_suite(const SuiteOptions& options, const ScenarioListener& on_scenario,
                      const InputErrorListener& on_input_error) {
  SuiteReport suite;
  suite.seed = options.seed;
  suite.policy = options.policy;
  auto input_error = [&](ScriptError error) {
    if (on_input_error) on_input_error(error);
    suite.input_errors.push_back(std::move(error));
  };

  Discovery discovery = discover_scenario_files(options.paths);
  for (ScriptError& error : discovery.errors) input_error(std::move(error));

  ScenarioRunOptions run_options;
  run_options.seed = options.seed;
  run_options.policy_override = options.policy;
  run_options.scenario_limits = options.scenario_limits;
  run_options.validate_only = options.validate_only;

  for (const std::string& file : discovery.files) {
    auto listed = list_scenarios(file, options.scenario_limits);
    if (auto* error = std::get_if<ScriptError>(&listed)) {
      input_error(*error);
      continue;
    }
    const auto& decls = std::get<std::vector<ScenarioDecl>>(listed);
    if (decls.empty()) {
      input_error(ScriptError{ScriptError::Kind::Config, file, 0,
                              "declares no scenario (write scenario \"what it checks\" { ... }; "
                              "workloads run with pbxsim bench)"});
      continue;
    }
    for (std::size_t index = 0; index < decls.size(); ++index) {
      if (!options.filter.empty() && !glob_match(options.filter, decls[index].name) &&
          !glob_match(options.filter, file)) {
        continue;
      }
      ScenarioReport report;
      report.file = file;
      report.index = index;
      const auto started = std::chrono::steady_clock::now();
      report.result = run_scenario(file, index, run_options);
      if (report.result.decl.name.empty()) report.result.decl = decls[index];
      if (!report.result.error) report.result.error = unknown_cover(report.result.decl, file);

      // CORE-7: the same scenario, policy and seed give the same trace.
      const bool repeat = !options.validate_only && !report.result.error &&
                          (options.check_determinism || covers(report.result.decl, "CORE-7"));
      if (repeat) {
        const ScenarioRunResult again = run_scenario(file, index, run_options);
        const bool same = again.trace_hash == report.result.trace_hash && again.error == std::nullopt &&
                          again.trace_events == report.result.trace_events;
        report.result.checks.push_back(CheckResult{same, file, report.result.decl.line, "trace hash of a second run",
                                                   "is", format_hash(report.result.trace_hash),
                                                   format_hash(again.trace_hash)});
      }
      report.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      report.status = report.result.error        ? ScenarioReport::Status::Error
                      : report.result.passed()   ? ScenarioReport::Status::Passed
                                                 : ScenarioReport::Status::Failed;
      if (on_scenario) on_scenario(report);
      suite.scenarios.push_back(std::move(report));
    }
  }
  return suite;
}

}  // namespace pbxsim
