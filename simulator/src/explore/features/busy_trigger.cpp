// Busy trigger and max calls: small limits on an appearance, and bursts of
// calls to its line at one instant.
#include "pbxsim/simulator/explore/features.h"

namespace pbxsim {

void shape_busy_trigger(CaseBuilder& builder) {
  const int appearances = builder.between(1, 2);
  for (int i = 0; i < appearances; ++i) {
    CaseDevice& device = builder.pick(builder.c().devices);
    if (device.lines.empty()) continue;
    CaseAppearance& appearance = builder.pick(device.lines);
    appearance.max_calls = builder.between(1, 3);
    appearance.busy_trigger = builder.between(1, appearance.max_calls);
  }
}

void stimulate_busy_trigger(CaseBuilder& builder) {
  const std::string dn = builder.pick(builder.c().lines).number;
  const TimeUs at_us = builder.time_between(kUsPerSecond, 30 * kUsPerSecond);
  const int burst = builder.between(2, 4);
  std::vector<std::string> devices = builder.devices_with(dn);
  for (int i = 0; i < burst; ++i) {
    builder.add_call(at_us, dn);
    if (!devices.empty() && builder.chance(40)) {
      builder.add_step(CaseStep::make(at_us + builder.time_between(kUsPerSecond, 5 * kUsPerSecond), CaseStep::Kind::Answer,
                                builder.pick(devices)));
    }
  }
}

}  // namespace pbxsim
