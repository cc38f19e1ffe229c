#include <ostream>

#include "pbxsim/simulator/reporters.h"

namespace pbxsim {
namespace {

std::string_view status_word(ScenarioReport::Status status) {
  switch (status) {
    case ScenarioReport::Status::Passed: return "PASS ";
    case ScenarioReport::Status::Failed: return "FAIL ";
    case ScenarioReport::Status::Error: return "ERROR";
  }
  return "ERROR";
}

}  // namespace

std::string escaped_quoted(std::string_view text) {
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') quoted += '\\';
    if (c == '\n') {
      quoted += "\\n";
      continue;
    }
    quoted += c;
  }
  return quoted + "\"";
}

void print_scenario_line(std::ostream& out, const ScenarioReport& report, const RunSettings& options,
                         bool verbose) {
  const ScenarioRunResult& result = report.result;
  out << status_word(report.status) << " " << report.file << ":" << result.decl.line << "  " << result.decl.name;
  if (!result.policy.empty()) out << "  [" << result.policy << "]";
  out << "  seed " << options.seed;
  // A scenario that did not load (an error, or the load error it expects)
  // has no trace: hash 0, meaningless (an empty trace's hash is not 0).
  if (result.trace_hash != 0) out << "  trace " << format_hash(result.trace_hash);
  out << "\n";
  if (report.status == ScenarioReport::Status::Passed && !verbose) return;
  if (result.error) out << "      " << result.error->text() << "\n";
  for (const CheckResult& check : result.checks) {
    if (!check.passed) out << "      " << describe_check(check) << "\n";
    else if (verbose) out << "      ok: " << describe_passed_check(check) << "\n";
  }
  for (const std::string& line : result.printed) out << "      print: " << line << "\n";
  if (report.status != ScenarioReport::Status::Passed) {
    out << "      reproduce: " << reproduce_command(report, options) << "\n";
  }
}

void print_input_error(std::ostream& out, const ScriptError& error) { out << error.text() << "\n"; }

void print_summary(std::ostream& out, const SuiteReport& suite) {
  int errors_in_scenarios = 0;
  for (const ScenarioReport& report : suite.scenarios) {
    errors_in_scenarios += report.status == ScenarioReport::Status::Error ? 1 : 0;
  }
  if (suite.errors() > 0) {
    out << suite.errors() << " error(s): " << errors_in_scenarios << " scenario(s) could not run, "
        << suite.input_errors.size() << " input(s) could not be loaded\n";
  }
  if (suite.not_run > 0) out << "stopped at the first failure (-x): " << suite.not_run << " scenario(s) not run\n";
  out << suite.passed() << " passed, " << suite.failed() + errors_in_scenarios << " failed\n";
}

}  // namespace pbxsim
