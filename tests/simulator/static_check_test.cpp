// `pbxsim check` and `pbxsim route` through the real binary: findings with
// code, severity and file:line, expectations, JSON, exit codes.
#include "../pbxsim_process.h"
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

namespace {

using pbxsim_test::Outcome;
using pbxsim_test::run_pbxsim;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("check: the planted CFNA loop is PBX-LOOP at the forward's file:line with the cycle spelled out",
          "[check]") {
  const Outcome outcome = run_pbxsim("check tests/routing/planted_cfna_loop.lua");
  INFO(outcome.output);
  CHECK(outcome.exit_code == 1);
  CHECK(contains(outcome.output, "tests/routing/planted_cfna_loop.lua:7: error PBX-LOOP: forwarding loop "
                                 "1000 -cfna-> 2000 -cfna-> 3000 -cfna-> 1000"));
}

TEST_CASE("check: the planted unreachable DN is PBX-UNREACHABLE at its line", "[check]") {
  const Outcome outcome = run_pbxsim("check tests/routing/planted_unreachable.lua");
  INFO(outcome.output);
  CHECK(outcome.exit_code == 1);
  CHECK(contains(outcome.output, "tests/routing/planted_unreachable.lua:4: warning PBX-UNREACHABLE: line 2000"));
  CHECK_FALSE(contains(outcome.output, "line 1000 appears on no device"));
}

TEST_CASE("check: the conformance suite has only findings its scenarios expect", "[check]") {
  const Outcome outcome = run_pbxsim("check scenarios");
  INFO(outcome.output);
  CHECK(outcome.exit_code == 0);
  CHECK(contains(outcome.output, "routing: 0 unexpected finding(s)"));
  const Outcome verbose = run_pbxsim("check scenarios -v");
  CHECK(contains(verbose.output, "error PBX-LOOP (expected)"));
}

TEST_CASE("check: an expected finding passes; an expectation nothing meets fails", "[check]") {
  CHECK(run_pbxsim("check tests/routing/expected_loop.lua").exit_code == 0);
  const Outcome unmet = run_pbxsim("check tests/routing/unmet_expectation.lua");
  INFO(unmet.output);
  CHECK(unmet.exit_code == 1);
  CHECK(contains(unmet.output, "expect_findings names PBX-LOOP but the analysis finds none"));
}

TEST_CASE("check: a forward to an undeclared DN is bad input, named PBX-TARGET at its line", "[check]") {
  const Outcome outcome = run_pbxsim("check tests/bad_input/unknown_forward_target.lua");
  INFO(outcome.output);
  CHECK(outcome.exit_code == 2);
  CHECK(contains(outcome.output, "unknown_forward_target.lua:4: PBX-TARGET: line 1000 forwards (cfb) to 2000"));
}

TEST_CASE("check --json: findings with code, severity, field, file, line and route", "[check]") {
  const Outcome outcome = run_pbxsim("check tests/routing/planted_cfna_loop.lua --json", PBXSIM_SOURCE_DIR, false);
  CHECK(outcome.exit_code == 1);
  const nlohmann::json json = nlohmann::json::parse(outcome.output);
  const nlohmann::json& finding = json.at("scenarios").at(0).at("findings").at(0);
  CHECK(finding.at("code") == "PBX-LOOP");
  CHECK(finding.at("severity") == "error");
  CHECK(finding.at("field") == "lines.1000.cfna");
  CHECK(finding.at("line") == 7);
  CHECK(finding.at("route").size() == 7);
  CHECK(json.at("summary").at("unexpected") == 1);
}

TEST_CASE("route: every path of a call to the planted loop, and each ends as the engine would end it", "[check]") {
  const Outcome outcome = run_pbxsim("route tests/routing/planted_cfna_loop.lua --to 1000 --json", PBXSIM_SOURCE_DIR, false);
  REQUIRE(outcome.exit_code == 0);
  const nlohmann::json json = nlohmann::json::parse(outcome.output);
  std::set<std::string> outcomes;
  for (const nlohmann::json& path : json.at("paths")) outcomes.insert(path.at("outcome").get<std::string>());
  CHECK(outcomes == std::set<std::string>{"answered", "busy", "forward-limit"});
  CHECK(run_pbxsim("route tests/routing/planted_cfna_loop.lua --to 1000 --at 2x").exit_code == 2);
  CHECK(run_pbxsim("route tests/routing/planted_cfna_loop.lua --to 1000 --scenario nothing*").exit_code == 2);
}

TEST_CASE("explore --pairs: the matrix prints for every shipped policy", "[check]") {
  const Outcome outcome = run_pbxsim("explore --pairs --seeds 3", PBXSIM_SOURCE_DIR, false);
  INFO(outcome.output);
  CHECK(outcome.exit_code == 0);
  CHECK(contains(outcome.output, "pairs under base"));
  CHECK(contains(outcome.output, "pairs under cisco_cucm"));
  CHECK(contains(outcome.output, " 1 calls"));
}
