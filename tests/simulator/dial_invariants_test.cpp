// INV-DIAL (CUC-9) on traces written by hand: a call must be first offered to
// what the dial plan makes of the number dialed, and a `dialed` record must
// name exactly that change.
#include <catch2/catch.hpp>

#include "pbxsim/scripting/scenario.h"
#include "pbxsim/simulator/explore/explore_case.h"
#include "pbxsim/simulator/testing/invariants.h"

using namespace pbxsim;

namespace {

// Lines 1000 and 1001; normalisation on; "9" + five characters drops the 9.
Topology site() {
  Topology topology;
  for (const char* number : {"1000", "1001"}) {
    LineSpec line;
    line.number = number;
    topology.lines.push_back(line);
  }
  topology.dialing.normalize = true;
  topology.dialing.keep_plus = true;
  topology.dialing.application.push_back(DialRule{"access code", "9", 5, 1, ""});
  return topology;
}

CallRecord call_dialed(const char* dialed, CallOutcome outcome = CallOutcome::Answered) {
  CallRecord call;
  call.id = 1;
  call.dialed = dialed;
  call.outcome = outcome;
  return call;
}

TraceEvent dialed(const char* from, const char* to) {
  return TraceEvent::of(kUsPerSecond, TraceKind::Dialed, {.about = TraceAbout::Call, .call = 1, .previous = from, .target = to});
}
TraceEvent offered_line(const char* line) {
  return TraceEvent::of(kUsPerSecond, TraceKind::CallOffered, {.about = TraceAbout::Call, .call = 1, .line = line});
}
TraceEvent offered_target(const char* target) {
  return TraceEvent::of(kUsPerSecond, TraceKind::CallOffered, {.about = TraceAbout::Call, .call = 1, .target = target});
}

std::vector<std::string> dial_codes(const Topology& topology, const CallRecord& call, const std::vector<TraceEvent>& trace) {
  std::vector<std::string> found;
  const std::vector<CallRecord> calls{call};
  for (const InvariantViolation& violation : check_invariants(RunObservation{topology, trace, calls, false})) {
    if (violation.code == "INV-DIAL") found.push_back(violation.code);
  }
  return found;
}

const std::vector<std::string> kDial{"INV-DIAL"};

}  // namespace

TEST_CASE("invariants: a call offered anywhere but where the dial plan sends it is INV-DIAL", "[invariants]") {
  const Topology topology = site();
  // 9-1(00)1 normalises to 91001; the access code makes it 1001.
  CHECK(dial_codes(topology, call_dialed("9-1(00)1"), {dialed("9-1(00)1", "1001"), offered_line("1001")}).empty());
  CHECK(dial_codes(topology, call_dialed("9-1(00)1"), {dialed("9-1(00)1", "1001"), offered_line("1000")}) == kDial);
  // The record names another result than the plan's.
  CHECK(dial_codes(topology, call_dialed("9-1(00)1"), {dialed("9-1(00)1", "91001"), offered_line("1001")}) == kDial);
  // The rules were skipped: no record, offered as dialed.
  CHECK(dial_codes(topology, call_dialed("9-1(00)1"), {offered_target("9-1(00)1")}) == kDial);
  // Letters are keypad digits; a leading '+' is kept: an external number.
  CHECK(dial_codes(topology, call_dialed("+1800-GOT-MILK"), {dialed("+1800-GOT-MILK", "+18004686455"),
                                                            offered_target("+18004686455")}).empty());
  // A number the plan leaves alone has no `dialed` record.
  CHECK(dial_codes(topology, call_dialed("1000"), {offered_line("1000")}).empty());
  CHECK(dial_codes(topology, call_dialed("1000"), {dialed("1000", "1000"), offered_line("1000")}) == kDial);
  // Refused before routing (a client that cannot dial): recorded as dialed.
  CHECK(dial_codes(topology, call_dialed("9-1(00)1", CallOutcome::Rejected), {offered_target("9-1(00)1")}).empty());
}

TEST_CASE("invariants: without normalisation, separators stay and no rule matches: INV-DIAL expects the number as dialed",
          "[invariants]") {
  Topology topology = site();
  topology.dialing.normalize = false;
  CHECK(dial_codes(topology, call_dialed("9-1001"), {offered_target("9-1001")}).empty());
  CHECK(dial_codes(topology, call_dialed("9-1001"), {dialed("9-1001", "1001"), offered_line("1001")}) == kDial);
  CHECK(dial_codes(topology, call_dialed("91001"), {dialed("91001", "1001"), offered_line("1001")}).empty());
}

namespace {

// Two lines, an access code, and two calls: 9-1001 (to 1001) and 1000.
ExploreCase dial_case() {
  ExploreCase c;
  for (const char* number : {"1000", "1001"}) c.lines.push_back(CaseLine{number});
  CaseDevice desk;
  desk.name = "desk";
  desk.lines.push_back(CaseAppearance{"1001", 0, 0});
  c.devices.push_back(desk);
  c.dialing = true;
  c.dial_plan.normalize = true;
  c.dial_plan.application.push_back(DialRule{"access code", "9", 5, 1, ""});
  CaseStep first = CaseStep::make(kUsPerSecond, CaseStep::Kind::Call, "+15550001001", "9-1001");
  first.label = "c1";
  c.steps.push_back(first);
  CaseStep second = CaseStep::make(2 * kUsPerSecond, CaseStep::Kind::Call, "+15550001002", "1000");
  second.label = "c2";
  c.steps.push_back(second);
  return c;
}

std::vector<std::string> failed_dial_checks(CallId call, const char* dialed_as, const char* expected_line) {
  InvariantViolation violation{"INV-DIAL", "", 0, "call-" + std::to_string(call), "", expected_line, 0, call};
  violation.expected = std::string("\"") + dialed_as + "\"";
  RenderOptions render;
  render.scenario_name = "dial checks";
  render.policy = "base";
  for (const std::string& line : find_invariant("INV-DIAL")->lua_check(violation)) render.extra_checks.push_back(line);
  const ScenarioRunResult run = run_scenario_source("dial-checks.lua", render_scenario(dial_case(), render), 0, {});
  REQUIRE_FALSE(run.error);
  std::vector<std::string> failed;
  for (const CheckResult& check : run.checks) {
    if (!check.passed) failed.push_back(check.subject);
  }
  return failed;
}

}  // namespace

TEST_CASE("invariants: the INV-DIAL Lua check of a reproducer passes on a run that applies the dial plan, and fails "
          "when the plan's result differs",
          "[invariants]") {
  CHECK(failed_dial_checks(1, "9-1001", "1001").empty());
  CHECK(failed_dial_checks(2, "1000", "1000").empty());
  CHECK(failed_dial_checks(1, "9-1001", "91001") ==
        std::vector<std::string>{"call-1 dialed 9-1001 is first offered where the dial plan sends it",
                                 "call-1: what the dial rules made of 9-1001"});
}
