// Reads `workload "name" { ... }` declarations; the fields are in workload.h.
#include "pbxsim/scripting/workload.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "pbxsim/engine/time_messages.h"
#include "sandbox_internals.h"
#include "scenario_internals.h"
#include "table_reader.h"

namespace pbxsim {
namespace {

constexpr const char* kRegistryKey = "pbxsim.workloads";

int workload_body(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_getfield(L, LUA_REGISTRYINDEX, kRegistryKey);
  lua_createtable(L, 0, 3);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_setfield(L, -2, "name");
  lua_pushvalue(L, lua_upvalueindex(2));
  lua_setfield(L, -2, "line");
  lua_pushvalue(L, 1);
  lua_setfield(L, -2, "def");
  lua_rawseti(L, -2, static_cast<lua_Integer>(lua_rawlen(L, -2)) + 1);
  return 0;
}

int workload_declare(lua_State* L) {
  luaL_checkstring(L, 1);
  lua_Debug ar;
  lua_Integer line = 0;
  if (lua_getstack(L, 1, &ar) != 0 && lua_getinfo(L, "l", &ar) != 0) line = ar.currentline;
  lua_pushvalue(L, 1);
  lua_pushinteger(L, line);
  lua_pushcclosure(L, workload_body, 2);
  return 1;
}

void read_int(lua_State* L, int def, const char* field, std::int64_t low, std::int64_t high, std::int64_t& out) {
  if (lua_getfield(L, def, field) != LUA_TNIL) {
    if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < low || lua_tointeger(L, -1) > high) {
      throw FieldError{field, "expected a whole number from " + std::to_string(low) + " to " + std::to_string(high)};
    }
    out = lua_tointeger(L, -1);
  }
  lua_pop(L, 1);
}

void read_percent(lua_State* L, int def, const char* field, int& out) {
  std::int64_t value = out;
  read_int(L, def, field, 0, 100, value);
  out = static_cast<int>(value);
}

TimeUs to_time(lua_State* L, int index, const char* field) {
  if (lua_type(L, index) == LUA_TNUMBER && lua_isinteger(L, index) && lua_tointeger(L, index) != 0) {
    throw FieldError{field, unitless_time_message(lua_tointeger(L, index))};
  }
  std::string why;
  const char* text = lua_tostring(L, index);
  auto parsed = text != nullptr ? parse_duration(text, &why) : std::nullopt;
  if (!parsed) throw FieldError{field, text != nullptr ? why : "expected a time"};
  return *parsed;
}

void read_time(lua_State* L, int def, const char* field, TimeUs& out) {
  if (lua_getfield(L, def, field) != LUA_TNIL) out = to_time(L, -1, field);
  lua_pop(L, 1);
}

// { "2s", "20s" }: uniform between the two, both included; { exponential = "8s" }: exponential with that mean.
void read_distribution(lua_State* L, int def, const char* field, DurationDistribution& out) {
  if (lua_getfield(L, def, field) != LUA_TNIL) {
    const std::string expected =
        "expected { \"low\", \"high\" } (uniform) such as { \"2s\", \"20s\" }, or { exponential = \"8s\" }";
    if (!lua_istable(L, -1)) throw FieldError{field, expected};
    if (lua_getfield(L, -1, "exponential") != LUA_TNIL) {
      if (lua_rawlen(L, -2) != 0) throw FieldError{field, expected};
      const TimeUs mean_us = to_time(L, -1, field);
      if (mean_us <= 0 || mean_us > kMaxExponentialMeanUs) {
        throw FieldError{field, "the exponential's mean must be longer than 0s and at most " +
                                    format_duration(kMaxExponentialMeanUs)};
      }
      out = DurationDistribution::exponential(mean_us);
      lua_pop(L, 2);
      return;
    }
    lua_pop(L, 1);
    if (lua_rawlen(L, -1) != 2) throw FieldError{field, expected};
    lua_rawgeti(L, -1, 1);
    lua_rawgeti(L, -2, 2);
    out = DurationDistribution::uniform(to_time(L, -2, field), to_time(L, -1, field));
    lua_pop(L, 2);
    if (out.low_us > out.high_us) throw FieldError{field, "the low end is above the high end"};
  }
  lua_pop(L, 1);
}

// A misspelt field would otherwise be ignored silently and the workload
// measured would not be the one written.
void reject_unknown_fields(lua_State* L, int def) {
  const std::vector<std::string>& known = workload_fields();
  lua_pushnil(L);
  while (lua_next(L, def) != 0) {
    lua_pop(L, 1);  // the value
    if (lua_type(L, -1) != LUA_TSTRING) {
      lua_pop(L, 1);
      throw FieldError{"", "workload fields are names (users = 1000, ...), not list entries"};
    }
    const std::string field = lua_tostring(L, -1);
    if (std::find(known.begin(), known.end(), field) == known.end()) {
      std::string list;
      for (const std::string& name : known) list += (list.empty() ? "" : ", ") + name;
      lua_pop(L, 1);
      throw FieldError{field, "unknown workload field '" + field + "' (fields: " + list + ")"};
    }
  }
}

void read_string(lua_State* L, int def, const char* field, std::initializer_list<const char*> allowed, std::string& out) {
  if (lua_getfield(L, def, field) != LUA_TNIL) {
    const char* text = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : nullptr;
    bool ok = text != nullptr && allowed.size() == 0;
    std::string choices;
    for (const char* choice : allowed) {
      ok = ok || (text != nullptr && std::string_view(text) == choice);
      choices += (choices.empty() ? "\"" : ", \"") + std::string(choice) + "\"";
    }
    if (!ok) {
      throw FieldError{field, "expected " + (allowed.size() == 0 ? "a string" : "one of " + choices)};
    }
    out = text;
  }
  lua_pop(L, 1);
}

}  // namespace

