// The scenario bindings of groups, profiles and PCM: their
// stimuli (sim:at with a profile, a Teams meeting, a group member ...) and
// what steps can inspect (sim:group, sim:profile, sim:pcm, sim:calendar and
// the extra fields of sim:user, sim:device and sim:line). Sections: helpers ·
// stimuli · inspection.
#include <algorithm>

#include "feature_reader.h"
#include "pbxsim/engine/call_park.h"
#include "pbxsim/engine/group_calls.h"
#include "pbxsim/engine/pcm_service.h"
#include "pbxsim/engine/profile_service.h"
#include "sandbox_internals.h"
#include "scenario_internals.h"

namespace pbxsim {
namespace {

// ---------------------------------------------------------------------- helpers

ScenarioSession& session_of(lua_State* L) {
  return *static_cast<ScenarioSession*>(lua_touserdata(L, lua_upvalueindex(1)));
}

std::string names_of(const std::vector<std::string>& names) {
  std::string list;
  for (const std::string& name : names) list += (list.empty() ? "" : ", ") + name;
  return list.empty() ? "none" : list;
}

UserIndex user_arg(lua_State* L, Pbx& pbx, int arg) {
  const char* id = check_text_arg(L, arg);
  if (auto user = pbx.find_user(id)) return *user;
  std::vector<std::string> names;
  for (const UserState& user : pbx.users()) names.push_back(user.id);
  luaL_error(L, "unknown user '%s' (users: %s)", id, names_of(names).c_str());
  return kNoIndex;
}

DeviceIndex device_arg(lua_State* L, Pbx& pbx, int arg) {
  const char* name = check_text_arg(L, arg);
  if (auto device = pbx.find_device(name)) return *device;
  std::vector<std::string> names;
  for (const DeviceState& device : pbx.devices()) names.push_back(device.name);
  luaL_error(L, "unknown device '%s' (devices: %s)", name, names_of(names).c_str());
  return kNoIndex;
}

GroupIndex group_arg(lua_State* L, Pbx& pbx, int arg) {
  const char* name = check_text_arg(L, arg);
  if (auto group = pbx.groups().find(name)) return *group;
  std::vector<std::string> names;
  for (const GroupState& group : pbx.groups().groups()) names.push_back(group.spec.name);
  luaL_error(L, "unknown group '%s' (groups: %s)", name, names_of(names).c_str());
  return kNoIndex;
}

std::string text_arg(lua_State* L, int arg, const char* what) {
  if (lua_type(L, arg) == LUA_TNUMBER && lua_isinteger(L, arg)) return std::to_string(lua_tointeger(L, arg));
  if (lua_type(L, arg) != LUA_TSTRING) luaL_error(L, "expected %s", what);
  return check_text_arg(L, arg);
}

// Reads a profile table at `arg` in the scenario's state; errors become Lua errors at the step.
ProfileSpec profile_arg(lua_State* L, int arg, const std::string& name, std::vector<std::string>* given) {
  if (!lua_istable(L, arg)) luaL_error(L, "expected a profile table such as { dnd = true }");
  try {
    return read_profile(L, arg, "profile '" + name + "'", name, given);
  } catch (const FieldError& failure) {
    luaL_error(L, "%s: %s", failure.path.c_str(), failure.message.c_str());
  }
  return {};
}

std::vector<std::pair<std::string, std::string>> pcm_values_arg(lua_State* L, int arg, bool line) {
  if (!lua_istable(L, arg)) luaL_error(L, "expected a table of PCM fields such as { sip_domain = \"pcm.example.net\" }");
  try {
    std::vector<std::pair<std::string, std::string>> values;
    // "default" matters here: it removes an explicit value. Read every field as written.
    for (std::string_view field : kPcmFields) {
      lua_getfield(L, arg, std::string(field).c_str());
      if (lua_type(L, -1) == LUA_TBOOLEAN) values.emplace_back(field, lua_toboolean(L, -1) != 0 ? "yes" : "no");
      else if (lua_type(L, -1) == LUA_TNUMBER && lua_isinteger(L, -1)) values.emplace_back(field, std::to_string(lua_tointeger(L, -1)));
      else if (lua_type(L, -1) == LUA_TSTRING) values.emplace_back(field, lua_tostring(L, -1));
      lua_pop(L, 1);
    }
    // Unknown fields are refused.
    read_pcm_values(L, arg, "change", {"type", "profile", "business_group"});
    if (line) {
      for (const char* field : {"type", "profile", "business_group"}) {
        if (lua_getfield(L, arg, field) == LUA_TSTRING) values.emplace_back(field, lua_tostring(L, -1));
        lua_pop(L, 1);
      }
    }
    return values;
  } catch (const FieldError& failure) {
    luaL_error(L, "%s: %s", failure.path.c_str(), failure.message.c_str());
  }
  return {};
}

// A profile added or edited by a step must name real teams, workplaces and lines.
void check_references(lua_State* L, const Pbx& pbx, const ProfileSpec& profile) {
  auto line_ok = [&](const Target& target) { return target.kind != Target::Kind::Line || pbx.find_line(target.number); };
  if (profile.settings.forward && !line_ok(*profile.settings.forward)) {
    luaL_error(L, "forward: '%s' is not a line of this topology", profile.settings.forward->number.c_str());
  }
  for (const std::vector<ProfileAction>* chain : {&profile.enter, &profile.leave}) {
    for (const ProfileAction& action : *chain) {
      const std::string first = action.arguments.empty() ? "" : action.arguments.front();
      switch (action.kind) {
        case ProfileActionKind::TeamLogin:
        case ProfileActionKind::TeamLogout:
        case ProfileActionKind::TeamPause:
        case ProfileActionKind::TeamUnpause:
          if (!pbx.groups().find(first)) luaL_error(L, "%s: unknown team '%s'", action.describe().c_str(), first.c_str());
          break;
        case ProfileActionKind::SetWorkplace: {
          const std::optional<DeviceIndex> device = pbx.find_device(first);
          if (!device || !pbx.devices()[*device].workplace) {
            luaL_error(L, "%s: '%s' is not a workplace device", action.describe().c_str(), first.c_str());
          }
          break;
        }
        case ProfileActionKind::SetRedirect:
          if (first.empty() || !line_ok(parse_target_text(first))) {
            luaL_error(L, "%s: not a line of this topology", action.describe().c_str());
          }
          break;
        case ProfileActionKind::Gsm:
          if (first != "on" && first != "off") luaL_error(L, "gsm takes \"on\" or \"off\"");
          break;
        default:
          break;
      }
    }
  }
}

// ---------------------------------------------------------------------- stimuli

bool schedule_profile_action(lua_State* L, Pbx& pbx, TimeUs at_us, const std::string& action) {
  const std::string subject = check_text_arg(L, 3);
  std::optional<UserIndex> user = pbx.find_user(subject);
  const bool admin = !user && subject == "admin";
  if (!user && !admin) user_arg(L, pbx, 3);  // raises: unknown user
  ProfileService& profiles = pbx.profiles();
  if (action == "profile") {
    if (admin) luaL_error(L, "the administrator has no profile to select: name a user");
    const std::string name = text_arg(L, 5, "a profile name: sim:at(t, user, \"profile\", \"In a meeting\")");
    ProfilePrompts prompts;
    if (lua_istable(L, 6)) {
      if (lua_getfield(L, 6, "dnd") == LUA_TBOOLEAN) prompts.dnd = lua_toboolean(L, -1) != 0;
      if (lua_getfield(L, 6, "forward") == LUA_TSTRING) prompts.forward = parse_target_text(lua_tostring(L, -1));
      lua_pop(L, 2);
      if (prompts.forward && prompts.forward->kind == Target::Kind::Line && !pbx.find_line(prompts.forward->number)) {
        luaL_error(L, "forward: '%s' is not a line of this topology", prompts.forward->number.c_str());
      }
    }
    const UserIndex who = *user;
    pbx.schedule_timer(at_us, [&profiles, who, name, prompts] { profiles.select(who, name, prompts); });
    return true;
  }
  const std::optional<UserIndex> owner = admin ? std::nullopt : user;
  const std::string name = text_arg(L, 5, "a profile name");
  if (action == "profile-add") {
    const ProfileSpec spec = profile_arg(L, 6, name, nullptr);
    check_references(L, pbx, spec);
    pbx.schedule_timer(at_us, [&profiles, owner, spec] { profiles.add(owner, spec); });
    return true;
  }
  if (action == "profile-edit") {
    ProfileEdit edit;
    edit.values = profile_arg(L, 6, name, &edit.fields);
    check_references(L, pbx, edit.values);
    pbx.schedule_timer(at_us, [&profiles, owner, name, edit] { profiles.edit(owner, name, edit); });
    return true;
  }
  if (action == "profile-delete") {
    pbx.schedule_timer(at_us, [&profiles, owner, name] { profiles.remove(owner, name); });
    return true;
  }
  luaL_error(L, "unknown action '%s' (profile, profile-add, profile-edit, profile-delete)", action.c_str());
  return false;
}

bool schedule_pcm_action(lua_State* L, Pbx& pbx, TimeUs at_us, const std::string& action) {
  PcmService& pcm = pbx.pcm();
  const std::string subject = text_arg(L, 3, "a subject");
  if (action == "pcm-profile" || action == "pcm-business-group" || action == "pcm-line") {
    if (subject != "admin") luaL_error(L, "%s is an administrator's change: sim:at(t, \"admin\", \"%s\", name, { ... })",
                                       action.c_str(), action.c_str());
    PcmEdit edit;
    edit.level = action == "pcm-profile"          ? PcmEdit::Level::Profile
                 : action == "pcm-business-group" ? PcmEdit::Level::BusinessGroup
                                                  : PcmEdit::Level::Line;
    edit.name = text_arg(L, 5, "a profile, Business Group or line");
    edit.values = pcm_values_arg(L, 6, edit.level == PcmEdit::Level::Line);
    pbx.schedule_timer(at_us, [&pcm, edit] { pcm.edit(edit); });
    return true;
  }
  if (!pbx.find_line(subject)) luaL_error(L, "%s: unknown line '%s'", action.c_str(), subject.c_str());
  if (action == "pcm-password") {
    const std::string password = text_arg(L, 5, "a password: sim:at(t, \"1000\", \"pcm-password\", \"secret\")");
    pbx.schedule_timer(at_us, [&pcm, subject, password] { pcm.enter_password(subject, password); });
    return true;
  }
  if (action == "pcm-connect") {
    pbx.schedule_timer(at_us, [&pcm, subject] { pcm.connect(subject); });
    return true;
  }
  luaL_error(L, "unknown PCM action '%s' (pcm-profile, pcm-business-group, pcm-line, pcm-password, pcm-connect)",
             action.c_str());
  return false;
}

}  // namespace

bool schedule_feature_action(lua_State* L, ScenarioSession& session, TimeUs at_us, const std::string& action) {
  Pbx& pbx = *session.pbx;
  if (action.rfind("profile", 0) == 0) return schedule_profile_action(L, pbx, at_us, action);
  if (action.rfind("pcm-", 0) == 0) return schedule_pcm_action(L, pbx, at_us, action);
  if (action == "teams") {
    const UserIndex user = user_arg(L, pbx, 3);
    const std::string what = check_text_arg(L, 5);
    if (what != "start" && what != "end") luaL_error(L, "teams: \"start\" or \"end\", not '%s'", what.c_str());
    ProfileService& profiles = pbx.profiles();
    pbx.schedule_timer(at_us, [&profiles, user, what] { profiles.teams(user, what == "start"); });
    return true;
  }
  if (action == "phone-manager") {
    const UserIndex user = user_arg(L, pbx, 3);
    const std::string what = check_text_arg(L, 5);
    const DeviceIndex device = what == "off" ? kNoIndex : device_arg(L, pbx, 5);
    ProfileService& profiles = pbx.profiles();
    pbx.schedule_timer(at_us, [&profiles, user, device] { profiles.phone_manager(user, device); });
    return true;
  }
  const char* subject = check_text_arg(L, 3);
  GroupCalls& groups = pbx.groups();
  if (groups.find(subject)) {
    const GroupIndex group = group_arg(L, pbx, 3);
    std::optional<MemberChange> change;
    if (action == "login") change = MemberChange::LogIn;
    else if (action == "logout") change = MemberChange::LogOut;
    else if (action == "pause") change = MemberChange::Pause;
    else if (action == "unpause") change = MemberChange::Unpause;
    if (!change) luaL_error(L, "unknown action '%s' for group %s (login, logout, pause, unpause)", action.c_str(), subject);
    const std::string member = text_arg(L, 5, "a member: a DN or a user");
    const std::vector<MemberIndex> members = groups.members_matching(group, member);
    if (members.empty()) luaL_error(L, "'%s' is not a member of group %s", member.c_str(), subject);
    ProfileService& profiles = pbx.profiles();
    pbx.schedule_timer(at_us, [&groups, &profiles, group, members, change] {
      for (MemberIndex index : members) groups.change_member(group, index, *change, "");
      profiles.state_changed();  // a manual change may differ from the profile (PP-6)
    });
    return true;
  }
  if (action == "pickup") {
    const DeviceIndex device = device_arg(L, pbx, 3);
    pbx.schedule_timer(at_us, [&groups, device] { groups.pickup(device); });
    return true;
  }
  if (action == "park") {  // PARK-1: the device's connected call goes to the first free park number
    const DeviceIndex device = device_arg(L, pbx, 3);
    CallPark& park = pbx.call_park();
    pbx.schedule_timer(at_us, [&park, device] { park.park(device); });
    return true;
  }
  // register { user_agent = "..." }: the User-Agent is set just before the registration (MS-5).
  if (action == "register" && lua_istable(L, 5)) {
    if (lua_getfield(L, 5, "user_agent") == LUA_TSTRING) {
      const DeviceIndex device = device_arg(L, pbx, 3);
      const std::string user_agent = lua_tostring(L, -1);
      PcmService& pcm = pbx.pcm();
      pbx.schedule_timer(at_us, [&pcm, device, user_agent] { pcm.set_user_agent(device, user_agent); });
    }
    lua_pop(L, 1);
  }
  return false;
}

// ------------------------------------------------------------------- inspection

namespace {

void put_text(lua_State* L, const char* field, std::string_view value) {
  lua_pushlstring(L, value.data(), value.size());
  lua_setfield(L, -2, field);
}
void put_bool(lua_State* L, const char* field, bool value) {
  lua_pushboolean(L, value ? 1 : 0);
  lua_setfield(L, -2, field);
}
void put_list(lua_State* L, const char* field, const std::vector<std::string>& items) {
  lua_createtable(L, static_cast<int>(items.size()), 0);
  for (std::size_t i = 0; i < items.size(); ++i) {
    lua_pushstring(L, items[i].c_str());
    lua_rawseti(L, -2, static_cast<lua_Integer>(i) + 1);
  }
  lua_setfield(L, -2, field);
}

std::vector<std::string> described(const std::vector<ProfileAction>& chain) {
  std::vector<std::string> items;
  for (const ProfileAction& action : chain) items.push_back(action.describe());
  return items;
}

// sim:group(name) -> { name, number, strategy, members = { { line, user, logged_in, paused, pickup } }, available }
int sim_group(lua_State* L) {
  Pbx& pbx = *session_of(L).pbx;
  const GroupState& group = pbx.groups().groups()[group_arg(L, pbx, 2)];
  lua_createtable(L, 0, 5);
  put_text(L, "name", group.spec.name);
  put_text(L, "number", group.spec.number);
  put_text(L, "strategy", group_strategy_name(group.spec.strategy));
  std::vector<std::string> available;
  lua_createtable(L, static_cast<int>(group.members.size()), 0);
  lua_Integer position = 0;
  for (const GroupMemberState& member : group.members) {
    const LineState& line = pbx.lines()[member.line];
    lua_createtable(L, 0, 5);
    put_text(L, "line", line.spec.number);
    put_text(L, "user", line.user != kNoIndex ? std::string_view(pbx.users()[line.user].id) : std::string_view());
    put_bool(L, "logged_in", member.logged_in);
    put_bool(L, "paused", member.paused);
    put_bool(L, "pickup", member.pickup);
    lua_rawseti(L, -2, ++position);
    if (member.logged_in && !member.paused) available.push_back(line.spec.number);
  }
  lua_setfield(L, -2, "members");
  put_list(L, "available", available);
  return 1;
}

// sim:profile(user, name) -> the profile's fields, or nil
int sim_profile(lua_State* L) {
  Pbx& pbx = *session_of(L).pbx;
  const UserIndex user = user_arg(L, pbx, 2);
  const std::string name = text_arg(L, 3, "a profile name");
  const ProfileService::Entry* entry = pbx.profiles().find(user, name);
  if (entry == nullptr) {
    lua_pushnil(L);
    return 1;
  }
  const ProfileSpec& profile = entry->spec;
  lua_createtable(L, 0, 20);
  put_text(L, "name", profile.name);
  put_text(L, "origin", entry->origin == ProfileService::Origin::Default  ? "default"
                   : entry->origin == ProfileService::Origin::Shared ? "shared"
                                                                      : "personal");
  put_text(L, "color", profile.color);
  put_text(L, "icon", profile.icon);
  put_bool(L, "icon_visible", profile.icon_visible);
  put_bool(L, "sticky", profile.sticky);
  put_bool(L, "system", profile.system);
  put_list(L, "roles", profile.roles.empty() ? std::vector<std::string>{"All"} : profile.roles);
  put_bool(L, "offered", pbx.profiles().offered(user, profile));
  const ProfileSettings& settings = profile.settings;
  if (settings.destinations) put_list(L, "destinations", *settings.destinations);
  if (settings.dnd) put_bool(L, "dnd", *settings.dnd);
  put_bool(L, "dnd_prompt", settings.dnd_prompt);
  if (settings.forward) put_text(L, "forward", settings.forward->describe());
  put_bool(L, "forward_prompt", settings.forward_prompt);
  if (settings.group_calls) put_bool(L, "group_calls", *settings.group_calls);
  put_list(L, "enter", described(profile.enter));
  put_list(L, "leave", described(profile.leave));
  std::vector<std::string> triggers;
  for (const ProfileTrigger& trigger : profile.triggers) triggers.push_back(trigger.describe());
  put_list(L, "triggers", triggers);
  return 1;
}

void push_resolved(lua_State* L, const char* field, const ResolvedValue& value) {
  lua_createtable(L, 0, 2);
  put_text(L, "value", value.value);
  put_text(L, "from", value.source);
  lua_setfield(L, -2, field);
}

// sim:pcm(dn) -> { type, profile, business_group, <field> = { value, from }, key_valid, connected }
int sim_pcm(lua_State* L) {
  Pbx& pbx = *session_of(L).pbx;
  const std::string number = text_arg(L, 2, "a DN");
  const PcmLine* line = pbx.pcm().config().find_line(number);
  if (line == nullptr) {
    lua_pushnil(L);
    return 1;
  }
  lua_createtable(L, 0, 10);
  put_text(L, "type", line->type);
  put_text(L, "profile", line->profile);
  put_text(L, "business_group", line->business_group);
  for (std::string_view field : kPcmFields) {
    const std::string name(field);
    push_resolved(L, name.c_str(), field == "gateway_model" ? pbx.pcm().gateway_model(number)
                                                            : pbx.pcm().effective(number, field));
  }
  put_bool(L, "key_valid", pbx.pcm().key_valid(number));
  put_bool(L, "connected", pbx.pcm().connected(number));
  return 1;
}

// sim:calendar() -> { now = "Tue 2024-05-07 12:00:00", weekday = "Tue", time = "12:00", date = "2024-05-07",
//                     in_office_hours = true } (the last only when the topology declares office hours)
int sim_calendar(lua_State* L) {
  Pbx& pbx = *session_of(L).pbx;
  const CalendarMoment moment = pbx.calendar().at(pbx.now_us());
  lua_createtable(L, 0, 5);
  put_text(L, "now", pbx.calendar().describe(pbx.now_us()));
  put_text(L, "weekday", weekday_name(moment.weekday));
  put_text(L, "time", format_time_of_day(moment.time_of_day_us));
  if (moment.civil_day) put_text(L, "date", format_date(*moment.civil_day));
  if (const std::optional<bool> open = pbx.calendar().in_office_hours(pbx.now_us())) put_bool(L, "in_office_hours", *open);
  return 1;
}

void add_method(lua_State* L, ScenarioSession& session, const char* name, lua_CFunction function) {
  lua_pushlightuserdata(L, &session);
  lua_pushcclosure(L, function, 1);
  lua_setfield(L, -2, name);
}

}  // namespace

void register_feature_methods(lua_State* L, ScenarioSession& session) {
  add_method(L, session, "group", guarded<sim_group>);
  add_method(L, session, "profile", guarded<sim_profile>);
  add_method(L, session, "pcm", guarded<sim_pcm>);
  add_method(L, session, "calendar", guarded<sim_calendar>);
}

void push_user_features(lua_State* L, ScenarioSession& session, UserIndex user) {
  const Pbx& pbx = *session.pbx;
  const ProfileService::UserProfiles& state = pbx.profiles().user(user);
  if (!state.selected.empty()) put_text(L, "profile", state.selected);
  if (!state.previous.empty()) put_text(L, "previous_profile", state.previous);
  std::vector<std::string> offered;
  for (const ProfileService::Entry& entry : state.book) {
    if (pbx.profiles().offered(user, entry.spec)) offered.push_back(entry.spec.name);
  }
  put_list(L, "profiles", offered);
  put_list(L, "mismatch", pbx.profiles().differences(user));
  put_bool(L, "gsm", pbx.users()[user].gsm);
  put_bool(L, "in_meeting", state.teams.get().in_meeting);
  if (state.phone_manager != kNoIndex) put_text(L, "phone_manager", pbx.devices()[state.phone_manager].name);
  // The presence shows the selected profile's icon when it is visible (PAS-3).
  if (const ProfileService::Entry* entry = pbx.profiles().find(user, state.selected);
      entry != nullptr && entry->spec.icon_visible && !entry->spec.icon.empty()) {
    put_text(L, "presence_icon", entry->spec.icon);
  }
}

void push_device_features(lua_State* L, ScenarioSession& session, DeviceIndex device) {
  const Pbx& pbx = *session.pbx;
  const DeviceState& state = pbx.devices()[device];
  put_bool(L, "active", state.active);
  if (state.workplace_user != kNoIndex) put_text(L, "workplace_of", pbx.users()[state.workplace_user].id);
  if (!state.user_agent.empty()) put_text(L, "user_agent", state.user_agent);
}

void push_line_features(lua_State* L, ScenarioSession& session, LineIndex line) {
  put_bool(L, "voicemail", session.pbx->lines()[line].voicemail_enabled);
}

}  // namespace pbxsim
