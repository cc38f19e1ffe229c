// Sections: loading and extend() · reading the policy table · hooks.
#include "pbxsim/scripting/lua_policy.h"

#include <algorithm>
#include <cassert>
#include <filesystem>
#include <utility>
#include <vector>

#include "pbxsim/engine/ordered_tries.h"
#include "pbxsim/engine/time_messages.h"
#include "decision_record.h"
#include "fact_views.h"
#include "hook_answer.h"
#include "lua_policy_cache.h"
#include "pbxsim/scripting/policy_api.h"
#include "pbxsim/scripting/policy_library.h"
#include "compiled_chunks.h"
#include "pbxsim/scripting/scenario.h"
#include "sandbox_internals.h"
#include "topology_reading.h"

namespace pbxsim {
namespace {

constexpr const char* hook_name(int hook) { return kPolicyNames[static_cast<std::size_t>(hook)].name.data(); }
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
  if (load_text_chunk(L, source.text, ("@" + source.path).c_str()) != LUA_OK) {
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

// ------------------------------------------------------- destination answers

// to(number), voicemail([line]), reject(cause): what none_alerted and
// no_answer may answer besides a kind of divert. Each records the file:line
// it was written at, so an error or the trace names the rule.
void push_destination(lua_State* L, const char* kind, const char* field, const char* value) {
  const std::string at = lua_location(L, 1);
  lua_createtable(L, 0, 3);
  lua_pushstring(L, kind);
  lua_setfield(L, -2, "destination");
  if (value != nullptr) {
    lua_pushstring(L, value);
    lua_setfield(L, -2, field);
  }
  lua_pushlstring(L, at.data(), at.size());
  lua_setfield(L, -2, "at");
}

// A number longer than an answer may hold is refused where to() or
// voicemail() is called, the line a policy author wants to see.
int refuse_oversized_number(lua_State* L, const char* call) {
  const std::string oversized = oversized_answer(L, 1);
  if (oversized.empty()) return 0;
  return luaL_argerror(L, 1, (std::string(call) + ": the number is " + oversized).c_str());
}

int destination_to(lua_State* L) {
  if (lua_type(L, 1) != LUA_TSTRING && lua_type(L, 1) != LUA_TNUMBER) {
    return luaL_argerror(L, 1, "to(number): the line, group or external number to send the call to, as a string");
  }
  const char* number = lua_tostring(L, 1);
  if (*number == '\0') return luaL_argerror(L, 1, "to(number): the number is empty");
  refuse_oversized_number(L, "to(number)");
  if (lua_isnoneornil(L, 2)) {
    push_destination(L, "to", "number", number);
    return 1;
  }
  // to(number, { only = { "desk", ... } }): ring only these devices' appearances (ring_only.h).
  constexpr const char* kOnlyUsage = "to(number, { only = { \"desk\" } }): the devices whose appearances ring";
  if (!lua_istable(L, 2)) return luaL_argerror(L, 2, kOnlyUsage);
  lua_pushnil(L);
  while (lua_next(L, 2) != 0) {
    const bool known = lua_type(L, -2) == LUA_TSTRING && std::string_view(lua_tostring(L, -2)) == "only";
    lua_pop(L, 1);
    if (!known) return luaL_argerror(L, 2, kOnlyUsage);
  }
  if (lua_getfield(L, 2, "only") != LUA_TTABLE) return luaL_argerror(L, 2, kOnlyUsage);
  const int only = lua_gettop(L);
  const auto count = static_cast<lua_Integer>(lua_rawlen(L, only));
  constexpr lua_Integer kMaxOnly = 64;
  if (count < 1 || count > kMaxOnly) return luaL_argerror(L, 2, "to(number, { only = ... }): 1 to 64 device names");
  push_destination(L, "to", "number", number);
  lua_createtable(L, static_cast<int>(count), 0);
  for (lua_Integer i = 1; i <= count; ++i) {
    if (lua_rawgeti(L, only, i) != LUA_TSTRING) return luaL_argerror(L, 2, "to(number, { only = ... }): device names");
    lua_rawseti(L, -2, i);
  }
  lua_setfield(L, -2, "only");
  return 1;
}

int destination_voicemail(lua_State* L) {
  if (!lua_isnoneornil(L, 1) && lua_type(L, 1) != LUA_TSTRING && lua_type(L, 1) != LUA_TNUMBER) {
    return luaL_argerror(L, 1, "voicemail([line]): whose voicemail, a line number (none: the called line's)");
  }
  refuse_oversized_number(L, "voicemail([line])");
  push_destination(L, "voicemail", "number", lua_isnoneornil(L, 1) ? nullptr : lua_tostring(L, 1));
  return 1;
}

constexpr const char* kRejectCauses[] = {"busy", "rejected", "unreachable", "no-answer", nullptr};

int destination_reject(lua_State* L) {
  const int cause = luaL_checkoption(L, 1, "busy", kRejectCauses);
  push_destination(L, "reject", "cause", kRejectCauses[cause]);
  return 1;
}

// tries { { to("2000"), ring = "10s" }, to("+4930...") }: ordered tries
// (engine/include/pbxsim/engine/ordered_tries.h). Every try but the last
// rings for its `ring` time; the last has none and ends by the usual rules.
// Answers { destination = "tries", at = ..., list = { {destination, number,
// at, ring_us}, ... } }.
int destination_tries(lua_State* L) {
  constexpr const char* kUsage = "tries { { to(\"2000\"), ring = \"10s\" }, to(\"+4930...\") }";
  if (!lua_istable(L, 1)) return luaL_error(L, "tries: expected a list of tries: %s", kUsage);
  const lua_Integer count = static_cast<lua_Integer>(lua_rawlen(L, 1));
  if (count < 1) return luaL_error(L, "tries: the list is empty: %s", kUsage);
  if (count > static_cast<lua_Integer>(OrderedTries::kMaxTries)) {
    return luaL_error(L, "tries: %d tries, at most %d", static_cast<int>(count), static_cast<int>(OrderedTries::kMaxTries));
  }
  const std::string at = lua_location(L, 1);
  lua_createtable(L, 0, 3);  // the answer
  lua_pushstring(L, "tries");
  lua_setfield(L, -2, "destination");
  lua_pushlstring(L, at.data(), at.size());
  lua_setfield(L, -2, "at");
  lua_createtable(L, static_cast<int>(count), 0);  // its list
  const int list = lua_gettop(L);
  for (lua_Integer i = 1; i <= count; ++i) {
    const bool last = i == count;
    if (lua_rawgeti(L, 1, i) != LUA_TTABLE) return luaL_error(L, "tries: try %d is not a destination: %s", static_cast<int>(i), kUsage);
    const int entry = lua_gettop(L);
    TimeUs ring_us = 0;
    int destination = entry;
    if (lua_rawgeti(L, entry, 1) == LUA_TTABLE) {  // { to(...), ring = "10s" }
      destination = lua_gettop(L);
      lua_pushnil(L);
      while (lua_next(L, entry) != 0) {
        const bool known = (lua_type(L, -2) == LUA_TNUMBER && lua_tointeger(L, -2) == 1) ||
                           (lua_type(L, -2) == LUA_TSTRING && std::string_view(lua_tostring(L, -2)) == "ring");
        lua_pop(L, 1);
        if (!known) return luaL_error(L, "tries: try %d holds a destination and ring = time, nothing else", static_cast<int>(i));
      }
      if (lua_getfield(L, entry, "ring") != LUA_TNIL) {
        if (lua_type(L, -1) != LUA_TSTRING) return luaL_error(L, "tries: try %d: ring = a time such as \"10s\"", static_cast<int>(i));
        std::string why;
        const std::optional<TimeUs> parsed = parse_duration(lua_tostring(L, -1), &why);
        if (!parsed || *parsed <= 0) {
          return luaL_error(L, "tries: try %d: ring = %s", static_cast<int>(i), parsed ? "a time longer than 0" : why.c_str());
        }
        ring_us = *parsed;
      }
      lua_pop(L, 1);
    }
    lua_getfield(L, destination, "destination");
    const std::string kind = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
    lua_pop(L, 1);
    if (kind != "to" && kind != "voicemail") {
      return luaL_error(L, kind == "reject" || kind == "tries"
                               ? "tries: try %d: only to(number) and voicemail() are tries (the last try's line ends "
                                 "the call by its own rules)"
                               : "tries: try %d is not a destination: %s",
                        static_cast<int>(i), kUsage);
    }
    if (kind == "voicemail" && !last) {
      return luaL_error(L, "tries: try %d: voicemail() ends the call, so it can only be the last try", static_cast<int>(i));
    }
    if (!last && ring_us == 0) {
      return luaL_error(L, "tries: try %d needs a ring time: { to(...), ring = \"10s\" } (only the last has none)",
                        static_cast<int>(i));
    }
    if (last && ring_us != 0) {
      return luaL_error(L, "tries: the last try rings by its line's own no-answer time, so it takes no ring = ...; "
                           "add the try that follows it, or drop ring");
    }
    lua_createtable(L, 0, 4);
    for (const char* field : {"destination", "number", "at", "only"}) {
      lua_getfield(L, destination, field);
      lua_setfield(L, -2, field);
    }
    lua_pushinteger(L, ring_us);
    lua_setfield(L, -2, "ring_us");
    lua_rawseti(L, list, i);
    lua_settop(L, list);
  }
  lua_setfield(L, -2, "list");
  return 1;
}

std::string hook_location(lua_State* L) {
  lua_Debug ar;
  lua_pushvalue(L, -1);
  if (lua_getinfo(L, ">S", &ar) == 0 || ar.linedefined <= 0) return {};
  return std::string(ar.short_src) + ":" + std::to_string(ar.linedefined);
}

// Where the value at the top of the stack was written: a function knows its
// own file and line; a setting is found in the policy's source by its key.
std::pair<std::string, int> value_location(lua_State* L, const std::string& path, const std::string& source,
                                           const std::string& key) {
  if (lua_type(L, -1) == LUA_TFUNCTION) {
    lua_Debug ar;
    lua_pushvalue(L, -1);
    if (lua_getinfo(L, ">S", &ar) != 0 && ar.linedefined > 0) return {ar.short_src, ar.linedefined};
  }
  return {path, locate_field(source, 1, key)};
}

bool has_type(lua_State* L, int index, PolicyValue value) {
  switch (value) {
    case PolicyValue::Function: return lua_type(L, index) == LUA_TFUNCTION;
    case PolicyValue::String: return lua_type(L, index) == LUA_TSTRING;
    case PolicyValue::WholeNumber: return lua_isinteger(L, index) != 0;
    case PolicyValue::Table: return lua_type(L, index) == LUA_TTABLE;
  }
  return false;
}

// The parameters a Lua function declares, or -1 for a vararg function.
int declared_parameters(lua_State* L) {
  lua_Debug ar;
  lua_pushvalue(L, -1);
  if (lua_getinfo(L, ">u", &ar) == 0 || ar.isvararg != 0) return -1;
  return ar.nparams;
}

}  // namespace

LuaPolicy::LuaPolicy(SandboxLimits limits, Prng random)
    : sandbox_(limits, random), cache_(std::make_unique<PolicyDecisionCache>()) {
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
  lua_register(L, "to", destination_to);
  lua_register(L, "voicemail", destination_voicemail);
  lua_register(L, "reject", destination_reject);
  lua_register(L, "tries", destination_tries);

  if (auto error = policy->sandbox_.load(source.text, source.path)) return *error;
  if (auto error = policy->sandbox_.call(0, 1)) return *error;
  if (!lua_istable(L, -1)) {
    lua_pop(L, 1);
    return ScriptError{ScriptError::Kind::Config, source.path, 0,
                       "a policy file must end with 'return policy' (a table of hooks and settings)"};
  }
  if (auto error = policy->read_definition()) return *error;
  policy->start_decision_cache();
  // From here on only hooks run in this state: millions of calls.
  policy->sandbox_.keep_message_handler();
  return policy;
}

// ----------------------------------------------------- reading the policy table

std::optional<ScriptError> LuaPolicy::read_definition() {
  lua_State* L = sandbox_.state();
  const int table = lua_gettop(L);
  if (auto error = check_names(table)) {
    lua_settop(L, table - 1);
    return error;
  }

  if (raw_field(L, table, "name") == LUA_TSTRING) name_ = lua_tostring(L, -1);
  else name_ = std::filesystem::path(path_).stem().string();
  lua_pop(L, 1);

  // The settings, read by the readers every scenario's topology uses (table_reader.h);
  // check_names has checked their types already.
  try {
    using namespace table_reader;
    if (auto hop_limit = opt_int(L, table, "hop_limit", "", kHopLimitRange)) defaults_.hop_limit = *hop_limit;
    if (const int line_defaults = push_table(L, table, "line_defaults", "", "{ no_answer = \"12s\" }")) {
      check_known_fields(L, line_defaults, "line_defaults", {"cfna", "cfb", "no_answer"});
      const char* target_hint = "a target such as \"voicemail\" or \"2000\"";
      if (auto cfna = opt_string(L, line_defaults, "cfna", "line_defaults", target_hint)) defaults_.line_cfna = *cfna;
      if (auto cfb = opt_string(L, line_defaults, "cfb", "line_defaults", target_hint)) defaults_.line_cfb = *cfb;
      if (auto no_answer = opt_duration(L, line_defaults, "no_answer", "line_defaults")) {
        defaults_.no_answer_timeout_us = *no_answer;
      }
      lua_pop(L, 1);
    }
    if (const int appearance_defaults = push_table(L, table, "appearance_defaults", "", "{ max_calls = 2 }")) {
      check_known_fields(L, appearance_defaults, "appearance_defaults", {"max_calls", "busy_trigger"});
      if (auto max_calls = opt_int(L, appearance_defaults, "max_calls", "appearance_defaults", kMaxCallsRange)) {
        defaults_.max_calls = *max_calls;
      }
      if (auto busy_trigger = opt_int(L, appearance_defaults, "busy_trigger", "appearance_defaults", kMaxCallsRange)) {
        defaults_.busy_trigger = *busy_trigger;
      }
      lua_pop(L, 1);
    }
    read_policy_features(L, table, defaults_);                            // groups, profiles, pcm
    topology_reading::read_policy_feature_settings(L, table, defaults_);  // mobility ... call park
  } catch (const FieldError& failure) {
    lua_settop(L, table - 1);
    return located_error(path_, source_, 1, failure, "policy.");
  }

  for (int hook = 0; hook < kHookCount; ++hook) {
    const int type = raw_field(L, table, hook_name(hook));
    if (type == LUA_TNIL) {
      lua_pop(L, 1);
      continue;
    }
    if (type != LUA_TFUNCTION) {
      lua_settop(L, table - 1);
      return located_error(path_, source_, 1, FieldError{hook_name(hook), "must be a function"}, "policy.");
    }
    hook_locations_[hook] = hook_location(L);
    hook_refs_[hook] = luaL_ref(L, LUA_REGISTRYINDEX);
  }
  lua_pop(L, 1);  // the policy table

  for (int hook = 0; hook < kHookCount; ++hook) {
    const PolicyName& entry = kPolicyNames[static_cast<std::size_t>(hook)];
    for (int argument = 0; argument < entry.parameters; ++argument) {
      const FactKind kind = entry.arguments[static_cast<std::size_t>(argument)];
      if (kind == FactKind::Text) continue;
      FactViewRef& view = views_[static_cast<int>(kind)];
      if (view.view == nullptr) view = make_fact_view(L, kind);
    }
  }
  return std::nullopt;
}

FactViewRef LuaPolicy::view_for(Hook hook, int argument) const {
  const FactKind kind = kPolicyNames[static_cast<std::size_t>(hook)].arguments[static_cast<std::size_t>(argument)];
  assert(kind != FactKind::Text && "a hook's text argument has no view");
  return views_[static_cast<int>(kind)];
}

// Strict loading: every name in the policy's table is a hook or a setting of
// kPolicyNames, of its type, and a hook declares the arguments the engine
// passes. Names starting with "_" are the policy's own (helpers, constants).
std::optional<ScriptError> LuaPolicy::check_names(int table) {
  static_assert(kHookCount == kPolicyHookCount, "policy_api.h lists the hooks of LuaPolicy::Hook, in order");
  lua_State* L = sandbox_.state();
  std::vector<std::string> keys;
  lua_pushnil(L);
  while (lua_next(L, table) != 0) {
    lua_pop(L, 1);
    if (lua_type(L, -1) != LUA_TSTRING) {
      const std::string shown = lua_type(L, -1) == LUA_TNUMBER ? "[" + std::string(lua_tostring(L, -1)) + "]"
                                                              : std::string("a ") + luaL_typename(L, -1) + " key";
      lua_pop(L, 1);
      return ScriptError{ScriptError::Kind::Config, path_, 0,
                         "policy " + shown + ": a policy's table holds named hooks and settings only"};
    }
    keys.emplace_back(lua_tostring(L, -1));
  }
  std::sort(keys.begin(), keys.end());
  for (const std::string& key : keys) {
    if (key.starts_with("_")) continue;
    lua_getfield(L, table, key.c_str());
    // Located only when something is wrong: finding a setting's line scans
    // the policy's text, and every scenario run and explored seed loads a policy.
    auto error = [&](const std::string& message) {
      // A pair, not a structured binding: clang before 16 (the fuzz build's)
      // cannot capture those in a lambda.
      const auto location = value_location(L, path_, source_, key);
      lua_pop(L, 1);
      return ScriptError{ScriptError::Kind::Config, location.first, location.second, "policy." + key + ": " + message};
    };
    const PolicyName* known = find_policy_name(key);
    if (known == nullptr) {
      const std::optional<std::string_view> nearest = closest_policy_name(key);
      return error("unknown hook or setting (" +
                   (nearest ? "did you mean '" + std::string(*nearest) + "'? " : std::string()) +
                   "known " + known_policy_names() + "; a name of the policy's own starts with '_')");
    }
    if (!has_type(L, -1, known->value)) {
      return error("must be " + std::string(policy_value_name(known->value)) + ", got " + luaL_typename(L, -1) +
                   " (" + std::string(known->signature) + ")");
    }
    if (known->value == PolicyValue::Function) {
      const int parameters = declared_parameters(L);
      if (parameters >= 0 && parameters != known->parameters) {
        return error("the hook takes " + std::to_string(known->parameters) + " argument(s), not " +
                     std::to_string(parameters) + ": function policy." + std::string(known->signature) +
                     " (name an unused one _)");
      }
    }
    lua_pop(L, 1);
  }
  return std::nullopt;
}

// ----------------------------------------------------------------------- hooks

bool LuaPolicy::push_hook(Hook hook) {
  if (decisions_ != nullptr) fact_reads_.reads.clear();
  if (hook_refs_[hook] == LUA_NOREF) return false;
  lua_rawgeti(sandbox_.state(), LUA_REGISTRYINDEX, hook_refs_[hook]);
  return true;
}

void LuaPolicy::call_hook(Hook hook, int nargs, int nresults) {
  PolicyDecisionCache& cache = *cache_;
  ++cache.hook_calls;
  if (auto error = sandbox_.call(nargs, nresults)) {
    // It may have changed state before it failed: whoever asks next starts afresh.
    cache.forget_all();
    cache.state.forget_fingerprint();
    throw PolicyError(error->text() + " (in policy hook " + hook_name(hook) + ")");
  }
  lua_State* L = sandbox_.state();
  // Every run of policy Lua may change what a remembered answer was found
  // in: while anything is remembered, or a call is about to be, look.
  cache.state_moved = false;
  if (cache.state.on() && (cache.trail.active || cache.remembers_any())) {
    if (!cache.state.state_unchanged_after_lua(L, cache.roots)) {
      cache.state_moved = true;
      cache.forget_all();
    }
  } else {
    cache.state.forget_fingerprint();
  }
  for (int result = 1; result <= nresults; ++result) {
    const std::string oversized = oversized_answer(L, -result);
    if (!oversized.empty()) bad_answer(hook, "returned a string of " + oversized);
  }
}

void LuaPolicy::start_decision_cache() {
  for (int ref : hook_refs_) {
    if (ref != LUA_NOREF) cache_->roots.push_back(ref);
  }
  for (FactViewRef view : views_) {
    if (view.view != nullptr) trail_fact_reads(view, &cache_->trail);
  }
}

void LuaPolicy::set_decision_cache(DecisionCacheMode mode) { cache_->mode = mode; }
std::int64_t LuaPolicy::decisions_from_cache() const { return cache_->found; }
std::int64_t LuaPolicy::decisions_asked() const { return cache_->asked; }

void LuaPolicy::bad_answer(Hook hook, const std::string& what) {
  lua_settop(sandbox_.state(), sandbox_.stack_base());
  const std::string& where = hook_locations_[hook].empty() ? path_ : hook_locations_[hook];
  throw PolicyError(where + ": policy hook " + hook_name(hook) + " " + what);
}


AppearanceDecision LuaPolicy::decide_appearance(const AppearanceFacts& facts) {
  auto note = [&](const AppearanceDecision& decision) {
    TraceFields subject = decision_subject(facts.origin);
    subject.device = facts.device;
    subject.line = facts.line;
    record_decision(kAppearance, subject, decision_answer(decision));
  };
  if (hook_refs_[kAppearance] == LUA_NOREF) {
    AppearanceDecision decision = fallback_.decide_appearance(facts);
    if (decisions_ != nullptr) note(decision);
    return decision;
  }
  lua_State* L = sandbox_.state();
  const CallFacts call{facts.caller, facts.forwards, facts.origin};
  auto ask = [&]() -> AppearanceDecision {
    push_hook(kAppearance);
    {
      FactViewsInUse views(L, view_for(kAppearance, 0), &call, view_for(kAppearance, 1), &facts);
      call_hook(kAppearance, 2, 2);
    }
    AppearanceDecision decision;
    const std::string_view verdict = hook_answer(L, -2);
    if (verdict == "alert") {
      decision = {AppearanceVerdict::Alert, {}};
    } else if (verdict == "silent") {
      decision = {AppearanceVerdict::AlertSilently, {}};
    } else if (verdict == "skip") {
      decision = {AppearanceVerdict::Skip, hook_reason(L, -1, "skipped")};
    } else {
      bad_answer(kAppearance, "returned " + shown_answer(L, -2) + ": expected \"alert\", \"silent\" or \"skip\", reason");
    }
    lua_pop(L, 2);
    return decision;
  };
  AppearanceDecision decision = through_cache(cache_->appearance, view_for(kAppearance, 0), &call,
                                              view_for(kAppearance, 1), &facts, ask,
                                              [](const AppearanceDecision&) {});
  if (decisions_ != nullptr) note(decision);
  return decision;
}

DivertDecision LuaPolicy::divert_answer(Hook hook, const LineFacts& facts) {
  lua_State* L = sandbox_.state();
  const CallFacts call{facts.caller, facts.forwards, facts.origin};
  auto ask = [&]() -> DivertDecision {
    push_hook(hook);
    {
      FactViewsInUse views(L, view_for(hook, 0), &call, view_for(hook, 1), &facts);
      call_hook(hook, 2, 1);
    }
    if (lua_type(L, -1) == LUA_TTABLE) return destination_answer(hook);
    const std::string answer(hook_answer(L, -1));
    const std::string shown = shown_answer(L, -1);
    lua_pop(L, 1);
    for (Divert divert : {Divert::ForwardNoAnswer, Divert::ForwardBusy, Divert::Busy, Divert::Rejected,
                          Divert::NoAnswer, Divert::Voicemail, Divert::Unreachable}) {
      if (answer == divert_name(divert)) {
        const DivertDecision decision(divert);
        check_divert(hook, facts, decision);
        return decision;
      }
    }
    bad_answer(hook, "returned " + shown +
                         ": expected one of cfna, cfb, busy, rejected, no-answer, voicemail, unreachable, "
                         "or to(number), voicemail(line), reject(cause), tries { ... }");
  };
  CachedAnswers<DivertDecision>& answers = hook == kNoneAlerted ? cache_->none_alerted : cache_->no_answer;
  return through_cache(answers, view_for(hook, 0), &call, view_for(hook, 1), &facts, ask,
                       [&](const DivertDecision& decision) { check_divert(hook, facts, decision); });
}

// A forward the line does not have is the hook's mistake, whatever facts it read.
void LuaPolicy::check_divert(Hook hook, const LineFacts& facts, const DivertDecision& decision) {
  if (decision.destination) return;
  if (decision.divert == Divert::ForwardNoAnswer && !facts.has_forward_no_answer) {
    bad_answer(hook, "chose \"cfna\" but line " + std::string(facts.line) + " has none (check line.has_cfna)");
  }
  if (decision.divert == Divert::ForwardBusy && !facts.has_forward_busy) {
    bad_answer(hook, "chose \"cfb\" but line " + std::string(facts.line) + " has none (check line.has_cfb)");
  }
}

// A table answer: one made by to(), voicemail(), reject() or tries {}. Read
// raw: this runs outside the hook's protected call, where a metamethod's
// error or endless loop would abort the process.
DivertDecision LuaPolicy::destination_answer(Hook hook) {
  lua_State* L = sandbox_.state();
  auto text_field = [&](const char* field) {
    raw_field(L, -1, field);
    const std::string oversized = oversized_answer(L, -1);
    if (!oversized.empty()) bad_answer(hook, "returned a destination whose " + std::string(field) + " is " + oversized);
    std::string value = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
    lua_pop(L, 1);
    return value;
  };
  auto only_devices = [&] {  // to(number, { only = ... }), checked by to()
    std::vector<std::string> devices;
    if (raw_field(L, -1, "only") == LUA_TTABLE) {
      const auto count = static_cast<lua_Integer>(lua_rawlen(L, -1));
      for (lua_Integer i = 1; i <= count && i <= 64; ++i) {
        lua_rawgeti(L, -1, i);
        const std::string oversized = oversized_answer(L, -1);
        if (!oversized.empty()) bad_answer(hook, "returned a ring-only device name of " + oversized);
        if (lua_type(L, -1) == LUA_TSTRING) devices.emplace_back(lua_tostring(L, -1));
        lua_pop(L, 1);
      }
    }
    lua_pop(L, 1);
    return devices;
  };
  const std::string kind = text_field("destination");
  const std::string number = text_field("number");
  const std::string cause = text_field("cause");
  std::string rule = text_field("at");
  const std::string& fallback_rule = hook_locations_[hook].empty() ? path_ : hook_locations_[hook];
  if (rule.empty()) rule = fallback_rule;
  if (kind == "tries") {  // made by tries {}, checked there
    if (raw_field(L, -1, "list") != LUA_TTABLE) {
      lua_pop(L, 2);
      bad_answer(hook, "returned a table that is not a destination: make ordered tries with tries { ... }");
    }
    std::vector<Destination> tries;
    const auto count = static_cast<lua_Integer>(lua_rawlen(L, -1));
    for (lua_Integer i = 1; i <= count && i <= static_cast<lua_Integer>(OrderedTries::kMaxTries); ++i) {
      lua_rawgeti(L, -1, i);
      const bool voicemail = text_field("destination") == "voicemail";
      std::string at = text_field("at");
      raw_field(L, -1, "ring_us");
      const TimeUs ring_us = lua_isinteger(L, -1) ? lua_tointeger(L, -1) : 0;
      lua_pop(L, 1);
      tries.push_back(Destination{voicemail ? Destination::Kind::Voicemail : Destination::Kind::Number,
                                  text_field("number"), at.empty() ? rule : std::move(at), ring_us, only_devices()});
      lua_pop(L, 1);
    }
    lua_pop(L, 2);
    if (!tries.empty()) return DivertDecision(std::move(tries));
    bad_answer(hook, "returned tries {} without a try");
  }
  std::vector<std::string> only = only_devices();
  lua_pop(L, 1);
  if (kind == "to") return DivertDecision(Destination{Destination::Kind::Number, number, rule, 0, std::move(only)});
  if (kind == "voicemail") return DivertDecision(Destination{Destination::Kind::Voicemail, number, rule});
  if (kind == "reject") {
    for (Divert divert : {Divert::Busy, Divert::Rejected, Divert::Unreachable, Divert::NoAnswer}) {
      if (cause == divert_name(divert)) return divert;
    }
  }
  bad_answer(hook, "returned a table that is not a destination: answer to(number), voicemail(line), reject(cause) or tries { ... }");
}

DivertDecision LuaPolicy::when_none_alerted(const LineFacts& facts) {
  DivertDecision decision = hook_refs_[kNoneAlerted] != LUA_NOREF ? divert_answer(kNoneAlerted, facts)
                                                                  : fallback_.when_none_alerted(facts);
  if (decisions_ != nullptr) record_divert(kNoneAlerted, facts, decision);
  return decision;
}

DivertDecision LuaPolicy::when_no_answer(const LineFacts& facts) {
  DivertDecision decision =
      hook_refs_[kNoAnswer] != LUA_NOREF ? divert_answer(kNoAnswer, facts) : fallback_.when_no_answer(facts);
  if (decisions_ != nullptr) record_divert(kNoAnswer, facts, decision);
  return decision;
}

void LuaPolicy::record_divert(Hook hook, const LineFacts& facts, const DivertDecision& decision) {
  TraceFields subject = decision_subject(facts.origin);
  subject.line = facts.line;
  record_decision(hook, subject, decision_answer(decision),
                  decision.destination ? std::string_view(decision.destination->rule) : std::string_view());
}

RegistrationOverflow LuaPolicy::when_registrations_full(const RegistrationFacts& facts) {
  auto decided = [&](RegistrationOverflow overflow) {
    if (decisions_ != nullptr) {
      record_decision(kRegistrationsFull,
                      TraceFields{.about = TraceAbout::Device, .device = facts.device, .line = facts.line},
                      decision_answer(overflow));
    }
    return overflow;
  };
  if (!push_hook(kRegistrationsFull)) return decided(fallback_.when_registrations_full(facts));
  lua_State* L = sandbox_.state();
  {
    FactViewsInUse view(L, view_for(kRegistrationsFull, 0), &facts);
    call_hook(kRegistrationsFull, 1, 1);
  }
  const std::string answer(hook_answer(L, -1));
  const std::string shown = shown_answer(L, -1);
  lua_pop(L, 1);
  if (answer == "refuse") return decided(RegistrationOverflow::RefuseNewest);
  if (answer == "replace-oldest") return decided(RegistrationOverflow::ReplaceOldest);
  bad_answer(kRegistrationsFull, "returned " + shown + ": expected \"refuse\" or \"replace-oldest\"");
}

std::vector<DndChange> LuaPolicy::propagate_dnd(const DndFacts& facts) {
  auto decided = [&](std::vector<DndChange> changes) {
    if (decisions_ != nullptr) {
      record_decision(kDndChanged, TraceFields{.about = TraceAbout::Device, .device = facts.device, .user = facts.user},
                      decision_answer(changes));
    }
    return changes;
  };
  if (!push_hook(kDndChanged)) return decided(fallback_.propagate_dnd(facts));
  lua_State* L = sandbox_.state();
  {
    FactViewsInUse view(L, view_for(kDndChanged, 0), &facts);
    call_hook(kDndChanged, 1, 1);
  }
  std::vector<DndChange> changes;
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    return decided(std::move(changes));
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
    const std::string oversized = oversized_answer(L, -2);
    if (!oversized.empty()) bad_answer(kDndChanged, "returned entry " + std::to_string(i) + " whose device is " + oversized);
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
  return decided(std::move(changes));
}

// CUC-1: the soft-phone device name a user's client derives, or nil.
std::optional<std::string> LuaPolicy::softphone_device_name(std::string_view user_id) {
  auto decided = [&](std::optional<std::string> name) {
    if (decisions_ != nullptr) {
      fact_reads_.reads = {{"user", std::string(user_id)}};
      record_decision(kSoftphoneDeviceName, TraceFields{.about = TraceAbout::User, .user = user_id},
                      name.value_or("nil"));
    }
    return name;
  };
  if (!push_hook(kSoftphoneDeviceName)) return decided(fallback_.softphone_device_name(user_id));
  lua_State* L = sandbox_.state();
  lua_pushlstring(L, user_id.data(), user_id.size());
  call_hook(kSoftphoneDeviceName, 1, 1);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    return decided(std::nullopt);
  }
  if (lua_type(L, -1) != LUA_TSTRING || lua_rawlen(L, -1) == 0) {
    bad_answer(kSoftphoneDeviceName, "must return a device name (a non-empty string) or nil");
  }
  std::string name = lua_tostring(L, -1);
  lua_pop(L, 1);
  return decided(std::move(name));
}

// CUC-17: the displayed name of a contact. Empty facts are nil in Lua.
std::string LuaPolicy::contact_display_name(const ContactFacts& facts) {
  auto decided = [&](std::string name) {
    if (decisions_ != nullptr) {
      record_decision(kContactName, TraceFields{.about = facts.user_id.empty() ? TraceAbout::None : TraceAbout::User,
                                                .user = facts.user_id},
                      name);
    }
    return name;
  };
  if (!push_hook(kContactName)) return decided(fallback_.contact_display_name(facts));
  lua_State* L = sandbox_.state();
  {
    FactViewsInUse view(L, view_for(kContactName, 0), &facts);
    call_hook(kContactName, 1, 1);
  }
  if (lua_type(L, -1) != LUA_TSTRING) bad_answer(kContactName, "must return the name to display (a string)");
  std::string name = lua_tostring(L, -1);
  lua_pop(L, 1);
  return decided(std::move(name));
}

}  // namespace pbxsim
