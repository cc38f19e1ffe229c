// What a run keeps for its results (kept_memory.h): counted by a fixed
// formula, limited between events, and not counted for what a run gives back.
#include <catch2/catch.hpp>

#include <string>

#include "pbxsim/engine/kept_memory.h"
#include "pbxsim/engine/neutral_policy.h"
#include "pbxsim/engine/pbx.h"

using namespace pbxsim;

namespace {

// One line on one device; calls to it ring 30 s, then go to voicemail.
Topology one_desk() {
  Topology topology;
  LineSpec line;
  line.number = "1000";
  line.forward_no_answer = Target::voicemail();
  topology.lines.push_back(line);
  DeviceSpec device;
  device.name = "desk";
  device.appearances.push_back({"1000", 4, 2});
  topology.devices.push_back(device);
  return topology;
}

// A call every minute for `calls` minutes.
void schedule_calls(Pbx& pbx, int calls) {
  for (int i = 1; i <= calls; ++i) pbx.schedule_call(i * kUsPerMinute, "+1555", "1000");
}

}  // namespace

TEST_CASE("kept memory: a run past its limit stops at the next event, says which limit, and stays stopped",
          "[engine][kept_memory]") {
  NeutralPolicy policy;
  Pbx pbx(one_desk(), policy, 1);
  pbx.limit_kept_bytes(std::size_t{1} << 20);
  schedule_calls(pbx, 2000);
  std::string message;
  try {
    pbx.run_until(3000 * kUsPerMinute);
  } catch (const KeptMemoryError& error) {
    message = error.what();
  }
  INFO(message);
  CHECK(message.find("keeps more than 1 MiB") != std::string::npos);
  CHECK(message.find("--engine-kept-mib") != std::string::npos);
  CHECK(pbx.kept_bytes() > std::size_t{1} << 20);
  CHECK(pbx.now_us() < 2000 * kUsPerMinute);  // stopped well before the last call

  // A caller that catches the error cannot run on: no further event runs.
  const std::uint64_t records = pbx.trace().count();
  CHECK_THROWS_AS(pbx.run_until(3000 * kUsPerMinute), KeptMemoryError);
  CHECK(pbx.trace().count() == records);
}

TEST_CASE("kept memory: the same run stops at the same record with the same count", "[engine][kept_memory]") {
  auto stopped_at = [] {
    NeutralPolicy policy;
    Pbx pbx(one_desk(), policy, 7);
    pbx.limit_kept_bytes(std::size_t{1} << 20);
    schedule_calls(pbx, 2000);
    CHECK_THROWS_AS(pbx.run_until(3000 * kUsPerMinute), KeptMemoryError);
    return std::pair{pbx.trace().count(), pbx.kept_bytes()};
  };
  CHECK(stopped_at() == stopped_at());
}

TEST_CASE("kept memory: ended calls and trace records count, calls in progress do not", "[engine][kept_memory]") {
  NeutralPolicy policy;
  Pbx pbx(one_desk(), policy, 1);
  schedule_calls(pbx, 10);
  pbx.run_until(0);
  const std::size_t before = pbx.kept_bytes();
  pbx.run_until(kUsPerMinute);  // the first call rings: trace records, no ended call yet
  const std::size_t ringing = pbx.kept_bytes();
  CHECK(ringing > before);
  pbx.run_until(2 * kUsPerMinute - 1);  // it went to voicemail: its record is kept from now on
  REQUIRE(pbx.call(1).state == CallState::Ended);
  CHECK(pbx.kept_bytes() >= ringing + KeptMemory::bytes_of(pbx.call(1)));
}

TEST_CASE("kept memory: a run that keeps no trace and forgets ended calls (the bench) does not grow with its calls",
          "[engine][kept_memory]") {
  auto kept_after = [](int calls) {
    NeutralPolicy policy;
    Pbx pbx(one_desk(), policy, 1, /*keep_trace_events=*/false);
    pbx.forget_ended_calls([](const CallRecord&) {});
    schedule_calls(pbx, calls);
    pbx.run_until((calls + 1) * kUsPerMinute);
    return pbx.kept_bytes();
  };
  // What is left is the recent-call lists, counted by whole chunks of thousands of entries.
  CHECK(kept_after(10) == kept_after(1000));
}

TEST_CASE("kept memory: a record counts its strings by their length", "[engine][kept_memory]") {
  TraceEvent event;
  const std::size_t empty = KeptMemory::bytes_of(event);
  event.text = std::string(1000, 'x');
  event.facts.push_back({"line.dnd", "reject"});
  CHECK(KeptMemory::bytes_of(event) == empty + 1000 + sizeof(TraceFact) + 8 + 6);
  CallRecord call;
  const std::size_t bare = KeptMemory::bytes_of(call);
  call.caller = std::string(40, '1');
  call.path.push_back("1000");
  CHECK(KeptMemory::bytes_of(call) == bare + 40 + 5);
}

TEST_CASE("kept memory: decision records are counted apart, against a limit of the same size",
          "[engine][kept_memory]") {
  KeptMemory kept;
  kept.set_limit(std::size_t{1} << 20);
  TraceEvent decision;
  decision.kind = TraceKind::Decided;
  decision.text = std::string(4096, 'd');
  while (kept.decision_bytes() <= std::size_t{1} << 20) kept.keep_decision_record(decision);
  CHECK(kept.kept_bytes(0) == 0);  // the run's own count is not moved: it stops where it would without them
  std::string message;
  try {
    kept.check(0);
  } catch (const KeptMemoryError& error) {
    message = error.what();
  }
  INFO(message);
  CHECK(message.find("the decision record (--decisions) keeps more than 1 MiB") != std::string::npos);
  CHECK(message.find("engine_kept_mib") != std::string::npos);
}
