// Registrations: lifetimes that expire, refreshes, unregistrations; and
// lines that limit their registrations, with devices registering late.
#include "pbxsim/simulator/explore/features.h"

namespace pbxsim {

void shape_registration_expiry(CaseBuilder& builder) {
  const int devices = builder.between(1, 2);
  for (int i = 0; i < devices; ++i) builder.pick(builder.c().devices).lifetime_us = builder.between(5, 40) * kUsPerSecond;
}

void stimulate_registration_expiry(CaseBuilder& builder) {
  const int changes = builder.between(1, 3);
  for (int i = 0; i < changes; ++i) {
    CaseStep step = CaseStep::make(builder.time_between(kUsPerSecond, 40 * kUsPerSecond), CaseStep::Kind::Register,
                  builder.pick(builder.c().devices).name);
    const int roll = builder.between(1, 3);
    if (roll == 1) step.kind = CaseStep::Kind::Unregister;
    if (roll == 2) step.lifetime_us = builder.between(5, 30) * kUsPerSecond;
    builder.add_step(step);
  }
}

void shape_max_registrations(CaseBuilder& builder) {
  ExploreCase& c = builder.c();
  CaseLine& line = builder.pick(c.lines);
  line.max_registrations = builder.between(1, 2);
  const std::string dn = line.number;  // add_device may move the lines
  const int late = builder.between(1, 2);
  for (int i = 0; i < late; ++i) {
    CaseDevice& device = builder.add_device();
    device.kind = builder.chance(50) ? "softphone" : "mobile";
    device.lines.push_back(CaseAppearance{dn, 0, 0});
    device.register_at_start = builder.chance(30);
  }
}

void stimulate_max_registrations(CaseBuilder& builder) {
  ExploreCase& c = builder.c();
  // Late devices register, sometimes at the same instant.
  TimeUs at_us = builder.time_between(kUsPerSecond, 20 * kUsPerSecond);
  for (const CaseDevice& device : c.devices) {
    if (device.register_at_start) continue;
    if (!builder.chance(50)) at_us = builder.time_between(kUsPerSecond, 20 * kUsPerSecond);
    builder.add_step(CaseStep::make(at_us, CaseStep::Kind::Register, device.name));
  }
  if (builder.chance(40)) {
    builder.add_step(CaseStep::make(builder.time_between(kUsPerSecond, 30 * kUsPerSecond), CaseStep::Kind::Unregister,
                              builder.pick(c.devices).name));
  }
}

}  // namespace pbxsim
