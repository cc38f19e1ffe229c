// The PBX model without Lua, under the neutral policy.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "pbxsim/engine/neutral_policy.h"
#include "pbxsim/engine/pbx.h"

using namespace pbxsim;

namespace {

UserSpec user_named(std::string id) {
  UserSpec user;
  user.id = std::move(id);
  return user;
}

Topology shared_line(Target cfna = Target::voicemail()) {
  Topology topology;
  topology.users.push_back(user_named("Alice"));
  LineSpec line;
  line.number = "1000";
  line.forward_no_answer = std::move(cfna);
  topology.lines.push_back(line);
  for (const char* name : {"desk", "soft"}) {
    DeviceSpec device;
    device.name = name;
    device.owner = "alice";
    device.appearances.push_back({"1000", 4, 2});
    topology.devices.push_back(device);
  }
  return topology;
}

Stimulus at_device(Stimulus::Kind kind, DeviceIndex device) {
  Stimulus stimulus{kind};
  stimulus.device = device;
  return stimulus;
}

int outcome_events(const Pbx& pbx, CallId id) {
  int count = 0;
  for (const TraceEvent& event : pbx.trace().events()) {
    if (event.kind == TraceKind::Outcome && event.subject == "call-" + std::to_string(id)) ++count;
  }
  return count;
}

}  // namespace

TEST_CASE("pbx: a call to a shared line alerts every registered appearance", "[engine][pbx]") {
  NeutralPolicy policy;
  Pbx pbx(shared_line(), policy, 1);
  const CallId id = pbx.schedule_call(kUsPerSecond, "+1555", "1000");
  pbx.run_until(2 * kUsPerSecond);
  const CallRecord& call = pbx.call(id);
  REQUIRE(call.state == CallState::Alerting);
  REQUIRE(call.alerted_devices == std::vector<std::string>{"desk", "soft"});
}

TEST_CASE("pbx: answering on one appearance stops the others and ends the call once", "[engine][pbx]") {
  NeutralPolicy policy;
  Pbx pbx(shared_line(), policy, 1);
  const CallId id = pbx.schedule_call(kUsPerSecond, "+1555", "1000");
  pbx.schedule(3 * kUsPerSecond, at_device(Stimulus::Kind::Answer, *pbx.find_device("soft")));
  pbx.schedule(60 * kUsPerSecond, at_device(Stimulus::Kind::DeviceHangup, *pbx.find_device("soft")));
  pbx.run_until(2 * kUsPerMinute);
  const CallRecord& call = pbx.call(id);
  REQUIRE(call.outcome == CallOutcome::Answered);
  REQUIRE(call.answered_by == "soft");
  REQUIRE(call.answered_at_us == 3 * kUsPerSecond);
  REQUIRE(call.released_at_us == 60 * kUsPerSecond);
  REQUIRE(call.state == CallState::Ended);
  REQUIRE(outcome_events(pbx, id) == 1);
  REQUIRE(pbx.appearances()[AppearanceIndex(0)].calls.empty());
}

TEST_CASE("pbx: the no-answer timer sends the call to CFNA after 12 s", "[engine][pbx]") {
  NeutralPolicy policy;
  Pbx pbx(shared_line(), policy, 1);
  const CallId id = pbx.schedule_call(kUsPerSecond, "+1555", "1000");
  pbx.run_until(kUsPerMinute);
  const CallRecord& call = pbx.call(id);
  REQUIRE(call.outcome == CallOutcome::Voicemail);
  REQUIRE(call.outcome_at_us == 13 * kUsPerSecond);
  REQUIRE(call.path == std::vector<std::string>{"1000", "voicemail"});
}

