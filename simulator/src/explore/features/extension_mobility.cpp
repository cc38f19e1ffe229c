// Extension mobility (EM-1, EM-2, EM-4, EM-9): hot-desk phones with a line of
// their own, device profiles that bring a user's line to the phone they log
// in to, the site's multiple-login behaviour and (sometimes) a short enforced
// maximum login time; users log in and out while calls reach their profile
// lines and the phones' own lines.
#include "pbxsim/simulator/explore/features.h"

namespace pbxsim {

void shape_extension_mobility(CaseBuilder& builder) {
  ExploreCase& c = builder.c();
  if (c.users.empty()) return;
  static const char* const kMultipleLogin[] = {"", "allowed", "not-allowed", "auto-logout"};
  c.multiple_login = kMultipleLogin[builder.random().below(4)];
  if (builder.chance(40)) {
    c.enforce_max_login_time = true;
    c.max_login_time_us = builder.between(5, 30) * kUsPerSecond;
  }
  const int phones = builder.between(1, 2);
  for (int i = 0; i < phones; ++i) {
    const std::string own = builder.add_line().number;
    CaseDevice& phone = builder.add_device();
    phone.extension_mobility = true;
    phone.lines.push_back(CaseAppearance{own, 0, 0});
  }
  for (const CaseUser& user : c.users) {
    if (!builder.chance(75)) continue;
    const std::string user_id = user.id;
    c.device_profiles.push_back(CaseDeviceProfile{user_id + "-profile", user_id, {builder.add_line().number}});
  }
}

void stimulate_extension_mobility(CaseBuilder& builder) {
  ExploreCase& c = builder.c();
  std::vector<std::string> phones;
  std::vector<std::string> own_lines;
  for (const CaseDevice& device : c.devices) {
    if (!device.extension_mobility) continue;
    phones.push_back(device.name);
    for (const CaseAppearance& appearance : device.lines) own_lines.push_back(appearance.dn);
  }
  if (phones.empty() || c.device_profiles.empty()) return;
  const int logins = builder.between(1, 3);
  for (int i = 0; i < logins; ++i) {
    const std::string phone = builder.pick(phones);
    const CaseDeviceProfile profile = builder.pick(c.device_profiles);
    const TimeUs at_us = builder.time_between(0, 30 * kUsPerSecond);
    builder.add_step(CaseStep::make(at_us, CaseStep::Kind::Login, phone, profile.user));
    // A call to the user's line soon after, while the login may still hold.
    if (!profile.lines.empty() && builder.chance(70)) {
      const TimeUs call_us = at_us + builder.time_between(500 * kUsPerMs, 8 * kUsPerSecond);
      builder.add_call(call_us, profile.lines[builder.random().below(profile.lines.size())]);
      if (builder.chance(50)) {
        builder.add_step(CaseStep::make(call_us + builder.time_between(500 * kUsPerMs, 5 * kUsPerSecond),
                                        CaseStep::Kind::Answer, phone));
      }
    }
    if (builder.chance(50)) {
      builder.add_step(
          CaseStep::make(at_us + builder.time_between(kUsPerSecond, 20 * kUsPerSecond), CaseStep::Kind::Logout, phone));
    }
  }
  // The phones' own lines, which ring only while nobody is logged in (EM-9).
  if (builder.chance(40)) builder.add_call(builder.time_between(kUsPerSecond, 40 * kUsPerSecond), builder.pick(own_lines));
}

}  // namespace pbxsim
