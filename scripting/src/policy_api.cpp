#include "pbxsim/scripting/policy_api.h"

#include "pbxsim/scripting/did_you_mean.h"

namespace pbxsim {

static_assert(kPolicyHookCount <= static_cast<int>(kPolicyNames.size()));

const PolicyName* find_policy_name(std::string_view name) {
  for (const PolicyName& entry : kPolicyNames) {
    if (entry.name == name) return &entry;
  }
  return nullptr;
}

std::string_view policy_value_name(PolicyValue value) {
  switch (value) {
    case PolicyValue::Function: return "a function";
    case PolicyValue::String: return "a string";
    case PolicyValue::WholeNumber: return "a whole number";
    case PolicyValue::Table: return "a table";
  }
  return "a value";
}

std::optional<std::string_view> closest_policy_name(std::string_view misspelt) {
  std::array<std::string_view, kPolicyNames.size()> names{};
  for (std::size_t i = 0; i < kPolicyNames.size(); ++i) names[i] = kPolicyNames[i].name;
  return closest_name(misspelt, names);
}

std::string known_policy_names() {
  std::string hooks;
  std::string settings;
  for (const PolicyName& entry : kPolicyNames) {
    std::string& list = entry.value == PolicyValue::Function ? hooks : settings;
    list += (list.empty() ? "" : ", ") + std::string(entry.name);
  }
  return "hooks: " + hooks + "; settings: " + settings;
}

}  // namespace pbxsim
