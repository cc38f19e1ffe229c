// Group call pickup (CORE-6): while a group call rings, a phone presses
// pickup — mostly a phone of another member of that group, sometimes any
// phone (nothing of its groups rings: ignored), sometimes at the very
// instant the call overflows or is answered. Without the `groups` feature
// the case gets groups of its own (the same generator, on this stream).
#include "pbxsim/simulator/explore/features.h"

namespace pbxsim {

void shape_group_pickup(CaseBuilder& builder) {
  if (builder.c().groups.empty()) shape_groups(builder);
}

void stimulate_group_pickup(CaseBuilder& builder) {
  ExploreCase& c = builder.c();
  if (c.groups.empty() || c.devices.empty()) return;
  const int calls = builder.between(1, 3);
  for (int i = 0; i < calls; ++i) {
    const CaseGroup& group = builder.pick(c.groups);
    const TimeUs at_us = builder.time_between(kUsPerSecond, 40 * kUsPerSecond);
    builder.add_call(at_us, group.number);
    std::vector<std::string> member_phones;
    for (const CaseGroupMember& member : group.members) {
      for (const std::string& device : builder.devices_with(member.dn)) member_phones.push_back(device);
    }
    const int pickups = builder.between(1, 2);
    for (int p = 0; p < pickups; ++p) {
      const std::string picker = !member_phones.empty() && builder.chance(75) ? builder.pick(member_phones)
                                                                              : builder.pick(c.devices).name;
      // Hunt members ring 2–10 s each and ring-all groups overflow after their no-answer time:
      // some pickups come late, after the group let the call go.
      const TimeUs pickup_us = at_us + builder.time_between(200 * kUsPerMs, 35 * kUsPerSecond);
      builder.add_step(CaseStep::make(pickup_us, CaseStep::Kind::Pickup, picker));
      if (builder.chance(40)) {
        builder.add_step(CaseStep::make(pickup_us + builder.time_between(kUsPerSecond, 15 * kUsPerSecond),
                                        CaseStep::Kind::DeviceHangup, picker));
      }
    }
  }
}

}  // namespace pbxsim
