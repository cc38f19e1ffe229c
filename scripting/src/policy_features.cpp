// The policy's side of groups and profiles: its settings tables (groups,
// profiles, pcm) and the hooks group_member and profile_change.
#include "feature_reader.h"
#include "pbxsim/scripting/lua_policy.h"
#include "pbxsim/scripting/scenario.h"
#include "sandbox_internals.h"

namespace pbxsim {
namespace {

void put_string(lua_State* L, int table, const char* field, std::string_view value) {
  lua_pushlstring(L, value.data(), value.size());
  lua_setfield(L, table, field);
}
void put_boolean(lua_State* L, int table, const char* field, bool value) {
  lua_pushboolean(L, value ? 1 : 0);
  lua_setfield(L, table, field);
}

}  // namespace

std::optional<ScriptError> LuaPolicy::read_feature_settings(int table) {
  lua_State* L = sandbox_.state();
  try {
    read_policy_features(L, table, defaults_);
  } catch (const FieldFailure& failure) {
    lua_settop(L, table);
    return ScriptError{ScriptError::Kind::Config, path_, locate_field(source_, 1, failure.error.path),
                       "policy." + failure.error.path + ": " + failure.error.message};
  }
  return std::nullopt;
}

GroupMemberDecision LuaPolicy::decide_group_member(const GroupMemberFacts& facts) {
  if (!push_hook(kGroupMember)) return fallback_.decide_group_member(facts);
  lua_State* L = sandbox_.state();
  lua_createtable(L, 0, 2);  // group offers are rare: a fresh call table
  const int call = lua_gettop(L);
  put_string(L, call, "caller", facts.caller);
  lua_pushinteger(L, facts.forwards);
  lua_setfield(L, call, "forwards");
  lua_rawgeti(L, LUA_REGISTRYINDEX, facts_table_ref_);
  const int member = lua_gettop(L);
  put_string(L, member, "group", facts.group);
  put_string(L, member, "strategy", facts.strategy);
  put_string(L, member, "line", facts.line);
  put_string(L, member, "user", facts.user);
  put_boolean(L, member, "logged_in", facts.logged_in);
  put_boolean(L, member, "paused", facts.paused);
  call_hook(kGroupMember, 2, 2);
  const std::string answer = lua_tostring(L, -2) != nullptr ? lua_tostring(L, -2) : "nil";
  const std::string reason = lua_tostring(L, -1) != nullptr ? lua_tostring(L, -1) : "";
  lua_pop(L, 2);
  if (answer == "offer") return {true, {}};
  if (answer == "skip") return {false, reason.empty() ? "skipped" : reason};
  bad_answer(kGroupMember, "returned '" + answer + "': expected \"offer\" or \"skip\", reason");
}

ProfileChangeDecision LuaPolicy::decide_profile_change(const ProfileChangeFacts& facts) {
  if (!push_hook(kProfileChange)) return fallback_.decide_profile_change(facts);
  lua_State* L = sandbox_.state();
  lua_newtable(L);
  const int change = lua_gettop(L);
  put_string(L, change, "change", facts.change);
  put_string(L, change, "by", facts.by);
  put_string(L, change, "trigger", facts.trigger);
  put_string(L, change, "user", facts.user);
  put_string(L, change, "profile", facts.profile);
  put_string(L, change, "current", facts.current);
  put_boolean(L, change, "current_sticky", facts.current_sticky);
  put_boolean(L, change, "exists", facts.profile_exists);
  put_boolean(L, change, "system", facts.profile_system);
  put_boolean(L, change, "selected", facts.profile_selected);
  put_boolean(L, change, "personal", facts.profile_personal);
  put_boolean(L, change, "offered", facts.profile_offered);
  put_boolean(L, change, "presence_profiles", facts.presence_profiles);
  put_boolean(L, change, "dee_main", facts.primary_is_dee_main);
  lua_createtable(L, static_cast<int>(facts.user_roles->size()), 0);
  for (std::size_t i = 0; i < facts.user_roles->size(); ++i) {
    lua_pushstring(L, (*facts.user_roles)[i].c_str());
    lua_rawseti(L, -2, static_cast<lua_Integer>(i) + 1);
  }
  lua_setfield(L, change, "roles");
  call_hook(kProfileChange, 1, 2);
  const std::string answer = lua_tostring(L, -2) != nullptr ? lua_tostring(L, -2) : "nil";
  const std::string reason = lua_tostring(L, -1) != nullptr ? lua_tostring(L, -1) : "";
  lua_pop(L, 2);
  if (answer == "allow") return {true, {}};
  if (answer == "refuse") return {false, reason.empty() ? "refused by the policy" : reason};
  bad_answer(kProfileChange, "returned '" + answer + "': expected \"allow\" or \"refuse\", reason");
}

}  // namespace pbxsim
