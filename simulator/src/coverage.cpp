#include "pbxsim/simulator/coverage.h"
#include "pbxsim/simulator/valid_utf8.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <ostream>

namespace pbxsim {

std::vector<CoverageRow> compute_coverage(const SuiteReport& suite) {
  std::vector<CoverageRow> rows;
  for (const CatalogueEntry& entry : catalogue()) {
    CoverageRow row{entry, {}, {}};
    for (const ScenarioReport& report : suite.scenarios) {
      if (report.status != ScenarioReport::Status::Passed) continue;
      const auto& covers = report.result.decl.covers;
      if (std::find(covers.begin(), covers.end(), entry.id) == covers.end()) continue;
      row.scenarios.push_back(report.file + ":" + std::to_string(report.result.decl.line) + " " +
                              report.result.decl.name);
      if (std::find(row.policies.begin(), row.policies.end(), report.result.policy) == row.policies.end()) {
        row.policies.push_back(report.result.policy);
      }
    }
    std::sort(row.policies.begin(), row.policies.end());
    rows.push_back(std::move(row));
  }
  return rows;
}

void print_coverage(std::ostream& out, const std::vector<CoverageRow>& rows) {
  int covered = 0;
  std::string section;
  for (const CoverageRow& row : rows) {
    if (row.entry.section != section) {
      section = row.entry.section;
      out << "\n" << section << "\n";
    }
    if (row.covered()) {
      ++covered;
      std::string policies;
      for (const std::string& policy : row.policies) policies += (policies.empty() ? "" : ", ") + policy;
      out << "  " << row.entry.id << "  covered by " << row.scenarios.size() << " scenario(s) [" << policies
          << "]\n";
      for (const std::string& scenario : row.scenarios) out << "      " << scenario << "\n";
    } else {
      out << "  " << row.entry.id << "  NOT COVERED\n";
    }
  }
  out << "\n" << covered << " of " << rows.size() << " catalogue IDs covered by passing scenarios\n";
}

std::string coverage_json(const std::vector<CoverageRow>& rows) {
  nlohmann::json ids = nlohmann::json::array();
  int covered = 0;
  for (const CoverageRow& row : rows) {
    covered += row.covered() ? 1 : 0;
    ids.push_back({{"id", row.entry.id},
                   {"section", row.entry.section},
                   {"behaviour", row.entry.text},
                   {"covered", row.covered()},
                   {"scenarios", row.scenarios},
                   {"policies", row.policies}});
  }
  return json_text(nlohmann::json{{"ids", ids}, {"covered", covered}, {"total", rows.size()}}, 2) + "\n";
}

}  // namespace pbxsim
