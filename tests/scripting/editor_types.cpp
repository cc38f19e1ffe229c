#include "editor_types.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace pbxsim::editor_types {

std::string read_types(std::string_view file) {
  std::ifstream in(std::filesystem::path(PBXSIM_SOURCE_DIR) / "scripting" / "types" / std::string(file));
  REQUIRE(in.good());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string class_block(const std::string& types, std::string_view type_name) {
  const std::string header = "---@class " + std::string(type_name);
  std::size_t start = types.find(header + "\n");
  if (start == std::string::npos) start = types.find(header + " ");  // ---@class Name : Parent
  if (start == std::string::npos) return {};
  const std::size_t end = types.find("\n\n", start);
  return types.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

std::set<std::string> declared_names(const std::string& types, std::string_view type_name) {
  std::set<std::string> names;
  const std::string block = class_block(types, type_name);
  static const std::regex field(R"(---@field ([A-Za-z_][A-Za-z0-9_]*)[ ?])");
  for (auto it = std::sregex_iterator(block.begin(), block.end(), field); it != std::sregex_iterator(); ++it) {
    names.insert((*it)[1]);
  }
  const std::string_view short_name = type_name.substr(type_name.rfind('.') + 1);
  const std::regex method("\nfunction " + std::string(short_name) + ":([A-Za-z_][A-Za-z0-9_]*)\\(");
  for (auto it = std::sregex_iterator(types.begin(), types.end(), method); it != std::sregex_iterator(); ++it) {
    names.insert((*it)[1]);
  }
  return names;
}

std::set<std::string> declared_functions(const std::string& types) {
  std::set<std::string> names;
  static const std::regex function(R"(\nfunction ([A-Za-z_][A-Za-z0-9_]*)\()");
  for (auto it = std::sregex_iterator(types.begin(), types.end(), function); it != std::sregex_iterator(); ++it) {
    names.insert((*it)[1]);
  }
  return names;
}

}  // namespace pbxsim::editor_types
