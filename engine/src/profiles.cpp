// Profile configuration: action and trigger names, who a profile is offered
// to, and validation. Sections: names · validation.
#include "pbxsim/engine/profiles.h"

#include <array>
#include <set>

#include "pbxsim/engine/topology.h"

namespace pbxsim {
namespace {

struct ActionName {
  ProfileActionKind kind;
  std::string_view name;
};

constexpr std::array<ActionName, 10> kActionNames{{
    {ProfileActionKind::FollowMe, "followme"},
    {ProfileActionKind::Gsm, "gsm"},
    {ProfileActionKind::TeamLogin, "team_login"},
    {ProfileActionKind::TeamLogout, "team_logout"},
    {ProfileActionKind::TeamPause, "team_pause"},
    {ProfileActionKind::TeamUnpause, "team_unpause"},
    {ProfileActionKind::SetWorkplace, "set_workplace"},
    {ProfileActionKind::UnsetWorkplace, "unset_workplace"},
    {ProfileActionKind::SetRedirect, "set_redirect"},
    {ProfileActionKind::UnsetRedirect, "unset_redirect"},
}};

constexpr std::array<std::string_view, 5> kDestinations = {"desk", "softphone", "external", "mobile", "voicemail"};

std::string days_text(WeekdayMask days) {
  if (days == kEveryDay) return "every day";
  if (days == kWorkdays) return "Mon-Fri";
  std::string text;
  for (int day = 0; day < 7; ++day) {
    if ((days & (1u << day)) != 0) text += (text.empty() ? "" : ",") + std::string(weekday_name(day));
  }
  return text;
}

}  // namespace

// ------------------------------------------------------------------------ names

std::string_view profile_action_name(ProfileActionKind kind) {
  for (const ActionName& entry : kActionNames) {
    if (entry.kind == kind) return entry.name;
  }
  return "followme";
}

std::optional<ProfileActionKind> parse_profile_action(std::string_view text) {
  for (const ActionName& entry : kActionNames) {
    if (entry.name == text) return entry.kind;
  }
  return std::nullopt;
}

std::string ProfileAction::describe() const {
  std::string text(profile_action_name(kind));
  for (const std::string& argument : arguments) text += " " + argument;
  return text;
}

std::string ProfileTrigger::describe() const {
  if (kind == Kind::Teams) return "Teams meeting";
  std::string text = (deactivate ? "leave at " : "at ") + format_time_of_day(time_of_day_us);
  if (date) text += " on " + format_date(*date);
  else if (days != 0) text += " on " + days_text(days);
  else text += " once";
  return text;
}

bool profile_offered_to(const ProfileSpec& profile, const std::vector<std::string>& user_roles) {
  if (profile.roles.empty()) return true;
  for (const std::string& role : profile.roles) {
    if (role == "All") return true;
    for (const std::string& mine : user_roles) {
      if (mine == role) return true;
    }
  }
  return false;
}

// ------------------------------------------------------------------- validation

namespace {

struct ProfileChecker {
  const Topology& topology;
  std::vector<TopologyError>& errors;
  std::set<std::string> lines;
  std::set<std::string> devices;
  std::set<std::string> workplaces;
  std::set<std::string> groups;

  void report(std::string path, std::string message) { errors.push_back({std::move(path), std::move(message)}); }

  void check_target(const Target& target, const std::string& path) {
    if (target.kind == Target::Kind::Line && !lines.count(target.number)) {
      report(path, "'" + target.number + "' is not a line of this topology (a DN, \"voicemail\" or \"+...\")");
    }
  }

  void check_arguments(const ProfileAction& action, const std::string& path, std::size_t wanted, const char* what) {
    if (action.arguments.size() != wanted) {
      report(path, std::string(profile_action_name(action.kind)) + " takes " + what);
    }
  }

