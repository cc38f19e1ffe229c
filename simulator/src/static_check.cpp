// Sections: counting · one scenario · the suite · text · JSON.
#include "pbxsim/simulator/static_check.h"
#include "pbxsim/simulator/valid_utf8.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <ostream>
#include <sstream>
#include <variant>

#include "pbxsim/simulator/reporters.h"

namespace pbxsim {

// -------------------------------------------------------------------- counting

namespace {
bool counts_against(const LocatedFinding& located) {
  return !located.expected && located.finding.severity != FindingSeverity::Info;
}
}  // namespace

int CheckedScenario::unexpected() const {
  int count = 0;
  for (const LocatedFinding& located : findings) count += counts_against(located) ? 1 : 0;
  return count;
}

int StaticCheckReport::problems() const {
  int count = static_cast<int>(input_errors.size());
  for (const CheckedScenario& scenario : scenarios) count += static_cast<int>(scenario.problems.size());
  return count;
}

int StaticCheckReport::unexpected() const {
  int count = 0;
  for (const CheckedScenario& scenario : scenarios) count += scenario.unexpected();
  return count;
}

int StaticCheckReport::expected() const {
  int count = 0;
  for (const CheckedScenario& scenario : scenarios) {
    for (const LocatedFinding& located : scenario.findings) count += located.expected ? 1 : 0;
  }
  return count;
}

int StaticCheckReport::unmet() const {
  int count = 0;
  for (const CheckedScenario& scenario : scenarios) count += static_cast<int>(scenario.unmet_expectations.size());
  return count;
}

int StaticCheckReport::exit_code() const {
  if (problems() > 0) return 2;
  return unexpected() > 0 || unmet() > 0 ? 1 : 0;
}

// ---------------------------------------------------------------- one scenario

namespace {

// The scenario's text for locating findings; empty when it cannot be read
// again (the run has reported why).
std::string read_source(const std::string& path) {
  auto text = read_script_file(path);
  return std::holds_alternative<std::string>(text) ? std::get<std::string>(std::move(text)) : std::string();
}

std::string known_codes() {
  std::string list;
  for (const RoutingAnalysis& analysis : routing_analyses()) list += (list.empty() ? "" : ", ") + std::string(analysis.code);
  return list;
}

CheckedScenario check_scenario(const ScenarioReport& report, const std::string& source) {
  const ScenarioRunResult& result = report.result;
  CheckedScenario checked;
  checked.file = report.file;
  checked.scenario = result.decl.name;
  checked.scenario_line = result.decl.line;
  auto locate = [&](const std::string& field) { return locate_field(source, result.decl.line, field); };

  std::vector<RoutingFinding> findings;
  if (result.topology) findings = analyse_routing(*result.topology);

  if (result.error) {
    // An invalid topology: list every problem at its line, except those a
    // finding already names with its code (a missing forward target).
    const std::vector<TopologyError> invalid =
        result.topology ? validate(*result.topology) : std::vector<TopologyError>{};
    if (invalid.empty()) checked.problems.push_back(*result.error);
    for (const TopologyError& problem : invalid) {
      const bool named = std::any_of(findings.begin(), findings.end(), [&](const RoutingFinding& finding) {
        return finding.field == problem.path && finding.severity == FindingSeverity::Error;
      });
      if (!named) {
        checked.problems.push_back(
            ScriptError{ScriptError::Kind::Config, report.file, locate(problem.path), problem.path + ": " + problem.message});
      }
    }
  }

  // expect_load_error is checked when the scenario loads: a load error other
  // than the one expected (or none) is a problem here too.
  for (const CheckResult& check : result.checks) {
    if (!check.passed) checked.problems.push_back(ScriptError{ScriptError::Kind::Config, report.file, check.line,
                                                               describe_check(check)});
  }

  for (const std::string& expectation : result.decl.expect_findings) {
    const std::string code = expectation.substr(0, expectation.find(':'));
    if (!is_known_finding_code(code)) {
      checked.problems.push_back(ScriptError{ScriptError::Kind::Config, report.file, locate("expect_findings"),
                                             "expect_findings: '" + expectation + "' is not a finding code (" +
                                                 known_codes() + ", optionally followed by :DN)"});
    }
  }

  for (RoutingFinding& finding : findings) {
    LocatedFinding located{finding, locate(finding.field), false};
    for (const std::string& expectation : result.decl.expect_findings) {
      located.expected = located.expected || finding_matches(finding, expectation);
    }
    // A missing forward target also makes the topology invalid: bad input.
    if (finding.code == "PBX-TARGET" && result.error) {
      checked.problems.push_back(ScriptError{ScriptError::Kind::Config, report.file, located.line,
                                             finding.code + ": " + finding.message});
      continue;
    }
    checked.findings.push_back(std::move(located));
  }
  for (const std::string& expectation : result.decl.expect_findings) {
    const bool met = std::any_of(findings.begin(), findings.end(),
                                 [&](const RoutingFinding& finding) { return finding_matches(finding, expectation); });
    if (!met) checked.unmet_expectations.push_back(expectation);
  }
  return checked;
}

}  // namespace

// ------------------------------------------------------------------- the suite

StaticCheckReport run_static_check(const SuiteOptions& options) {
  SuiteOptions validate_options = options;
  validate_options.validate_only = true;
  StaticCheckReport report;
  std::map<std::string, std::string> sources;
  const SuiteReport suite = run_suite(validate_options, nullptr, nullptr);
  report.input_errors = suite.input_errors;
  for (const ScenarioReport& scenario : suite.scenarios) {
    auto [it, inserted] = sources.try_emplace(scenario.file);
    if (inserted) it->second = read_source(scenario.file);
    report.scenarios.push_back(check_scenario(scenario, it->second));
  }
  return report;
}

// ------------------------------------------------------------------------ text

void print_static_check(std::ostream& out, std::ostream& err, const StaticCheckReport& report, bool verbose) {
  for (const ScriptError& error : report.input_errors) print_input_error(err, error);
  for (const CheckedScenario& scenario : report.scenarios) {
    for (const ScriptError& problem : scenario.problems) err << problem.text() << "\n";
    for (const LocatedFinding& located : scenario.findings) {
      if (located.expected && !verbose) continue;
      const RoutingFinding& finding = located.finding;
      out << scenario.file << ":" << located.line << ": " << finding_severity_name(finding.severity) << " "
          << finding.code << (located.expected ? " (expected)" : "") << ": " << finding.message << "  [\""
          << scenario.scenario << "\"]\n";
    }
    for (const std::string& expectation : scenario.unmet_expectations) {
      out << scenario.file << ":" << scenario.scenario_line << ": expect_findings names " << expectation
          << " but the analysis finds none  [\"" << scenario.scenario << "\"]\n";
    }
  }
  std::ostream& summary = report.exit_code() == 0 ? out : err;
  if (report.problems() == 0) summary << (report.exit_code() == 0 ? "ok: " : "check: ") << report.scenarios.size() << " scenario(s) load and validate";
  else summary << "check: " << report.scenarios.size() << " scenario(s), " << report.problems() << " problem(s) (bad input)";
  summary << "; routing: " << report.unexpected() << " unexpected finding(s), " << report.expected()
          << " expected";
  if (report.unmet() > 0) summary << ", " << report.unmet() << " expected but not found";
  summary << "\n";
}

// ------------------------------------------------------------------------ JSON

std::string static_check_json(const StaticCheckReport& report) {
  nlohmann::json scenarios = nlohmann::json::array();
  auto error_json = [](const ScriptError& error) {
    return nlohmann::json{{"file", error.file}, {"line", error.line}, {"message", error.message}};
  };
  for (const CheckedScenario& scenario : report.scenarios) {
    nlohmann::json findings = nlohmann::json::array();
    for (const LocatedFinding& located : scenario.findings) {
      const RoutingFinding& finding = located.finding;
      findings.push_back({{"code", finding.code},
                          {"severity", finding_severity_name(finding.severity)},
                          {"subject", finding.subject},
                          {"field", finding.field},
                          {"file", scenario.file},
                          {"line", located.line},
                          {"message", finding.message},
                          {"route", finding.route},
                          {"expected", located.expected}});
    }
    nlohmann::json problems = nlohmann::json::array();
    for (const ScriptError& problem : scenario.problems) problems.push_back(error_json(problem));
    scenarios.push_back({{"file", scenario.file},
                         {"scenario", scenario.scenario},
                         {"line", scenario.scenario_line},
                         {"findings", findings},
                         {"unmet_expectations", scenario.unmet_expectations},
                         {"problems", problems}});
  }
  nlohmann::json input_errors = nlohmann::json::array();
  for (const ScriptError& error : report.input_errors) input_errors.push_back(error_json(error));
  const nlohmann::json document{{"scenarios", scenarios},
                                {"input_errors", input_errors},
                                {"summary",
                                 {{"scenarios", report.scenarios.size()},
                                  {"problems", report.problems()},
                                  {"unexpected", report.unexpected()},
                                  {"expected", report.expected()},
                                  {"unmet", report.unmet()},
                                  {"exit_code", report.exit_code()}}}};
  return json_text(document, 2) + "\n";
}

}  // namespace pbxsim
