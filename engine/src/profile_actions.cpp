// Action chains (PAS-7, PAS-8): each action is a real change of the model
// that later calls observe — a redirect sets the line's forward-all, a team
// pause takes the member out of group calls, FollowMe switches endpoints.
#include <algorithm>

#include "pbxsim/engine/group_calls.h"
#include "pbxsim/engine/profile_service.h"

namespace pbxsim {
namespace {

std::string_view kind_word(DeviceKind kind) {
  switch (kind) {
    case DeviceKind::DeskPhone: return "desk";
    case DeviceKind::SoftPhone: return "softphone";
    case DeviceKind::Mobile: return "mobile";
  }
  return "desk";
}

// FollowMe endpoints: "all", "none", a kind (desk, softphone, mobile or
// external) or a device name.
bool endpoint_selected(const std::vector<std::string>& endpoints, const DeviceState& device) {
  for (const std::string& endpoint : endpoints) {
    if (endpoint == "all" || endpoint == device.name || endpoint == kind_word(device.kind)) return true;
    if (endpoint == "external" && device.kind == DeviceKind::Mobile) return true;
  }
  return false;
}

}  // namespace

void ProfileService::run_chain(UserIndex user, const std::string& profile, bool enter, const std::string& cause) {
  const Entry* entry = find(user, profile);
  if (entry == nullptr) return;
  // A copy: an action may not change the book, but the chain must not depend on that.
  const std::vector<ProfileAction> chain = enter ? entry->spec.enter : entry->spec.leave;
  for (std::size_t i = 0; i < chain.size(); ++i) {
    core_.record(TraceKind::ProfileAction, {.about = TraceAbout::User, .user = core_.user(user).id, .note = std::string(enter ? "enter '" : "leave '") + profile + "' " + std::to_string(i + 1) + "/" +
                    std::to_string(chain.size()) + ": " + chain[i].describe() + " (" + cause + ")"});
    run_action(user, chain[i], "profile '" + profile + "'");
  }
}

void ProfileService::run_action(UserIndex user, const ProfileAction& action, const std::string& cause) {
  UserProfiles& state = users_[user];
  UserState& person = core_.user(user);
  auto ignored = [&](const std::string& why) {
    core_.record(TraceKind::Ignored, {.about = TraceAbout::User, .user = person.id, .note = action.describe() + ": " + why});
  };
  auto team_change = [&](MemberChange change) {
    const std::optional<GroupIndex> group = core_.groups().find(action.arguments.at(0));
    const std::vector<MemberIndex> members = group ? core_.groups().members_matching(*group, person.id) : std::vector<MemberIndex>{};
    if (members.empty()) {
      ignored(person.id + " is not a member of " + action.arguments.at(0));
      return;
    }
    for (MemberIndex member : members) core_.groups().change_member(*group, member, change, cause);
  };
  switch (action.kind) {
    case ProfileActionKind::FollowMe:
      // PAS-1: Available activates every endpoint of the user, DND none.
      for (DeviceIndex device : person.devices) {
        if (core_.device(device).workplace) continue;  // governed by set/unset workplace
        const bool none = std::find(action.arguments.begin(), action.arguments.end(), "none") != action.arguments.end();
        set_active(device, !none && endpoint_selected(action.arguments, core_.device(device)), cause);
      }
      return;
    case ProfileActionKind::Gsm: {
      const bool on = action.arguments.at(0) == "on";
      if (person.gsm == on) return;
      person.gsm = on;
      core_.record(TraceKind::Setting, {.about = TraceAbout::User, .user = person.id, .reason = "gsm", .target = on ? "on" : "off", .note = std::string("gsm ") + (on ? "on" : "off") + " (" + cause + ")"});
      return;
    }
    case ProfileActionKind::TeamLogin: team_change(MemberChange::LogIn); return;
    case ProfileActionKind::TeamLogout: team_change(MemberChange::LogOut); return;
    case ProfileActionKind::TeamPause: team_change(MemberChange::Pause); return;
    case ProfileActionKind::TeamUnpause: team_change(MemberChange::Unpause); return;
    case ProfileActionKind::SetWorkplace: {
      const DeviceIndex device = core_.find_device(action.arguments.at(0)).value();
      DeviceState& workplace = core_.device(device);
      if (workplace.workplace_user == user) return;
      workplace.workplace_user = user;
      core_.record(TraceKind::Setting, {.about = TraceAbout::Device, .device = workplace.name, .user = person.id, .reason = "workplace", .target = "on", .note = "workplace of " + person.id + " (" + cause + ")"});
      return;
    }
    case ProfileActionKind::UnsetWorkplace:
      for (DeviceIndex index : core_.devices().indices()) {
        DeviceState& device = core_.device(index);
        if (device.workplace_user != user) continue;
        device.workplace_user = kNoIndex;
        core_.record(TraceKind::Setting, {.about = TraceAbout::Device, .device = device.name, .user = person.id, .reason = "workplace", .target = "off", .note = "no longer the workplace of " + person.id + " (" + cause + ")"});
      }
      return;
    case ProfileActionKind::SetRedirect:
      if (state.primary_line == kNoIndex) return ignored(person.id + " has no line to redirect");
      set_forward(state.primary_line, parse_target_text(action.arguments.at(0)), cause);
      return;
    case ProfileActionKind::UnsetRedirect:
      if (state.primary_line == kNoIndex) return ignored(person.id + " has no line to redirect");
      set_forward(state.primary_line, configured_cfa_[state.primary_line], cause);
      return;
  }
}

}  // namespace pbxsim
