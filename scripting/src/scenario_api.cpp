// The `sim` object a scenario's steps receive. Sections: errors at the Lua
// boundary · subjects and arguments · stimuli · running · snapshots · calls.
#include <algorithm>

#include "sandbox_internals.h"
#include "scenario_internals.h"

namespace pbxsim {
namespace {

constexpr const char* kCallMetatable = "pbxsim.call";

ScenarioSession& session_of(lua_State* L) {
  return *static_cast<ScenarioSession*>(lua_touserdata(L, lua_upvalueindex(1)));
}

// ------------------------------------------------------ subjects and arguments

}  // namespace

std::string list_names(const std::vector<std::string>& names) {
  std::string list;
  for (const std::string& name : names) list += (list.empty() ? "" : ", ") + name;
  return list.empty() ? "none" : list;
}

DeviceIndex check_device(lua_State* L, ScenarioSession& session, int arg) {
  const char* name = check_text_arg(L, arg);
  if (auto device = session.pbx->find_device(name)) return *device;
  std::vector<std::string> names;
  for (const DeviceState& device : session.pbx->devices()) names.push_back(device.name);
  luaL_error(L, "unknown device '%s' (devices: %s)", name, list_names(names).c_str());
  return kNoIndex;
}

UserIndex check_user(lua_State* L, ScenarioSession& session, int arg) {
  const char* id = check_text_arg(L, arg);
  if (auto user = session.pbx->find_user(id)) return *user;
  std::vector<std::string> names;
  for (const UserState& user : session.pbx->users()) names.push_back(user.id);
  luaL_error(L, "unknown user '%s' (users: %s)", id, list_names(names).c_str());
  return kNoIndex;
}

namespace {

LineIndex check_line(lua_State* L, ScenarioSession& session, const char* number) {
  if (auto line = session.pbx->find_line(number)) return *line;
  std::vector<std::string> names;
  for (const LineState& line : session.pbx->lines()) names.push_back(line.spec.number);
  luaL_error(L, "unknown line '%s' (lines: %s)", number, list_names(names).c_str());
  return kNoIndex;
}

TimeUs check_future_time(lua_State* L, ScenarioSession& session, int arg) {
  const TimeUs at_us = check_time_arg(L, arg);
  if (at_us < session.pbx->now_us()) {
    luaL_error(L, "%s is in the past: the simulation is already at %s", format_duration(at_us).c_str(),
               format_duration(session.pbx->now_us()).c_str());
  }
  return at_us;
}

std::optional<CallId> call_handle_id(lua_State* L, int arg) {
  if (!lua_istable(L, arg) || lua_getmetatable(L, arg) == 0) return std::nullopt;
  luaL_getmetatable(L, kCallMetatable);
  const bool is_call = lua_rawequal(L, -1, -2) != 0;
  lua_pop(L, 2);
  if (!is_call) return std::nullopt;
  lua_getfield(L, arg, "id");
  const auto id = static_cast<CallId>(lua_tointeger(L, -1));
  lua_pop(L, 1);
  return id;
}

// ----------------------------------------------------------------------- stimuli

void schedule_device_action(lua_State* L, ScenarioSession& session, TimeUs at_us, const std::string& action) {
  Stimulus stimulus{Stimulus::Kind::Answer};
  stimulus.device = check_device(L, session, 3);
  if (action == "answer") {
    stimulus.kind = Stimulus::Kind::Answer;
  } else if (action == "hangup") {
    stimulus.kind = Stimulus::Kind::DeviceHangup;
  } else if (action == "register") {
    stimulus.kind = Stimulus::Kind::Register;
    if (lua_istable(L, 5)) {
      if (lua_getfield(L, 5, "lifetime") != LUA_TNIL) stimulus.lifetime_us = check_time_arg(L, -1);
      if (lua_getfield(L, 5, "line") != LUA_TNIL) stimulus.line = check_line(L, session, check_text_arg(L, -1));
      lua_pop(L, 2);
    } else if (!lua_isnoneornil(L, 5)) {
      stimulus.lifetime_us = check_time_arg(L, 5);
    }
  } else if (action == "unregister") {
    stimulus.kind = Stimulus::Kind::Unregister;
    if (!lua_isnoneornil(L, 5)) stimulus.line = check_line(L, session, check_text_arg(L, 5));
  } else if (action == "dnd") {
    stimulus.kind = Stimulus::Kind::SetDnd;
    const char* mode = check_text_arg(L, 5);
    const std::optional<DndMode> parsed = parse_dnd_mode(mode);
    if (!parsed) luaL_error(L, "unknown DND mode '%s' (off, ringer-off or reject)", mode);
    stimulus.dnd = *parsed;
    if (lua_istable(L, 6)) {
      if (lua_getfield(L, 6, "by") != LUA_TNIL) stimulus.user = check_user(L, session, -1);
      lua_pop(L, 1);
    }
  } else {
    luaL_error(L,
               "unknown action '%s' for device %s (register, unregister, dnd, answer, hangup, pickup, park, login, "
               "logout, headset-connect, headset-disconnect, delete)",
               action.c_str(), lua_tostring(L, 3));
  }
  session.pbx->schedule(at_us, stimulus);
}

// What the engine keeps for one scheduled stimulus (its queued event and,
// for a call, the call's record and handle), counted against the script's
// kept bytes like the strings it copies: a loop of a hundred million
// sim:call_at otherwise grows the engine by gigabytes while the script's own
// memory stays small. Measured on the release build: about 900 bytes per
// scheduled call.
constexpr std::size_t kKeptBytesPerScheduledCall = 1024;
constexpr std::size_t kKeptBytesPerScheduledStimulus = 128;

// sim:at(time, function) | sim:at(time, call, "hangup") | sim:at(time, device, action, ...)
// | sim:at(time, user, "mode", "deskphone")
int sim_at(lua_State* L) {
  ScenarioSession& session = session_of(L);
  const TimeUs at_us = check_future_time(L, session, 2);
  keep_bytes(L, kKeptBytesPerScheduledStimulus, "sim:at");
  if (lua_isfunction(L, 3)) {
    lua_pushvalue(L, 3);
    session.callback_refs.push_back(luaL_ref(L, LUA_REGISTRYINDEX));
    Stimulus stimulus{Stimulus::Kind::Callback};
    stimulus.callback = static_cast<std::uint32_t>(session.callback_refs.size() - 1);
    session.pbx->schedule(at_us, stimulus);
    return 0;
  }
  const std::string action = check_text_arg(L, 4);
  if (std::optional<CallId> call = call_handle_id(L, 3)) {
    if (action != "hangup") luaL_error(L, "unknown action '%s' for a call (hangup)", action.c_str());
    Stimulus stimulus{Stimulus::Kind::CallerHangup};
    stimulus.call = *call;
    session.pbx->schedule(at_us, stimulus);
    return 0;
  }
  if (schedule_feature_action(L, session, at_us, action)) return 0;
  if (action == "mode") {
    Stimulus stimulus{Stimulus::Kind::SetMode};
    stimulus.user = check_user(L, session, 3);
    const char* mode = check_text_arg(L, 5);
    const std::optional<UserMode> parsed = parse_user_mode(mode);
    if (!parsed) luaL_error(L, "unknown mode '%s' (softphone or deskphone)", mode);
    stimulus.mode = *parsed;
    session.pbx->schedule(at_us, stimulus);
    return 0;
  }
  if (schedule_mechanism_action(L, session, at_us, action)) return 0;
  schedule_device_action(L, session, at_us, action);
  return 0;
}

void push_call_handle(lua_State* L, CallId id) {
  lua_createtable(L, 0, 1);
  lua_pushinteger(L, id);
  lua_setfield(L, -2, "id");
  luaL_setmetatable(L, kCallMetatable);
}

// sim:call_at(time, { from = ..., to = ... }) or sim:call_at(time, from, to);
// { device = name, to = ... } dials on a device, { client = user, to = ... }
// through the user's client.
int sim_call_at(lua_State* L) {
  ScenarioSession& session = session_of(L);
  const TimeUs at_us = check_future_time(L, session, 2);
  std::string from;
  std::string to;
  if (lua_istable(L, 3)) {
    const bool from_device = lua_getfield(L, 3, "device") != LUA_TNIL;
    const bool via_client = lua_getfield(L, 3, "client") != LUA_TNIL;
    if (from_device || via_client) {
      if (lua_getfield(L, 3, "to") != LUA_TSTRING) luaL_error(L, "sim:call_at needs to = \"number\"");
      const std::string dialed = check_text_arg(L, -1);
      keep_bytes(L, kKeptBytesPerScheduledCall + dialed.size(), "sim:call_at");
      const CallId id = from_device ? session.pbx->schedule_call_from_device(at_us, check_device(L, session, -3), dialed)
                                    : session.pbx->schedule_client_call(at_us, check_user(L, session, -2), dialed);
      push_call_handle(L, id);
      return 1;
    }
    lua_pop(L, 2);
    lua_getfield(L, 3, "from");
    lua_getfield(L, 3, "to");
    if (!lua_isstring(L, -2) || !lua_isstring(L, -1)) {
      luaL_error(L, "sim:call_at needs { from = \"caller\", to = \"number\" } (or device = ... / client = ...)");
    }
    from = check_text_arg(L, -2);
    to = check_text_arg(L, -1);
  } else {
    from = check_text_arg(L, 3);
    to = check_text_arg(L, 4);
  }
  keep_bytes(L, kKeptBytesPerScheduledCall + from.size() + to.size(), "sim:call_at");
  push_call_handle(L, session.pbx->schedule_call(at_us, from, to));
  return 1;
}

// ----------------------------------------------------------------------- running

int sim_run_until(lua_State* L) {
  ScenarioSession& session = session_of(L);
  session.pbx->run_until(check_future_time(L, session, 2));
  return 0;
}

// sim:run([limit]): until nothing is pending, at most `limit` (default 1 day) on.
int sim_run(lua_State* L) {
  ScenarioSession& session = session_of(L);
  const TimeUs limit_us = lua_isnoneornil(L, 2) ? kUsPerDay : check_time_arg(L, 2);
  lua_pushboolean(L, session.pbx->run_until_idle(session.pbx->now_us() + limit_us) ? 1 : 0);
  return 1;
}

int sim_now(lua_State* L) {
  lua_pushinteger(L, session_of(L).pbx->now_us());
  return 1;
}

// -------------------------------------------------------------------- snapshots

int sim_device(lua_State* L) {
  ScenarioSession& session = session_of(L);
  Pbx& pbx = *session.pbx;
  const DeviceIndex index = check_device(L, session, 2);
  const DeviceState& device = pbx.devices()[index];
  lua_createtable(L, 0, 10);
  set_field_string(L, "name", device.name);
  set_field_string(L, "kind", device_kind_name(device.kind));
  set_field_string(L, "owner", device.owner != kNoIndex ? pbx.users()[device.owner].id : "");
  set_field_string(L, "dnd", dnd_mode_name(device.dnd));
  lua_pushboolean(L, pbx.device_registered(index) ? 1 : 0);
  lua_setfield(L, -2, "registered");
  std::vector<std::string> lines;
  std::vector<std::string> registered_lines;
  int calls = 0;
  int ringing = 0;
  for (AppearanceIndex appearance_index : device.appearances) {
    const AppearanceState& appearance = pbx.appearances()[appearance_index];
    lines.push_back(pbx.lines()[appearance.line].spec.number);
    if (appearance.registered) registered_lines.push_back(lines.back());
    for (CallId id : appearance.calls) {
      ++calls;
      if (pbx.call(id).state == CallState::Alerting) ++ringing;
    }
  }
  push_string_list(L, lines);
  lua_setfield(L, -2, "lines");
  push_string_list(L, registered_lines);
  lua_setfield(L, -2, "registered_lines");
  lua_pushinteger(L, calls);
  lua_setfield(L, -2, "calls");
  lua_pushinteger(L, ringing);
  lua_setfield(L, -2, "ringing");
  const std::vector<CallLogEntry> call_log = pbx.call_log(index);
  lua_createtable(L, static_cast<int>(call_log.size()), 0);
  for (std::size_t i = 0; i < call_log.size(); ++i) {
    const CallLogEntry& entry = call_log[i];
    lua_createtable(L, 0, 5);
    lua_pushinteger(L, entry.call);
    lua_setfield(L, -2, "call");
    set_field_string(L, "from", pbx.call(entry.call).caller);
    lua_pushinteger(L, entry.at_us);
    lua_setfield(L, -2, "at");
    lua_pushboolean(L, entry.silent ? 1 : 0);
    lua_setfield(L, -2, "silent");
    lua_pushboolean(L, entry.answered ? 1 : 0);
    lua_setfield(L, -2, "answered");
    lua_rawseti(L, -2, static_cast<lua_Integer>(i) + 1);
  }
  lua_setfield(L, -2, "recent");
  push_device_features(L, session, index);
  set_device_feature_fields(L, *session.pbx, index);
  return 1;
}

int sim_user(lua_State* L) {
  ScenarioSession& session = session_of(L);
  Pbx& pbx = *session.pbx;
  const UserIndex index = check_user(L, session, 2);
  const UserState& user = pbx.users()[index];
  lua_createtable(L, 0, 4);
  set_field_string(L, "id", user.id);
  set_field_string(L, "mode", user_mode_name(user.mode));
  lua_pushboolean(L, pbx.user_in_dnd(index) ? 1 : 0);
  lua_setfield(L, -2, "dnd");
  std::vector<std::string> devices;
  for (DeviceIndex device : user.devices) devices.push_back(pbx.devices()[device].name);
  push_string_list(L, devices);
  lua_setfield(L, -2, "devices");
  push_user_features(L, session, index);
  set_user_feature_fields(L, *session.pbx, index);
  return 1;
}

int sim_line(lua_State* L) {
  ScenarioSession& session = session_of(L);
  const Pbx& pbx = *session.pbx;
  const LineIndex index = check_line(L, session, check_text_arg(L, 2));
  const LineState& line = pbx.lines()[index];
  lua_createtable(L, 0, 6);
  set_field_string(L, "number", line.spec.number);
  lua_pushinteger(L, pbx.line_registrations(index));
  lua_setfield(L, -2, "registrations");
  std::vector<std::string> registered;
  for (AppearanceIndex appearance : line.appearances) {
    if (pbx.appearances()[appearance].registered) {
      registered.push_back(pbx.devices()[pbx.appearances()[appearance].device].name);
    }
  }
  push_string_list(L, registered);
  lua_setfield(L, -2, "registered_devices");
  set_field_string(L, "cfa", line.spec.forward_all.describe());
  set_field_string(L, "cfb", line.spec.forward_busy.describe());
  set_field_string(L, "cfna", line.spec.forward_no_answer.describe());
  push_line_features(L, session, index);
  return 1;
}

// sim:trace([{ kind = "alerted", device = "desk", call = c }]) -> list of events.
// A filter names the kind, the subject, a typed field (exactly), the call (a
// handle or its id), or a substring of the rendered details.
namespace {

struct TraceFilter {
  std::string kind;
  std::string subject;
  std::string details;  // a substring of the rendered text
  std::optional<CallId> call;
  std::vector<std::pair<std::string TraceEvent::*, std::string>> fields;

