// The scenario bindings of the mechanisms beyond calls: extension mobility,
// provisioning, the directory, servers (fault injection) and clients.
// Sections: arguments · stimuli · device and user fields · call fields ·
// sim:client, sim:server, sim:licences, sim:dial, sim:lookup.
#include "pbxsim/engine/call_park.h"
#include "sandbox_internals.h"
#include "scenario_internals.h"

namespace pbxsim {
namespace {

ScenarioSession& session_of(lua_State* L) {
  return *static_cast<ScenarioSession*>(lua_touserdata(L, lua_upvalueindex(1)));
}

// -------------------------------------------------------------------- arguments

ServerIndex check_server(lua_State* L, ScenarioSession& session, int arg) {
  const char* name = check_text_arg(L, arg);
  if (auto server = session.pbx->servers().find(name)) return *server;
  std::vector<std::string> names;
  for (const ServerState& server : session.pbx->servers().all()) names.push_back(server.name);
  luaL_error(L, "unknown server '%s' (servers: %s)", name, list_names(names).c_str());
  return kNoIndex;
}

std::string check_presence_node(lua_State* L, ScenarioSession& session, const char* name) {
  const std::optional<ServerIndex> server = session.pbx->servers().find(name);
  if (!server || session.pbx->servers().all()[*server].kind != ServerKind::Presence) {
    luaL_error(L, "'%s' is not a presence server of this topology", name);
  }
  return name;
}

// t[field] as a string when the option table at `arg` has it.
std::string option(lua_State* L, int arg, const char* field) {
  if (!lua_istable(L, arg)) return {};
  std::string value;
  if (lua_getfield(L, arg, field) == LUA_TSTRING || lua_type(L, -1) == LUA_TNUMBER) value = lua_tostring(L, -1);
  lua_pop(L, 1);
  return value;
}

bool option_flag(lua_State* L, int arg, const char* field) {
  if (!lua_istable(L, arg)) return false;
  lua_getfield(L, arg, field);
  const bool value = lua_toboolean(L, -1) != 0;
  lua_pop(L, 1);
  return value;
}

void require_client(lua_State* L, ScenarioSession& session, UserIndex user) {
  if (!session.pbx->clients().has_client(user)) {
    luaL_error(L, "%s runs no client (give the user client = { ... })", session.pbx->users()[user].id.c_str());
  }
}

// ----------------------------------------------------------------------- stimuli

bool schedule_device_feature(lua_State* L, ScenarioSession& session, TimeUs at_us, const std::string& action) {
  Pbx* pbx = session.pbx;
  if (action == "login") {
    const DeviceIndex device = check_device(L, session, 3);
    const UserIndex user = check_user(L, session, 5);
    LoginRequest request;
    request.pin = option(L, 6, "pin");
    request.profile = option(L, 6, "profile");
    request.inter_cluster = option_flag(L, 6, "inter_cluster");
    pbx->schedule_timer(at_us, [pbx, device, user, request] { pbx->mobility().login(device, user, request); });
  } else if (action == "logout") {
    const DeviceIndex device = check_device(L, session, 3);
    pbx->schedule_timer(at_us, [pbx, device] { pbx->mobility().logout(device, "logged out"); });
  } else if (action == "headset-connect") {
    const DeviceIndex device = check_device(L, session, 3);
    const std::string headset = check_text_arg(L, 5);
    const std::string pin = option(L, 6, "pin");
    pbx->schedule_timer(at_us, [pbx, device, headset, pin] { pbx->mobility().headset_connected(device, headset, pin); });
  } else if (action == "headset-disconnect") {
    const DeviceIndex device = check_device(L, session, 3);
    pbx->schedule_timer(at_us, [pbx, device] { pbx->mobility().headset_disconnected(device); });
  } else if (action == "delete") {
    const DeviceIndex device = check_device(L, session, 3);
    pbx->schedule_timer(at_us, [pbx, device] { pbx->provisioning().delete_device(device); });
  } else {
    return false;
  }
  return true;
}

ContactSpec check_contact(lua_State* L, int arg) {
  ContactSpec contact;
  if (lua_type(L, arg) == LUA_TSTRING) {
    contact.id = lua_tostring(L, arg);
  } else if (lua_istable(L, arg)) {
    contact.id = option(L, arg, "id");
    contact.name = option(L, arg, "name");
    contact.first_name = option(L, arg, "first");
    contact.last_name = option(L, arg, "last");
  } else {
    luaL_error(L, "add-contact needs a directory user ID or { id = ..., name = ..., first = ..., last = ... }");
  }
  return contact;
}

bool schedule_user_feature(lua_State* L, ScenarioSession& session, TimeUs at_us, const std::string& action) {
  Pbx* pbx = session.pbx;
  if (action == "client-start" || action == "client-stop" || action == "client-restart") {
    const UserIndex user = check_user(L, session, 3);
    require_client(L, session, user);
    if (action == "client-start") pbx->schedule_timer(at_us, [pbx, user] { pbx->clients().start(user); });
    else if (action == "client-stop") pbx->schedule_timer(at_us, [pbx, user] { pbx->clients().stop(user, "quit"); });
    else pbx->schedule_timer(at_us, [pbx, user] { pbx->clients().restart(user); });
  } else if (action == "search") {
    const UserIndex user = check_user(L, session, 3);
    require_client(L, session, user);
    const std::string query = check_text_arg(L, 5);
    pbx->schedule_timer(at_us, [pbx, user, query] { pbx->clients().search(user, query); });
  } else if (action == "rehome") {
    const UserIndex user = check_user(L, session, 3);
    require_client(L, session, user);
    std::string home;
    std::string secondary;
    if (lua_istable(L, 5)) {
      home = option(L, 5, "home");
      secondary = option(L, 5, "secondary");
      if (home.empty()) luaL_error(L, "rehome needs { home = \"node\" [, secondary = \"node\"] }");
      if (!secondary.empty()) secondary = check_presence_node(L, session, secondary.c_str());
    } else {
      home = check_text_arg(L, 5);
    }
    home = check_presence_node(L, session, home.c_str());
    pbx->schedule_timer(at_us, [pbx, user, home, secondary] { pbx->clients().rehome(user, home, secondary); });
  } else if (action == "add-contact") {
    const UserIndex user = check_user(L, session, 3);
    const ContactSpec contact = check_contact(L, 5);
    pbx->schedule_timer(at_us, [pbx, user, contact] { pbx->directory().add_contact(user, contact); });
  } else if (action == "remove-contact") {
    const UserIndex user = check_user(L, session, 3);
    const std::string id = check_text_arg(L, 5);
    pbx->schedule_timer(at_us, [pbx, user, id] { pbx->directory().remove_contact(user, id); });
  } else if (action == "rename-contact") {
    const UserIndex user = check_user(L, session, 3);
    const std::string id = check_text_arg(L, 5);
    const std::string name = check_text_arg(L, 6);
    pbx->schedule_timer(at_us, [pbx, user, id, name] { pbx->directory().rename_contact(user, id, name); });
  } else {
    return false;
  }
  return true;
}

}  // namespace

bool schedule_mechanism_action(lua_State* L, ScenarioSession& session, TimeUs at_us, const std::string& action) {
  if (action == "down" || action == "up") {
    const ServerIndex server = check_server(L, session, 3);
    Pbx* pbx = session.pbx;
    const bool up = action == "up";
    pbx->schedule_timer(at_us, [pbx, server, up] { pbx->servers().set_up(server, up); });
    return true;
  }
  return schedule_device_feature(L, session, at_us, action) || schedule_user_feature(L, session, at_us, action);
}

// -------------------------------------------------------- device and user fields

namespace {

void set_field_name_or_nil(lua_State* L, const char* field, const std::string* value) {
  if (value == nullptr) lua_pushnil(L);
  else lua_pushlstring(L, value->data(), value->size());
  lua_setfield(L, -2, field);
}

void set_phone_config_fields(lua_State* L, const PhoneConfig& config) {
  set_field_string(L, "button_template", config.button_template);
  push_string_list(L, config.speed_dials);
  lua_setfield(L, -2, "speed_dials");
  push_string_list(L, config.services);
  lua_setfield(L, -2, "services");
  lua_createtable(L, 0, static_cast<int>(config.settings.size()));
  for (const auto& [name, value] : config.settings) set_field_string(L, name.c_str(), value);
  lua_setfield(L, -2, "settings");
  set_field_string(L, "restriction", calling_restriction_name(config.restriction));
}

}  // namespace

void set_device_feature_fields(lua_State* L, Pbx& pbx, DeviceIndex device) {
  const DeviceMobility& mobility = pbx.mobility().device(device);
  auto user_name = [&](UserIndex user) { return user == kNoIndex ? nullptr : &pbx.users()[user].id; };
  set_field_name_or_nil(L, "user", user_name(mobility.user));
  set_field_name_or_nil(L, "profile", mobility.profile == kNoIndex ? nullptr : &pbx.mobility().profile(mobility.profile).name);
  set_field_name_or_nil(L, "last_user", user_name(pbx.mobility().remembered_user(device)));
  if (mobility.logged_in_at_us >= 0) lua_pushinteger(L, mobility.logged_in_at_us);
  else lua_pushnil(L);
  lua_setfield(L, -2, "logged_in_at");
  const std::string& headset = mobility.headset.get().serial;
  set_field_name_or_nil(L, "headset", headset.empty() ? nullptr : &headset);
  set_field_string(L, "model", mobility.model);
  lua_pushboolean(L, mobility.enabled ? 1 : 0);
  lua_setfield(L, -2, "extension_mobility");
  set_phone_config_fields(L, *mobility.config);
  set_field_string(L, "device_name", pbx.provisioning().device_name(device));
  lua_pushboolean(L, pbx.provisioning().deleted(device) ? 1 : 0);
  lua_setfield(L, -2, "deleted");
  const DeviceIndex primary = pbx.provisioning().primary(device);
  set_field_name_or_nil(L, "primary", primary == kNoIndex ? nullptr : &pbx.devices()[primary].name);
  std::vector<std::string> secondaries;
  for (DeviceIndex secondary : pbx.provisioning().secondaries(device)) secondaries.push_back(pbx.devices()[secondary].name);
  push_string_list(L, secondaries);
  lua_setfield(L, -2, "secondaries");
}

void set_user_feature_fields(lua_State* L, Pbx& pbx, UserIndex user) {
  std::vector<std::string> logged_in;
  for (DeviceIndex device : pbx.mobility().devices_of(user)) logged_in.push_back(pbx.devices()[device].name);
  push_string_list(L, logged_in);
  lua_setfield(L, -2, "logged_in");
  const std::vector<ContactView> contacts = pbx.directory().contacts(user);
  lua_createtable(L, static_cast<int>(contacts.size()), 0);
  for (std::size_t i = 0; i < contacts.size(); ++i) {
    lua_createtable(L, 0, 3);
    if (!contacts[i].id.empty()) set_field_string(L, "id", contacts[i].id);
    set_field_string(L, "name", contacts[i].name);
    if (!contacts[i].photo.empty()) set_field_string(L, "photo", contacts[i].photo);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i) + 1);
  }
  lua_setfield(L, -2, "contacts");
}

