// The policy API in one table: every name a policy's table may hold, hooks
// and settings, with the type (and for a hook, the arguments) the engine
// expects. Loading validates a policy against it (strict loading: an unknown
// name, a wrong type or a hook taking other arguments is an error with "did
// you mean"), LuaPolicy binds its hooks by position in it, and the editor
// type definitions (scripting/types/) are checked against it by a test.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pbxsim {

enum class PolicyValue : unsigned char { Function, String, WholeNumber, Table };

// What a hook is given: a read-only view of one kind of the engine's facts
// (scripting/src/fact_views.cpp makes one view per kind), or plain text.
enum class FactKind : unsigned char {
  Call,
  Appearance,
  Line,
  GroupMember,
  ProfileChange,
  DndChange,
  Registration,
  Contact,
  Text,
};
inline constexpr int kFactViewKinds = 8;  // the kinds before Text

struct PolicyName {
  std::string_view name;
  PolicyValue value;
  int parameters;              // hooks: the arguments the engine passes; settings: 0
  std::string_view signature;  // how the README and messages show it
  // Hooks: what each argument is, in order (LuaPolicy pushes the views named here).
  std::array<FactKind, 2> arguments{FactKind::Text, FactKind::Text};
};

// Hooks first, in the order of LuaPolicy's Hook enum (lua_policy.h asserts it).
inline constexpr std::array kPolicyNames = {
    PolicyName{"appearance", PolicyValue::Function, 2, "appearance(call, app)", {FactKind::Call, FactKind::Appearance}},
    PolicyName{"none_alerted", PolicyValue::Function, 2, "none_alerted(call, line)", {FactKind::Call, FactKind::Line}},
    PolicyName{"no_answer", PolicyValue::Function, 2, "no_answer(call, line)", {FactKind::Call, FactKind::Line}},
    PolicyName{"registrations_full", PolicyValue::Function, 1, "registrations_full(reg)", {FactKind::Registration}},
    PolicyName{"dnd_changed", PolicyValue::Function, 1, "dnd_changed(change)", {FactKind::DndChange}},
    PolicyName{"group_member", PolicyValue::Function, 2, "group_member(call, member)",
               {FactKind::Call, FactKind::GroupMember}},
    PolicyName{"profile_change", PolicyValue::Function, 1, "profile_change(change)", {FactKind::ProfileChange}},
    PolicyName{"softphone_device_name", PolicyValue::Function, 1, "softphone_device_name(user)", {FactKind::Text}},
    PolicyName{"contact_name", PolicyValue::Function, 1, "contact_name(contact)", {FactKind::Contact}},
    PolicyName{"name", PolicyValue::String, 0, "name = \"my_pbx\""},
    PolicyName{"hop_limit", PolicyValue::WholeNumber, 0, "hop_limit = 8"},
    PolicyName{"line_defaults", PolicyValue::Table, 0, "line_defaults = { cfna = ..., cfb = ..., no_answer = \"12s\" }"},
    PolicyName{"appearance_defaults", PolicyValue::Table, 0, "appearance_defaults = { max_calls = 4, busy_trigger = 2 }"},
    PolicyName{"groups", PolicyValue::Table, 0, "groups = { strategy = \"ring-all\" }"},
    PolicyName{"profiles", PolicyValue::Table, 0, "profiles = { defaults = { ... } }"},
    PolicyName{"pcm", PolicyValue::Table, 0, "pcm = { ... }"},
    PolicyName{"extension_mobility", PolicyValue::Table, 0, "extension_mobility = { multiple_login = ... }"},
    PolicyName{"dialing", PolicyValue::Table, 0, "dialing = { normalize = true }"},
    PolicyName{"provisioning", PolicyValue::Table, 0, "provisioning = { max_secondaries = 2 }"},
    PolicyName{"client_timing", PolicyValue::Table, 0, "client_timing = { tftp_timeout = \"5s\" }"},
    PolicyName{"call_park", PolicyValue::Table, 0, "call_park = { reversion = \"60s\" }"},
};

inline constexpr int kPolicyHookCount = 9;

// Each kind of facts a hook reads, by its class name in the editor type
// definitions (scripting/types/policy.lua), with the fields the engine offers.
struct PolicyFactClass {
  std::string_view type_name;  // "pbxsim.CallFacts", ...
  std::vector<std::string_view> fields;
};
std::vector<PolicyFactClass> policy_fact_classes();  // fact_views.cpp

// The entry for `name`, or nullptr.
const PolicyName* find_policy_name(std::string_view name);
// "a function", "a string", ... for messages.
std::string_view policy_value_name(PolicyValue value);
// The known policy name closest to a misspelt one (did_you_mean.h).
std::optional<std::string_view> closest_policy_name(std::string_view misspelt);
// Every known name, comma-separated: hooks, then settings.
std::string known_policy_names();

}  // namespace pbxsim
