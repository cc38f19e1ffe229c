// Extension mobility / hot desking (EM-1 … EM-10, CUC-8): users log in to a
// phone, which then presents their device profile (lines, button template,
// speed dials, services, settings, calling restriction) instead of its own;
// at logout its own come back. Calls to the profile's DNs alert the phone
// only while the user is logged in there (the appearances really move).
//
// The API other mechanisms use (hot desking in a profile system, PP-8):
//   LoginResult r = pbx.mobility().login(device, user, LoginRequest{...});
//   pbx.mobility().logout(device, "reason");
//   pbx.mobility().add_listener([](const MobilityChange& change) { ... });
// Each login and logout is traced ("login", "logout", "login-refused").
// Timers (maximum login time, headset sign-in and auto-logout) go through
// the Pbx's event queue and are cancelled when they no longer apply.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "pbxsim/engine/boxed.h"
#include "pbxsim/engine/ids.h"
#include "pbxsim/engine/sparse_indexed.h"
#include "pbxsim/engine/timer.h"
#include "pbxsim/engine/topology.h"

namespace pbxsim {

class FeatureContext;

struct LoginRequest {
  std::string pin;             // what the user entered; checked when the user has a PIN
  std::string profile;         // a profile the user chose; empty: the one that fits the device
  bool inter_cluster = false;  // an inter-cluster login: that maximum login time applies
  bool pin_checked = false;    // the caller already authenticated the user (no PIN check)
  std::string via = "manual";  // how, for the trace: "manual", "headset", "hot desk" ...
};

struct LoginResult {
  bool ok = false;
  std::string reason;  // why it was refused
};

struct MobilityChange {
  enum class Kind : std::uint8_t { Login, Logout };
  Kind kind;
  DeviceIndex device;
  UserIndex user;
  std::string_view reason;  // a logout's cause; a login's "via"
};

// One per device of the topology, so kept small: the settings are pointers
// to shared copies, and only a device with extension mobility keeps its own
// lines (only a login replaces them).
// Headset-based sign-in on a device (EM-7).
struct DeviceHeadset {
  std::string serial;  // the connected headset's serial, or empty
  UserIndex user = kNoIndex;
  std::string pin;
  TimerHandle sign_in_timer;
  TimerHandle logout_timer;
};

struct DeviceMobility {
  std::vector<AppearanceSpec> own_lines;  // the device's own, back at logout; empty unless enabled
  const PhoneConfig* own_config = nullptr;  // its own settings (Mobility::own_configs_)
  TimeUs lifetime_us = 0;                 // registration lifetime of the device
  std::string model;
  bool enabled = false;                   // "Enable Extension Mobility"
  const PhoneConfig* config = nullptr;    // what it presents now: its own or the logged-in profile's
  UserIndex user = kNoIndex;                  // the user logged in, if any
  ProfileIndex profile = kNoIndex;               // index into the topology's device profiles
  UserIndex last_user = kNoIndex;             // the last user who logged in here
  TimeUs logged_in_at_us = -1;
  TimerHandle max_login_timer;
  Boxed<DeviceHeadset> headset;           // made when a headset first connects here
};

class Mobility {
 public:
  explicit Mobility(FeatureContext& core) : core_(core) {}
  void init(const Topology& topology);

  LoginResult login(DeviceIndex device, UserIndex user, const LoginRequest& request);
  // Returns false (and traces it) when nobody is logged in to the device.
  bool logout(DeviceIndex device, std::string_view reason);
  void headset_connected(DeviceIndex device, std::string_view headset, std::string_view pin);
  void headset_disconnected(DeviceIndex device);
  void add_listener(std::function<void(const MobilityChange&)> listener);

  const DeviceMobility& device(DeviceIndex device) const { return devices_.at(device); }
  UserIndex logged_in_user(DeviceIndex device) const { return devices_.at(device).user; }
  std::vector<DeviceIndex> devices_of(UserIndex user) const;  // where the user is logged in
  const DeviceProfileSpec& profile(ProfileIndex profile) const { return profiles_.at(profile); }
  // The last user logged in to the device, when the site remembers it (EM-6).
  UserIndex remembered_user(DeviceIndex device) const;
  CallingRestriction restriction(DeviceIndex device) const { return devices_.at(device).config->restriction; }
  const MobilitySettings& settings() const { return settings_; }

 private:
  std::optional<ProfileIndex> choose_profile(DeviceIndex device, UserIndex user, const std::string& wanted, std::string* why) const;
  void refuse(DeviceIndex device, UserIndex user, const std::string& why);
  void notify(MobilityChange::Kind kind, DeviceIndex device, UserIndex user, std::string_view reason);
  void cancel_headset_timers(DeviceMobility& device);
  const std::string& user_id(UserIndex user) const;
  const std::string& device_name(DeviceIndex device) const;

  FeatureContext& core_;
  MobilitySettings settings_;
  IndexedVector<ProfileIndex, DeviceProfileSpec> profiles_;  // fixed after init: a device's config may point into it
  std::deque<PhoneConfig> own_configs_;       // the devices' own settings, each distinct one once
  SparseIndexed<UserIndex, UserMobilitySpec> users_;  // the users that set any of it
  IndexedVector<DeviceIndex, DeviceMobility> devices_;
  std::vector<std::function<void(const MobilityChange&)>> listeners_;
};

}  // namespace pbxsim
