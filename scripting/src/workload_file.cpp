// Reads `workload "name" { ... }` declarations; the fields are in workload.h.
#include "pbxsim/scripting/workload.h"

#include <fstream>
#include <sstream>

#include "sandbox_internals.h"
#include "scenario_internals.h"

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

struct FieldProblem {
  std::string field;
  std::string message;
};

void read_int(lua_State* L, int def, const char* field, std::int64_t low, std::int64_t high, std::int64_t& out) {
  if (lua_getfield(L, def, field) != LUA_TNIL) {
    if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < low || lua_tointeger(L, -1) > high) {
      throw FieldProblem{field, std::string(field) + ": expected a whole number from " + std::to_string(low) +
                                    " to " + std::to_string(high)};
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
  if (lua_isinteger(L, index)) return lua_tointeger(L, index) * kUsPerSecond;
  std::string why;
  const char* text = lua_tostring(L, index);
  auto parsed = text != nullptr ? parse_duration(text, &why) : std::nullopt;
  if (!parsed) throw FieldProblem{field, std::string(field) + ": " + (text != nullptr ? why : "expected a time")};
  return *parsed;
}

void read_time(lua_State* L, int def, const char* field, TimeUs& out) {
  if (lua_getfield(L, def, field) != LUA_TNIL) out = to_time(L, -1, field);
  lua_pop(L, 1);
}

void read_range(lua_State* L, int def, const char* field, TimeRange& out) {
  if (lua_getfield(L, def, field) != LUA_TNIL) {
    if (!lua_istable(L, -1) || lua_rawlen(L, -1) != 2) {
      throw FieldProblem{field, std::string(field) + ": expected { \"low\", \"high\" } such as { \"2s\", \"20s\" }"};
    }
    lua_rawgeti(L, -1, 1);
    lua_rawgeti(L, -2, 2);
    out = TimeRange{to_time(L, -2, field), to_time(L, -1, field)};
    lua_pop(L, 2);
    if (out.low_us > out.high_us) throw FieldProblem{field, std::string(field) + ": the low end is above the high end"};
  }
  lua_pop(L, 1);
}

}  // namespace

std::variant<WorkloadSpec, ScriptError> load_workload(const std::string& path, const SandboxLimits& limits) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return ScriptError{ScriptError::Kind::Config, path, 0, "cannot open the file (does it exist?)"};
  std::ostringstream text;
  text << in.rdbuf();
  const std::string source = text.str();

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
    if (lua_getfield(L, def, "policy") == LUA_TSTRING) spec.policy = lua_tostring(L, -1);
    lua_pop(L, 1);
    if (lua_getfield(L, def, "forward_no_answer") == LUA_TSTRING) spec.forward_no_answer = lua_tostring(L, -1);
    lua_pop(L, 1);
    read_int(L, def, "users", 1, 10'000'000, spec.users);
    read_int(L, def, "calls", 0, 100'000'000, spec.calls);
    std::int64_t toggles = spec.dnd_toggles_per_user;
    read_int(L, def, "dnd_toggles_per_user", 0, 100, toggles);
    spec.dnd_toggles_per_user = static_cast<int>(toggles);
    read_time(L, def, "duration", spec.duration_us);
    read_time(L, def, "no_answer", spec.no_answer_us);
    read_percent(L, def, "dnd_reject_percent", spec.dnd_reject_percent);
    read_percent(L, def, "dnd_ringer_off_percent", spec.dnd_ringer_off_percent);
    read_percent(L, def, "forward_busy_percent", spec.forward_busy_percent);
    read_percent(L, def, "answer_percent", spec.answer_percent);
    read_percent(L, def, "external_caller_percent", spec.external_caller_percent);
    read_range(L, def, "answer_after", spec.answer_after);
    read_range(L, def, "holding", spec.holding);
    if (spec.duration_us <= 0) throw FieldProblem{"duration", "duration: must be longer than 0s"};
  } catch (const FieldProblem& problem) {
    return ScriptError{ScriptError::Kind::Config, path, locate_field(source, spec.line, problem.field),
                       problem.message};
  }
  return spec;
}

}  // namespace pbxsim
