// The base feature: a small office (users, lines, devices with one
// appearance each) and calls to it, some answered, some abandoned, some hung
// up after answer. Every other feature builds on this.
#include "pbxsim/simulator/explore/features.h"

namespace pbxsim {

void shape_calls(CaseBuilder& builder) {
  const int users = builder.between(1, 3);
  for (int i = 0; i < users; ++i) builder.add_user();
  const int lines = builder.between(1, 4);
  for (int i = 0; i < lines; ++i) builder.add_line();
  const int devices = builder.between(1, 4);
  static const char* const kKinds[] = {"", "softphone", "mobile"};
  for (int i = 0; i < devices; ++i) {
    CaseDevice& device = builder.add_device();
    device.kind = kKinds[builder.random().below(3)];
    if (builder.chance(70)) device.owner = builder.pick(builder.c().users).id;
    // Device i takes line i when there is one, so most lines can ring.
    const std::string& dn = builder.c().lines[static_cast<std::size_t>(i) % builder.c().lines.size()].number;
    device.lines.push_back(CaseAppearance{dn, 0, 0});
  }
}

void stimulate_calls(CaseBuilder& builder) {
  ExploreCase& c = builder.c();
  const int calls = builder.between(1, 5);
  for (int i = 0; i < calls; ++i) {
    const TimeUs at_us = builder.time_between(kUsPerSecond, 40 * kUsPerSecond);
    std::string dialed = builder.pick(c.lines).number;
    const int roll = builder.between(1, 20);
    if (roll == 1) dialed = "+15550009999";  // an external number nobody declared: answers
    if (roll == 2) dialed = "4999";          // nothing: unreachable
    const std::string label = builder.add_call(at_us, dialed).label;

    const std::vector<std::string> devices = builder.devices_with(dialed);
    TimeUs answer_us = -1;
    if (!devices.empty() && builder.chance(60)) {
      answer_us = at_us + builder.time_between(500 * kUsPerMs, 15 * kUsPerSecond);
      CaseStep answer = CaseStep::make(answer_us, CaseStep::Kind::Answer, devices[builder.random().below(devices.size())]);
      const std::string device = answer.subject;
      builder.add_step(answer);
      if (builder.chance(50)) {
        builder.add_step(CaseStep::make(answer_us + builder.time_between(kUsPerSecond, 20 * kUsPerSecond),
                                  CaseStep::Kind::DeviceHangup, device));
      }
    }
    if (builder.chance(25)) {
      // The caller gives up (abandoned if still ringing, a release if answered).
      builder.add_step(
          CaseStep::make(at_us + builder.time_between(kUsPerSecond, 30 * kUsPerSecond), CaseStep::Kind::CallerHangup, label));
    }
  }
}

}  // namespace pbxsim