TEST_CASE("pbx: a registration expires at the end of its lifetime, a refresh extends it", "[engine][pbx]") {
  NeutralPolicy policy;
  Topology topology = shared_line();
  topology.devices[0].registration.lifetime_us = 60 * kUsPerSecond;
  topology.devices[1].registration.lifetime_us = 60 * kUsPerSecond;
  Pbx pbx(topology, policy, 1);
  Stimulus refresh = at_device(Stimulus::Kind::Register, *pbx.find_device("soft"));
  refresh.lifetime_us = 60 * kUsPerSecond;
  pbx.schedule(50 * kUsPerSecond, refresh);
  pbx.run_until(61 * kUsPerSecond);
  REQUIRE_FALSE(pbx.device_registered(*pbx.find_device("desk")));
  REQUIRE(pbx.device_registered(*pbx.find_device("soft")));
  const CallId id = pbx.schedule_call(70 * kUsPerSecond, "+1555", "1000");
  pbx.run_until(71 * kUsPerSecond);
  REQUIRE(pbx.call(id).alerted_devices == std::vector<std::string>{"soft"});
  pbx.run_until(200 * kUsPerSecond);
  REQUIRE_FALSE(pbx.device_registered(*pbx.find_device("soft")));
}

TEST_CASE("pbx: a forward chain longer than the hop limit ends as forward-limit", "[engine][pbx]") {
  NeutralPolicy policy;
  Topology topology;
  topology.hop_limit = 3;
  for (int i = 0; i < 6; ++i) {
    LineSpec line;
    line.number = std::to_string(1000 + i);
    if (i < 5) line.forward_all = Target::line(std::to_string(1001 + i));
    topology.lines.push_back(line);
  }
  REQUIRE(validate(topology).empty());
  Pbx pbx(topology, policy, 1);
  const CallId id = pbx.schedule_call(0, "+1555", "1000");
  pbx.run_until(kUsPerSecond);
  REQUIRE(pbx.call(id).outcome == CallOutcome::ForwardLimit);
  REQUIRE(pbx.call(id).forwards == 4);
  REQUIRE(outcome_events(pbx, id) == 1);
}

TEST_CASE("pbx: a forward loop is never followed twice", "[engine][pbx]") {
  NeutralPolicy policy;
  Topology topology;
  for (const auto& [number, target] : {std::pair{"1000", "2000"}, std::pair{"2000", "1000"}}) {
    LineSpec line;
    line.number = number;
    line.forward_all = Target::line(target);
    topology.lines.push_back(line);
  }
  Pbx pbx(topology, policy, 1);
  const CallId id = pbx.schedule_call(0, "+1555", "1000");
  pbx.run_until(kUsPerSecond);
  REQUIRE(pbx.call(id).outcome == CallOutcome::ForwardLimit);
  REQUIRE(pbx.call(id).path == std::vector<std::string>{"1000", "2000"});
  REQUIRE(pbx.call(id).outcome_detail.find("loop") != std::string::npos);
}

TEST_CASE("pbx: the same topology and seed give the same trace hash", "[engine][pbx]") {
  auto run = [] {
    NeutralPolicy policy;
    Pbx pbx(shared_line(), policy, 5);
    for (int i = 0; i < 20; ++i) pbx.schedule_call(i * kUsPerSecond, "+1555", "1000");
    pbx.run_until(kUsPerMinute * 5);
    return pbx.trace().hash();
  };
  REQUIRE(run() == run());
}

