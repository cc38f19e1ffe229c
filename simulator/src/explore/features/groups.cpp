// Groups (CORE-6): ring-all and hunt groups over the case's lines, with
// members logged out or paused from the start, calls to the group numbers
// answered (or not) by members' devices, and members logging in and out,
// pausing and unpausing while calls arrive. Group pickup is not generated.
#include "pbxsim/simulator/explore/features.h"

namespace pbxsim {

void shape_groups(CaseBuilder& builder) {
  ExploreCase& c = builder.c();
  const int groups = builder.between(1, 2);
  for (int g = 0; g < groups; ++g) {
    CaseGroup group;
    group.name = "g" + std::to_string(c.groups.size() + 1);
    group.number = std::to_string(600 + c.groups.size());
    group.strategy = builder.chance(50) ? "ring-all" : "hunt";
    if (group.strategy == "hunt" && builder.chance(60)) group.member_ring_us = builder.between(2, 10) * kUsPerSecond;
    if (builder.chance(30)) group.overflow = builder.forward_target(group.number);
    const int members = builder.between(1, std::min<int>(3, static_cast<int>(c.lines.size())));
    for (int m = 0; m < members; ++m) {
      const std::string& dn = c.lines[(static_cast<std::size_t>(g) + static_cast<std::size_t>(m)) % c.lines.size()].number;
      bool known = false;
      for (const CaseGroupMember& member : group.members) known = known || member.dn == dn;
      if (known) continue;
      group.members.push_back(CaseGroupMember{dn, !builder.chance(20), builder.chance(20)});
    }
    c.groups.push_back(std::move(group));
  }
}

void stimulate_groups(CaseBuilder& builder) {
  ExploreCase& c = builder.c();
  if (c.groups.empty()) return;
  const int calls = builder.between(1, 3);
  for (int i = 0; i < calls; ++i) {
    const CaseGroup& group = builder.pick(c.groups);
    const TimeUs at_us = builder.time_between(kUsPerSecond, 40 * kUsPerSecond);
    builder.add_call(at_us, group.number);
    if (!builder.chance(60)) continue;
    // A member's device answers, while the group may be ringing it (or not).
    const std::string& dn = group.members[builder.random().below(group.members.size())].dn;
    const std::vector<std::string> devices = builder.devices_with(dn);
    if (devices.empty()) continue;
    builder.add_step(CaseStep::make(at_us + builder.time_between(500 * kUsPerMs, 12 * kUsPerSecond),
                                    CaseStep::Kind::Answer, devices[builder.random().below(devices.size())]));
  }
  const int changes = builder.between(0, 3);
  static const char* const kActions[] = {"login", "logout", "pause", "unpause"};
  for (int i = 0; i < changes; ++i) {
    const CaseGroup& group = builder.pick(c.groups);
    CaseStep step = CaseStep::make(builder.time_between(0, 40 * kUsPerSecond), CaseStep::Kind::GroupMember, group.name,
                                   kActions[builder.random().below(4)]);
    step.member = group.members[builder.random().below(group.members.size())].dn;
    builder.add_step(step);
  }
}

}  // namespace pbxsim
