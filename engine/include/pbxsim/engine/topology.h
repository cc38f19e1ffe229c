// The configuration a simulation starts from: users, devices, lines (DNs),
// appearances and external numbers. Plain data; scripting fills it from a
// scenario file and validate() reports what does not fit together.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "pbxsim/engine/boxed.h"
#include "pbxsim/engine/calendar.h"
#include "pbxsim/engine/groups.h"
#include "pbxsim/engine/pcm.h"
#include "pbxsim/engine/profiles.h"
#include "pbxsim/engine/target.h"
#include "pbxsim/engine/dial_rules.h"
#include "pbxsim/engine/time.h"
#include "pbxsim/engine/topology_features.h"

namespace pbxsim {

enum class DeviceKind : std::uint8_t { DeskPhone, SoftPhone, Mobile };
enum class DndMode : std::uint8_t { Off, RingerOff, Reject };
// Cisco's soft-phone mode (the client is the phone) or desk-phone mode (the
// client controls a desk phone). Other vendors ignore it.
enum class UserMode : std::uint8_t { SoftPhone, DeskPhone };

std::string_view device_kind_name(DeviceKind kind);
std::string_view dnd_mode_name(DndMode mode);
std::string_view user_mode_name(UserMode mode);
std::optional<DeviceKind> parse_device_kind(std::string_view text);
std::optional<DndMode> parse_dnd_mode(std::string_view text);
std::optional<UserMode> parse_user_mode(std::string_view text);

struct UserSpec {
  std::string id;  // as written; compared case-insensitively
  UserMode mode = UserMode::SoftPhone;
  // Boxed: most users of a large day set none of these, and carry one
  // pointer each instead of the empty values (get() reads the empty default).
  Boxed<UserProfileSpec> profiles;  // presence / client profiles (profiles.h)
  Boxed<UserMobilitySpec> mobility;  // device profiles, PIN, headset (EM-*)
  UserPresenceSpec presence{};   // licences, contacts, client (CUC-12 … CUC-19)
};

struct LineSpec {
  std::string number;
  Target forward_all;
  Target forward_busy;
  Target forward_no_answer;
  TimeUs no_answer_timeout_us = 12 * kUsPerSecond;
  int max_registrations = 0;  // 0: no limit
  std::string user;           // whose mode decides (Cisco); empty: the owner of its first
                              // soft phone, else of its first device with an owner
};

struct AppearanceSpec {
  std::string line;
  int max_calls = 4;
  int busy_trigger = 2;
};

struct RegistrationSpec {
  bool at_start = true;         // register every appearance at time 0
  TimeUs lifetime_us = 0;       // 0: never expires
};

struct DeviceSpec {
  std::string name;
  DeviceKind kind = DeviceKind::DeskPhone;
  std::string owner;                    // user id, may be empty
  std::vector<std::string> also_users;  // further associated users (a shared endpoint)
  std::vector<AppearanceSpec> appearances;
  RegistrationSpec registration;
  // Features (groups, profiles, PCM): see their headers.
  bool dee_main = false;   // a Dynamic Extension Express main device (PP-1)
  bool workplace = false;  // rings only for the user it is the workplace of (PAS-7)
  std::string user_agent;  // the SIP User-Agent it registers with (MS-5)
  std::string model;                 // product type, matched by device profiles (EM-8)
  bool extension_mobility = false;   // "Enable Extension Mobility" (EM-3)
  Boxed<PhoneConfig> config;         // its own settings, back after logout (EM-4, EM-9); most have none
  std::string device_name;           // Cisco device name; empty: derived or the key (CUC-1)
  std::string primary;               // adjunct licensing: the primary phone (CUC-11)
};

// A user's device profile, loaded onto a phone at login (EM-4, EM-8, CUC-8).
struct DeviceProfileSpec {
  std::string name;
  std::string user;
  std::string model;  // the product type it is for; empty: any
  std::vector<AppearanceSpec> appearances;
  PhoneConfig config;
};

// A number outside the PBX and what happens when a call reaches it.
struct ExternalSpec {
  enum class Behaviour : std::uint8_t { Answer, Busy, Unreachable, NoAnswer };
  std::string number;
  Behaviour behaviour = Behaviour::Answer;
};

struct Topology {
  std::vector<UserSpec> users;
  std::vector<DeviceSpec> devices;
  std::vector<LineSpec> lines;
  std::vector<ExternalSpec> externals;
  int hop_limit = 8;
  // Limits that turn a runaway simulation into an error instead of a hang:
  // events at one simulated instant (a feature that re-arms a zero-delay
  // timer never lets time pass), on top of 8 per user, device and
  // appearance (a large topology starts up at time 0), and events in the
  // whole run.
  int max_events_per_instant = 1'000'000;
  int max_events = 50'000'000;
  // MiB the run keeps for its results (KeptMemory); 0: the runner's limit
  // (pbxsim run --engine-kept-mib).
  int engine_kept_mib = 0;
  // Features, each described in its own header.
  std::vector<GroupSpec> groups;
  CallParkSpec call_park;
  std::vector<ProfileSpec> profiles;  // server-side (admin) profiles every user is offered
  ProfileRules profile_rules;         // the policy's profile rules and default profiles
  CalendarSpec calendar;
  PcmConfig pcm;
  std::vector<DeviceProfileSpec> device_profiles;
  MobilitySettings extension_mobility;
  DialPlan dialing;
  ProvisioningRules provisioning;
  LicenceSpec licences;
  DirectorySpec directory;
  std::vector<ServerSpec> servers;
  ClientTiming client_timing;
};

// A configuration problem. `path` names the field ("devices.desk.lines[1]")
// so the scenario loader can point at the line in the author's file.
struct TopologyError {
  std::string path;
  std::string message;
};

std::vector<TopologyError> validate(const Topology& topology);
// The checks of topology_features.h's sections; validate() calls it.
void validate_features(const Topology& topology, std::vector<TopologyError>& errors);
// The appearances of a device or of a device profile (`base`, "devices.desk"):
// each names a declared line, once, with max_calls and busy_trigger in range.
// `where` ends the duplicate message ("on device desk", "in the profile").
void validate_appearances(const std::vector<AppearanceSpec>& appearances, const std::string& base,
                          const std::string& where, const std::set<std::string>& line_numbers,
                          std::vector<TopologyError>& errors);

// User IDs are case-insensitive (EM-5); this is the key they compare by.
std::string user_key(std::string_view id);

}  // namespace pbxsim
