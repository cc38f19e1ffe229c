// TAP 13 for `pbxsim run --format tap`: what prove, tappy and most CI
// systems read. A scenario is a test point; a failure carries a YAML block
// with its failed checks and the command that reproduces it.
#include <ostream>

#include "pbxsim/simulator/reporters.h"

namespace pbxsim {
namespace {

// A test point's description may not hold '#' (it starts a directive).
std::string tap_description(std::string text) {
  for (char& c : text) {
    if (c == '#' || c == '\n') c = ' ';
  }
  return text;
}

}  // namespace

void print_tap_scenario(std::ostream& out, int number, const ScenarioReport& report, const RunSettings& options) {
  if (number == 1) out << "TAP version 13\n";
  const ScenarioRunResult& result = report.result;
  const bool passed = report.status == ScenarioReport::Status::Passed;
  out << (passed ? "ok " : "not ok ") << number << " - "
      << tap_description(report.file + ":" + std::to_string(result.decl.line) + " " + result.decl.name) << "\n";
  if (passed) return;
  out << "  ---\n";
  if (result.error) out << "  error: " << escaped_quoted(result.error->text()) << "\n";
  bool first = true;
  for (const CheckResult& check : result.checks) {
    if (check.passed) continue;
    if (first) out << "  failed:\n";
    first = false;
    out << "    - " << escaped_quoted(describe_check(check)) << "\n";
  }
  out << "  seed: " << options.seed << "\n"
      << "  reproduce: " << escaped_quoted(reproduce_command(report, options)) << "\n"
      << "  ...\n";
}

void print_tap_input_error(std::ostream& out, int number, const ScriptError& error) {
  if (number == 1) out << "TAP version 13\n";
  out << "not ok " << number << " - " << tap_description(error.file) << "\n"
      << "  ---\n  error: " << escaped_quoted(error.text()) << "\n  ...\n";
}

void print_tap_plan(std::ostream& out, int count) {
  if (count == 0) out << "TAP version 13\n1..0 # SKIP no scenario matched\n";
  else out << "1.." << count << "\n";
}

}  // namespace pbxsim
