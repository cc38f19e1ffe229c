// Profiles as configured: what a user can switch between to change how they
// are reached. One mechanism serves two styles of system:
// - declarative settings (DEE presence profiles, PP-*): which destinations are
//   active, DND, forward immediate, group calls; applied as a whole and
//   compared with the devices' actual state;
// - action chains (pascom client profiles, PAS-*): enter and leave lists of
//   actions run in order, plus timed and Teams-meeting triggers.
// The runtime (selection, triggers, chains, mismatch alerts) is in
// profile_service.h; the vendor rules come from the policy (ProfileRules and
// the profile_change hook).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pbxsim/engine/calendar.h"
#include "pbxsim/engine/target.h"
#include "pbxsim/engine/time.h"

namespace pbxsim {

struct Topology;
struct TopologyError;

// PAS-7: the actions a chain is made of.
enum class ProfileActionKind : std::uint8_t {
  FollowMe,        // which of the user's endpoints ring: "all", "none", kinds or device names
  Gsm,             // GSM mode on or off: the mobile is reached over the mobile network
  TeamLogin,       // team name
  TeamLogout,
  TeamPause,
  TeamUnpause,
  SetWorkplace,    // a workplace device
  UnsetWorkplace,
  SetRedirect,     // a target: DN, external number or voicemail
  UnsetRedirect,
};
std::string_view profile_action_name(ProfileActionKind kind);  // "team_pause"
std::optional<ProfileActionKind> parse_profile_action(std::string_view text);

struct ProfileAction {
  ProfileActionKind kind = ProfileActionKind::FollowMe;
  std::vector<std::string> arguments;
  std::string describe() const;  // "team_pause support"
};

struct ProfileTrigger {
  enum class Kind : std::uint8_t { Timed, Teams };
  Kind kind = Kind::Timed;
  TimeUs time_of_day_us = 0;
  WeekdayMask days = 0;                 // repeat on these weekdays; 0: once
  std::optional<std::int64_t> date;     // once, on this civil date (needs a calendar date)
  bool deactivate = false;              // leave the profile (back to the one before) instead
  std::string describe() const;         // "at 12:00 on Mon-Fri", "Teams meeting"
};

// Declarative settings; a field left unset is not touched by the profile.
struct ProfileSettings {
  std::optional<std::vector<std::string>> destinations;  // active: desk, softphone, external, voicemail
  std::optional<bool> dnd;
  bool dnd_prompt = false;            // the user is asked at selection (the answer overrides dnd)
  std::optional<Target> forward;      // forward immediate; Target::none(): no forwarding
  bool forward_prompt = false;        // the destination is asked for at selection
  std::optional<bool> group_calls;    // member of its (UCD) groups, with their pickups, or not
  bool any() const { return destinations || dnd || forward || group_calls || forward_prompt; }
};

struct ProfileSpec {
  std::string name;
  std::string color;
  std::string icon;
  bool icon_visible = true;
  bool sticky = false;  // triggers do not switch away from it (PAS-6)
  bool system = false;  // cannot be deleted (PAS-1)
  std::vector<std::string> roles;  // offered to users with one of these roles; empty or "All": everyone
  ProfileSettings settings;
  std::vector<ProfileAction> enter;
  std::vector<ProfileAction> leave;
  std::vector<ProfileTrigger> triggers;
};

// A user's profile options (DEE's client profile, pascom's roles).
struct UserProfileSpec {
  std::vector<std::string> roles;
  bool presence_profiles = false;                // DEE "Enable Presence Profiles" (PP-1)
  bool disable_dee_ucd_when_logged_out = false;  // DEE hot-desk option (PP-8)
  std::string primary;  // the primary extension, a device; empty: the user's first own device
  std::string initial;  // the profile selected at start; empty: the policy's
  std::vector<ProfileSpec> personal;  // the user's own profiles
};

// The policy's part: default profiles and the rules that differ by vendor.
struct ProfileRules {
  std::vector<ProfileSpec> defaults;  // every user starts with a copy of each
  std::string initial;                // selected at start when the user names none
  std::string fallback;               // selected when an admin deletes a user's selected profile
  TimeUs teams_delay_min_us = 5 * kUsPerSecond;   // PAS-5 synchronisation delay
  TimeUs teams_delay_max_us = 10 * kUsPerSecond;
  bool leave_before_enter = true;      // PAS-8: old profile's leave chain before the new one's enter chain
  bool mismatch_alerts = false;        // PP-6: alert when the devices differ from the profile
  bool apply_on_phone_manager = false; // PP-5/7: a Phone Manager connect is an event that applies the profile
  bool apply_on_login = false;         // PP-5/8: a hot-desk (extension-mobility) login applies the profile
  bool hot_desk_option = false;        // PP-8: honour disable_dee_ucd_when_logged_out
};

// Who is offered a profile: "All" (or no roles) is everyone.
bool profile_offered_to(const ProfileSpec& profile, const std::vector<std::string>& user_roles);

// Appends what does not fit together (unknown teams, devices or targets in
// actions, dated triggers without a calendar date, duplicate names ...).
void validate_profiles(const Topology& topology, std::vector<TopologyError>& errors);

}  // namespace pbxsim