const std::vector<std::string>& workload_fields() {
  static const std::vector<std::string> kFields = {
      "policy", "users", "phones_per_user", "calls", "duration", "arrivals", "dnd_reject_percent",
      "dnd_ringer_off_percent", "dnd_all_phones_percent", "busy_limit_per_user",
      "dnd_toggles_per_user", "forward_busy_percent", "forward_no_answer", "no_answer", "answer_percent",
      "answer_after", "holding", "external_caller_percent", "group_member_percent", "group_size",
      "group_strategy", "group_call_percent", "profile_switches_per_user"};
  return kFields;
}

std::variant<WorkloadSpec, ScriptError> load_workload(const std::string& path, const SandboxLimits& limits) {
  auto text = read_script_file(path);
  if (text.index() == 1) return std::get<1>(text);
  const std::string source = std::move(std::get<0>(text));

  LuaSandbox sandbox(limits, Prng(0));
  lua_State* L = sandbox.state();
  install_scenario_declarations(L);  // a file may hold scenarios as well
  lua_newtable(L);
  lua_setfield(L, LUA_REGISTRYINDEX, kRegistryKey);
  lua_register(L, "workload", workload_declare);
  if (auto error = sandbox.load(source, path)) return *error;
  if (auto error = sandbox.call(0, 0)) return *error;

  lua_getfield(L, LUA_REGISTRYINDEX, kRegistryKey);
  if (lua_rawgeti(L, -1, 1) != LUA_TTABLE) {
    return ScriptError{ScriptError::Kind::Config, path, 0, "declares no workload (write workload \"name\" { ... })"};
  }
  WorkloadSpec spec;
  spec.file = path;
  lua_getfield(L, -1, "name");
  spec.name = lua_tostring(L, -1);
  lua_getfield(L, -2, "line");
  spec.line = static_cast<int>(lua_tointeger(L, -1));
  lua_getfield(L, -3, "def");
  const int def = lua_gettop(L);
  try {
    reject_unknown_fields(L, def);
    read_string(L, def, "policy", {}, spec.policy);
    read_string(L, def, "forward_no_answer", {}, spec.forward_no_answer);
    read_string(L, def, "group_strategy", {"hunt", "ring-all"}, spec.group_strategy);
    read_int(L, def, "users", 1, 10'000'000, spec.users);
    std::int64_t phones = spec.phones_per_user;
    read_int(L, def, "phones_per_user", 1, 2, phones);
    spec.phones_per_user = static_cast<int>(phones);
    std::string arrivals = "uniform";
    read_string(L, def, "arrivals", {"uniform", "poisson"}, arrivals);
    spec.arrivals = arrivals == "poisson" ? WorkloadSpec::Arrivals::Poisson : WorkloadSpec::Arrivals::Uniform;
    std::int64_t busy_limit = spec.busy_limit_per_user;
    read_int(L, def, "busy_limit_per_user", 0, 1000, busy_limit);
    spec.busy_limit_per_user = static_cast<int>(busy_limit);
    read_int(L, def, "calls", 0, 100'000'000, spec.calls);
    std::int64_t toggles = spec.dnd_toggles_per_user;
    read_int(L, def, "dnd_toggles_per_user", 0, 100, toggles);
    spec.dnd_toggles_per_user = static_cast<int>(toggles);
    read_time(L, def, "duration", spec.duration_us);
    read_time(L, def, "no_answer", spec.no_answer_us);
    read_percent(L, def, "dnd_reject_percent", spec.dnd_reject_percent);
    read_percent(L, def, "dnd_ringer_off_percent", spec.dnd_ringer_off_percent);
    read_percent(L, def, "dnd_all_phones_percent", spec.dnd_all_phones_percent);
    read_percent(L, def, "forward_busy_percent", spec.forward_busy_percent);
    read_percent(L, def, "answer_percent", spec.answer_percent);
    read_percent(L, def, "external_caller_percent", spec.external_caller_percent);
    read_percent(L, def, "group_member_percent", spec.group_member_percent);
    read_percent(L, def, "group_call_percent", spec.group_call_percent);
    read_int(L, def, "group_size", 1, 1000, spec.group_size);
    std::int64_t switches = spec.profile_switches_per_user;
    read_int(L, def, "profile_switches_per_user", 0, 100, switches);
    spec.profile_switches_per_user = static_cast<int>(switches);
    read_distribution(L, def, "answer_after", spec.answer_after);
    read_distribution(L, def, "holding", spec.holding);
    if (spec.duration_us <= 0) throw FieldError{"duration", "must be longer than 0s"};
    if (spec.dnd_reject_percent + spec.dnd_ringer_off_percent + spec.dnd_all_phones_percent > 100) {
      throw FieldError{"dnd_all_phones_percent", "dnd_reject_percent, dnd_ringer_off_percent and "
                                                 "dnd_all_phones_percent share the users and add up to more than 100"};
    }
    // With two phones on a line each counts its own calls (a call answered on
    // one no longer counts on the other), so a busy trigger is not a user's limit.
    if (spec.busy_limit_per_user > 0 && spec.phones_per_user != 1) {
      throw FieldError{"busy_limit_per_user", "needs phones_per_user = 1 (each phone of a shared "
                                              "line counts its own calls, so with two it is not a limit per user)"};
    }
    if (spec.group_call_percent > 0 && spec.users * spec.group_member_percent / 100 < spec.group_size) {
      throw FieldError{"group_call_percent", "no group can be formed: group_member_percent of the "
                                             "users is fewer than group_size"};
    }
  } catch (const FieldError& problem) {
    return located_error(path, source, spec.line, problem);
  }
  return spec;
}

}  // namespace pbxsim
