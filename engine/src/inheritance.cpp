#include "pbxsim/engine/inheritance.h"

#include <algorithm>

namespace pbxsim {

const std::string* InheritanceLevel::find(std::string_view field) const {
  for (const auto& [key, value] : values) {
    if (key == field) return &value;
  }
  return nullptr;
}

ResolvedValue resolve_inherited(const std::vector<const InheritanceLevel*>& chain, std::string_view field) {
  for (const InheritanceLevel* level : chain) {
    if (const std::string* value = level->find(field)) {
      return ResolvedValue{true, *value, level->name, level->path + "." + std::string(field)};
    }
  }
  return ResolvedValue{};
}

bool is_use_default(std::string_view value) { return value == "default" || value == "use default"; }

void set_inherited(InheritanceLevel& level, const std::string& field, const std::string& value) {
  auto existing = std::find_if(level.values.begin(), level.values.end(),
                               [&](const auto& entry) { return entry.first == field; });
  if (is_use_default(value)) {
    if (existing != level.values.end()) level.values.erase(existing);
    return;
  }
  if (existing != level.values.end()) existing->second = value;
  else level.values.emplace_back(field, value);
}

}  // namespace pbxsim