// ------------------------------------------------------------------ call fields

namespace {

void push_steps(lua_State* L, const std::vector<DialStep>& steps) {
  lua_createtable(L, static_cast<int>(steps.size()), 0);
  for (std::size_t i = 0; i < steps.size(); ++i) {
    lua_createtable(L, 0, 3);
    set_field_string(L, "name", steps[i].name);
    set_field_string(L, "result", steps[i].result);
    set_field_string(L, "note", steps[i].note);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i) + 1);
  }
}

void push_analysis(lua_State* L, const DialAnalysis& analysis) {
  lua_createtable(L, 0, 3);
  set_field_string(L, "input", analysis.input);
  set_field_string(L, "result", analysis.result);
  push_steps(L, analysis.steps);
  lua_setfield(L, -2, "steps");
}

}  // namespace

bool push_call_feature_field(lua_State* L, const Pbx& pbx, const CallRecord& call, std::string_view field) {
  auto push_optional = [&](const std::string& value) {
    if (value.empty()) lua_pushnil(L);
    else lua_pushlstring(L, value.data(), value.size());
  };
  if (field == "routed") push_optional(call.routed);
  else if (field == "parked_on") push_optional(pbx.call_park().parked_on(call.id).value_or(""));  // PARK-1
  else if (field == "dial_steps") {
    // The dial plan does not change during a run, so the steps are the analysis of the dialed string.
    push_steps(L, call.dial_rules_applied ? analyze_dialed(pbx.dial_plan(), call.dialed).steps : std::vector<DialStep>{});
  }
  else if (field == "caller_lookup") {
    // Stored only when the directory had entries to search; else derived, as the dial plan does not change.
    const std::string& lookup = call.extras.get().caller_lookup;
    const bool derived = lookup.empty() && call.dial_rules_applied;
    push_optional(derived ? caller_id_number(pbx.dial_plan(), call.caller) : lookup);
  }
  else if (field == "caller_name") push_optional(call.extras.get().caller_name);
  else if (field == "from_device") push_optional(call.from_device == kNoIndex ? "" : pbx.devices()[call.from_device].name);
  else if (field == "via_client") push_optional(call.via_client == kNoIndex ? "" : pbx.users()[call.via_client].id);
  else return false;
  return true;
}

