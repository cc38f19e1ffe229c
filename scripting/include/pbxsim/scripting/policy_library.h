// Where policies come from: the standard library in scripting/policies/
// (compiled into the binary), or a file a vendor wrote.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace pbxsim {

struct PolicySource {
  std::string path;  // shown in error messages
  std::string text;
};

// `name` is a standard policy ("cisco_cucm") or a path ending in ".lua",
// taken relative to `relative_to_dir` first and the working directory second.
// On failure returns a message that lists the standard policies.
std::variant<PolicySource, std::string> find_policy(std::string_view name, const std::string& relative_to_dir);

std::vector<std::string> standard_policy_names();

}  // namespace pbxsim
