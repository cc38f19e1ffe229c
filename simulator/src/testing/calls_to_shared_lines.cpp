#include "pbxsim/simulator/testing/calls_to_shared_lines.h"

#include <string>

#include "pbxsim/engine/neutral_policy.h"
#include "pbxsim/engine/pbx.h"

namespace pbxsim::testing {

ScenarioReport calls_to_shared_lines(int lines, int calls) {
  Topology topology;
  for (int line = 0; line < lines; ++line) {
    LineSpec spec;
    spec.number = std::to_string(1000 + line);
    spec.forward_no_answer = Target::voicemail();
    topology.lines.push_back(spec);
    for (const char* prefix : {"desk", "soft"}) {
      DeviceSpec device;
      device.name = prefix + std::to_string(line);
      device.appearances.push_back({spec.number, 4, 2});
      topology.devices.push_back(device);
    }
  }
  NeutralPolicy policy;
  Pbx pbx(topology, policy, 1);
  for (int call = 0; call < calls; ++call) {
    const TimeUs at_us = call * kUsPerSecond;
    pbx.schedule_call(at_us, "+14085550100", std::to_string(1000 + call % lines));
    if (call % 2 != 0) continue;
    Stimulus answer{Stimulus::Kind::Answer};
    answer.device = DeviceIndex::at(2 * (call % lines));
    pbx.schedule(at_us + 3 * kUsPerSecond, answer);
    Stimulus hangup{Stimulus::Kind::DeviceHangup};
    hangup.device = answer.device;
    pbx.schedule(at_us + 30 * kUsPerSecond, hangup);
  }
  pbx.run_until_idle(kUsPerDay);
  ScenarioReport report;
  report.file = "calls_to_shared_lines.lua";
  report.result.decl.name = std::to_string(calls) + " calls";
  report.result.policy = "neutral";
  report.result.trace_hash = pbx.trace().hash();
  report.result.trace_events = pbx.trace().count();
  report.result.trace = pbx.trace().events();
  for (CallId id = 1; id <= pbx.call_count(); ++id) report.result.calls.push_back(pbx.call(id));
  report.result.checks.push_back(CheckResult{true, report.file, 1, "outcome", "is", "\"answered\"", "\"answered\""});
  return report;
}

}  // namespace pbxsim::testing
