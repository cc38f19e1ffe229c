// Shared lines: a DN on several devices; and answer races, two devices
// answering the same ringing call at the same instant.
#include "pbxsim/simulator/explore/features.h"

namespace pbxsim {

void shape_shared_line(CaseBuilder& builder) {
  ExploreCase& c = builder.c();
  const int extra = builder.between(1, 3);
  for (int i = 0; i < extra; ++i) {
    const std::string dn = builder.pick(c.lines).number;
    // On an existing device that lacks it, or on a new one.
    std::vector<CaseDevice*> candidates;
    for (CaseDevice& device : c.devices) {
      bool has = false;
      for (const CaseAppearance& appearance : device.lines) has = has || appearance.dn == dn;
      if (!has) candidates.push_back(&device);
    }
    if (!candidates.empty() && builder.chance(50)) {
      candidates[builder.random().below(candidates.size())]->lines.push_back(CaseAppearance{dn, 0, 0});
      continue;
    }
    CaseDevice& device = builder.add_device();
    device.kind = builder.chance(50) ? "softphone" : "";
    if (!c.users.empty() && builder.chance(60)) device.owner = builder.pick(c.users).id;
    device.lines.push_back(CaseAppearance{dn, 0, 0});
  }
}

void stimulate_shared_line(CaseBuilder& builder) {
  ExploreCase& c = builder.c();
  std::vector<const CaseStep*> calls;
  for (const CaseStep& step : c.steps) {
    if (step.kind == CaseStep::Kind::Call && builder.devices_with(step.value).size() > 1) calls.push_back(&step);
  }
  if (calls.empty()) return;
  const CaseStep call = *calls[builder.random().below(calls.size())];
  const std::vector<std::string> devices = builder.devices_with(call.value);
  const TimeUs at_us = call.at_us + builder.time_between(500 * kUsPerMs, 10 * kUsPerSecond);
  builder.add_step(CaseStep::make(at_us, CaseStep::Kind::Answer, devices[0]));
  builder.add_step(CaseStep::make(at_us, CaseStep::Kind::Answer, devices[1]));
}

}  // namespace pbxsim
