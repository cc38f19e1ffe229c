// Cisco's soft-phone / desk-phone mode: users start in either, lines name
// whose mode decides, and users switch mode during the run.
#include "pbxsim/simulator/explore/features.h"

namespace pbxsim {

void shape_user_mode(CaseBuilder& builder) {
  ExploreCase& c = builder.c();
  for (CaseUser& user : c.users) user.mode = builder.chance(50) ? "softphone" : "deskphone";
  for (CaseLine& line : c.lines) {
    if (builder.chance(40)) line.user = builder.pick(c.users).id;
  }
}

void stimulate_user_mode(CaseBuilder& builder) {
  const int switches = builder.between(1, 2);
  for (int i = 0; i < switches; ++i) {
    builder.add_step(CaseStep::make(builder.time_between(kUsPerSecond, 30 * kUsPerSecond), CaseStep::Kind::Mode,
                              builder.pick(builder.c().users).id, builder.chance(50) ? "softphone" : "deskphone"));
  }
}

}  // namespace pbxsim
