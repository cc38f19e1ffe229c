#include "store_workload.h"

#include <string>

#include "pbxsim/engine/neutral_policy.h"
#include "pbxsim/engine/pbx.h"

namespace pbxsim::bench {
namespace {

ScenarioReport run_ten_thousand_calls() {
  Topology topology;
  for (int user = 0; user < 100; ++user) {
    const std::string number = std::to_string(1000 + user);
    LineSpec line;
    line.number = number;
    line.forward_no_answer = Target::voicemail();
    topology.lines.push_back(line);
    for (const char* prefix : {"desk", "soft"}) {
      DeviceSpec device;
      device.name = std::string(prefix) + std::to_string(user);
      device.appearances.push_back({number, 4, 2});
      topology.devices.push_back(device);
    }
  }
  NeutralPolicy policy;
  Pbx pbx(topology, policy, 1);
  for (int call = 0; call < 10'000; ++call) {
    const TimeUs at = call * kUsPerSecond;
    pbx.schedule_call(at, "+14085550100", std::to_string(1000 + call % 100));
    if (call % 2 == 0) {
      Stimulus answer{Stimulus::Kind::Answer};
      answer.device = static_cast<Index>(2 * (call % 100));
      pbx.schedule(at + 3 * kUsPerSecond, answer);
      Stimulus hangup{Stimulus::Kind::DeviceHangup};
      hangup.device = answer.device;
      pbx.schedule(at + 30 * kUsPerSecond, hangup);
    }
  }
  pbx.run_until_idle(kUsPerDay);
  ScenarioReport report;
  report.file = "bench/results_store_bench.lua";
  report.result.decl.name = "10 000 calls";
  report.result.policy = "neutral";
  report.result.trace_hash = pbx.trace().hash();
  report.result.trace_events = pbx.trace().count();
  report.result.trace = pbx.trace().events();
  for (std::size_t i = 0; i < pbx.call_count(); ++i) report.result.calls.push_back(pbx.call(static_cast<CallId>(i + 1)));
  report.result.checks.push_back(CheckResult{true, report.file, 1, "outcome", "is", "\"answered\"", "\"answered\""});
  return report;
}

}  // namespace

const ScenarioReport& ten_thousand_calls() {
  static const ScenarioReport report = run_ten_thousand_calls();
  return report;
}

}  // namespace pbxsim::bench
