#include "pbxsim/scripting/policy_library.h"
#include "pbxsim/scripting/sandbox.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace pbxsim {
namespace embedded {
const std::vector<std::pair<std::string_view, std::string_view>>& policies();
}

namespace {

constexpr std::string_view kPolicyDir = "scripting/policies/";

std::string standard_list() {
  std::string list;
  for (const std::string& name : standard_policy_names()) list += (list.empty() ? "" : ", ") + name;
  return list;
}

}  // namespace

std::vector<std::string> standard_policy_names() {
  std::vector<std::string> names;
  for (const auto& [path, text] : embedded::policies()) {
    std::string_view name = path;
    name.remove_prefix(kPolicyDir.size());
    name.remove_suffix(4);  // ".lua"
    names.emplace_back(name);
  }
  return names;
}

std::variant<PolicySource, std::string> find_policy(std::string_view name, const std::string& relative_to_dir) {
  const bool is_file = name.size() > 4 && name.substr(name.size() - 4) == ".lua";
  if (!is_file) {
    for (const auto& [path, text] : embedded::policies()) {
      if (path.substr(kPolicyDir.size(), path.size() - kPolicyDir.size() - 4) == name) {
        return PolicySource{std::string(path), std::string(text)};
      }
    }
    return "unknown policy '" + std::string(name) + "' (standard policies: " + standard_list() +
           "; or give a path ending in .lua)";
  }
  namespace fs = std::filesystem;
  std::vector<fs::path> candidates;
  if (!relative_to_dir.empty()) candidates.push_back(fs::path(relative_to_dir) / std::string(name));
  candidates.emplace_back(std::string(name));
  for (const fs::path& candidate : candidates) {
    std::error_code missing;
    if (!fs::exists(candidate, missing)) continue;
    auto text = read_script_file(candidate.string());
    if (text.index() == 1) return "policy file '" + candidate.string() + "': " + std::get<1>(text).message;
    return PolicySource{candidate.lexically_normal().string(), std::move(std::get<0>(text))};
  }
  return "policy file '" + std::string(name) + "' not found (looked beside the scenario and in the working directory)";
}

}  // namespace pbxsim
