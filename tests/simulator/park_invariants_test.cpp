// The call park invariants (INV-PARK-*) on traces written by hand: each must
// be able to fail. Call park is decided by the engine alone (a policy sets
// only the reversion timer), so no broken policy can show them failing.
#include <catch2/catch.hpp>

#include "pbxsim/scripting/scenario.h"
#include "pbxsim/simulator/explore/explore_case.h"
#include "pbxsim/simulator/testing/invariants.h"

using namespace pbxsim;

namespace {

constexpr TimeUs kReversionUs = 20 * kUsPerSecond;

Topology park_site() {
  Topology topology;
  topology.call_park.numbers = {"701", "702"};
  topology.call_park.reversion_us = kReversionUs;
  return topology;
}

TraceEvent park_record(TraceKind kind, TimeUs at_us, CallId call, const char* device, const char* number) {
  return TraceEvent::of(at_us, kind, {.about = TraceAbout::Device, .call = call, .device = device, .target = number});
}
TraceEvent parked(TimeUs at_s, CallId call, const char* device, const char* number) {
  return park_record(TraceKind::Parked, at_s * kUsPerSecond, call, device, number);
}
TraceEvent retrieved(TimeUs at_s, CallId call, const char* device, const char* number) {
  return park_record(TraceKind::Retrieved, at_s * kUsPerSecond, call, device, number);
}
TraceEvent reverted(TimeUs at_us, CallId call, const char* device, const char* number) {
  return park_record(TraceKind::ParkReverted, at_us, call, device, number);
}
TraceEvent released(TimeUs at_s, CallId call) {
  return TraceEvent::of(at_s * kUsPerSecond, TraceKind::Released, {.about = TraceAbout::Call, .call = call});
}
TraceEvent alerted(TimeUs at_s, CallId call, const char* device) {
  return TraceEvent::of(at_s * kUsPerSecond, TraceKind::Alerted,
                        {.about = TraceAbout::Device, .call = call, .device = device, .line = "1001", .reason = "audible"});
}

std::vector<std::string> park_codes(const std::vector<TraceEvent>& trace, bool ran_to_end = true) {
  const Topology topology = park_site();
  std::vector<std::string> found;
  for (const InvariantViolation& violation : check_invariants(RunObservation{topology, trace, {}, ran_to_end})) {
    if (violation.code.rfind("INV-PARK-", 0) == 0) found.push_back(violation.code);
  }
  return found;
}

}  // namespace

TEST_CASE("invariants: a park, a retrieval, a second park on the freed number and a reversion on time keep every "
          "INV-PARK",
          "[invariants]") {
  CHECK(park_codes({parked(5, 1, "desk", "701"), retrieved(10, 1, "lobby", "701"), parked(12, 2, "desk", "701"),
                    parked(13, 3, "office", "702"), released(14, 3), reverted(12 * kUsPerSecond + kReversionUs, 2, "desk", "701"),
                    alerted(32, 2, "desk")})
            .empty());
}

TEST_CASE("invariants: a second call parked on a number that holds one is INV-PARK-SLOT", "[invariants]") {
  CHECK(park_codes({parked(5, 1, "desk", "701"), parked(6, 2, "office", "701")}, false) ==
        std::vector<std::string>{"INV-PARK-SLOT"});
  // A caller hanging up frees the number.
  CHECK(park_codes({parked(5, 1, "desk", "701"), released(6, 1), parked(7, 2, "office", "701")}, false).empty());
}

TEST_CASE("invariants: retrieving a call from a number it is not parked on is INV-PARK-SLOT", "[invariants]") {
  CHECK(park_codes({parked(5, 1, "desk", "701"), retrieved(7, 1, "lobby", "702"), released(8, 1)}, false) ==
        std::vector<std::string>{"INV-PARK-SLOT"});
}

TEST_CASE("invariants: a parked call that rings a phone before it is retrieved is INV-PARK-HELD", "[invariants]") {
  CHECK(park_codes({parked(5, 1, "desk", "701"), alerted(6, 1, "lobby"), retrieved(7, 1, "lobby", "701")}, false) ==
        std::vector<std::string>{"INV-PARK-HELD"});
  CHECK(park_codes({parked(5, 1, "desk", "701"), retrieved(7, 1, "lobby", "701"), alerted(8, 1, "lobby")}, false).empty());
  // A reverted call answered again at the parking phone is recorded as retrieved, without a number.
  CHECK(park_codes({parked(5, 1, "desk", "701"), retrieved(7, 1, "desk", "")}, false) ==
        std::vector<std::string>{"INV-PARK-HELD"});
  CHECK(park_codes({parked(5, 1, "desk", "701"), reverted(25 * kUsPerSecond, 1, "desk", "701"), retrieved(27, 1, "desk", "")})
            .empty());
}

