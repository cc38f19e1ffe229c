// `scenario "name" { ... }` (or `scenario { name = ..., ... }`): records each
// declaration with its line, so runs, reports and errors can point at it.
#include <set>

#include "sandbox_internals.h"
#include "scenario_internals.h"

namespace pbxsim {
namespace {

constexpr const char* kRegistryKey = "pbxsim.scenarios";

// Upvalue 1 of the declaring functions: the registry key of their list.
void register_declaration(lua_State* L, int name_index, lua_Integer line, int def_index) {
  lua_getfield(L, LUA_REGISTRYINDEX, lua_tostring(L, lua_upvalueindex(1)));
  lua_createtable(L, 0, 3);
  lua_pushvalue(L, name_index);
  lua_setfield(L, -2, "name");
  lua_pushinteger(L, line);
  lua_setfield(L, -2, "line");
  lua_pushvalue(L, def_index);
  lua_setfield(L, -2, "def");
  lua_rawseti(L, -2, static_cast<lua_Integer>(lua_rawlen(L, -2)) + 1);
  lua_pop(L, 1);
}

lua_Integer caller_line(lua_State* L) {
  lua_Debug ar;
  if (lua_getstack(L, 1, &ar) != 0 && lua_getinfo(L, "l", &ar) != 0) return ar.currentline;
  return 0;
}

// The second half of `keyword "name" { ... }`. Upvalues: registry key, keyword, name, line.
int declaration_body(lua_State* L) {
  if (!lua_istable(L, 1)) {
    return luaL_error(L, "%s \"%s\" needs a table: %s \"name\" { ... }", lua_tostring(L, lua_upvalueindex(2)),
                      lua_tostring(L, lua_upvalueindex(3)), lua_tostring(L, lua_upvalueindex(2)));
  }
  register_declaration(L, lua_upvalueindex(3), lua_tointeger(L, lua_upvalueindex(4)), 1);
  return 0;
}

// `keyword "name" { ... }` or `keyword { name = ..., ... }`. Upvalues: registry key, keyword.
int declare(lua_State* L) {
  const char* keyword = lua_tostring(L, lua_upvalueindex(2));
  if (lua_type(L, 1) == LUA_TSTRING) {
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushvalue(L, lua_upvalueindex(2));
    lua_pushvalue(L, 1);
    lua_pushinteger(L, caller_line(L));
    lua_pushcclosure(L, declaration_body, 4);
    return 1;
  }
  if (lua_istable(L, 1)) {
    if (lua_getfield(L, 1, "name") != LUA_TSTRING) {
      return luaL_error(L, "a %s needs a name: %s \"what it is\" { ... }", keyword, keyword);
    }
    register_declaration(L, lua_gettop(L), caller_line(L), 1);
    return 0;
  }
  return luaL_error(L, "usage: %s \"name\" { ... }", keyword);
}

// `workload "name" { ... }` belongs to `pbxsim bench`; a run ignores it, so a
// file may hold both.
int ignore_table(lua_State*) { return 0; }
int workload_ignored(lua_State* L) {
  luaL_checkstring(L, 1);
  lua_pushcfunction(L, ignore_table);
  return 1;
}

}  // namespace

void install_declaration_keyword(lua_State* L, const char* keyword, const char* registry_key) {
  lua_newtable(L);
  lua_setfield(L, LUA_REGISTRYINDEX, registry_key);
  lua_pushstring(L, registry_key);
  lua_pushstring(L, keyword);
  lua_pushcclosure(L, declare, 2);
  lua_setglobal(L, keyword);
}

void install_scenario_declarations(lua_State* L) {
  install_declaration_keyword(L, "scenario", kRegistryKey);
  lua_register(L, "workload", workload_ignored);
}

void push_declared_scenarios(lua_State* L) { lua_getfield(L, LUA_REGISTRYINDEX, kRegistryKey); }

// Reads the declarations of a loaded and executed file.
std::variant<std::vector<ScenarioDecl>, ScriptError> read_declarations(lua_State* L, const std::string& path,
                                                                       std::string_view source) {
  std::vector<ScenarioDecl> decls;
  std::set<std::string> names;
  push_declared_scenarios(L);
  const lua_Integer count = static_cast<lua_Integer>(lua_rawlen(L, -1));
  for (lua_Integer i = 1; i <= count; ++i) {
    lua_rawgeti(L, -1, i);
    ScenarioDecl decl;
    raw_field(L, -1, "name");
    std::size_t name_length = 0;
    const char* name = lua_tolstring(L, -1, &name_length);
    decl.name.assign(name, name_length);
    raw_field(L, -2, "line");
    decl.line = static_cast<int>(lua_tointeger(L, -1));
    raw_field(L, -3, "def");
    const int def = lua_gettop(L);
    auto config_error = [&](const std::string& field, const std::string& message) {
      lua_settop(L, 0);
      return ScriptError{ScriptError::Kind::Config, path, locate_field(source, decl.line, field), message};
    };
    if (decl.name.find('\0') != std::string::npos) {
      return config_error("", "the scenario's name contains a NUL byte (\\0): names are text without NUL bytes");
    }
    if (!names.insert(decl.name).second) {
      return config_error("", "two scenarios are named \"" + decl.name + "\": names must be unique in a file");
    }
    const int description_type = raw_field(L, def, "description");
    if (description_type == LUA_TSTRING) decl.description = lua_tostring(L, -1);
    else if (description_type != LUA_TNIL) return config_error("description", "description: expected a string");
    lua_pop(L, 1);
    const int policy_type = raw_field(L, def, "policy");
    if (policy_type == LUA_TSTRING) decl.policy = lua_tostring(L, -1);
    else if (policy_type != LUA_TNIL) return config_error("policy", "policy: expected a policy name such as \"cisco_cucm\"");
    lua_pop(L, 1);
    const int covers_type = raw_field(L, def, "covers");
    if (covers_type == LUA_TSTRING) {
      decl.covers.emplace_back(lua_tostring(L, -1));
    } else if (covers_type == LUA_TTABLE) {
      const lua_Integer covered = static_cast<lua_Integer>(lua_rawlen(L, -1));
      for (lua_Integer k = 1; k <= covered; ++k) {
        if (lua_rawgeti(L, -1, k) != LUA_TSTRING) {
          return config_error("covers", "covers: expected catalogue IDs such as { \"CUC-5\" }");
        }
        decl.covers.emplace_back(lua_tostring(L, -1));
        lua_pop(L, 1);
      }
    } else if (covers_type != LUA_TNIL) {
      return config_error("covers", "covers: expected catalogue IDs such as { \"CUC-5\" }");
    }
    lua_pop(L, 1);
    const int load_error_type = raw_field(L, def, "expect_load_error");
    if (load_error_type == LUA_TSTRING && lua_rawlen(L, -1) > 0) decl.expect_load_error = lua_tostring(L, -1);
    else if (load_error_type != LUA_TNIL) {
      return config_error("expect_load_error", "expect_load_error: expected the text the load error must contain, "
                                               "such as \"at most 2 secondary soft phones\"");
    }
    lua_pop(L, 1);
    const int findings_type = raw_field(L, def, "expect_findings");
    if (findings_type == LUA_TTABLE) {
      const lua_Integer listed = static_cast<lua_Integer>(lua_rawlen(L, -1));
      for (lua_Integer k = 1; k <= listed; ++k) {
        if (lua_rawgeti(L, -1, k) != LUA_TSTRING) {
          return config_error("expect_findings", "expect_findings: expected finding codes such as { \"PBX-LOOP\" }");
        }
        decl.expect_findings.emplace_back(lua_tostring(L, -1));
        lua_pop(L, 1);
      }
    } else if (findings_type != LUA_TNIL) {
      return config_error("expect_findings", "expect_findings: expected finding codes such as { \"PBX-LOOP\" }");
    }
    lua_pop(L, 1);
    lua_pop(L, 4);  // name, line, def, entry
    decls.push_back(std::move(decl));
  }
  lua_pop(L, 1);
  return decls;
}

}  // namespace pbxsim
