#include "pbxsim/results/suite_report.h"

namespace pbxsim {
namespace {

std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') quoted += "'\\''";
    else quoted += c;
  }
  return quoted + "'";
}

}  // namespace

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

std::string reproduce_command(const ScenarioReport& report, const RunSettings& settings) {
  std::string command = "pbxsim run " + shell_quote(report.file) + " --seed " + std::to_string(settings.seed);
  if (!report.result.decl.name.empty()) command += " --filter " + shell_quote(report.result.decl.name);
  if (!settings.policy.empty()) command += " --policy " + shell_quote(settings.policy);
  return command;
}

}  // namespace pbxsim