// ------------------------------------- sim:client, sim:server, sim:licences, sim:dial

namespace {

int sim_client(lua_State* L) {
  ScenarioSession& session = session_of(L);
  const Pbx& pbx = *session.pbx;
  const UserIndex user = check_user(L, session, 2);
  require_client(L, session, user);
  const ClientState& client = pbx.clients().client(user);
  lua_createtable(L, 0, 16);
  lua_pushboolean(L, client.running ? 1 : 0);
  lua_setfield(L, -2, "running");
  lua_pushboolean(L, client.disabled ? 1 : 0);
  lua_setfield(L, -2, "disabled");
  set_field_string(L, "presence", presence_state_name(client.presence));
  set_field_string(L, "presence_node", client.presence_node);
  set_field_string(L, "home_node", client.spec.home_node);
  set_field_string(L, "config", config_state_name(client.config));
  set_field_string(L, "config_source", client.config_source);
  set_field_string(L, "health", config_health_name(client.config));
  set_field_string(L, "cti", cti_state_name(client.cti));
  set_field_string(L, "cti_server", client.cti_server);
  set_field_string(L, "ldap_server", client.spec.ldap.empty() ? "" : client.spec.ldap[client.ldap_current]);
  set_field_string(L, "desk_phone", client.desk_phone == kNoIndex ? "" : pbx.devices()[client.desk_phone].name);
  lua_createtable(L, static_cast<int>(client.searches.size()), 0);
  for (std::size_t i = 0; i < client.searches.size(); ++i) {
    const LdapSearch& search = client.searches[i];
    lua_createtable(L, 0, 8);
    set_field_string(L, "query", search.query);
    set_field_string(L, "state", !search.done ? "running" : search.ok ? "ok" : "failed");
    set_field_string(L, "server", search.server);
    push_string_list(L, search.tried);
    lua_setfield(L, -2, "tried");
    push_string_list(L, search.results);
    lua_setfield(L, -2, "results");
    lua_pushinteger(L, search.started_us);
    lua_setfield(L, -2, "started");
    if (search.finished_us >= 0) {
      lua_pushinteger(L, search.finished_us);
      lua_setfield(L, -2, "finished");
    }
    lua_rawseti(L, -2, static_cast<lua_Integer>(i) + 1);
  }
  lua_setfield(L, -2, "searches");
  const std::vector<CallId> sessions = pbx.clients().sessions(user);
  lua_createtable(L, static_cast<int>(sessions.size()), 0);
  for (std::size_t i = 0; i < sessions.size(); ++i) {
    lua_createtable(L, 0, 2);
    lua_pushinteger(L, sessions[i]);
    lua_setfield(L, -2, "call");
    set_field_string(L, "state", call_state_name(pbx.call(sessions[i]).state));
    lua_rawseti(L, -2, static_cast<lua_Integer>(i) + 1);
  }
  lua_setfield(L, -2, "sessions");
  lua_createtable(L, static_cast<int>(client.notifications.size()), 0);
  for (std::size_t i = 0; i < client.notifications.size(); ++i) {
    lua_createtable(L, 0, 2);
    lua_pushinteger(L, client.notifications[i].first);
    lua_setfield(L, -2, "call");
    lua_pushinteger(L, client.notifications[i].second);
    lua_setfield(L, -2, "at");
    lua_rawseti(L, -2, static_cast<lua_Integer>(i) + 1);
  }
  lua_setfield(L, -2, "notifications");
  return 1;
}

int sim_server(lua_State* L) {
  ScenarioSession& session = session_of(L);
  const ServerState& server = session.pbx->servers().all()[check_server(L, session, 2)];
  lua_createtable(L, 0, 3);
  set_field_string(L, "name", server.name);
  set_field_string(L, "kind", server_kind_name(server.kind));
  lua_pushboolean(L, server.up ? 1 : 0);
  lua_setfield(L, -2, "up");
  return 1;
}

int sim_licences(lua_State* L) {
  const LicenceReport report = session_of(L).pbx->provisioning().licences();
  lua_createtable(L, 0, 4);
  lua_pushboolean(L, report.declared ? 1 : 0);
  lua_setfield(L, -2, "declared");
  lua_pushinteger(L, report.used);
  lua_setfield(L, -2, "used");
  if (report.declared) {
    lua_pushinteger(L, report.authorised);
    lua_setfield(L, -2, "authorised");
    lua_pushinteger(L, report.remaining);
    lua_setfield(L, -2, "remaining");
  }
  return 1;
}

// sim:dial(number [, { device = name }]): the analysis, without placing a call.
int sim_dial(lua_State* L) {
  ScenarioSession& session = session_of(L);
  const char* number = check_text_arg(L, 2);
  DeviceIndex device = kNoIndex;
  if (lua_istable(L, 3)) {
    if (lua_getfield(L, 3, "device") != LUA_TNIL) device = check_device(L, session, lua_gettop(L));
    lua_pop(L, 1);
  }
  const RouteAnalysis analysis = session.pbx->analyze_route(number, device);
  push_analysis(L, analysis.dialing);
  set_field_string(L, "route", analysis.route);
  set_field_string(L, "detail", analysis.detail);
  return 1;
}

// sim:lookup(caller_id): the directory lookup rules, and the name found.
int sim_lookup(lua_State* L) {
  ScenarioSession& session = session_of(L);
  const DialAnalysis analysis = analyze_caller_id(session.pbx->dial_plan(), check_text_arg(L, 2));
  push_analysis(L, analysis);
  if (auto name = session.pbx->directory().name_for_number(analysis.result)) set_field_string(L, "name", *name);
  return 1;
}

void register_feature(lua_State* L, ScenarioSession& session, const char* name, lua_CFunction function) {
  lua_pushlightuserdata(L, &session);
  lua_pushcclosure(L, function, 1);
  lua_setfield(L, -2, name);
}

}  // namespace

void register_mechanism_methods(lua_State* L, ScenarioSession& session) {
  register_feature(L, session, "client", guarded<sim_client>);
  register_feature(L, session, "server", guarded<sim_server>);
  register_feature(L, session, "licences", guarded<sim_licences>);
  register_feature(L, session, "dial", guarded<sim_dial>);
  register_feature(L, session, "lookup", guarded<sim_lookup>);
}

}  // namespace pbxsim
