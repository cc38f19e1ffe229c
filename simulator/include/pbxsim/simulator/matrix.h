// `pbxsim matrix`: the same vendor-neutral scenarios under several policies,
// as a table with one row per scenario and call and one column per policy;
// rows where the policies disagree are marked. Text, Markdown and JSON.
#pragma once

#include <string>
#include <vector>

#include "pbxsim/simulator/suite_runner.h"

namespace pbxsim {

struct MatrixCell {
  bool present = false;        // the call exists under this policy
  std::string text;            // what the table shows: "voicemail (1000 > voicemail)"
  std::vector<std::string> facts;  // call_facts(), for JSON
  const CallRecord* call = nullptr;
};

struct MatrixRow {
  std::string label;               // "checks", or "call-1 +1408... -> 1000"
  CallId call = 0;                 // 0 for the scenario's status row
  std::vector<MatrixCell> cells;   // one per policy
  bool differs = false;
};

struct MatrixScenario {
  std::string file;
  int line = 0;
  std::string name;
  std::vector<MatrixRow> rows;
};

struct Matrix {
  std::uint64_t seed = 1;
  std::vector<std::string> policies;
  std::vector<SuiteReport> runs;       // one per policy; rows point into them
  std::vector<MatrixScenario> scenarios;
  std::vector<ScriptError> input_errors;
  int rows() const;
  int differing_rows() const;
};

// Runs the suite once per policy (options.policy is ignored).
Matrix build_matrix(const SuiteOptions& options, const std::vector<std::string>& policies);

std::string matrix_text(const Matrix& matrix);
std::string matrix_markdown(const Matrix& matrix);
std::string matrix_json(const Matrix& matrix);

}  // namespace pbxsim