  void check_action(const ProfileAction& action, const std::string& path) {
    switch (action.kind) {
      case ProfileActionKind::FollowMe:
        if (action.arguments.empty()) report(path, "followme needs endpoints: \"all\", \"none\", kinds or device names");
        for (const std::string& endpoint : action.arguments) {
          const bool known = endpoint == "all" || endpoint == "none" || endpoint == "desk" || endpoint == "softphone" ||
                             endpoint == "mobile" || endpoint == "external" || devices.count(endpoint);
          if (!known) {
            report(path, "followme: unknown endpoint '" + endpoint +
                             "' (all, none, desk, softphone, mobile, or a device name)");
          }
        }
        return;
      case ProfileActionKind::Gsm:
        check_arguments(action, path, 1, "\"on\" or \"off\"");
        if (action.arguments.size() == 1 && action.arguments[0] != "on" && action.arguments[0] != "off") {
          report(path, "gsm takes \"on\" or \"off\", not '" + action.arguments[0] + "'");
        }
        return;
      case ProfileActionKind::TeamLogin:
      case ProfileActionKind::TeamLogout:
      case ProfileActionKind::TeamPause:
      case ProfileActionKind::TeamUnpause:
        check_arguments(action, path, 1, "a team (group) name");
        if (action.arguments.size() == 1 && !groups.count(action.arguments[0])) {
          report(path, "unknown team '" + action.arguments[0] + "' (declare it under groups)");
        }
        return;
      case ProfileActionKind::SetWorkplace:
        check_arguments(action, path, 1, "a workplace device");
        if (action.arguments.size() == 1 && !workplaces.count(action.arguments[0])) {
          report(path, "'" + action.arguments[0] + "' is not a workplace device (declare it with workplace = true)");
        }
        return;
      case ProfileActionKind::SetRedirect:
        check_arguments(action, path, 1, "a redirect number");
        if (action.arguments.size() == 1) check_target(parse_target_text(action.arguments[0]), path);
        return;
      case ProfileActionKind::UnsetWorkplace:
      case ProfileActionKind::UnsetRedirect:
        check_arguments(action, path, 0, "no arguments");
        return;
    }
  }

  void check_profile(const ProfileSpec& profile, const std::string& base) {
    if (profile.name.empty()) report(base, "a profile needs a name");
    if (profile.settings.destinations) {
      for (const std::string& destination : *profile.settings.destinations) {
        bool known = false;
        for (std::string_view name : kDestinations) known = known || destination == name;
        if (!known) {
          report(base + ".destinations", "unknown destination '" + destination +
                                             "' (desk, softphone, external, voicemail)");
        }
      }
    }
    if (profile.settings.forward) check_target(*profile.settings.forward, base + ".forward");
    for (std::size_t i = 0; i < profile.enter.size(); ++i) {
      check_action(profile.enter[i], base + ".enter[" + std::to_string(i + 1) + "]");
    }
    for (std::size_t i = 0; i < profile.leave.size(); ++i) {
      check_action(profile.leave[i], base + ".leave[" + std::to_string(i + 1) + "]");
    }
    for (std::size_t i = 0; i < profile.triggers.size(); ++i) {
      const ProfileTrigger& trigger = profile.triggers[i];
      if (trigger.date && !topology.calendar.start_day) {
        report(base + ".triggers[" + std::to_string(i + 1) + "]",
               "a trigger on a date needs a calendar with a date (calendar = { start = \"2024-05-06 08:00\" })");
      }
    }
  }
};

}  // namespace

void validate_profiles(const Topology& topology, std::vector<TopologyError>& errors) {
  ProfileChecker checker{topology, errors, {}, {}, {}, {}};
  for (const LineSpec& line : topology.lines) checker.lines.insert(line.number);
  for (const DeviceSpec& device : topology.devices) {
    checker.devices.insert(device.name);
    if (device.workplace) checker.workplaces.insert(device.name);
  }
  for (const GroupSpec& group : topology.groups) checker.groups.insert(group.name);

  std::set<std::string> shared;
  for (const ProfileSpec& profile : topology.profile_rules.defaults) {
    checker.check_profile(profile, "policy profile '" + profile.name + "'");
    shared.insert(profile.name);
  }
  for (const ProfileSpec& profile : topology.profiles) {
    const std::string base = "profiles." + profile.name;
    checker.check_profile(profile, base);
    if (!shared.insert(profile.name).second) {
      checker.report(base, "profile '" + profile.name + "' already exists (the policy's defaults: see sim:user(id).profiles)");
    }
  }
  for (const UserSpec& user : topology.users) {
    const std::string base = "users." + user.id;
    std::set<std::string> names = shared;
    for (const ProfileSpec& profile : user.profiles.get().personal) {
      const std::string path = base + ".profiles." + profile.name;
      checker.check_profile(profile, path);
      if (!names.insert(profile.name).second) checker.report(path, "user " + user.id + " has two profiles named '" + profile.name + "'");
    }
    if (!user.profiles.get().primary.empty() && !checker.devices.count(user.profiles.get().primary)) {
      checker.report(base + ".primary", "unknown device '" + user.profiles.get().primary + "' (declare it under devices)");
    }
    if (!user.profiles.get().initial.empty() && !names.count(user.profiles.get().initial)) {
      checker.report(base + ".profile", "user " + user.id + " has no profile named '" + user.profiles.get().initial + "'");
    }
  }
}

}  // namespace pbxsim
