// The invariant checkers, on traces written by hand (each invariant must be
// able to fail) and on every conformance scenario (which keep them all).
#include <catch2/catch.hpp>

#include <filesystem>

#include "pbxsim/scripting/scenario.h"
#include "pbxsim/simulator/discovery.h"
#include "pbxsim/simulator/testing/invariants.h"

using namespace pbxsim;

namespace {

Topology two_lines(int max_registrations) {
  Topology topology;
  for (const char* number : {"1000", "2000"}) {
    LineSpec line;
    line.number = number;
    line.max_registrations = max_registrations;
    topology.lines.push_back(line);
  }
  return topology;
}

// Records as the engine writes them: typed fields, text rendered from them.
TraceEvent registration(TimeUs at_s, TraceKind kind, const char* device, const char* line) {
  return TraceEvent::of(at_s * kUsPerSecond, kind, {.about = TraceAbout::Device, .device = device, .line = line});
}
TraceEvent dnd(TimeUs at_s, const char* device, const char* mode, const char* previous) {
  return TraceEvent::of(at_s * kUsPerSecond, TraceKind::DndChanged,
                        {.about = TraceAbout::Device, .device = device, .reason = mode, .previous = previous});
}
TraceEvent alerted(TimeUs at_s, CallId call, const char* device, const char* line, const char* how) {
  return TraceEvent::of(at_s * kUsPerSecond, TraceKind::Alerted,
                        {.about = TraceAbout::Device, .call = call, .device = device, .line = line, .reason = how});
}
TraceEvent outcome(TimeUs at_s, CallId call, const char* outcome, const char* detail) {
  return TraceEvent::of(at_s * kUsPerSecond, TraceKind::Outcome,
                        {.about = TraceAbout::Call, .call = call, .reason = outcome, .note = detail});
}
TraceEvent forwarded(TimeUs at_s, CallId call) {
  return TraceEvent::of(at_s * kUsPerSecond, TraceKind::Forwarded,
                        {.about = TraceAbout::Call, .call = call, .line = "x", .reason = "cfa", .target = "y"});
}

CallRecord call(CallId id, CallOutcome outcome) {
  CallRecord record;
  record.id = id;
  record.dialed = "1000";
  record.outcome = outcome;
  return record;
}

std::vector<std::string> codes(const Topology& topology, const std::vector<TraceEvent>& trace,
                               const std::vector<CallRecord>& calls) {
  std::vector<std::string> found;
  for (const InvariantViolation& violation : check_invariants(RunObservation{topology, trace, calls})) {
    found.push_back(violation.code);
  }
  return found;
}

}  // namespace

TEST_CASE("invariants: a clean run has no violation", "[invariants]") {
  const Topology topology = two_lines(0);
  const std::vector<TraceEvent> trace{
      registration(0, TraceKind::Registered, "desk", "1000"),
      dnd(1, "desk", "reject", "off"),
      dnd(2, "desk", "off", "reject"),
      alerted(3, 1, "desk", "1000", "audible"),
      outcome(4, 1, "answered", "by desk"),
  };
  CHECK(codes(topology, trace, {call(1, CallOutcome::Answered)}).empty());
}

TEST_CASE("invariants: an alert while the device is in DND reject is INV-DND-REJECT", "[invariants]") {
  const std::vector<TraceEvent> trace{
      registration(0, TraceKind::Registered, "desk", "1000"),
      dnd(1, "desk", "reject", "off"),
      alerted(3, 1, "desk", "1000", "audible"),
      outcome(4, 1, "answered", "by desk"),
  };
  const auto violations =
      check_invariants(RunObservation{two_lines(0), trace, {call(1, CallOutcome::Answered)}});
  REQUIRE(violations.size() == 1);
  CHECK(violations[0].code == "INV-DND-REJECT");
  CHECK(violations[0].device == "desk");
  CHECK(violations[0].call == "call-1");
}

TEST_CASE("invariants: an alert after the registration expired is INV-UNREGISTERED", "[invariants]") {
  const std::vector<TraceEvent> trace{
      registration(0, TraceKind::Registered, "desk", "1000"),
      registration(0, TraceKind::Registered, "desk", "2000"),
      registration(60, TraceKind::RegistrationExpired, "desk", "1000"),
      alerted(61, 1, "desk", "2000", "audible"),  // still registered on 2000
      alerted(62, 2, "desk", "1000", "silent"),
      outcome(70, 1, "no-answer", "line 2000"),
      outcome(70, 2, "no-answer", "line 1000"),
  };
  const auto violations = check_invariants(
      RunObservation{two_lines(0), trace, {call(1, CallOutcome::NoAnswer), call(2, CallOutcome::NoAnswer)}});
  REQUIRE(violations.size() == 1);
  CHECK(violations[0].code == "INV-UNREGISTERED");
  CHECK(violations[0].line == "1000");
  CHECK(violations[0].call == "call-2");
}

