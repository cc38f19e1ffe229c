// `pbxsim check`: load every scenario without running it, validate its
// topology and analyse its routing graph (routing_findings.h). Findings a
// scenario declares in `expect_findings` are expected; an expectation that
// no finding meets is a failure too, so the list cannot go stale.
//
// Exit status: 2 when a file cannot be loaded or a topology is invalid
// (bad input, as for `run`), else 1 when there is an unexpected error or
// warning finding or an unmet expectation, else 0.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "pbxsim/simulator/routing_findings.h"
#include "pbxsim/simulator/suite_runner.h"

namespace pbxsim {

struct LocatedFinding {
  RoutingFinding finding;
  int line = 0;           // in the scenario file
  bool expected = false;  // named by the scenario's expect_findings
};

struct CheckedScenario {
  std::string file;
  std::string scenario;
  int scenario_line = 0;
  std::vector<LocatedFinding> findings;
  std::vector<std::string> unmet_expectations;  // expect_findings entries nothing matched
  std::vector<ScriptError> problems;            // cannot load, or an invalid topology

  int unexpected() const;  // error and warning findings not expected
};

struct StaticCheckReport {
  std::vector<CheckedScenario> scenarios;
  std::vector<ScriptError> input_errors;  // files that could not be listed

  int problems() const;
  int unexpected() const;
  int expected() const;
  int unmet() const;
  int exit_code() const;
};

StaticCheckReport run_static_check(const SuiteOptions& options);

// Problems and unexpected findings always; expected ones with `verbose`.
void print_static_check(std::ostream& out, std::ostream& err, const StaticCheckReport& report, bool verbose);
std::string static_check_json(const StaticCheckReport& report);

}  // namespace pbxsim
