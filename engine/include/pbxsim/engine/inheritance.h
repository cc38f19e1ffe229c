// Field inheritance with "use default" (MS-2): a field is looked up along a
// chain of levels (a line, its profile, its Business Group, ...), and the
// first level with an explicit value wins. The answer says which level that
// was, so reports can show where an effective value came from.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pbxsim {

struct InheritanceLevel {
  std::string name;  // "line 1000", "profile office", "system default"
  std::string path;  // where it is configured, e.g. "pcm.profiles.office" (for file:line)
  std::vector<std::pair<std::string, std::string>> values;  // explicit values; others are "use default"

  const std::string* find(std::string_view field) const;
};

struct ResolvedValue {
  bool found = false;
  std::string value;
  std::string source;  // the level's name, or "" when no level has a value
  std::string path;    // the level's path + "." + field
};

// The first explicit value along the chain (the most specific level first).
ResolvedValue resolve_inherited(const std::vector<const InheritanceLevel*>& chain, std::string_view field);

// Sets or, with "default" / "use default", removes an explicit value.
void set_inherited(InheritanceLevel& level, const std::string& field, const std::string& value);
bool is_use_default(std::string_view value);

}  // namespace pbxsim