TEST_CASE("invariants: a call with two outcomes, or none at the end of the run, is INV-OUTCOME", "[invariants]") {
  const std::vector<TraceEvent> trace{
      outcome(1, 1, "busy", "line 1000"),
      outcome(2, 1, "voicemail", "voicemail of 1000"),
  };
  const Topology topology = two_lines(0);
  const std::vector<CallRecord> calls{call(1, CallOutcome::Voicemail), call(2, CallOutcome::None)};
  CHECK(codes(topology, trace, calls) == std::vector<std::string>{"INV-OUTCOME", "INV-OUTCOME"});
  // Stopped mid-run, call-2 may still be ringing; call-1 has one outcome too many anyway.
  const auto stopped = check_invariants(RunObservation{topology, trace, calls, false});
  REQUIRE(stopped.size() == 1);
  CHECK(stopped[0].call == "call-1");
}

TEST_CASE("invariants: the ninth forward over a hop limit of 8 is INV-HOP-LIMIT", "[invariants]") {
  std::vector<TraceEvent> trace;
  for (int hop = 1; hop <= 9; ++hop) trace.push_back(forwarded(1, 1));
  trace.push_back(outcome(1, 1, "forward-limit", "more than 8 forwards"));
  const auto violations =
      check_invariants(RunObservation{two_lines(0), trace, {call(1, CallOutcome::ForwardLimit)}});
  REQUIRE(violations.size() == 1);
  CHECK(violations[0].code == "INV-HOP-LIMIT");
  CHECK(violations[0].limit == 8);
  trace.erase(trace.begin());
  CHECK(codes(two_lines(0), trace, {call(1, CallOutcome::ForwardLimit)}).empty());
}

TEST_CASE("invariants: a second registration on a line with maximum 1 is INV-MAX-REG; a replacement is not",
          "[invariants]") {
  const std::vector<TraceEvent> replaced{
      registration(0, TraceKind::Registered, "desk", "1000"),
      registration(5, TraceKind::RegistrationReplaced, "desk", "1000"),
      registration(5, TraceKind::Registered, "soft", "1000"),
  };
  CHECK(codes(two_lines(1), replaced, {}).empty());
  const std::vector<TraceEvent> exceeded{
      registration(0, TraceKind::Registered, "desk", "1000"),
      registration(5, TraceKind::Registered, "soft", "1000"),
  };
  const auto violations = check_invariants(RunObservation{two_lines(1), exceeded, {}});
  REQUIRE(violations.size() == 1);
  CHECK(violations[0].code == "INV-MAX-REG");
  CHECK(violations[0].device == "soft");
}

TEST_CASE("invariants: every invariant renders a Lua check for its reproducer", "[invariants]") {
  const InvariantViolation violation{"", "", 0, "call-1", "desk", "1000", 8};
  for (const Invariant& invariant : invariants()) {
    INFO(invariant.code);
    const std::vector<std::string> lua = invariant.lua_check(violation);
    REQUIRE_FALSE(lua.empty());
    std::string text;
    for (const std::string& line : lua) text += line + "\n";
    CHECK(text.find("expect(") != std::string::npos);
  }
}

TEST_CASE("invariants: every conformance scenario keeps every invariant", "[invariants]") {
  const Discovery discovery = discover_scenario_files({std::string(PBXSIM_SOURCE_DIR) + "/scenarios"});
  REQUIRE(discovery.files.size() >= 10);
  int scenarios = 0;
  for (const std::string& file : discovery.files) {
    auto listed = list_scenarios(file, SandboxLimits{});
    REQUIRE(std::holds_alternative<std::vector<ScenarioDecl>>(listed));
    for (std::size_t index = 0; index < std::get<std::vector<ScenarioDecl>>(listed).size(); ++index) {
      const ScenarioRunResult result = run_scenario(file, index, ScenarioRunOptions{});
      INFO(file << " #" << index + 1 << " " << result.decl.name);
      REQUIRE_FALSE(result.error);
      REQUIRE(result.topology);
      for (const InvariantViolation& violation :
           check_invariants(RunObservation{*result.topology, result.trace, result.calls, false})) {
        FAIL_CHECK(violation.code << ": " << violation.message);
      }
      ++scenarios;
    }
  }
  CHECK(scenarios >= 50);
}
