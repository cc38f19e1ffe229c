#include "fact_views.h"

#include <cstring>
#include <string>

namespace pbxsim {
namespace {

constexpr const char* kMetatable = "pbxsim.facts";

struct FactView {
  FactKind kind;
  const void* facts;
};

// Enum names are string literals: lua_pushstring finds them in Lua's string
// cache by address, without hashing.
void push_name(lua_State* L, std::string_view literal) { lua_pushstring(L, literal.data()); }
void push_text(lua_State* L, std::string_view text) { lua_pushlstring(L, text.data(), text.size()); }

bool push_call_field(lua_State* L, const CallFacts& facts, std::string_view key) {
  if (key == "caller") push_text(L, facts.caller);
  else if (key == "forwards") lua_pushinteger(L, facts.forwards);
  else return false;
  return true;
}

bool push_appearance_field(lua_State* L, const AppearanceFacts& facts, std::string_view key) {
  if (key == "registered") lua_pushboolean(L, facts.registered ? 1 : 0);
  else if (key == "dnd") push_name(L, dnd_mode_name(facts.dnd));
  else if (key == "active_calls") lua_pushinteger(L, facts.active_calls);
  else if (key == "busy_trigger") lua_pushinteger(L, facts.busy_trigger);
  else if (key == "max_calls") lua_pushinteger(L, facts.max_calls);
  else if (key == "line") push_text(L, facts.line);
  else if (key == "device") push_text(L, facts.device);
  else if (key == "kind") push_name(L, device_kind_name(facts.device_kind));
  else if (key == "owner") push_text(L, facts.owner);
  else if (key == "owner_mode") push_name(L, user_mode_name(facts.owner_mode));
  else if (key == "active") lua_pushboolean(L, facts.active ? 1 : 0);
  else if (key == "gsm") lua_pushboolean(L, facts.gsm ? 1 : 0);
  else return false;
  return true;
}

bool push_line_field(lua_State* L, const LineFacts& facts, std::string_view key) {
  if (key == "number") push_text(L, facts.line);
  else if (key == "user") push_text(L, facts.user);
  else if (key == "user_mode") push_name(L, user_mode_name(facts.user_mode));
  else if (key == "appearances") lua_pushinteger(L, facts.appearances);
  else if (key == "alerted") lua_pushinteger(L, facts.alerted);
  else if (key == "alerted_silently") lua_pushinteger(L, facts.alerted_silently);
  else if (key == "unregistered") lua_pushinteger(L, facts.skipped_unregistered);
  else if (key == "dnd_reject") lua_pushinteger(L, facts.skipped_dnd_reject);
  else if (key == "busy") lua_pushinteger(L, facts.skipped_busy);
  else if (key == "other") lua_pushinteger(L, facts.skipped_other);
  else if (key == "has_cfb") lua_pushboolean(L, facts.has_forward_busy ? 1 : 0);
  else if (key == "has_cfna") lua_pushboolean(L, facts.has_forward_no_answer ? 1 : 0);
  else if (key == "inactive") lua_pushinteger(L, facts.skipped_inactive);
  else if (key == "voicemail") lua_pushboolean(L, facts.voicemail_enabled ? 1 : 0);
  else return false;
  return true;
}

// A list field becomes a fresh table only when a hook reads it.
template <typename Strings>
void push_list(lua_State* L, const Strings& items) {
  lua_createtable(L, static_cast<int>(items.size()), 0);
  for (std::size_t i = 0; i < items.size(); ++i) {
    push_text(L, items[i]);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i) + 1);
  }
}

bool push_group_member_field(lua_State* L, const GroupMemberFacts& facts, std::string_view key) {
  if (key == "group") push_text(L, facts.group);
  else if (key == "strategy") push_text(L, facts.strategy);
  else if (key == "line") push_text(L, facts.line);
  else if (key == "user") push_text(L, facts.user);
  else if (key == "logged_in") lua_pushboolean(L, facts.logged_in ? 1 : 0);
  else if (key == "paused") lua_pushboolean(L, facts.paused ? 1 : 0);
  else return false;
  return true;
}

