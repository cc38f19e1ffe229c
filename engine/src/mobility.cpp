// Sections: setup · login · logout · headset sign-in · queries.
#include "pbxsim/engine/mobility.h"

#include <cassert>

#include "pbxsim/engine/pbx.h"

namespace pbxsim {

// ------------------------------------------------------------------------- setup

void Mobility::init(const Topology& topology) {
  settings_ = topology.extension_mobility;
  profiles_ = IndexedVector<ProfileIndex, DeviceProfileSpec>(topology.device_profiles);
  for (std::size_t position = 0; position < topology.users.size(); ++position) {
    const UserMobilitySpec& spec = topology.users[position].mobility.get();
    if (spec.default_profile.empty() && spec.pin.empty() && spec.headset.empty()) continue;  // most users: none of it
    users_.set(UserIndex::at(position), spec);
  }
  own_configs_.emplace_back();  // most devices have no settings of their own: they share this one
  devices_.reserve(topology.devices.size());
  for (const DeviceSpec& spec : topology.devices) {
    DeviceMobility device;
    if (spec.extension_mobility) device.own_lines = spec.appearances;
    const bool no_settings_of_its_own = spec.config.get() == own_configs_.front();
    if (!no_settings_of_its_own) own_configs_.push_back(spec.config.get());
    device.own_config = no_settings_of_its_own ? &own_configs_.front() : &own_configs_.back();
    device.config = device.own_config;
    device.lifetime_us = spec.registration.lifetime_us;
    device.model = spec.model;
    device.enabled = spec.extension_mobility;
    devices_.push_back(std::move(device));
  }
  // A DN that only a profile carries belongs to the profile's user: that
  // user's mode decides for it (as a device owner's does for the device's).
  for (const DeviceProfileSpec& profile : profiles_) {
    for (const AppearanceSpec& appearance : profile.appearances) {
      LineState& line = core_.line(core_.find_line(appearance.line).value());
      if (line.user == kNoIndex && line.appearances.empty()) line.user = core_.find_user(profile.user).value();
    }
  }
}

void Mobility::add_listener(std::function<void(const MobilityChange&)> listener) {
  listeners_.push_back(std::move(listener));
}

void Mobility::notify(MobilityChange::Kind kind, DeviceIndex device, UserIndex user, std::string_view reason) {
  const MobilityChange change{kind, device, user, reason};
  for (const auto& listener : listeners_) listener(change);
}

// ------------------------------------------------------------------------- login

std::optional<ProfileIndex> Mobility::choose_profile(DeviceIndex device, UserIndex user, const std::string& wanted,
                                              std::string* why) const {
  const std::string key = user_key(user_id(user));
  std::vector<ProfileIndex> own;
  for (ProfileIndex i : profiles_.indices()) {
    if (user_key(profiles_[i].user) == key) own.push_back(i);
  }
  if (!wanted.empty()) {
    for (ProfileIndex i : own) {
      if (profiles_[i].name == wanted) return i;
    }
    *why = "'" + wanted + "' is not one of " + user_id(user) + "'s device profiles";
    return std::nullopt;
  }
  // EM-8: the profile for this device's model, else the default one.
  const std::string& model = devices_[device].model;
  if (!model.empty()) {
    for (ProfileIndex i : own) {
      if (profiles_[i].model == model) return i;
    }
  }
  const std::string& default_name = users_[user].default_profile;
  for (ProfileIndex i : own) {
    if (profiles_[i].name == default_name) return i;
  }
  if (default_name.empty() && own.size() == 1) return own.front();
  *why = own.empty() ? user_id(user) + " has no device profile"
                     : "no device profile of " + user_id(user) + " is for model '" + model +
                           "' and there is no default profile";
  return std::nullopt;
}

void Mobility::refuse(DeviceIndex device, UserIndex user, const std::string& why) {
  core_.record(TraceKind::LoginRefused,
              {.about = TraceAbout::Device, .device = device_name(device), .user = user_id(user), .note = why});
}

LoginResult Mobility::login(DeviceIndex device_index, UserIndex user, const LoginRequest& request) {
  DeviceMobility& device = devices_.at(device_index);
  const std::string& name = device_name(device_index);
  auto refused = [&](const std::string& why) {
    refuse(device_index, user, why);
    return LoginResult{false, why};
  };
  if (core_.provisioning().deleted(device_index)) return refused(name + " has been deleted");
  if (!device.enabled) return refused("extension mobility is not enabled on " + name);  // EM-3
  if (device.user == user) {
    core_.record(TraceKind::Ignored, {.about = TraceAbout::Device, .device = name, .note = "login: " + user_id(user) + " is already logged in here"});
    return LoginResult{true, {}};
  }
  const std::string& pin = users_[user].pin;
  if (!request.pin_checked && !pin.empty() && request.pin != pin) {
    return refused(request.pin.empty() ? "a PIN is required" : "wrong PIN");
  }
  std::string why;
  const std::optional<ProfileIndex> profile = choose_profile(device_index, user, request.profile, &why);
  if (!profile) return refused(why);

  // EM-1: the user is logged in elsewhere.
  std::vector<DeviceIndex> elsewhere = devices_of(user);
  if (!elsewhere.empty()) {
    switch (settings_.multiple_login) {
      case MultipleLogin::Allowed:
        break;
      case MultipleLogin::NotAllowed:
        return refused("already logged in to " + device_name(elsewhere.front()) + " (multiple logins not allowed)");
      case MultipleLogin::AutoLogout:
        for (DeviceIndex other : elsewhere) logout(other, "auto logout: " + user_id(user) + " logged in to " + name);
        break;
    }
  }
  // CUC-8: the next user's login replaces the current one.
  if (device.user != kNoIndex) logout(device_index, "replaced by " + user_id(user) + "'s login");

  const DeviceProfileSpec& chosen = profiles_[*profile];
  const bool clear_log = settings_.clear_call_logs;
  // EM-2: the maximum login time, when enforced; always for inter-cluster logins.
  const bool limited = request.inter_cluster || settings_.enforce_max_login_time;
  const TimeUs limit_us =
      request.inter_cluster ? settings_.inter_cluster_max_login_time_us : settings_.max_login_time_us;
  core_.record(TraceKind::Login, {.about = TraceAbout::Device,
                                 .device = name,
                                 .user = user_id(user),
                                 .reason = request.via,
                                 .target = chosen.name,
                                 .duration_us = limited ? limit_us : -1,  // the login's limit (INV-EM-MAX-LOGIN)
                                 .note = clear_log ? "call log cleared" : ""});
  if (clear_log) core_.device(device_index).call_log = CallLog::kEmpty;  // EM-6
  device.user = user;
  device.profile = *profile;
  device.last_user = user;
  device.logged_in_at_us = core_.now_us();
  device.config = &chosen.config;
  core_.replace_device_appearances(device_index, chosen.appearances, device.lifetime_us,
                                  "login of " + user_id(user));

  if (limited) {
    device.max_login_timer = core_.schedule_timer(core_.now_us() + limit_us, "maximum login time", [this, device_index, limit_us] {
      devices_[device_index].max_login_timer = {};
      logout(device_index, "maximum login time " + format_duration(limit_us) + " elapsed");
    });
  }
  notify(MobilityChange::Kind::Login, device_index, user, request.via);
  return LoginResult{true, {}};
}

// ------------------------------------------------------------------------ logout

bool Mobility::logout(DeviceIndex device_index, std::string_view reason) {
  DeviceMobility& device = devices_.at(device_index);
  if (device.user == kNoIndex) {
    core_.record(TraceKind::Ignored, {.about = TraceAbout::Device, .device = device_name(device_index), .note = "logout: nobody is logged in"});
    return false;
  }
  const UserIndex user = device.user;
  core_.cancel_timer(device.max_login_timer);
  if (device.headset.get().user == user) cancel_headset_timers(device);
  core_.record(TraceKind::Logout,
              {.about = TraceAbout::Device, .device = device_name(device_index), .user = user_id(user), .note = reason});
  device.user = kNoIndex;
  device.profile = kNoIndex;
  device.logged_in_at_us = -1;
  device.config = device.own_config;
  // EM-4, EM-9: back to the device's own lines and restrictions. Only an
  // enabled device can be logged in to, and it kept its lines.
  assert(device.enabled && "a logout from a device without extension mobility: login must refuse it (EM-3)");
  core_.replace_device_appearances(device_index, device.own_lines, device.lifetime_us,
                                  "logout of " + user_id(user));
  notify(MobilityChange::Kind::Logout, device_index, user, reason);
  return true;
}

// -------------------------------------------------------------- headset sign-in

void Mobility::cancel_headset_timers(DeviceMobility& device) {
  DeviceHeadset& state = device.headset.edit();
  core_.cancel_timer(state.sign_in_timer);
  core_.cancel_timer(state.logout_timer);
}

// EM-7: a known headset signs its user in after the sign-in timer (with the
// PIN when the site requires one); disconnected, the user is logged out when
// the auto-logout timer elapses, unless the headset comes back first.
void Mobility::headset_connected(DeviceIndex device_index, std::string_view headset, std::string_view pin) {
  DeviceMobility& device = devices_.at(device_index);
  const std::string& name = device_name(device_index);
  const std::string serial(headset);
  if (!settings_.headset_sign_in) {
    core_.record(TraceKind::Headset, {.about = TraceAbout::Device, .device = name, .note = serial + " connected: headset-based sign-in is off"});
    return;
  }
  UserIndex user = kNoIndex;
  // Only users with a known headset can own one (an empty serial is nobody's).
  for (const auto& [i, spec] : users_.entries()) {
    if (!spec.headset.empty() && spec.headset == serial) user = i;
  }
  DeviceHeadset& state = device.headset.edit();
  state.serial = serial;
  if (user == kNoIndex) {
    state.user = kNoIndex;
    core_.record(TraceKind::Headset, {.about = TraceAbout::Device, .device = name, .note = serial + " connected: not a known headset, no sign-in"});
    return;
  }
  state.user = user;
  state.pin = std::string(pin);
  if (state.logout_timer.pending() && device.user == user) {
    core_.cancel_timer(state.logout_timer);
    core_.record(TraceKind::Headset, {.about = TraceAbout::Device, .device = name, .note = serial + " (" + user_id(user) + ") reconnected: auto logout cancelled"});
    return;
  }
  if (device.user == user) {
    core_.record(TraceKind::Headset, {.about = TraceAbout::Device, .device = name, .note = serial + " (" + user_id(user) + ") connected: already logged in"});
    return;
  }
  core_.cancel_timer(state.sign_in_timer);
  core_.record(TraceKind::Headset, {.about = TraceAbout::Device, .device = name, .note = serial + " (" + user_id(user) + ") connected: sign-in in " + format_duration(settings_.headset_sign_in_us)});
  state.sign_in_timer =
      core_.schedule_timer(core_.now_us() + settings_.headset_sign_in_us, "headset sign-in", [this, device_index, user] {
        DeviceHeadset& signing = devices_[device_index].headset.edit();
        signing.sign_in_timer = {};
        if (settings_.headset_pin_required && users_[user].pin.empty()) {
          refuse(device_index, user, "headset sign-in needs a PIN and the user has none");
          return;
        }
        LoginRequest request;
        request.pin = signing.pin;
        request.pin_checked = !settings_.headset_pin_required;
        request.via = "headset " + signing.serial;
        login(device_index, user, request);
      });
}

void Mobility::headset_disconnected(DeviceIndex device_index) {
  DeviceMobility& device = devices_.at(device_index);
  const std::string& name = device_name(device_index);
  if (device.headset.get().serial.empty()) {
    core_.record(TraceKind::Ignored, {.about = TraceAbout::Device, .device = name, .note = "headset-disconnect: no headset is connected"});
    return;
  }
  DeviceHeadset& state = device.headset.edit();
  const std::string serial = state.serial;
  state.serial.clear();
  if (state.sign_in_timer.pending()) {
    core_.cancel_timer(state.sign_in_timer);
    core_.record(TraceKind::Headset, {.about = TraceAbout::Device, .device = name, .note = serial + " disconnected before sign-in: no login"});
    return;
  }
  const UserIndex user = state.user;
  if (user == kNoIndex || device.user != user || !settings_.headset_sign_in) {
    core_.record(TraceKind::Headset, {.about = TraceAbout::Device, .device = name, .note = serial + " disconnected"});
    return;
  }
  const TimeUs after_us = settings_.headset_auto_logout_us;
  core_.record(TraceKind::Headset, {.about = TraceAbout::Device, .device = name, .note = serial + " (" + user_id(user) + ") disconnected: auto logout in " + format_duration(after_us)});
  state.logout_timer = core_.schedule_timer(core_.now_us() + after_us, "headset auto logout", [this, device_index, after_us] {
    devices_[device_index].headset.edit().logout_timer = {};
    logout(device_index, "headset disconnected for " + format_duration(after_us));
  });
}

// ----------------------------------------------------------------------- queries

std::vector<DeviceIndex> Mobility::devices_of(UserIndex user) const {
  std::vector<DeviceIndex> devices;
  for (DeviceIndex i : devices_.indices()) {
    if (devices_[i].user == user) devices.push_back(i);
  }
  return devices;
}

UserIndex Mobility::remembered_user(DeviceIndex device) const {
  return settings_.remember_last_user ? devices_.at(device).last_user : kNoIndex;
}

const std::string& Mobility::user_id(UserIndex user) const { return core_.user(user).id; }
const std::string& Mobility::device_name(DeviceIndex device) const { return core_.devices().at(device).name; }

}  // namespace pbxsim