TEST_CASE("pbx: a call goes to the line its number names after the dial rules, not the line it names as dialed",
          "[engine][pbx]") {
  // Two lines; the dial rules turn "10-00" into "1000" and "2000" into "1000"
  // too. The engine looks the dialed number up when the call is scheduled
  // (to fetch the line ahead); the routed number decides.
  Topology topology = shared_line();
  LineSpec other;
  other.number = "2000";
  topology.lines.push_back(other);
  topology.dialing.normalize = true;
  topology.dialing.application.push_back(DialRule{"2000 to 1000", "2000", 4, 1, "1"});
  NeutralPolicy policy;
  Pbx pbx(topology, policy, 3);
  const CallId plain = pbx.schedule_call(kUsPerSecond, "+1555", "1000");
  const CallId ruled = pbx.schedule_call(20 * kUsPerSecond, "+1555", "2000");
  const CallId normalized = pbx.schedule_call(40 * kUsPerSecond, "+1555", "10-00");
  pbx.run_until(kUsPerMinute);  // each rings out to voicemail after 12 s, before the next
  for (CallId id : {plain, ruled, normalized}) {
    CHECK(pbx.call(id).path == std::vector<std::string>{"1000", "voicemail"});
    CHECK(pbx.call(id).alerted_devices == std::vector<std::string>{"desk", "soft"});
  }
}

namespace {

struct EndedCall {
  CallId id;
  CallOutcome outcome;
  std::string answered_by;
  bool operator==(const EndedCall&) const = default;
};

// Call 1 answered on the soft phone and hung up, then its caller hangs up too
// late; call 2 rings out to voicemail; call 3 is still connected at the end.
void three_calls(Pbx& pbx) {
  const DeviceIndex soft = *pbx.find_device("soft");
  pbx.schedule_call(kUsPerSecond, "+1555", "1000");
  pbx.schedule(3 * kUsPerSecond, at_device(Stimulus::Kind::Answer, soft));
  pbx.schedule(20 * kUsPerSecond, at_device(Stimulus::Kind::DeviceHangup, soft));
  Stimulus late_hangup{Stimulus::Kind::CallerHangup};
  late_hangup.call = 1;
  pbx.schedule(25 * kUsPerSecond, late_hangup);
  pbx.schedule_call(30 * kUsPerSecond, "+1666", "1000");
  pbx.schedule_call(60 * kUsPerSecond, "+1777", "1000");
  pbx.schedule(62 * kUsPerSecond, at_device(Stimulus::Kind::Answer, soft));
  pbx.run_until(2 * kUsPerMinute);
}

}  // namespace

TEST_CASE("pbx: a run that forgets ended calls shows each to the sink once, with the same trace", "[engine][pbx]") {
  NeutralPolicy policy;
  Pbx keeping(shared_line(), policy, 1);
  three_calls(keeping);
  Pbx forgetting(shared_line(), policy, 1);
  std::vector<EndedCall> ended;
  forgetting.forget_ended_calls([&](const CallRecord& call) {
    CHECK(call.state == CallState::Ended);
    ended.push_back({call.id, call.outcome, call.answered_by});
  });
  three_calls(forgetting);

  CHECK(ended == std::vector<EndedCall>{{1, CallOutcome::Answered, "soft"}, {2, CallOutcome::Voicemail, ""}});
  CHECK(forgetting.trace().hash() == keeping.trace().hash());
  CHECK(forgetting.call_count() == 3);
  CHECK_FALSE(forgetting.has_call(1));
  CHECK_THROWS_AS(forgetting.call(1), std::out_of_range);
  REQUIRE(forgetting.has_call(3));
  CHECK(forgetting.call(3).state == CallState::Connected);
  CHECK(keeping.call(1).outcome == CallOutcome::Answered);  // a run that keeps them still reads them all
}

TEST_CASE("topology: references to undeclared lines and users are reported with their field", "[engine][topology]") {
  Topology topology = shared_line(Target::line("9999"));
  topology.devices[0].owner = "mallory";
  const std::vector<TopologyError> errors = validate(topology);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].path == "lines.1000.cfna");
  CHECK(errors[1].path == "devices.desk.owner");
}

TEST_CASE("topology: user IDs are not case-sensitive", "[engine][topology]") {
  Topology topology = shared_line();
  topology.users.push_back(user_named("ALICE"));
  REQUIRE(validate(topology).size() == 1);
  NeutralPolicy policy;
  Pbx pbx(shared_line(), policy, 1);
  REQUIRE(pbx.find_user("aLiCe").has_value());
}