bool push_profile_change_field(lua_State* L, const ProfileChangeFacts& facts, std::string_view key) {
  if (key == "change") push_text(L, facts.change);
  else if (key == "by") push_text(L, facts.by);
  else if (key == "trigger") push_text(L, facts.trigger);
  else if (key == "user") push_text(L, facts.user);
  else if (key == "profile") push_text(L, facts.profile);
  else if (key == "current") push_text(L, facts.current);
  else if (key == "current_sticky") lua_pushboolean(L, facts.current_sticky ? 1 : 0);
  else if (key == "exists") lua_pushboolean(L, facts.profile_exists ? 1 : 0);
  else if (key == "system") lua_pushboolean(L, facts.profile_system ? 1 : 0);
  else if (key == "selected") lua_pushboolean(L, facts.profile_selected ? 1 : 0);
  else if (key == "personal") lua_pushboolean(L, facts.profile_personal ? 1 : 0);
  else if (key == "offered") lua_pushboolean(L, facts.profile_offered ? 1 : 0);
  else if (key == "presence_profiles") lua_pushboolean(L, facts.presence_profiles ? 1 : 0);
  else if (key == "dee_main") lua_pushboolean(L, facts.primary_is_dee_main ? 1 : 0);
  else if (key == "roles") push_list(L, *facts.user_roles);
  else return false;
  return true;
}

bool push_dnd_change_field(lua_State* L, const DndFacts& facts, std::string_view key) {
  if (key == "device") push_text(L, facts.device);
  else if (key == "mode") push_name(L, dnd_mode_name(facts.mode));
  else if (key == "previous") push_name(L, dnd_mode_name(facts.previous));
  else if (key == "user") push_text(L, facts.user);
  else if (key == "user_devices") push_list(L, facts.user_devices);
  else return false;
  return true;
}

const char* kind_name(FactKind kind) {
  switch (kind) {
    case FactKind::Call: return "call";
    case FactKind::Appearance: return "app";
    case FactKind::Line: return "line";
    case FactKind::GroupMember: return "member";
    case FactKind::ProfileChange: return "change";
    case FactKind::DndChange: return "change";
  }
  return "facts";
}

int fact_index(lua_State* L) {
  // Only a view's hidden metatable leads here, so argument 1 is a view.
  const auto* view = static_cast<const FactView*>(lua_touserdata(L, 1));
  std::size_t length = 0;
  // Fields are names; a number key would be converted in place by lua_tolstring, so refuse it first.
  const char* key_text = lua_type(L, 2) == LUA_TSTRING ? lua_tolstring(L, 2, &length) : nullptr;
  if (key_text == nullptr) return luaL_error(L, "%s: facts are read by field name", kind_name(view->kind));
  const std::string_view key(key_text, length);
  if (view->facts == nullptr) {
    return luaL_error(L, "%s.%s: policy facts are only valid while the hook runs", kind_name(view->kind), key_text);
  }
  bool known = false;
  switch (view->kind) {
    case FactKind::Call: known = push_call_field(L, *static_cast<const CallFacts*>(view->facts), key); break;
    case FactKind::Appearance:
      known = push_appearance_field(L, *static_cast<const AppearanceFacts*>(view->facts), key);
      break;
    case FactKind::Line: known = push_line_field(L, *static_cast<const LineFacts*>(view->facts), key); break;
    case FactKind::GroupMember:
      known = push_group_member_field(L, *static_cast<const GroupMemberFacts*>(view->facts), key);
      break;
    case FactKind::ProfileChange:
      known = push_profile_change_field(L, *static_cast<const ProfileChangeFacts*>(view->facts), key);
      break;
    case FactKind::DndChange: known = push_dnd_change_field(L, *static_cast<const DndFacts*>(view->facts), key); break;
  }
  if (!known) {
    return luaL_error(L, "%s has no field '%s' (see scripting/policies/README.md)", kind_name(view->kind), key_text);
  }
  return 1;
}

int fact_newindex(lua_State* L) {
  const auto* view = static_cast<const FactView*>(luaL_checkudata(L, 1, kMetatable));
  return luaL_error(L, "%s is read-only: policy facts describe the engine's state", kind_name(view->kind));
}

int fact_tostring(lua_State* L) {
  const auto* view = static_cast<const FactView*>(luaL_checkudata(L, 1, kMetatable));
  lua_pushfstring(L, "%s facts", kind_name(view->kind));
  return 1;
}

}  // namespace

int make_fact_view(lua_State* L, FactKind kind) {
  if (luaL_newmetatable(L, kMetatable) != 0) {
    lua_pushcfunction(L, fact_index);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, fact_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushcfunction(L, fact_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");  // scripts cannot swap it
  }
  lua_pop(L, 1);
  auto* view = static_cast<FactView*>(lua_newuserdatauv(L, sizeof(FactView), 0));
  *view = FactView{kind, nullptr};
  luaL_setmetatable(L, kMetatable);
  return luaL_ref(L, LUA_REGISTRYINDEX);
}

void push_fact_view(lua_State* L, int ref, const void* facts) {
  lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
  static_cast<FactView*>(lua_touserdata(L, -1))->facts = facts;
}

void release_fact_view(lua_State* L, int ref) {
  lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
  static_cast<FactView*>(lua_touserdata(L, -1))->facts = nullptr;
  lua_pop(L, 1);
}

}  // namespace pbxsim
