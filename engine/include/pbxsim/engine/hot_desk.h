// A MINIMAL hot-desk login, only what the DEE hot-desk rule (PP-8) needs:
// which user is logged in to a device marked hot_desk. It does not move
// lines or profiles between devices; extension mobility (issue 4) replaces
// it. To swap it out: keep calling ProfileService::hot_desk_changed(device,
// logged_in) from the real login model and delete this file and its two
// scenario actions ("login", "logout" in scripting/src/scenario_features.cpp).
#pragma once

#include <string_view>
#include <vector>

#include "pbxsim/engine/pbx.h"

namespace pbxsim {

class HotDesk {
 public:
  HotDesk(Pbx& pbx, const Topology& topology);

  bool is_hot_desk(Index device) const { return hot_desk_[device]; }
  // The logged-in user, or kNoIndex. A hot-desk device starts logged in by its owner.
  Index logged_in_user(Index device) const { return logged_in_[device]; }

  void login(Index device, Index user);
  void logout(Index device);

 private:
  Pbx& pbx_;
  std::vector<bool> hot_desk_;
  std::vector<Index> logged_in_;
};

}  // namespace pbxsim
