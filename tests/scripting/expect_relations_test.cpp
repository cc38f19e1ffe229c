// The scenario format's checks (issue 21): one_of, ordering between trace
// records or calls (before/after), expect_load_error, an expect(...) with no
// relation, and clock times. Each scenario runs from source in-process.
#include <catch2/catch.hpp>

#include "pbxsim/scripting/scenario.h"

namespace {

using namespace pbxsim;

ScenarioRunResult run(const std::string& source) {
  return run_scenario_source("relations.lua", source, 0, ScenarioRunOptions{});
}

// A call to 1000 at 1s, answered on the desk at 3s.
std::string answered_call(const std::string& checks) {
  return R"(scenario "relations" {
  lines = { ["1000"] = {} },
  devices = { desk = { kind = "deskphone", lines = { "1000" } } },
  steps = function(sim)
    local c = sim:call_at("1s", "+1555", "1000")
    local d = sim:call_at("2s", "+1556", "1000")
    sim:at("3s", "desk", "answer")
    sim:run_until("0:01:00")
    local offered = sim:trace { kind = "offered" }[1]
    local answered = sim:trace { kind = "answered" }[1]
)" + checks + R"(
  end,
})";
}

}  // namespace

TEST_CASE("expect one_of: passes when the value equals one of the list", "[scripting][expect]") {
  const ScenarioRunResult result = run(answered_call(R"(
    expect(c.outcome).one_of({ "busy", "answered" })
    expect(c.outcome, "the first call").one_of({ "busy", "voicemail" }))"));
  REQUIRE_FALSE(result.error);
  REQUIRE(result.checks.size() == 2);
  CHECK(result.checks[0].passed);
  CHECK_FALSE(result.checks[1].passed);
  CHECK(result.checks[1].relation == "is one of");
  CHECK(result.checks[1].expected == R"({"busy", "voicemail"})");
  CHECK(result.checks[1].actual == R"("answered")");
}

TEST_CASE("expect before/after: trace records by time, then by their place in the trace", "[scripting][expect]") {
  const ScenarioRunResult result = run(answered_call(R"(
    expect(offered, "the offer").before(answered)
    expect(answered).after(offered)
    expect(answered, "the answer").before(offered)
    local alerted = sim:trace { kind = "alerted" }[1]
    expect(offered, "same instant: the offer is traced first").before(alerted))"));
  REQUIRE_FALSE(result.error);
  REQUIRE(result.checks.size() == 4);
  CHECK(result.checks[0].passed);
  CHECK(result.checks[1].passed);
  CHECK_FALSE(result.checks[2].passed);
  CHECK(result.checks[2].relation == "comes before");
  CHECK(result.checks[2].expected.starts_with("offered "));
  CHECK(result.checks[2].expected.ends_with(" at 1000000us"));
  CHECK(result.checks[2].actual.starts_with("answered "));
  CHECK(result.checks[3].passed);
}

TEST_CASE("expect before/after: calls by when they were offered", "[scripting][expect]") {
  const ScenarioRunResult result = run(answered_call(R"(
    expect(c).before(d)
    expect(d).after(c)
    expect(d, "the second call").before(c)
    expect(c).before(nil))"));
  REQUIRE_FALSE(result.error);
  REQUIRE(result.checks.size() == 4);
  CHECK(result.checks[0].passed);
  CHECK(result.checks[1].passed);
  CHECK_FALSE(result.checks[2].passed);
  CHECK(result.checks[2].expected == "call-1 offered at 1000000us");
  CHECK(result.checks[2].actual == "call-2 offered at 2000000us");
  CHECK_FALSE(result.checks[3].passed);  // a record that was not found is nil: never in order
  CHECK(result.checks[3].expected == "nil (not a trace record or a call)");
}

TEST_CASE("expect(x) with no relation is an error at its line, even beside other checks", "[scripting][expect]") {
  const ScenarioRunResult result = run(answered_call(R"(
    expect(c.outcome).is("answered")
    expect(c.outcome))"));
  REQUIRE(result.error);
  CHECK(result.error->line == 13);
  CHECK(result.error->message.starts_with("expect(...) without a relation checks nothing"));
}

TEST_CASE("expect_load_error: passes only when loading fails with that text", "[scripting][expect]") {
  auto scenario = [](const std::string& expected, const std::string& no_answer) {
    return R"(scenario "a refused configuration" {
  expect_load_error = ")" + expected + R"(",
  lines = { ["1000"] = { no_answer = ")" + no_answer + R"(" } },
  devices = { desk = { lines = { "1000" } } },
})";
  };
  const ScenarioRunResult refused = run(scenario("is not a time", "5 parsecs"));
  REQUIRE_FALSE(refused.error);
  REQUIRE(refused.checks.size() == 1);
  CHECK(refused.checks[0].passed);
  CHECK(refused.checks[0].relation == "fails with");

  const ScenarioRunResult other = run(scenario("secondary soft phones", "5 parsecs"));
  REQUIRE(other.checks.size() == 1);
  CHECK_FALSE(other.checks[0].passed);
  CHECK(other.checks[0].actual.find("'5 parsecs' is not a time") != std::string::npos);

  const ScenarioRunResult loads = run(scenario("is not a time", "5s"));
  REQUIRE(loads.checks.size() == 1);
  CHECK_FALSE(loads.checks[0].passed);
  CHECK(loads.checks[0].actual == "it loads without an error");
}
