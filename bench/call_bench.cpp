// A full call through the Cisco policy: offered to a line shared by a desk
// phone and a soft phone (two appearance decisions), one in DND ringer-off,
// answered, released; and the same call unanswered, through the no-answer
// timer to CFNA. Items are calls.
#include <benchmark/benchmark.h>

#include <memory>
#include <variant>

#include "pbxsim/engine/pbx.h"
#include "pbxsim/scripting/lua_policy.h"

namespace {

using namespace pbxsim;

Topology shared_lines(int users) {
  Topology topology;
  for (int user = 0; user < users; ++user) {
    const std::string id = "u" + std::to_string(user);
    const std::string number = std::to_string(100000 + user);
    topology.users.push_back({id, UserMode::SoftPhone});
    LineSpec line;
    line.number = number;
    line.forward_no_answer = Target::voicemail();
    line.forward_busy = Target::voicemail();
    topology.lines.push_back(line);
    for (const char* prefix : {"desk", "soft"}) {
      DeviceSpec device;
      device.name = std::string(prefix) + std::to_string(user);
      device.kind = prefix[0] == 'd' ? DeviceKind::DeskPhone : DeviceKind::SoftPhone;
      device.owner = id;
      device.appearances.push_back({number, 4, 2});
      topology.devices.push_back(device);
    }
  }
  return topology;
}

void run_calls(benchmark::State& state, bool answered) {
  constexpr int kUsers = 1000;
  auto loaded = LuaPolicy::load("cisco_cucm", "", SandboxLimits{}, Prng(1));
  auto policy = std::move(std::get<std::unique_ptr<LuaPolicy>>(loaded));
  const Topology topology = shared_lines(kUsers);
  Pbx pbx(topology, *policy, 1, /*keep_trace_events=*/false);
  pbx.forget_ended_calls([](const CallRecord&) {});  // a long run holds only the call in progress
  for (int user = 0; user < kUsers; user += 4) {
    Stimulus dnd{Stimulus::Kind::SetDnd};
    dnd.device = DeviceIndex::at(2 * user);
    dnd.dnd = DndMode::RingerOff;
    pbx.schedule(0, dnd);
  }
  pbx.run_until(kUsPerSecond);
  std::int64_t call = 0;
  for (auto _ : state) {
    const TimeUs now = pbx.now_us();
    const auto user = call % kUsers;
    pbx.schedule_call(now, "+14085550100", std::to_string(100000 + user));
    if (answered) {
      Stimulus answer{Stimulus::Kind::Answer};
      answer.device = DeviceIndex::at(2 * user + 1);
      pbx.schedule(now + 3 * kUsPerSecond, answer);
      Stimulus hangup{Stimulus::Kind::DeviceHangup};
      hangup.device = answer.device;
      pbx.schedule(now + 60 * kUsPerSecond, hangup);
    }
    pbx.run_until(now + 61 * kUsPerSecond);
    ++call;
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_CiscoCallAnswered(benchmark::State& state) { run_calls(state, true); }
void BM_CiscoCallToVoicemail(benchmark::State& state) { run_calls(state, false); }
BENCHMARK(BM_CiscoCallAnswered);
BENCHMARK(BM_CiscoCallToVoicemail);

}  // namespace