  bool matches(const TraceEvent& event) const {
    if (!kind.empty() && trace_kind_name(event.kind) != kind) return false;
    if (!subject.empty() && event.subject != subject) return false;
    if (call && event.call != *call) return false;
    for (const auto& [member, value] : fields) {
      if (event.*member != value) return false;
    }
    return details.empty() || event.text.find(details) != std::string::npos;  // people's text search
  }
};

std::string trace_filter_keys() {
  std::string keys = "kind, subject, details, call";
  for (const TraceStringField& field : kTraceStringFields) keys += std::string(", ") + field.name;
  return keys;
}

TraceFilter read_trace_filter(lua_State* L, int arg) {
  TraceFilter filter;
  if (!lua_istable(L, arg)) return filter;
  lua_pushnil(L);
  while (lua_next(L, arg) != 0) {
    if (lua_type(L, -2) != LUA_TSTRING) luaL_error(L, "sim:trace: filter keys are names (%s)", trace_filter_keys().c_str());
    const std::string key = lua_tostring(L, -2);
    if (key == "call") {
      filter.call = lua_isinteger(L, -1) ? std::optional<CallId>(static_cast<CallId>(lua_tointeger(L, -1)))
                                         : call_handle_id(L, lua_absindex(L, -1));
      if (!filter.call) luaL_error(L, "sim:trace: call = a call (from sim:call_at) or its id");
    } else {
      if (lua_type(L, -1) != LUA_TSTRING) luaL_error(L, "sim:trace: %s = a string", key.c_str());
      const std::string value = lua_tostring(L, -1);
      const auto named = std::find_if(std::begin(kTraceStringFields), std::end(kTraceStringFields),
                                      [&](const TraceStringField& field) { return key == field.name; });
      if (key == "kind") filter.kind = value;
      else if (key == "subject") filter.subject = value;
      else if (key == "details") filter.details = value;
      else if (named != std::end(kTraceStringFields)) filter.fields.emplace_back(named->member, value);
      else luaL_error(L, "sim:trace: no filter '%s' (known: %s)", key.c_str(), trace_filter_keys().c_str());
    }
    lua_pop(L, 1);
  }
  return filter;
}

void push_trace_event(lua_State* L, const TraceEvent& event) {
  lua_createtable(L, 0, 8);
  lua_pushinteger(L, event.time_us);
  lua_setfield(L, -2, "time");
  set_field_string(L, "kind", trace_kind_name(event.kind));
  set_field_string(L, "subject", event.subject);
  set_field_string(L, "details", event.text);
  if (event.call != 0) {
    lua_pushinteger(L, event.call);
    lua_setfield(L, -2, "call");
  }
  for (const TraceStringField& field : kTraceStringFields) {
    if (!(event.*field.member).empty()) set_field_string(L, field.name, event.*field.member);
  }
  if (event.duration_us >= 0) {
    lua_pushinteger(L, event.duration_us);
    lua_setfield(L, -2, "duration");
  }
  if (event.count >= 0) {
    lua_pushinteger(L, event.count);
    lua_setfield(L, -2, "count");
  }
}

}  // namespace

int sim_trace(lua_State* L) {
  ScenarioSession& session = session_of(L);
  const TraceFilter filter = read_trace_filter(L, 2);
  lua_newtable(L);
  lua_Integer count = 0;
  lua_Integer seq = 0;
  for (const TraceEvent& event : session.pbx->trace().events()) {
    ++seq;
    if (!filter.matches(event)) continue;
    push_trace_event(L, event);
    // The record's place in the whole trace: orders records of one instant (expect(a).before(b)).
    lua_pushinteger(L, seq);
    lua_setfield(L, -2, "seq");
    lua_rawseti(L, -2, ++count);
  }
  return 1;
}

// ------------------------------------------------------------------------- calls

void push_time_or_nil(lua_State* L, TimeUs time_us) {
  if (time_us < 0) lua_pushnil(L);
  else lua_pushinteger(L, time_us);
}

// call.outcome, call.alerted ... read live from the engine.
int call_index(lua_State* L) {
  ScenarioSession& session = session_of(L);
  lua_getfield(L, 1, "id");
  const auto id = static_cast<CallId>(lua_tointeger(L, -1));
  const CallRecord& call = session.pbx->call(id);
  session.last_call_read = id;  // what the next expect(...) is about
  const std::string_view field = check_text_arg(L, 2);
  if (field == "outcome") {
    if (call.outcome == CallOutcome::None) lua_pushnil(L);
    else lua_pushstring(L, std::string(call_outcome_name(call.outcome)).c_str());
  } else if (field == "state") {
    lua_pushstring(L, std::string(call_state_name(call.state)).c_str());
  } else if (field == "detail") {
    lua_pushstring(L, call.outcome_detail.c_str());
  } else if (field == "from") {
    lua_pushstring(L, call.caller.c_str());
  } else if (field == "to") {
    lua_pushstring(L, call.dialed.c_str());
  } else if (field == "path") {
    push_string_list(L, call.path.to_vector());
  } else if (field == "forwards") {
    lua_pushinteger(L, call.forwards);
  } else if (field == "alerted") {
    push_string_list(L, call.alerted_devices.to_vector());
  } else if (field == "silent") {
    push_string_list(L, call.silent_devices.to_vector());
  } else if (field == "skipped") {
    lua_newtable(L);
    for (const auto& [device, reason] : call.skipped) {
      lua_pushlstring(L, device.data(), device.size());
      lua_pushlstring(L, reason.data(), reason.size());
      lua_rawset(L, -3);
    }
  } else if (field == "answered_by") {
    if (call.answered_by.empty()) lua_pushnil(L);
    else lua_pushstring(L, call.answered_by.c_str());
  } else if (field == "offered_at") {
    push_time_or_nil(L, call.offered_at_us);
  } else if (field == "answered_at") {
    push_time_or_nil(L, call.answered_at_us);
  } else if (field == "ended_at") {
    push_time_or_nil(L, call.outcome_at_us);
  } else if (field == "released_at") {
    push_time_or_nil(L, call.released_at_us);
  } else if (field == "gateway_model") {
    const std::string& gateway = call.extras.get().media_gateway;
    if (gateway.empty()) lua_pushnil(L);
    else lua_pushstring(L, gateway.c_str());
  } else if (push_call_feature_field(L, *session.pbx, call, field)) {
  } else {
    std::string known;
    for (std::string_view name : kCallHandleFields) {
      if (name != "id") known += (known.empty() ? "" : ", ") + std::string(name);
    }
    return luaL_error(L, "a call has no field '%s' (%s)", std::string(field).c_str(), known.c_str());
  }
  return 1;
}

// sim:callat(...) and other typos: name the methods sim has (sorted, so the
// message does not depend on table order) instead of "attempt to call a nil value".
int sim_missing(lua_State* L) {
  const std::string name = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : luaL_tolstring(L, 2, nullptr);
  std::vector<std::string> methods;
  lua_pushnil(L);
  while (lua_next(L, 1) != 0) {
    if (lua_type(L, -2) == LUA_TSTRING && lua_type(L, -1) == LUA_TFUNCTION) methods.emplace_back(lua_tostring(L, -2));
    lua_pop(L, 1);
  }
  std::sort(methods.begin(), methods.end());
  std::string list;
  for (const std::string& method : methods) list += (list.empty() ? "" : ", ") + method;
  luaL_where(L, 2);  // the author's line (level 1 is this function)
  lua_pushfstring(L, "sim has no method or field '%s' (methods: %s)", name.c_str(), list.c_str());
  lua_concat(L, 2);
  return lua_error(L);
}

void register_method(lua_State* L, ScenarioSession& session, const char* name, lua_CFunction function) {
  lua_pushlightuserdata(L, &session);
  lua_pushcclosure(L, function, 1);
  lua_setfield(L, -2, name);
}

}  // namespace

void push_string_list(lua_State* L, const std::vector<std::string>& items) {
  lua_createtable(L, static_cast<int>(items.size()), 0);
  for (std::size_t i = 0; i < items.size(); ++i) {
    lua_pushstring(L, items[i].c_str());
    lua_rawseti(L, -2, static_cast<lua_Integer>(i) + 1);
  }
}

void set_field_string(lua_State* L, const char* field, std::string_view value) {
  lua_pushlstring(L, value.data(), value.size());
  lua_setfield(L, -2, field);
}

int lua_guard(lua_State* L, int (*body)(lua_State*)) {
  if (lua_type(L, 1) != LUA_TTABLE) {
    return luaL_error(L, "call sim's methods with a colon: sim:at(...), not sim.at(...)");
  }
  try {
    return body(L);
  } catch (const PolicyError& error) {
    lua_pushstring(L, error.what());
  } catch (const LocatedError& error) {
    lua_pushstring(L, error.what());
  } catch (const std::exception& error) {
    luaL_where(L, 1);
    lua_pushstring(L, error.what());
    lua_concat(L, 2);
  }
  return lua_error(L);
}

void push_sim(lua_State* L, ScenarioSession& session) {
  luaL_newmetatable(L, kCallMetatable);
  lua_pushlightuserdata(L, &session);
  lua_pushcclosure(L, guarded<call_index>, 1);
  lua_setfield(L, -2, "__index");
  lua_pushstring(L, "call");
  lua_setfield(L, -2, "__name");
  // getmetatable(call) answers false: a script that reached this table could
  // add __gc to it, and every later handle would run it outside the budget.
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_pop(L, 1);

  lua_newtable(L);
  register_method(L, session, "at", guarded<sim_at>);
  register_method(L, session, "call_at", guarded<sim_call_at>);
  register_method(L, session, "run_until", guarded<sim_run_until>);
  register_method(L, session, "run", guarded<sim_run>);
  register_method(L, session, "now", guarded<sim_now>);
  register_method(L, session, "device", guarded<sim_device>);
  register_method(L, session, "user", guarded<sim_user>);
  register_method(L, session, "line", guarded<sim_line>);
  register_method(L, session, "trace", guarded<sim_trace>);
  register_feature_methods(L, session);
  register_mechanism_methods(L, session);
  lua_pushinteger(L, static_cast<lua_Integer>(session.pbx->prng().seed()));
  lua_setfield(L, -2, "seed");
  lua_createtable(L, 0, 1);
  lua_pushcfunction(L, sim_missing);
  lua_setfield(L, -2, "__index");
  lua_setmetatable(L, -2);
}

}  // namespace pbxsim
