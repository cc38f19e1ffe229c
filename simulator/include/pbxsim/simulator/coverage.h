// Catalogue coverage: for every behaviour ID, the passing scenarios that name
// it in `covers`, and under which policies.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "pbxsim/simulator/catalogue.h"
#include "pbxsim/simulator/suite_runner.h"

namespace pbxsim {

struct CoverageRow {
  CatalogueEntry entry;
  std::vector<std::string> scenarios;  // "file:line name"
  std::vector<std::string> policies;   // sorted, unique
  bool covered() const { return !scenarios.empty(); }
};

std::vector<CoverageRow> compute_coverage(const SuiteReport& suite);
void print_coverage(std::ostream& out, const std::vector<CoverageRow>& rows);
std::string coverage_json(const std::vector<CoverageRow>& rows);

}  // namespace pbxsim
