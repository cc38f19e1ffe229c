// Profiles (PAS-1 … PAS-9, PP-2): server-side profiles offered to every user,
// some sticky, with enter and leave chains (FollowMe, redirects), timed
// triggers that fire once during the run (some leaving their profile) and a
// Teams-meeting trigger; users select profiles by hand and Teams meetings
// start and end while calls arrive. The users have the role pascom asks for
// (profile.personal); policies without profile rules see the same profiles.
#include "pbxsim/simulator/explore/features.h"

namespace pbxsim {
namespace {

std::pair<std::string, std::string> random_action(CaseBuilder& builder) {
  static const char* const kFollowMe[] = {"all", "none", "desk", "mobile", "softphone"};
  switch (builder.between(1, 4)) {
    case 1:
    case 2: return {"followme", kFollowMe[builder.random().below(5)]};
    case 3: return {"set_redirect", "voicemail"};
    default: return {"unset_redirect", ""};
  }
}

}  // namespace

void shape_profiles(CaseBuilder& builder) {
  ExploreCase& c = builder.c();
  c.calendar = std::string(kCaseCalendar);
  for (CaseUser& user : c.users) user.personal_profiles = !builder.chance(10);
  const int profiles = builder.between(1, 3);
  bool teams = false;
  for (int p = 0; p < profiles; ++p) {
    CaseProfile profile;
    profile.name = "P" + std::to_string(c.profiles.size() + 1);
    profile.sticky = builder.chance(40);
    const int timed = builder.between(0, 2);
    for (int t = 0; t < timed; ++t) {
      // Whole seconds: a time of day has no finer unit.
      const TimeUs at_us = builder.time_between(kUsPerSecond, 40 * kUsPerSecond) / kUsPerSecond * kUsPerSecond;
      profile.triggers.push_back(CaseTrigger{at_us, false, builder.chance(25)});
    }
    if (!teams && builder.chance(40)) {
      teams = true;
      profile.triggers.push_back(CaseTrigger{0, true, false});
    }
    const int enter = builder.between(0, 2);
    for (int a = 0; a < enter; ++a) profile.enter.push_back(random_action(builder));
    if (builder.chance(40)) profile.leave.push_back({"followme", "all"});
    c.profiles.push_back(std::move(profile));
  }
}

void stimulate_profiles(CaseBuilder& builder) {
  ExploreCase& c = builder.c();
  if (c.users.empty() || c.profiles.empty()) return;
  const int selections = builder.between(0, 2);
  for (int i = 0; i < selections; ++i) {
    builder.add_step(CaseStep::make(builder.time_between(0, 40 * kUsPerSecond), CaseStep::Kind::Profile,
                                    builder.pick(c.users).id, builder.pick(c.profiles).name));
  }
  if (builder.chance(50)) {
    const std::string user = builder.pick(c.users).id;
    const TimeUs start_us = builder.time_between(0, 30 * kUsPerSecond);
    builder.add_step(CaseStep::make(start_us, CaseStep::Kind::Teams, user, "start"));
    if (builder.chance(60)) {
      builder.add_step(CaseStep::make(start_us + builder.time_between(kUsPerSecond, 30 * kUsPerSecond), CaseStep::Kind::Teams,
                                      user, "end"));
    }
  }
}

}  // namespace pbxsim
