// DND call-reject and DND ringer-off: devices enter the mode and may leave it.
#include "pbxsim/simulator/explore/features.h"

namespace pbxsim {
namespace {

void dnd_changes(CaseBuilder& builder, const char* mode) {
  const int changes = builder.between(1, 3);
  for (int i = 0; i < changes; ++i) {
    const std::string device = builder.pick(builder.c().devices).name;
    const TimeUs on_us = builder.time_between(0, 30 * kUsPerSecond);
    builder.add_step(CaseStep::make(on_us, CaseStep::Kind::Dnd, device, mode));
    if (builder.chance(40)) {
      builder.add_step(
          CaseStep::make(on_us + builder.time_between(kUsPerSecond, 20 * kUsPerSecond), CaseStep::Kind::Dnd, device, "off"));
    }
  }
}

}  // namespace

void stimulate_dnd_reject(CaseBuilder& builder) { dnd_changes(builder, "reject"); }
void stimulate_dnd_ringer_off(CaseBuilder& builder) { dnd_changes(builder, "ringer-off"); }

}  // namespace pbxsim
