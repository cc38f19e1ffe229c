// GitHub Actions annotations for `pbxsim run --format github`: workflow
// commands on stdout that the runner turns into errors on the scenario's
// file and line in the pull request.
#include <ostream>

#include "pbxsim/simulator/reporters.h"

namespace pbxsim {
namespace {

// The workflow command escapes (actions/toolkit, command.ts): data escapes
// %, CR and LF; a property also ':' and ','.
std::string escape_data(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

std::string escape_property(std::string_view text) {
  std::string out;
  for (char c : escape_data(text)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

void annotate(std::ostream& out, const std::string& file, int line, std::string_view title, std::string_view message) {
  out << "::error file=" << escape_property(file);
  if (line > 0) out << ",line=" << line;
  out << ",title=" << escape_property(title) << "::" << escape_data(message) << "\n";
}

}  // namespace

void print_github_annotations(std::ostream& out, const ScenarioReport& report, const RunSettings& options) {
  if (report.status == ScenarioReport::Status::Passed) return;
  const ScenarioRunResult& result = report.result;
  const std::string title = "pbxsim: " + result.decl.name;
  const std::string reproduce = "\nreproduce: " + reproduce_command(report, options);
  if (result.error) {
    const std::string& file = result.error->file.empty() ? report.file : result.error->file;
    annotate(out, file, result.error->line > 0 ? result.error->line : result.decl.line, title,
             result.error->message + reproduce);
  }
  for (const CheckResult& check : result.checks) {
    if (check.passed) continue;
    annotate(out, check.file.empty() ? report.file : check.file, check.file.empty() ? result.decl.line : check.line,
             title, describe_check(check) + reproduce);
  }
}

void print_github_input_error(std::ostream& out, const ScriptError& error) {
  annotate(out, error.file, error.line, "pbxsim: cannot load", error.message);
}

}  // namespace pbxsim
