// Groups without Lua (CORE-6): who is offered a group call, in which order,
// and group call pickup, under the neutral policy.
#include <catch2/catch.hpp>

#include "pbxsim/engine/group_calls.h"
#include "pbxsim/engine/neutral_policy.h"
#include "pbxsim/engine/pbx.h"

using namespace pbxsim;

namespace {

// Three agents a, b, c on lines 1000, 2000, 3000; group "sales" on 600.
Topology agents(GroupStrategy strategy) {
  Topology topology;
  const char* names[] = {"a", "b", "c"};
  const char* numbers[] = {"1000", "2000", "3000"};
  GroupSpec group;
  group.name = "sales";
  group.number = "600";
  group.strategy = strategy;
  for (int i = 0; i < 3; ++i) {
    LineSpec line;
    line.number = numbers[i];
    topology.lines.push_back(line);
    DeviceSpec device;
    device.name = names[i];
    device.appearances.push_back({numbers[i], 4, 2});
    topology.devices.push_back(device);
    group.members.push_back({numbers[i], true, false});
  }
  topology.groups.push_back(group);
  return topology;
}

Stimulus at_device(Stimulus::Kind kind, DeviceIndex device) {
  Stimulus stimulus{kind};
  stimulus.device = device;
  return stimulus;
}

}  // namespace

TEST_CASE("groups: ring-all offers the call to logged-in, unpaused members only", "[engine][groups]") {
  Topology topology = agents(GroupStrategy::RingAll);
  topology.groups[0].members[1].logged_in = false;
  topology.groups[0].members[2].paused = true;
  NeutralPolicy policy;
  Pbx pbx(topology, policy, 1);
  const CallId id = pbx.schedule_call(kUsPerSecond, "+1555", "600");
  pbx.run_until(2 * kUsPerSecond);
  const CallRecord& call = pbx.call(id);
  CHECK(call.alerted_devices == std::vector<std::string>{"a"});
  CHECK(call.skipped == std::vector<std::pair<std::string, std::string>>{{"2000", "logged-out"}, {"3000", "paused"}});
}

TEST_CASE("groups: hunt tries members in order, each for its ring time", "[engine][groups]") {
  NeutralPolicy policy;
  Pbx pbx(agents(GroupStrategy::Hunt), policy, 1);
  const CallId id = pbx.schedule_call(kUsPerSecond, "+1555", "600");
  pbx.run_until(12 * kUsPerSecond);  // a rang 1 s - 11 s, b from 11 s
  CHECK(pbx.call(id).alerted_devices == std::vector<std::string>{"a", "b"});
  CHECK(pbx.devices()[*pbx.find_device("a")].appearances.size() == 1);
  pbx.run_until(kUsPerMinute);  // c from 21 s, no overflow: no answer at 31 s
  const CallRecord& call = pbx.call(id);
  CHECK(call.alerted_devices == std::vector<std::string>{"a", "b", "c"});
  CHECK(call.outcome == CallOutcome::NoAnswer);
  CHECK(call.outcome_at_us == 31 * kUsPerSecond);
}

TEST_CASE("groups: a member paused at run time is skipped by the next call", "[engine][groups]") {
  NeutralPolicy policy;
  Pbx pbx(agents(GroupStrategy::RingAll), policy, 1);
  pbx.schedule_timer(kUsPerSecond, [&] { pbx.groups().change_member(GroupIndex(0), MemberIndex(0), MemberChange::Pause, "test"); });
  const CallId id = pbx.schedule_call(2 * kUsPerSecond, "+1555", "600");
  pbx.run_until(3 * kUsPerSecond);
  CHECK(pbx.call(id).alerted_devices == std::vector<std::string>{"b", "c"});
  CHECK(pbx.groups().groups()[GroupIndex(0)].members[MemberIndex(0)].paused);
}

TEST_CASE("groups: another member picks up a ringing group call; pickup off refuses it", "[engine][groups]") {
  NeutralPolicy policy;
  Pbx pbx(agents(GroupStrategy::Hunt), policy, 1);
  const DeviceIndex b = *pbx.find_device("b");
  const DeviceIndex c = *pbx.find_device("c");
  pbx.schedule_timer(0, [&] { pbx.groups().change_member(GroupIndex(0), MemberIndex(2), MemberChange::PickupOff, "test"); });
  const CallId id = pbx.schedule_call(kUsPerSecond, "+1555", "600");
  pbx.schedule_timer(2 * kUsPerSecond, [&] { pbx.groups().pickup(c); });
  pbx.schedule_timer(3 * kUsPerSecond, [&] { pbx.groups().pickup(b); });
  pbx.schedule(kUsPerMinute, at_device(Stimulus::Kind::DeviceHangup, b));
  pbx.run_until(2 * kUsPerMinute);
  const CallRecord& call = pbx.call(id);
  CHECK(call.outcome == CallOutcome::Answered);
  CHECK(call.answered_by == "b");
  CHECK(call.answered_at_us == 3 * kUsPerSecond);
  CHECK(call.released_at_us == kUsPerMinute);
  bool refused = false;
  for (const TraceEvent& event : pbx.trace().events()) {
    refused = refused || (event.subject == "c" && event.text == "pickup: group call pickup is off for 3000 in sales");
  }
  CHECK(refused);
}
