// The minimal hot-desk login (see hot_desk.h for why it is minimal).
#include "pbxsim/engine/hot_desk.h"

#include "pbxsim/engine/profile_service.h"

namespace pbxsim {

HotDesk::HotDesk(Pbx& pbx, const Topology& topology) : pbx_(pbx) {
  for (std::size_t i = 0; i < topology.devices.size(); ++i) {
    hot_desk_.push_back(topology.devices[i].hot_desk);
    logged_in_.push_back(topology.devices[i].hot_desk ? pbx_.devices_[i].owner : kNoIndex);
  }
}

void HotDesk::login(Index device, Index user) {
  const std::string& name = pbx_.devices_[device].name;
  if (!hot_desk_[device]) {
    pbx_.record(TraceKind::Ignored, name, "login: not a hot-desk device (hot_desk = true)");
    return;
  }
  if (logged_in_[device] != kNoIndex) {
    pbx_.record(TraceKind::Ignored, name, "login: " + pbx_.users_[logged_in_[device]].id + " is logged in already");
    return;
  }
  logged_in_[device] = user;
  pbx_.record(TraceKind::HotDesk, name, pbx_.users_[user].id + " logged in");
  pbx_.profiles_->hot_desk_changed(device, true);
}

void HotDesk::logout(Index device) {
  const std::string& name = pbx_.devices_[device].name;
  if (logged_in_[device] == kNoIndex) {
    pbx_.record(TraceKind::Ignored, name, "logout: nobody is logged in");
    return;
  }
  const Index user = logged_in_[device];
  logged_in_[device] = kNoIndex;
  pbx_.record(TraceKind::HotDesk, name, pbx_.users_[user].id + " logged out");
  pbx_.profiles_->hot_desk_changed(device, false);
}

}  // namespace pbxsim
