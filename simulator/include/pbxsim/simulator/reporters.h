// Reporters for a suite run: the terminal, JUnit XML for CI servers, JSON.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

#include "pbxsim/simulator/suite_runner.h"

namespace pbxsim {

// One scenario as it finishes: PASS/FAIL/ERROR, seed and trace hash, and for
// a failure every failed check, printed output and the reproduce command.
void print_scenario_line(std::ostream& out, const ScenarioReport& report, const SuiteOptions& options,
                         bool verbose);
void print_input_error(std::ostream& out, const ScriptError& error);
// The closing summary; its last line reads "N passed, N failed".
void print_summary(std::ostream& out, const SuiteReport& suite);

// Writes atomically (a temporary file, then a rename). Returns an error text on failure.
std::optional<std::string> write_junit(const std::string& path, const SuiteReport& suite, const SuiteOptions& options);

std::string suite_json(const SuiteReport& suite, const SuiteOptions& options);

std::string describe_check(const CheckResult& check);

}  // namespace pbxsim
