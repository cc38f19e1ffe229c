// Sections: loading and extend() · reading the policy table · hooks.
#include "pbxsim/scripting/lua_policy.h"

#include <filesystem>

#include "fact_views.h"
#include "hook_answer.h"
#include "pbxsim/scripting/policy_library.h"
#include "sandbox_internals.h"
#include "topology_reading.h"

namespace pbxsim {
namespace {

constexpr const char* kHookNames[] = {"appearance",  "none_alerted",          "no_answer",   "registrations_full",
                                      "dnd_changed", "group_member",          "profile_change",
                                      "softphone_device_name", "contact_name"};
constexpr int kMaxExtendDepth = 8;

// -------------------------------------------------------- loading and extend()

// extend("base") loads a policy and returns a shallow copy of its table, so
// the caller can replace hooks without touching the original.
int extend_policy(lua_State* L) {
  const char* name = luaL_checkstring(L, 1);
  lua_getfield(L, LUA_REGISTRYINDEX, "pbxsim.extend_depth");
  const lua_Integer depth = lua_tointeger(L, -1);
  lua_pop(L, 1);
  if (depth >= kMaxExtendDepth) return luaL_error(L, "extend: policies extend each other in a cycle");
  lua_getfield(L, LUA_REGISTRYINDEX, "pbxsim.policy_dir");
  const std::string dir = lua_tostring(L, -1) != nullptr ? lua_tostring(L, -1) : "";
  lua_pop(L, 1);
  auto found = find_policy(name, dir);
  if (auto* message = std::get_if<std::string>(&found)) return luaL_error(L, "extend: %s", message->c_str());
  const PolicySource& source = std::get<PolicySource>(found);
  if (luaL_loadbufferx(L, source.text.data(), source.text.size(), ("@" + source.path).c_str(), "t") != LUA_OK) {
    return lua_error(L);
  }
  lua_pushinteger(L, depth + 1);
  lua_setfield(L, LUA_REGISTRYINDEX, "pbxsim.extend_depth");
  lua_call(L, 0, 1);
  lua_pushinteger(L, depth);
  lua_setfield(L, LUA_REGISTRYINDEX, "pbxsim.extend_depth");
  if (!lua_istable(L, -1)) return luaL_error(L, "extend: policy '%s' did not return a table", name);
  lua_newtable(L);
  push_sorted_keys(L, -2, "extend");
  const lua_Integer count = static_cast<lua_Integer>(lua_rawlen(L, -1));
  for (lua_Integer i = 1; i <= count; ++i) {
    lua_rawgeti(L, -1, i);        // key
    lua_pushvalue(L, -1);
    lua_rawget(L, -5);            // value from the original
    lua_rawset(L, -4);            // copy[key] = value
  }
  lua_pop(L, 1);
  return 1;
}

std::string hook_location(lua_State* L) {
  lua_Debug ar;
  lua_pushvalue(L, -1);
  if (lua_getinfo(L, ">S", &ar) == 0 || ar.linedefined <= 0) return {};
  return std::string(ar.short_src) + ":" + std::to_string(ar.linedefined);
}

void set_string(lua_State* L, int table, const char* field, std::string_view value) {
  lua_pushlstring(L, value.data(), value.size());
  lua_setfield(L, table, field);
}
void set_boolean(lua_State* L, int table, const char* field, bool value) {
  lua_pushboolean(L, value ? 1 : 0);
  lua_setfield(L, table, field);
}
void set_integer(lua_State* L, int table, const char* field, lua_Integer value) {
  lua_pushinteger(L, value);
  lua_setfield(L, table, field);
}

}  // namespace

LuaPolicy::LuaPolicy(SandboxLimits limits, Prng random) : sandbox_(limits, random) {
  for (int& ref : hook_refs_) ref = LUA_NOREF;
}

LuaPolicy::~LuaPolicy() = default;

std::variant<std::unique_ptr<LuaPolicy>, ScriptError> LuaPolicy::load(
    std::string_view name, const std::string& relative_to_dir, SandboxLimits limits, Prng random) {
  auto found = find_policy(name, relative_to_dir);
  if (auto* message = std::get_if<std::string>(&found)) {
    return ScriptError{ScriptError::Kind::Config, {}, 0, *message};
  }
  const PolicySource& source = std::get<PolicySource>(found);
  std::unique_ptr<LuaPolicy> policy(new LuaPolicy(limits, random));
  policy->path_ = source.path;
  policy->source_ = source.text;
  lua_State* L = policy->sandbox_.state();
  const std::string policy_dir = std::filesystem::path(source.path).parent_path().string();
  lua_pushstring(L, policy_dir.empty() ? relative_to_dir.c_str() : policy_dir.c_str());
  lua_setfield(L, LUA_REGISTRYINDEX, "pbxsim.policy_dir");
  lua_register(L, "extend", extend_policy);

  if (auto error = policy->sandbox_.load(source.text, source.path)) return *error;
  if (auto error = policy->sandbox_.call(0, 1)) return *error;
  if (!lua_istable(L, -1)) {
    lua_pop(L, 1);
    return ScriptError{ScriptError::Kind::Config, source.path, 0,
                       "a policy file must end with 'return policy' (a table of hooks and settings)"};
  }
  if (auto error = policy->read_definition()) return *error;
  // From here on only hooks run in this state: millions of calls.
  policy->sandbox_.keep_message_handler();
  return policy;
}

// ----------------------------------------------------- reading the policy table

std::optional<ScriptError> LuaPolicy::read_definition() {
  lua_State* L = sandbox_.state();
  const int table = lua_gettop(L);
  auto config_error = [&](const std::string& message) {
    lua_settop(L, table - 1);
    return ScriptError{ScriptError::Kind::Config, path_, 0, message};
  };

  if (raw_field(L, table, "name") == LUA_TSTRING) name_ = lua_tostring(L, -1);
  else name_ = std::filesystem::path(path_).stem().string();
  lua_pop(L, 1);

  // Whole numbers are range-checked before they are narrowed to int.
  auto read_int = [&](int holder, const char* field, const char* path, topology_reading::IntRange range,
                      int& target) -> std::optional<ScriptError> {
    if (raw_field(L, holder, field) != LUA_TNIL) {
      if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < range.min || lua_tointeger(L, -1) > range.max) {
        return config_error(std::string(path) + " must be a whole number from " + std::to_string(range.min) + " to " +
                            std::to_string(range.max));
      }
      target = static_cast<int>(lua_tointeger(L, -1));
    }
    lua_pop(L, 1);
    return std::nullopt;
  };
  if (auto error = read_int(table, "hop_limit", "hop_limit", topology_reading::kHopLimitRange, defaults_.hop_limit)) {
    return error;
  }

