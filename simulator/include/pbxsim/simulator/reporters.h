// Reporters for a suite run: the terminal, JUnit XML for CI servers, JSON.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

#include "pbxsim/simulator/suite_runner.h"

namespace pbxsim {

// One scenario as it finishes: PASS/FAIL/ERROR, seed and trace hash, and for
// a failure every failed check, printed output and the reproduce command.
void print_scenario_line(std::ostream& out, const ScenarioReport& report, const RunSettings& options,
                         bool verbose);
void print_input_error(std::ostream& out, const ScriptError& error);
// The closing summary; its last line reads "N passed, N failed".
void print_summary(std::ostream& out, const SuiteReport& suite);

std::string junit_xml(const SuiteReport& suite, const RunSettings& options);
// Writes atomically (a temporary file, then a rename). Returns an error text on failure.
std::optional<std::string> write_junit(const std::string& path, const SuiteReport& suite, const RunSettings& options);

std::string suite_json(const SuiteReport& suite, const RunSettings& options);

// TAP 13 (`run --format tap`): "ok N - FILE:LINE NAME" as each scenario
// finishes, a YAML block under a failure, the plan "1..N" at the end.
void print_tap_scenario(std::ostream& out, int number, const ScenarioReport& report, const RunSettings& options);
void print_tap_input_error(std::ostream& out, int number, const ScriptError& error);
void print_tap_plan(std::ostream& out, int count);

// GitHub Actions workflow commands (`run --format github`): one
// "::error file=F,line=L,title=T::message" per failed check, scenario error
// or input error, so each shows on the file's line in the pull request.
void print_github_annotations(std::ostream& out, const ScenarioReport& report, const RunSettings& options);
void print_github_input_error(std::ostream& out, const ScriptError& error);

// "text" with ", \ and newlines escaped: golden files' scenario names and
// TAP's YAML strings (both read back as double-quoted strings).
std::string escaped_quoted(std::string_view text);

}  // namespace pbxsim
