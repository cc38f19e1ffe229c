// Sections: targets · users · lines · devices · externals ·
// the scenario table.
#include "topology_reader.h"

#include <cstring>
#include <set>
#include <vector>

#include "pbxsim/engine/kept_memory.h"
#include "pbxsim/engine/time_messages.h"
#include "feature_reader.h"
#include "sandbox_internals.h"
#include "topology_reading.h"

namespace pbxsim {
// Shared with topology_reader_features.cpp (topology_reading.h).
namespace topology_reading {

// ---------------------------------------------------------------------- targets

Target parse_target(const std::string& text) {
  if (text == "none" || text.empty()) return Target::none();
  if (text == "voicemail") return Target::voicemail();
  if (text[0] == '+') return Target::external(text);
  return Target::line(text);
}

Target read_target(lua_State* L, int index, const char* field, const std::string& path,
                   const std::optional<std::string>& fallback) {
  std::optional<std::string> text =
      opt_string(L, index, field, path, "a DN, \"voicemail\", \"none\" or an external number", true);
  if (!text) text = fallback;
  return text ? parse_target(*text) : Target::none();
}

// ------------------------------------------------------------------------ users

void read_users(lua_State* L, int index, Topology& topology) {
  for (const std::string& key : sorted_key_names(L, index, "users")) {
    const std::string path = "users." + key;
    // Either { "alice", "bob" } or { alice = { mode = "deskphone" } }.
    push_entry(L, index, key);
    UserSpec user;
    if (lua_type(L, -1) == LUA_TSTRING) {
      user.id = lua_tostring(L, -1);
    } else {
      user.id = key;
      if (!lua_istable(L, -1)) fail(path, "expected a table such as { mode = \"softphone\" }, got " + type_name(L, -1));
      check_known_fields(L, -1, path, kUserFields, kUserFeatureFields);
      if (auto mode = opt_string(L, -1, "mode", path)) {
        auto parsed = parse_user_mode(*mode);
        if (!parsed) fail(path + ".mode", "unknown mode '" + *mode + "' (softphone or deskphone)");
        user.mode = *parsed;
      }
      pbxsim::read_user_profile_fields(L, lua_gettop(L), path, user);
      read_user_features(L, lua_gettop(L), path, user);
    }
    lua_pop(L, 1);
    topology.users.push_back(user);
  }
}

// ------------------------------------------------------------------------ lines

void read_lines(lua_State* L, int index, const PolicyDefaults& defaults, Topology& topology) {
  for (const std::string& key : sorted_key_names(L, index, "lines")) {
    const std::string path = "lines." + key;
    push_entry(L, index, key);
    if (!lua_istable(L, -1)) fail(path, "expected a table such as { cfna = \"voicemail\" }, got " + type_name(L, -1));
    const int line_index = lua_gettop(L);
    check_known_fields(L, line_index, path, kLineFields);
    LineSpec line;
    line.number = key;
    line.forward_all = read_target(L, line_index, "cfa", path, std::nullopt);
    line.forward_busy = read_target(L, line_index, "cfb", path, defaults.line_cfb);
    line.forward_no_answer = read_target(L, line_index, "cfna", path, defaults.line_cfna);
    line.no_answer_timeout_us = opt_duration(L, line_index, "no_answer", path).value_or(defaults.no_answer_timeout_us);
    line.max_registrations = opt_int(L, line_index, "max_registrations", path, kCountRange).value_or(0);
    line.user = opt_string(L, line_index, "user", path).value_or("");
    lua_pop(L, 1);
    topology.lines.push_back(line);
  }
}

// ---------------------------------------------------------------------- devices

void read_registration(lua_State* L, int device_index, const std::string& path, RegistrationSpec& spec) {
  const int type = get_field(L, device_index, "register");
  const std::string field = path + ".register";
  if (type == LUA_TBOOLEAN) {
    spec.at_start = lua_toboolean(L, -1) != 0;
  } else if (type == LUA_TSTRING) {
    std::string why;
    auto lifetime = parse_duration(lua_tostring(L, -1), &why);
    if (!lifetime) fail(field, why);
    spec.lifetime_us = *lifetime;
  } else if (type == LUA_TTABLE) {
    check_known_fields(L, -1, field, {"at_start", "lifetime"});
    if (get_field(L, -1, "at_start") == LUA_TBOOLEAN) spec.at_start = lua_toboolean(L, -1) != 0;
    lua_pop(L, 1);
    spec.lifetime_us = opt_duration(L, -1, "lifetime", field).value_or(0);
  } else if (type != LUA_TNIL) {
    fail(field, "expected true, false, a lifetime such as \"60s\", or { at_start = ..., lifetime = ... }");
  }
  lua_pop(L, 1);
}

void read_appearances(lua_State* L, int device_index, const std::string& path, const PolicyDefaults& defaults,
                      DeviceSpec& device) {
  const int type = get_field(L, device_index, "lines");
  if (type == LUA_TNIL) {
    lua_pop(L, 1);
    return;
  }
  if (type != LUA_TTABLE) fail(path + ".lines", "expected a list of DNs such as { \"1000\" }, got " + type_name(L, -1));
  const int lines_index = lua_gettop(L);
  const lua_Integer count = static_cast<lua_Integer>(lua_rawlen(L, lines_index));
  for (lua_Integer i = 1; i <= count; ++i) {
    const std::string item_path = path + ".lines[" + std::to_string(i) + "]";
    lua_rawgeti(L, lines_index, i);
    AppearanceSpec appearance{{}, defaults.max_calls, defaults.busy_trigger};
    if (lua_type(L, -1) == LUA_TSTRING || (lua_type(L, -1) == LUA_TNUMBER && lua_isinteger(L, -1))) {
      appearance.line = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : std::to_string(lua_tointeger(L, -1));
    } else if (lua_istable(L, -1)) {
      check_known_fields(L, -1, item_path, kAppearanceFields);
      auto dn = opt_string(L, -1, "dn", item_path, "a DN", true);
      if (!dn) fail(item_path, "an appearance needs dn = \"...\"");
      appearance.line = *dn;
      appearance.max_calls = opt_int(L, -1, "max_calls", item_path, kMaxCallsRange).value_or(defaults.max_calls);
      // A busy trigger left out follows max_calls down, never above it.
      appearance.busy_trigger = opt_int(L, -1, "busy_trigger", item_path, kMaxCallsRange)
                                    .value_or(std::min(defaults.busy_trigger, appearance.max_calls));
    } else {
      fail(item_path, "expected a DN or { dn = ..., max_calls = ..., busy_trigger = ... }, got " + type_name(L, -1));
    }
    lua_pop(L, 1);
    device.appearances.push_back(appearance);
  }
  lua_pop(L, 1);
}

void read_devices(lua_State* L, int index, const PolicyDefaults& defaults, Topology& topology) {
  for (const std::string& key : sorted_key_names(L, index, "devices")) {
    const std::string path = "devices." + key;
    push_entry(L, index, key);
    if (!lua_istable(L, -1)) {
      fail(path, "expected a table such as { kind = \"deskphone\", lines = { \"1000\" } }, got " + type_name(L, -1));
    }
    const int device_index = lua_gettop(L);
    check_known_fields(L, device_index, path, kDeviceFields, kDeviceFeatureFields);
    DeviceSpec device;
    device.name = key;
    if (auto kind = opt_string(L, device_index, "kind", path)) {
      auto parsed = parse_device_kind(*kind);
      if (!parsed) fail(path + ".kind", "unknown device kind '" + *kind + "' (deskphone, softphone or mobile)");
      device.kind = *parsed;
    }
    device.owner = opt_string(L, device_index, "owner", path).value_or("");
    if (get_field(L, device_index, "users") == LUA_TTABLE) {
      const lua_Integer count = static_cast<lua_Integer>(lua_rawlen(L, -1));
      for (lua_Integer i = 1; i <= count; ++i) {
        lua_rawgeti(L, -1, i);
        if (lua_type(L, -1) != LUA_TSTRING) fail(path + ".users[" + std::to_string(i) + "]", "expected a user ID");
        device.also_users.emplace_back(lua_tostring(L, -1));
        lua_pop(L, 1);
      }
    } else if (!lua_isnil(L, -1)) {
      fail(path + ".users", "expected a list of user IDs, got " + type_name(L, -1));
    }
    lua_pop(L, 1);
    read_appearances(L, device_index, path, defaults, device);
    read_registration(L, device_index, path, device.registration);
    pbxsim::read_device_profile_fields(L, device_index, path, device);
    read_device_features(L, device_index, path, device);
    lua_pop(L, 1);
    topology.devices.push_back(device);
  }
}

// -------------------------------------------------------------------- externals

void read_externals(lua_State* L, int index, Topology& topology) {
  for (const std::string& key : sorted_key_names(L, index, "externals")) {
    const std::string path = "externals." + key;
    push_entry(L, index, key);
    if (lua_type(L, -1) != LUA_TSTRING) fail(path, "expected \"answer\", \"busy\", \"unreachable\" or \"no-answer\"");
    const std::string behaviour = lua_tostring(L, -1);
    lua_pop(L, 1);
    ExternalSpec external{key, ExternalSpec::Behaviour::Answer};
    if (behaviour == "answer") external.behaviour = ExternalSpec::Behaviour::Answer;
    else if (behaviour == "busy") external.behaviour = ExternalSpec::Behaviour::Busy;
    else if (behaviour == "unreachable") external.behaviour = ExternalSpec::Behaviour::Unreachable;
    else if (behaviour == "no-answer") external.behaviour = ExternalSpec::Behaviour::NoAnswer;
    else fail(path, "unknown behaviour '" + behaviour + "' (answer, busy, unreachable or no-answer)");
    topology.externals.push_back(external);
  }
}

// The readers copy strings as C strings, so "1000\0x" would read as "1000".
// One walk over every table the definition reaches refuses a NUL byte in any
// string key or value instead. Iterative (a stack of tables, each visited
// once, so cycles end) and bounded; when several strings are wrong the
// message names the smallest path, so it does not depend on hash order.
constexpr std::size_t kMaxTablesWalked = 1'000'000;

void refuse_nul_bytes(lua_State* L, int root_index) {
  root_index = lua_absindex(L, root_index);
  std::set<const void*> seen{lua_topointer(L, root_index)};
  std::vector<std::string> pending_paths{""};
  lua_newtable(L);  // the tables still to walk, by position (parallel to pending_paths)
  const int pending = lua_gettop(L);
  lua_pushvalue(L, root_index);
  lua_rawseti(L, pending, 1);
  std::optional<std::string> first_bad;
  auto has_nul = [&](int index) {
    std::size_t length = 0;
    const char* text = lua_tolstring(L, index, &length);
    return std::memchr(text, '\0', length) != nullptr;
  };
  while (!pending_paths.empty()) {
    const std::string path = std::move(pending_paths.back());
    const auto slot = static_cast<lua_Integer>(pending_paths.size());
    pending_paths.pop_back();
    lua_rawgeti(L, pending, slot);
    lua_pushnil(L);
    lua_rawseti(L, pending, slot);
    const int table = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, table) != 0) {
      std::string child;
      if (lua_type(L, -2) == LUA_TSTRING) {
        if (has_nul(-2)) {
          if (!first_bad || path < *first_bad) first_bad = path;
          lua_pop(L, 1);
          continue;
        }
        child = path.empty() ? std::string(lua_tostring(L, -2)) : path + "." + lua_tostring(L, -2);
      } else if (lua_type(L, -2) == LUA_TNUMBER && lua_isinteger(L, -2)) {
        child = path + "[" + std::to_string(lua_tointeger(L, -2)) + "]";
      } else {
        lua_pop(L, 1);
        continue;  // the readers refuse such keys where they matter
      }
      if (lua_type(L, -1) == LUA_TSTRING && has_nul(-1)) {
        if (!first_bad || child < *first_bad) first_bad = child;
      } else if (lua_type(L, -1) == LUA_TTABLE && seen.insert(lua_topointer(L, -1)).second) {
        if (seen.size() > kMaxTablesWalked) fail(path, "the definition reaches more than 1000000 tables");
        pending_paths.push_back(std::move(child));
        lua_pushvalue(L, -1);
        lua_rawseti(L, pending, static_cast<lua_Integer>(pending_paths.size()));
      }
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  if (first_bad) fail(*first_bad, "contains a NUL byte (\\0): names and values are text without NUL bytes");
}

void read_section(lua_State* L, int scenario, const char* name, const auto& reader) {
  const int type = get_field(L, scenario, name);
  if (type == LUA_TTABLE) reader(lua_gettop(L));
  else if (type != LUA_TNIL) fail(name, std::string("expected a table, got ") + type_name(L, -1));
  lua_pop(L, 1);
}

}  // namespace topology_reading

// ------------------------------------------------------------- the scenario table

using namespace topology_reading;

std::variant<Topology, FieldError> read_topology(lua_State* L, int scenario_index, const PolicyDefaults& defaults) {
  const int top = lua_gettop(L);
  Topology topology;
  lua_pushvalue(L, scenario_index);
  try {
    // Protected: a Lua error while reading (memory) must not reach Lua's panic handler.
    const std::optional<std::string> lua_error = run_protected(L, 1, [&](lua_State* state) {
      const int scenario = 1;
      check_known_fields(state, scenario, "", kScenarioFields, kScenarioFeatureSections);
      apply_policy_settings(defaults, topology);  // the scenario's own sections then change them
      topology.hop_limit = defaults.hop_limit;
      read_section(state, scenario, "users", [&](int index) { read_users(state, index, topology); });
      read_section(state, scenario, "lines", [&](int index) { read_lines(state, index, defaults, topology); });
      read_section(state, scenario, "devices", [&](int index) { read_devices(state, index, defaults, topology); });
      read_section(state, scenario, "externals", [&](int index) { read_externals(state, index, topology); });
      if (auto hop_limit = opt_int(state, scenario, "hop_limit", "", kHopLimitRange)) topology.hop_limit = *hop_limit;
      if (auto limit = opt_int(state, scenario, "max_events_per_instant", "", kIntRange)) {
        topology.max_events_per_instant = *limit;
      }
      if (auto limit = opt_int(state, scenario, "max_events", "", kIntRange)) topology.max_events = *limit;
      constexpr IntRange kEngineKeptMibRange{KeptMemory::kMinLimitMib, KeptMemory::kMaxLimitMib};
      if (auto limit = opt_int(state, scenario, "engine_kept_mib", "", kEngineKeptMibRange)) {
        topology.engine_kept_mib = *limit;
      }
      read_scenario_features(state, scenario, defaults, topology);
      read_feature_sections(state, scenario, defaults, topology);
      refuse_nul_bytes(state, scenario);
    });
    lua_settop(L, top);
    if (lua_error) return FieldError{"", *lua_error};
    return topology;
  } catch (const FieldError& failure) {
    lua_settop(L, top);
    FieldError error = failure;
    if (!error.path.empty() && error.path[0] == '.') error.path.erase(0, 1);
    return error;
  }
}

}  // namespace pbxsim