  if (raw_field(L, table, "line_defaults") == LUA_TTABLE) {
    for (const char* field : {"cfna", "cfb"}) {
      if (raw_field(L, -1, field) == LUA_TSTRING) {
        (std::string_view(field) == "cfna" ? defaults_.line_cfna : defaults_.line_cfb) = lua_tostring(L, -1);
      }
      lua_pop(L, 1);
    }
    if (raw_field(L, -1, "no_answer") == LUA_TSTRING) {
      std::string why;
      auto parsed = parse_duration(lua_tostring(L, -1), &why);
      if (!parsed) return config_error("line_defaults.no_answer: " + why);
      defaults_.no_answer_timeout_us = *parsed;
    }
    lua_pop(L, 1);
  }
  lua_pop(L, 1);

  if (raw_field(L, table, "appearance_defaults") == LUA_TTABLE) {
    const int holder = lua_gettop(L);
    if (auto error = read_int(holder, "max_calls", "appearance_defaults.max_calls", topology_reading::kMaxCallsRange,
                              defaults_.max_calls)) {
      return error;
    }
    if (auto error = read_int(holder, "busy_trigger", "appearance_defaults.busy_trigger",
                              topology_reading::kMaxCallsRange, defaults_.busy_trigger)) {
      return error;
    }
  }
  lua_pop(L, 1);

  if (auto error = read_feature_settings(table)) return error;
  if (auto error = topology_reading::read_policy_feature_settings(L, table, defaults_)) return config_error(*error);

  for (int hook = 0; hook < kHookCount; ++hook) {
    const int type = raw_field(L, table, kHookNames[hook]);
    if (type == LUA_TNIL) {
      lua_pop(L, 1);
      continue;
    }
    if (type != LUA_TFUNCTION) return config_error(std::string("policy.") + kHookNames[hook] + " must be a function");
    hook_locations_[hook] = hook_location(L);
    hook_refs_[hook] = luaL_ref(L, LUA_REGISTRYINDEX);
  }
  lua_pop(L, 1);  // the policy table

