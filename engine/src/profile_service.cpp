// Sections: construction and start · the policy's say · selection and
// switching · the book (add, edit, delete) · settings · mismatches (PP-6) ·
// Phone Manager (PP-7) · hot desk (PP-8) · model changes.
#include "pbxsim/engine/profile_service.h"

#include <algorithm>
#include <cassert>
#include <utility>

#include "pbxsim/engine/group_calls.h"
#include "pbxsim/engine/mobility.h"
#include "pbxsim/engine/trace_text.h"

namespace pbxsim {
namespace {

std::string quoted(std::string_view name) { return "'" + std::string(name) + "'"; }

bool listed(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

template <typename Indexes, typename Item>
bool listed_index(const Indexes& list, Item item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// DEE destinations by device kind: desk, softphone, external (mobile).
bool destination_active(const std::vector<std::string>& destinations, DeviceKind kind) {
  switch (kind) {
    case DeviceKind::DeskPhone: return listed(destinations, "desk");
    case DeviceKind::SoftPhone: return listed(destinations, "softphone");
    case DeviceKind::Mobile: return listed(destinations, "external") || listed(destinations, "mobile");
  }
  return false;
}

void copy_field(ProfileSpec& into, const ProfileSpec& from, std::string_view field) {
  if (field == "destinations") into.settings.destinations = from.settings.destinations;
  else if (field == "dnd") into.settings.dnd = from.settings.dnd;
  else if (field == "dnd_prompt") into.settings.dnd_prompt = from.settings.dnd_prompt;
  else if (field == "forward") into.settings.forward = from.settings.forward;
  else if (field == "forward_prompt") into.settings.forward_prompt = from.settings.forward_prompt;
  else if (field == "group_calls") into.settings.group_calls = from.settings.group_calls;
  else if (field == "sticky") into.sticky = from.sticky;
  else if (field == "color") into.color = from.color;
  else if (field == "icon") into.icon = from.icon;
  else if (field == "icon_visible") into.icon_visible = from.icon_visible;
  else if (field == "roles") into.roles = from.roles;
  else if (field == "enter") into.enter = from.enter;
  else if (field == "leave") into.leave = from.leave;
  else if (field == "triggers") into.triggers = from.triggers;
  else assert(false && "ProfileEdit names a field copy_field does not know: add it here");
}

std::string edited_fields(const ProfileEdit& edit) {
  std::string text;
  for (const std::string& field : edit.fields) text += (text.empty() ? "" : ", ") + field;
  return text;
}

}  // namespace

// ---------------------------------------------------------- construction and start

ProfileService::ProfileService(FeatureContext& core, const Topology& topology) : core_(core), rules_(topology.profile_rules) {
  dee_main_.reserve(topology.devices.size());
  users_.reserve(topology.users.size());
  for (const DeviceSpec& device : topology.devices) dee_main_.push_back(device.dee_main);
  for (LineIndex line : core_.lines().indices()) {  // as configured: no profile has run yet
    const Target& forward_all = core_.line(line).spec.forward_all;
    if (forward_all.is_set()) configured_cfa_.set(line, forward_all);
  }
  auto common = std::make_shared<std::vector<Entry>>();
  for (const ProfileSpec& profile : rules_.defaults) common->push_back({profile, Origin::Default});
  for (const ProfileSpec& profile : topology.profiles) common->push_back({profile, Origin::Shared});
  for (std::size_t position = 0; position < topology.users.size(); ++position) {
    const UserSpec& spec = topology.users[position];
    const UserIndex u = UserIndex::at(position);
    const UserProfileSpec& options = spec.profiles.get();
    if (!options.roles.empty() || options.presence_profiles || options.disable_dee_ucd_when_logged_out ||
        !options.primary.empty() || !options.initial.empty() || !options.personal.empty()) {
      user_specs_.set(u, options);  // most users set none: they read the default
    }
    UserProfiles state(Book{common});
    if (!options.personal.empty()) {
      std::vector<Entry>& own = state.book.edit();
      for (const ProfileSpec& profile : options.personal) own.push_back({profile, Origin::Personal});
    }
    // The primary extension: the named device, else the user's first own device that is not a workplace.
    if (!options.primary.empty()) {
      state.primary_device = core_.find_device(options.primary).value();
    } else {
      for (DeviceIndex device : core_.user(u).devices) {
        if (core_.device(device).owner == u && !core_.device(device).workplace) {
          state.primary_device = device;
          break;
        }
      }
    }
    if (state.primary_device != kNoIndex && !core_.device(state.primary_device).appearances.empty()) {
      state.primary_line = core_.appearances()[core_.device(state.primary_device).appearances.front()].line;
    } else {
      for (LineIndex line : core_.lines().indices()) {
        if (core_.line(line).user == u) {
          state.primary_line = line;
          break;
        }
      }
    }
    users_.push_back(std::move(state));
  }
  core_.schedule_timer(0, "profiles start", [this] { start(); });
  // Hot desking is extension mobility: its logins and logouts drive PP-8.
  core_.mobility().add_listener([this](const MobilityChange& change) {
    hot_desk_changed(change.device, change.kind == MobilityChange::Kind::Login);
  });
}

void ProfileService::start() {
  for (UserIndex u : users_.indices()) {
    const UserIndex user = u;
    if (users_[u].book.empty()) continue;
    const std::string initial = !user_specs_[u].initial.empty() ? user_specs_[u].initial : rules_.initial;
    if (!initial.empty() && find(user, initial) != nullptr) {
      const ProfileChangeDecision decision = decide("select", "start", "", user, initial);
      if (decision.allowed) switch_to(user, initial, "start");
      else refuse(user, "select " + quoted(initial), decision.reason);
    }
    schedule_triggers(user);
  }
}

const ProfileService::Entry* ProfileService::find(UserIndex user, std::string_view name) const {
  for (const Entry& entry : users_[user].book) {
    if (entry.spec.name == name) return &entry;
  }
  return nullptr;
}

ProfileService::Entry* ProfileService::find_mutable(UserIndex user, std::string_view name) {
  for (Entry& entry : users_[user].book.edit()) {  // the user's own copy: the caller changes it
    if (entry.spec.name == name) return &entry;
  }
  return nullptr;
}

bool ProfileService::offered(UserIndex user, const ProfileSpec& profile) const {
  return profile_offered_to(profile, user_specs_[user].roles);
}

// ------------------------------------------------------------ the policy's say

ProfileChangeDecision ProfileService::decide(std::string_view change, std::string_view by, std::string_view trigger,
                                             std::optional<UserIndex> user, const std::string& profile) {
  static const std::vector<std::string> kNoRoles;
  ProfileChangeFacts facts{change, by, trigger, {}, profile, {}, false, false, false, false, false, false,
                           &kNoRoles, false, false};
  if (user) {
    const UserProfiles& state = users_[*user];
    facts.user = core_.user(*user).id;
    facts.current = state.selected;
    if (const Entry* current = find(*user, state.selected)) facts.current_sticky = current->spec.sticky;
    if (const Entry* entry = find(*user, profile)) {
      facts.profile_exists = true;
      facts.profile_system = entry->spec.system;
      facts.profile_personal = entry->origin == Origin::Personal;
      facts.profile_offered = offered(*user, entry->spec);
    }
    facts.profile_selected = state.selected == profile && !profile.empty();
    facts.user_roles = &user_specs_[*user].roles;
    facts.presence_profiles = user_specs_[*user].presence_profiles;
    facts.primary_is_dee_main = state.primary_device != kNoIndex && dee_main_[state.primary_device];
  } else {
    // An administrator's change of a server-side profile: it exists if any user has it.
    for (UserIndex u : users_.indices()) {
      if (const Entry* entry = find(u, profile); entry != nullptr && entry->origin != Origin::Personal) {
        facts.profile_exists = true;
        facts.profile_system = entry->spec.system;
        facts.profile_offered = true;
        facts.profile_selected = facts.profile_selected || users_[u].selected == profile;
      }
    }
  }
  return core_.policy().decide_profile_change(facts);
}

void ProfileService::refuse(std::optional<UserIndex> user, const std::string& what, const std::string& reason) {
  core_.record(TraceKind::ProfileRefused, {.about = user ? TraceAbout::User : TraceAbout::Admin, .user = user ? std::string_view(core_.user(*user).id) : std::string_view(), .note = what + ": " + (reason.empty() ? "refused by the policy" : reason)});
}

// --------------------------------------------------------- selection and switching

void ProfileService::select(UserIndex user, const std::string& name, const ProfilePrompts& prompts) {
  const Entry* entry = find(user, name);
  if (entry == nullptr) {
    std::string names;
    for (const Entry& each : users_[user].book) names += (names.empty() ? "" : ", ") + each.spec.name;
    refuse(user, "select " + quoted(name), "no such profile (profiles: " + (names.empty() ? "none" : names) + ")");
    return;
  }
  const ProfileChangeDecision decision = decide("select", "user", "", user, name);
  if (!decision.allowed) {
    refuse(user, "select " + quoted(name), decision.reason);
    return;
  }
  const ProfileSettings& settings = entry->spec.settings;
  if (settings.forward_prompt && !prompts.forward && !settings.forward) {
    refuse(user, "select " + quoted(name),
           "the profile asks for a forward destination at selection: give it, e.g. { forward = \"+4930123\" }");
    return;
  }
  UserProfiles& state = users_[user];
  state.answers = {};
  if (settings.dnd_prompt) state.answers.edit().dnd = prompts.dnd;
  if (settings.forward_prompt) state.answers.edit().forward = prompts.forward;
  switch_to(user, name, "user");
}

void ProfileService::switch_to(UserIndex user, const std::string& name, const std::string& cause) {
  UserProfiles& state = users_[user];
  const std::string old = state.selected;
  const std::string& id = core_.user(user).id;
  if (old == name) {
    // Selecting the selected profile again is a CTI event: its settings are re-applied (PP-5).
    core_.record(TraceKind::Profile, {.about = TraceAbout::User, .user = id, .reason = "selected", .target = name, .note = quoted(name) + " selected again (" + cause + "): settings re-applied"});
    apply_settings(user, "profile " + quoted(name));
    check_mismatch(user);
    return;
  }
  TraceText selected;
  selected << "'" << name << "' selected (" << cause << ")";
  if (!old.empty()) selected << ", was '" << old << "'";
  core_.record(TraceKind::Profile, {.about = TraceAbout::User, .user = id, .reason = "selected", .target = name, .note = selected.view()});
  const bool has_old = !old.empty() && find(user, old) != nullptr;
  if (has_old && rules_.leave_before_enter) run_chain(user, old, false, cause);
  state.previous = old;
  state.selected = name;
  apply_settings(user, "profile " + quoted(name));
  run_chain(user, name, true, cause);
  if (has_old && !rules_.leave_before_enter) run_chain(user, old, false, cause);
  check_mismatch(user);
}

// ----------------------------------------------------- the book (add, edit, delete)

void ProfileService::add(std::optional<UserIndex> user, const ProfileSpec& profile) {
  const ProfileChangeDecision decision = decide("add", user ? "user" : "admin", "", user, profile.name);
  if (!decision.allowed) {
    refuse(user, "add " + quoted(profile.name), decision.reason);
    return;
  }
  std::vector<UserIndex> owners;
  if (user) owners.push_back(*user);
  else for (UserIndex u : users_.indices()) owners.push_back(u);
  for (UserIndex owner : owners) {
    if (find(owner, profile.name) != nullptr) {
      refuse(user, "add " + quoted(profile.name), "a profile of that name exists already for " + core_.user(owner).id);
      return;
    }
  }
  for (UserIndex owner : owners) {
    users_[owner].book.edit().push_back({profile, user ? Origin::Personal : Origin::Shared});
    schedule_triggers(owner);
  }
  // PAS-9: a saved profile is usable at once.
  core_.record(TraceKind::Profile, {.about = user ? TraceAbout::User : TraceAbout::Admin, .user = user ? std::string_view(core_.user(*user).id) : std::string_view(), .reason = "added", .target = profile.name, .note = quoted(profile.name) + " added" + (user ? "" : " for every user")});
}

void ProfileService::edit(std::optional<UserIndex> user, const std::string& name, const ProfileEdit& edit) {
  const ProfileChangeDecision decision = decide("edit", user ? "user" : "admin", "", user, name);
  std::vector<UserIndex> owners;
  for (UserIndex u : users_.indices()) {
    const Entry* entry = find(u, name);
    if (entry == nullptr) continue;
    if (user ? u == *user : entry->origin != Origin::Personal) owners.push_back(u);
  }
  if (owners.empty()) {
    refuse(user, "edit " + quoted(name), "no such profile");
    return;
  }
  if (!decision.allowed) {
    refuse(user, "edit " + quoted(name), decision.reason);
    return;
  }
  core_.record(TraceKind::Profile, {.about = user ? TraceAbout::User : TraceAbout::Admin, .user = user ? std::string_view(core_.user(*user).id) : std::string_view(), .reason = "edited", .target = name, .note = quoted(name) + " edited: " + edited_fields(edit)});
  for (UserIndex owner : owners) {
    Entry& entry = *find_mutable(owner, name);
    for (const std::string& field : edit.fields) copy_field(entry.spec, edit.values, field);
    // An edited value replaces the answer given at selection.
    if (users_[owner].selected == name) {
      if (listed(edit.fields, "dnd")) users_[owner].answers.edit().dnd.reset();
      if (listed(edit.fields, "forward")) users_[owner].answers.edit().forward.reset();
    }
    if (listed(edit.fields, "triggers")) {
      std::erase_if(users_[owner].fired_once.edit(), [&](const auto& fired) { return fired.first == name; });
      schedule_triggers(owner);
    }
    // PP-4: an edit of the selected profile takes effect at once (a CTI event).
    if (users_[owner].selected == name) {
      apply_settings(owner, "profile " + quoted(name) + " edited");
      check_mismatch(owner);
    }
  }
}

void ProfileService::remove(std::optional<UserIndex> user, const std::string& name) {
  std::vector<UserIndex> owners;
  for (UserIndex u : users_.indices()) {
    const Entry* entry = find(u, name);
    if (entry == nullptr) continue;
    if (user ? u == *user : entry->origin != Origin::Personal) owners.push_back(u);
  }
  if (owners.empty()) {
    refuse(user, "delete " + quoted(name), "no such profile");
    return;
  }
  const ProfileChangeDecision decision = decide("delete", user ? "user" : "admin", "", user, name);
  if (!decision.allowed) {
    refuse(user, "delete " + quoted(name), decision.reason);
    return;
  }
  core_.record(TraceKind::Profile, {.about = user ? TraceAbout::User : TraceAbout::Admin, .user = user ? std::string_view(core_.user(*user).id) : std::string_view(), .reason = "deleted", .target = name, .note = quoted(name) + " deleted"});
  for (UserIndex owner : owners) {
    UserProfiles& state = users_[owner];
    if (state.selected == name) {
      // Allowed by the policy: the user falls back (pascom: to Available).
      const std::string fallback = rules_.fallback.empty() ? rules_.initial : rules_.fallback;
      if (!fallback.empty() && fallback != name && find(owner, fallback) != nullptr) {
        switch_to(owner, fallback, "selected profile deleted");
      } else {
        run_chain(owner, name, false, "selected profile deleted");
        state.previous = state.selected;
        state.selected.clear();
      }
    }
    std::erase_if(state.book.edit(), [&](const Entry& entry) { return entry.spec.name == name; });
    if (state.previous == name) state.previous.clear();
    schedule_triggers(owner);
  }
}

// --------------------------------------------------------------------- settings

ProfileSettings ProfileService::effective_settings(UserIndex user) const {
  const UserProfiles& state = users_[user];
  const Entry* entry = find(user, state.selected);
  if (entry == nullptr) return {};
  ProfileSettings settings = entry->spec.settings;
  const ProfilePrompts& answers = state.answers.get();
  if (answers.dnd) settings.dnd = answers.dnd;
  if (answers.forward) settings.forward = answers.forward;
  return settings;
}

// The primary extension's devices: every device with an appearance of the
// primary line (DEE destinations), except workplace devices.
ProfileService::Devices ProfileService::extension_devices(UserIndex user) const {
  Devices devices;
  const LineIndex line = users_[user].primary_line;
  if (line == kNoIndex) return devices;
  for (AppearanceIndex appearance : core_.line(line).appearances) {
    const DeviceIndex device = core_.appearances()[appearance].device;
    if (!core_.device(device).workplace && !listed_index(devices, device)) devices.push_back(device);
  }
  return devices;
}

// PP-8: a logged-out hot-desk primary extension is out of its groups and
// inactive as a DEE device, whatever the profile says. A hot-desk device is
// one with "Enable Extension Mobility"; logged out: nobody is logged in to it.
bool ProfileService::hot_desk_override(UserIndex user) const {
  const DeviceIndex device = users_[user].primary_device;
  return rules_.hot_desk_option && user_specs_[user].disable_dee_ucd_when_logged_out && device != kNoIndex &&
         core_.mobility().device(device).enabled && core_.mobility().logged_in_user(device) == kNoIndex;
}

void ProfileService::apply_settings(UserIndex user, const std::string& cause) {
  const UserProfiles& state = users_[user];
  const ProfileSettings settings = effective_settings(user);
  const Devices devices = extension_devices(user);
  const LineIndex line = state.primary_line;
  if (settings.destinations) {
    for (DeviceIndex device : devices) {
      set_active(device, destination_active(*settings.destinations, core_.device(device).kind), cause);
    }
    if (line != kNoIndex) set_voicemail(line, listed(*settings.destinations, "voicemail"), cause);
  }
  // DND and forwarding reach the extension and the soft phone Phone Manager is connected to (PP-7).
  Devices dnd_devices = devices;
  if (state.phone_manager != kNoIndex && !listed_index(dnd_devices, state.phone_manager)) {
    dnd_devices.push_back(state.phone_manager);
  }
  if (settings.dnd) {
    for (DeviceIndex device : dnd_devices) set_dnd(device, *settings.dnd, cause);
  }
  if (settings.forward) {
    if (line != kNoIndex) set_forward(line, *settings.forward, cause);
    if (state.phone_manager != kNoIndex) {
      for (AppearanceIndex appearance : core_.device(state.phone_manager).appearances) {
        const LineIndex pm_line = core_.appearances()[appearance].line;
        if (pm_line != line) set_forward(pm_line, *settings.forward, cause);
      }
    }
  }
  if (settings.group_calls && line != kNoIndex) {
    // PP-9: out of the UCD groups means out of their call pickups too.
    core_.groups().change_line(line, *settings.group_calls ? MemberChange::LogIn : MemberChange::LogOut, cause);
    core_.groups().change_line(line, *settings.group_calls ? MemberChange::PickupOn : MemberChange::PickupOff, cause);
  }
  if (hot_desk_override(user)) {
    set_active(state.primary_device, false, "hot desk logged out");
    if (line != kNoIndex) core_.groups().change_line(line, MemberChange::LogOut, "hot desk logged out");
  }
}

// ------------------------------------------------------------------ mismatches

std::vector<std::string> ProfileService::differences(UserIndex user) const {
  std::vector<std::string> found;
  const UserProfiles& state = users_[user];
  if (find(user, state.selected) == nullptr) return found;
  const ProfileSettings settings = effective_settings(user);
  const Devices devices = extension_devices(user);
  const bool logged_out = hot_desk_override(user);
  auto on_off = [](bool on) { return on ? std::string("on") : std::string("off"); };
  if (settings.destinations) {
    for (DeviceIndex device : devices) {
      bool expected = destination_active(*settings.destinations, core_.device(device).kind);
      if (logged_out && device == state.primary_device) expected = false;
      if (core_.device(device).active != expected) {
        found.push_back("destination " + core_.device(device).name + " is " +
                        (expected ? "inactive, profile says active" : "active, profile says inactive"));
      }
    }
    const bool voicemail = listed(*settings.destinations, "voicemail");
    if (state.primary_line != kNoIndex && core_.line(state.primary_line).voicemail_enabled != voicemail) {
      found.push_back("voicemail destination is " + on_off(!voicemail) + ", profile says " + on_off(voicemail));
    }
  }
  if (settings.dnd) {
    Devices dnd_devices = devices;
    if (state.phone_manager != kNoIndex && !listed_index(dnd_devices, state.phone_manager)) {
      dnd_devices.push_back(state.phone_manager);
    }
    for (DeviceIndex device : dnd_devices) {
      const DndMode mode = core_.device(device).dnd;
      if ((mode != DndMode::Off) != *settings.dnd) {
        found.push_back("dnd on " + core_.device(device).name + " is " + std::string(dnd_mode_name(mode)) +
                        ", profile says " + on_off(*settings.dnd));
      }
    }
  }
  if (settings.forward && state.primary_line != kNoIndex) {
    const Target& actual = core_.line(state.primary_line).spec.forward_all;
    if (!(actual == *settings.forward)) {
      found.push_back("forward is " + actual.describe() + ", profile says " + settings.forward->describe());
    }
  }
  if (settings.group_calls && state.primary_line != kNoIndex) {
    const bool expected = *settings.group_calls && !logged_out;
    for (const GroupState& group : core_.groups().groups()) {
      for (const GroupMemberState& member : group.members) {
        if (member.line != state.primary_line || member.logged_in == expected) continue;
        found.push_back("group calls in " + group.spec.name + " are " + on_off(member.logged_in) + ", profile says " +
                        on_off(expected));
      }
    }
  }
  return found;
}

void ProfileService::check_mismatch(UserIndex user) {
  // The rules are fixed for the run: without alerts nothing is ever reported,
  // so the comparison (every switch, every DND change) is not even made.
  if (!rules_.mismatch_alerts) return;
  UserProfiles& state = users_[user];
  std::vector<std::string> found = differences(user);
  if (found == state.last_mismatch.get()) return;
  state.last_mismatch.edit() = found;
  const std::string& id = core_.user(user).id;
  if (found.empty()) {
    core_.record(TraceKind::Profile, {.about = TraceAbout::User, .user = id, .note = "devices match " + quoted(state.selected) + " again"});
    return;
  }
  std::string details = quoted(state.selected) + ": ";
  for (std::size_t i = 0; i < found.size(); ++i) details += (i > 0 ? "; " : "") + found[i];
  core_.record(TraceKind::ProfileMismatch, {.about = TraceAbout::User, .user = id, .note = details});
}

void ProfileService::state_changed() {
  // Runs on every DND change; without alerts check_mismatch does nothing anyway.
  if (!rules_.mismatch_alerts) return;
  for (UserIndex u : users_.indices()) check_mismatch(u);
}

// --------------------------------------------------------------- Phone Manager

void ProfileService::phone_manager(UserIndex user, DeviceIndex device) {
  UserProfiles& state = users_[user];
  const std::string& id = core_.user(user).id;
  if (device == kNoIndex) {
    if (state.phone_manager == kNoIndex) {
      core_.record(TraceKind::Ignored, {.about = TraceAbout::User, .user = id, .note = "Phone Manager shutdown: it is not connected"});
      return;
    }
    // PP-7: the profile's changes are removed from the soft phone and stay on the extension.
    const DeviceIndex soft = state.phone_manager;
    state.phone_manager = kNoIndex;
    core_.record(TraceKind::Cti, {.about = TraceAbout::User, .user = id, .note = "Phone Manager shut down: profile removed from " + core_.device(soft).name});
    const ProfileSettings settings = effective_settings(user);
    if (settings.dnd) set_dnd(soft, false, "Phone Manager shut down");
    if (settings.forward) {
      for (AppearanceIndex appearance : core_.device(soft).appearances) {
        const LineIndex line = core_.appearances()[appearance].line;
        if (line != state.primary_line) set_forward(line, configured_cfa_[line], "Phone Manager shut down");
      }
    }
    check_mismatch(user);
    return;
  }
  state.phone_manager = device;
  core_.record(TraceKind::Cti, {.about = TraceAbout::User, .user = id, .note = "Phone Manager connected to " + core_.device(device).name});
  if (rules_.apply_on_phone_manager && !state.selected.empty()) {
    apply_settings(user, "profile " + quoted(state.selected) + ", Phone Manager connected");
  }
  check_mismatch(user);
}

// -------------------------------------------------------------------- hot desk

// Called by extension mobility (the listener registered in the constructor)
// after every login and logout, the device's lines already moved.
void ProfileService::hot_desk_changed(DeviceIndex device, bool logged_in) {
  for (UserIndex u : users_.indices()) {
    const UserIndex user = u;
    UserProfiles& state = users_[u];
    if (state.primary_device != device) continue;
    const bool option = rules_.hot_desk_option && user_specs_[u].disable_dee_ucd_when_logged_out;
    if (!logged_in) {
      if (option && state.primary_line != kNoIndex) {
        set_active(device, false, "hot desk logged out");
        core_.groups().change_line(state.primary_line, MemberChange::LogOut, "hot desk logged out");
      }
    } else if (rules_.apply_on_login) {
      // PP-8: at login the profile is applied again, re-enabling DEE and UCD as it says.
      if (option) set_active(device, true, "hot desk login");
      if (!state.selected.empty()) apply_settings(user, "profile " + quoted(state.selected) + ", hot desk login");
    }
    check_mismatch(user);
  }
}

// ---------------------------------------------------------------- model changes

void ProfileService::set_active(DeviceIndex device, bool active, const std::string& cause) {
  DeviceState& state = core_.device(device);
  if (state.active == active) return;
  state.active = active;
  core_.record(TraceKind::Setting, {.about = TraceAbout::Device, .device = state.name, .reason = "active", .target = active ? "on" : "off", .note = (TraceText() << (active ? "active" : "inactive") << " (" << cause << ")").view()});
}

void ProfileService::set_dnd(DeviceIndex device, bool on, const std::string& cause) {
  DeviceState& state = core_.device(device);
  const DndMode mode = on ? DndMode::Reject : DndMode::Off;
  if ((state.dnd != DndMode::Off) == on) return;
  const DndMode before = state.dnd;
  state.dnd = mode;
  core_.record(TraceKind::DndChanged, {.about = TraceAbout::Device,
                                      .device = state.name,
                                      .reason = dnd_mode_name(mode),
                                      .previous = dnd_mode_name(before),
                                      .note = cause});
}

void ProfileService::set_forward(LineIndex line, const Target& target, const std::string& cause) {
  LineState& state = core_.line(line);
  if (state.spec.forward_all == target) return;
  state.spec.forward_all = target;
  core_.record(TraceKind::Setting, {.about = TraceAbout::Line, .line = state.spec.number, .reason = "cfa", .target = target.describe(), .note = (TraceText() << "cfa -> " << target.describe() << " (" << cause << ")").view()});
}

void ProfileService::set_voicemail(LineIndex line, bool enabled, const std::string& cause) {
  LineState& state = core_.line(line);
  if (state.voicemail_enabled == enabled) return;
  state.voicemail_enabled = enabled;
  core_.record(TraceKind::Setting, {.about = TraceAbout::Line, .line = state.spec.number, .reason = "voicemail", .target = enabled ? "on" : "off", .note = (TraceText() << "voicemail " << (enabled ? "on" : "off") << " (" << cause << ")").view()});
}

}  // namespace pbxsim