TEST_CASE("invariants: a reversion early, late, to another phone or never is INV-PARK-REVERSION", "[invariants]") {
  const TimeUs due_us = 5 * kUsPerSecond + kReversionUs;
  CHECK(park_codes({parked(5, 1, "desk", "701"), reverted(due_us - 1, 1, "desk", "701")}) ==
        std::vector<std::string>{"INV-PARK-REVERSION"});
  CHECK(park_codes({parked(5, 1, "desk", "701"), reverted(due_us + 1, 1, "desk", "701")}) ==
        std::vector<std::string>{"INV-PARK-REVERSION"});
  CHECK(park_codes({parked(5, 1, "desk", "701"), reverted(due_us, 1, "lobby", "701")}) ==
        std::vector<std::string>{"INV-PARK-REVERSION"});
  CHECK(park_codes({parked(5, 1, "desk", "701")}) == std::vector<std::string>{"INV-PARK-REVERSION"});
  // A run that stops before the timer runs out breaks nothing.
  CHECK(park_codes({parked(5, 1, "desk", "701")}, false).empty());
  // A retrieval at the very instant the timer runs out may go first.
  CHECK(park_codes({parked(5, 1, "desk", "701"), retrieved(25, 1, "lobby", "701")}).empty());
}

TEST_CASE("invariants: a park violation covers the call park behaviours it breaks", "[invariants]") {
  const Invariant* slot = find_invariant("INV-PARK-SLOT");
  REQUIRE(slot != nullptr);
  CHECK(std::find(slot->covers.begin(), slot->covers.end(), "PARK-5") != slot->covers.end());
  const Invariant* reversion = find_invariant("INV-PARK-REVERSION");
  REQUIRE(reversion != nullptr);
  CHECK(reversion->covers == std::vector<std::string_view>{"PARK-3"});
}

namespace {

// Two calls parked on 701 and 702; the lobby retrieves the first, the second
// reverts to the desk after 10 s and the desk answers it.
ExploreCase park_case() {
  ExploreCase c;
  c.lines = {CaseLine{.number = "1001"}, CaseLine{.number = "1002"}};
  c.devices = {CaseDevice{.name = "desk", .lines = {CaseAppearance{"1001"}}},
               CaseDevice{.name = "lobby", .lines = {CaseAppearance{"1002"}}}};
  c.park_numbers = "701-702";
  c.park_reversion_us = 10 * kUsPerSecond;
  auto call = [&](TimeUs at_s, const char* label) {
    CaseStep step = CaseStep::make(at_s * kUsPerSecond, CaseStep::Kind::Call, "+15550001000", "1001");
    step.label = label;
    c.steps.push_back(step);
  };
  call(1, "c1");
  c.steps.push_back(CaseStep::make(2 * kUsPerSecond, CaseStep::Kind::Answer, "desk"));
  c.steps.push_back(CaseStep::make(3 * kUsPerSecond, CaseStep::Kind::Park, "desk"));
  call(4, "c2");
  c.steps.push_back(CaseStep::make(5 * kUsPerSecond, CaseStep::Kind::Answer, "desk"));
  c.steps.push_back(CaseStep::make(6 * kUsPerSecond, CaseStep::Kind::Park, "desk"));
  c.steps.push_back(CaseStep::make(8 * kUsPerSecond, CaseStep::Kind::Retrieve, "lobby", "701"));
  c.steps.push_back(CaseStep::make(17 * kUsPerSecond, CaseStep::Kind::Answer, "desk"));
  return c;
}

// Runs the case with the Lua checks of these violations after the run; the failed checks.
std::vector<std::string> failed_lua_checks(const std::vector<InvariantViolation>& violations) {
  RenderOptions render;
  render.scenario_name = "park checks";
  render.policy = "cisco_cucm";
  for (const InvariantViolation& violation : violations) {
    const Invariant* invariant = find_invariant(violation.code);
    REQUIRE(invariant != nullptr);
    for (const std::string& line : invariant->lua_check(violation)) render.extra_checks.push_back(line);
  }
  const ScenarioRunResult run = run_scenario_source("park-checks.lua", render_scenario(park_case(), render), 0, {});
  REQUIRE_FALSE(run.error);
  CHECK(run.trace_hash != 0);
  std::vector<std::string> failed;
  for (const CheckResult& check : run.checks) {
    if (!check.passed) failed.push_back(check.subject);
  }
  return failed;
}

InvariantViolation violation_of(const char* code, CallId call, const char* number, TimeUs reversion_us) {
  InvariantViolation violation{code, "", 0, "call-" + std::to_string(call), "desk", number, 0, call};
  violation.expected = std::to_string(reversion_us);
  return violation;
}

}  // namespace

TEST_CASE("invariants: the INV-PARK Lua checks of a reproducer pass on a run that parks, retrieves and reverts, and "
          "fail when the reversion differs",
          "[invariants]") {
  const TimeUs reversion_us = 10 * kUsPerSecond;
  CHECK(failed_lua_checks({violation_of("INV-PARK-SLOT", 1, "701", reversion_us),
                           violation_of("INV-PARK-SLOT", 2, "702", reversion_us),
                           violation_of("INV-PARK-HELD", 1, "701", reversion_us),
                           violation_of("INV-PARK-HELD", 2, "702", reversion_us),
                           violation_of("INV-PARK-REVERSION", 2, "702", reversion_us)})
            .empty());
  CHECK(failed_lua_checks({violation_of("INV-PARK-REVERSION", 2, "702", 9 * kUsPerSecond)}) ==
        std::vector<std::string>{"call-2 reverts after the reversion timer"});
}