  call_view_ = make_fact_view(L, FactKind::Call);
  appearance_view_ = make_fact_view(L, FactKind::Appearance);
  line_view_ = make_fact_view(L, FactKind::Line);
  member_view_ = make_fact_view(L, FactKind::GroupMember);
  profile_change_view_ = make_fact_view(L, FactKind::ProfileChange);
  dnd_change_view_ = make_fact_view(L, FactKind::DndChange);
  lua_newtable(L);
  facts_table_ref_ = luaL_ref(L, LUA_REGISTRYINDEX);
  return std::nullopt;
}

// ----------------------------------------------------------------------- hooks

bool LuaPolicy::push_hook(Hook hook) {
  if (hook_refs_[hook] == LUA_NOREF) return false;
  lua_rawgeti(sandbox_.state(), LUA_REGISTRYINDEX, hook_refs_[hook]);
  return true;
}

void LuaPolicy::call_hook(Hook hook, int nargs, int nresults) {
  if (auto error = sandbox_.call(nargs, nresults)) {
    throw PolicyError(error->text() + " (in policy hook " + kHookNames[hook] + ")");
  }
}

void LuaPolicy::bad_answer(Hook hook, const std::string& what) {
  lua_settop(sandbox_.state(), sandbox_.stack_base());
  const std::string& where = hook_locations_[hook].empty() ? path_ : hook_locations_[hook];
  throw PolicyError(where + ": policy hook " + kHookNames[hook] + " " + what);
}


AppearanceDecision LuaPolicy::decide_appearance(const AppearanceFacts& facts) {
  if (!push_hook(kAppearance)) return fallback_.decide_appearance(facts);
  lua_State* L = sandbox_.state();
  const CallFacts call{facts.caller, facts.forwards};
  AppearanceDecision decision;
  {
    FactViewsInUse views(L, call_view_, &call, appearance_view_, &facts);
    call_hook(kAppearance, 2, 2);
  }
  const std::string_view verdict = hook_answer(L, -2);
  if (verdict == "alert") {
    decision = {AppearanceVerdict::Alert, {}};
  } else if (verdict == "silent") {
    decision = {AppearanceVerdict::AlertSilently, {}};
  } else if (verdict == "skip") {
    decision = {AppearanceVerdict::Skip, hook_reason(L, -1, "skipped")};
  } else {
    bad_answer(kAppearance, "returned '" + std::string(verdict) + "': expected \"alert\", \"silent\" or \"skip\", reason");
  }
  lua_pop(L, 2);
  return decision;
}

Divert LuaPolicy::divert_answer(Hook hook, const LineFacts& facts) {
  lua_State* L = sandbox_.state();
  const CallFacts call{facts.caller, facts.forwards};
  {
    FactViewsInUse views(L, call_view_, &call, line_view_, &facts);
    call_hook(hook, 2, 1);
  }
  const std::string answer(hook_answer(L, -1));
  lua_pop(L, 1);
  for (Divert divert : {Divert::ForwardNoAnswer, Divert::ForwardBusy, Divert::Busy, Divert::Rejected,
                        Divert::NoAnswer, Divert::Voicemail, Divert::Unreachable}) {
    if (answer == divert_name(divert)) {
      if (divert == Divert::ForwardNoAnswer && !facts.has_forward_no_answer) {
        bad_answer(hook, "chose \"cfna\" but line " + std::string(facts.line) + " has none (check line.has_cfna)");
      }
      if (divert == Divert::ForwardBusy && !facts.has_forward_busy) {
        bad_answer(hook, "chose \"cfb\" but line " + std::string(facts.line) + " has none (check line.has_cfb)");
      }
      return divert;
    }
  }
  bad_answer(hook, "returned '" + answer +
                       "': expected one of cfna, cfb, busy, rejected, no-answer, voicemail, unreachable");
}

Divert LuaPolicy::when_none_alerted(const LineFacts& facts) {
  if (!push_hook(kNoneAlerted)) return fallback_.when_none_alerted(facts);
  return divert_answer(kNoneAlerted, facts);
}

Divert LuaPolicy::when_no_answer(const LineFacts& facts) {
  if (!push_hook(kNoAnswer)) return fallback_.when_no_answer(facts);
  return divert_answer(kNoAnswer, facts);
}

