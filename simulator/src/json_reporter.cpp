#include <nlohmann/json.hpp>

#include "call_json.h"
#include "pbxsim/engine/pbx.h"
#include "pbxsim/simulator/valid_utf8.h"
#include "pbxsim/simulator/reporters.h"
#include "pbxsim/simulator/version.h"

namespace pbxsim {
namespace {

nlohmann::json error_json(const ScriptError& error) {
  return {{"file", error.file}, {"line", error.line}, {"message", error.message}, {"text", error.text()}};
}

std::string_view status_name(ScenarioReport::Status status) {
  switch (status) {
    case ScenarioReport::Status::Passed: return "passed";
    case ScenarioReport::Status::Failed: return "failed";
    case ScenarioReport::Status::Error: return "error";
  }
  return "error";
}

}  // namespace

std::string suite_json(const SuiteReport& suite, const RunSettings& options) {
  nlohmann::json scenarios = nlohmann::json::array();
  for (const ScenarioReport& report : suite.scenarios) {
    const ScenarioRunResult& result = report.result;
    nlohmann::json checks = nlohmann::json::array();
    for (const CheckResult& check : result.checks) {
      checks.push_back({{"passed", check.passed},
                        {"file", check.file},
                        {"line", check.line},
                        {"subject", check.subject},
                        {"relation", check.relation},
                        {"expected", check.expected},
                        {"actual", check.actual},
                        {"call", check.call == 0 ? nlohmann::json(nullptr) : nlohmann::json(check.call)}});
    }
    nlohmann::json calls = nlohmann::json::array();
    for (const CallRecord& call : result.calls) calls.push_back(call_json(call));
    nlohmann::json entry{{"file", report.file},
                         {"line", result.decl.line},
                         {"name", result.decl.name},
                         {"covers", result.decl.covers},
                         {"policy", result.policy},
                         {"status", status_name(report.status)},
                         {"seed", options.seed},
                         {"trace_hash", format_hash(result.trace_hash)},
                         {"trace_events", result.trace_events},
                         {"checks", checks},
                         {"calls", calls},
                         {"printed", result.printed},
                         {"reproduce", reproduce_command(report, options)}};
    if (result.error) entry["error"] = error_json(*result.error);
    scenarios.push_back(std::move(entry));
  }
  nlohmann::json input_errors = nlohmann::json::array();
  for (const ScriptError& error : suite.input_errors) input_errors.push_back(error_json(error));
  const nlohmann::json document{
      {"pbxsim", kPbxsimVersion},
      {"seed", options.seed},
      {"policy", options.policy},
      {"scenarios", scenarios},
      {"input_errors", input_errors},
      {"summary", {{"passed", suite.passed()}, {"failed", suite.failed()}, {"errors", suite.errors()}}}};
  return json_text(document, 2) + "\n";
}

}  // namespace pbxsim
