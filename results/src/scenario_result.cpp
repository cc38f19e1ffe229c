#include "pbxsim/results/scenario_result.h"

namespace pbxsim {

bool ScenarioRunResult::passed() const {
  if (error) return false;
  for (const CheckResult& check : checks) {
    if (!check.passed) return false;
  }
  return true;
}

std::string describe_check(const CheckResult& check) {
  std::string text;
  if (!check.file.empty()) text = check.file + ":" + std::to_string(check.line) + ": ";
  text += check.subject.empty() ? "value" : check.subject;
  text += ": expected " + (check.relation == "is" ? "" : check.relation + " ") + check.expected + ", got " + check.actual;
  return text;
}

std::string describe_passed_check(const CheckResult& check) {
  std::string text;
  if (!check.file.empty()) text = check.file + ":" + std::to_string(check.line) + ": ";
  text += check.subject.empty() ? "value" : check.subject;
  text += " " + check.relation + " " + check.expected;
  return text;
}

}  // namespace pbxsim