RegistrationOverflow LuaPolicy::when_registrations_full(const RegistrationFacts& facts) {
  if (!push_hook(kRegistrationsFull)) return fallback_.when_registrations_full(facts);
  lua_State* L = sandbox_.state();
  lua_rawgeti(L, LUA_REGISTRYINDEX, facts_table_ref_);
  const int table = lua_gettop(L);
  set_string(L, table, "line", facts.line);
  set_string(L, table, "device", facts.device);
  set_integer(L, table, "registered", facts.registered);
  set_integer(L, table, "max", facts.max_registrations);
  call_hook(kRegistrationsFull, 1, 1);
  const std::string answer = lua_tostring(L, -1) != nullptr ? lua_tostring(L, -1) : "nil";
  lua_pop(L, 1);
  if (answer == "refuse") return RegistrationOverflow::RefuseNewest;
  if (answer == "replace-oldest") return RegistrationOverflow::ReplaceOldest;
  bad_answer(kRegistrationsFull, "returned '" + answer + "': expected \"refuse\" or \"replace-oldest\"");
}

std::vector<DndChange> LuaPolicy::propagate_dnd(const DndFacts& facts) {
  if (!push_hook(kDndChanged)) return fallback_.propagate_dnd(facts);
  lua_State* L = sandbox_.state();
  {
    FactViewsInUse view(L, dnd_change_view_, &facts);
    call_hook(kDndChanged, 1, 1);
  }
  std::vector<DndChange> changes;
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    return changes;
  }
  if (!lua_istable(L, -1)) bad_answer(kDndChanged, "must return a list of { device = ..., mode = ... } or nil");
  const lua_Integer count = static_cast<lua_Integer>(lua_rawlen(L, -1));
  for (lua_Integer i = 1; i <= count; ++i) {
    // Read raw and typed: an entry may be any value, with any metatable.
    const bool is_table = lua_rawgeti(L, -1, i) == LUA_TTABLE;
    if (is_table) {
      raw_field(L, -1, "device");
      raw_field(L, -2, "mode");
    } else {
      lua_pushnil(L);
      lua_pushnil(L);
    }
    const char* device = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : nullptr;
    const char* mode_text = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : nullptr;
    const std::optional<DndMode> mode = mode_text != nullptr ? parse_dnd_mode(mode_text) : std::nullopt;
    if (device == nullptr || !mode) {
      bad_answer(kDndChanged, "returned entry " + std::to_string(i) +
                                  " without a device name and a mode (off, ringer-off, reject)");
    }
    changes.push_back(DndChange{device, *mode});
    lua_pop(L, 3);
  }
  lua_pop(L, 1);
  return changes;
}

// CUC-1: the soft-phone device name a user's client derives, or nil.
std::optional<std::string> LuaPolicy::softphone_device_name(std::string_view user_id) {
  if (!push_hook(kSoftphoneDeviceName)) return fallback_.softphone_device_name(user_id);
  lua_State* L = sandbox_.state();
  lua_pushlstring(L, user_id.data(), user_id.size());
  call_hook(kSoftphoneDeviceName, 1, 1);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    return std::nullopt;
  }
  if (lua_type(L, -1) != LUA_TSTRING || lua_rawlen(L, -1) == 0) {
    bad_answer(kSoftphoneDeviceName, "must return a device name (a non-empty string) or nil");
  }
  std::string name = lua_tostring(L, -1);
  lua_pop(L, 1);
  return name;
}

// CUC-17: the displayed name of a contact. Empty facts are nil in Lua.
std::string LuaPolicy::contact_display_name(const ContactFacts& facts) {
  if (!push_hook(kContactName)) return fallback_.contact_display_name(facts);
  lua_State* L = sandbox_.state();
  lua_createtable(L, 0, 7);
  const int contact = lua_gettop(L);
  set_boolean(L, contact, "in_directory", facts.in_directory);
  auto set_optional = [&](const char* field, std::string_view value) {
    if (!value.empty()) set_string(L, contact, field, value);
  };
  set_optional("edited_name", facts.edited_name);
  set_optional("display_name", facts.display_name);
  set_optional("nickname", facts.nickname);
  set_optional("first_name", facts.first_name);
  set_optional("last_name", facts.last_name);
  set_optional("user_id", facts.user_id);
  call_hook(kContactName, 1, 1);
  if (lua_type(L, -1) != LUA_TSTRING) bad_answer(kContactName, "must return the name to display (a string)");
  std::string name = lua_tostring(L, -1);
  lua_pop(L, 1);
  return name;
}

}  // namespace pbxsim
