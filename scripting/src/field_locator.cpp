// Lua tables keep no line numbers, but authors need file:line for a bad
// field. We walk the source from the scenario's first line and look for each
// component of the field path in turn ("devices", then "desk", then "kind").
#include <cctype>
#include <string>
#include <vector>

#include "pbxsim/scripting/scenario.h"

namespace pbxsim {
namespace {

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> parts;
  std::string current;
  for (char c : path) {
    if (c == '.' || c == '[') {
      if (!current.empty()) parts.push_back(current);
      current.clear();
      if (c == '[') current.push_back('[');
    } else if (c == ']') {
      parts.push_back(current + "]");
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) parts.push_back(current);
  return parts;
}

// Finds `word` written as a key: `word =` or `["word"] =` (not `==`).
std::size_t find_key(std::string_view source, std::size_t from, const std::string& word) {
  auto assigned_after = [&](std::size_t end) {
    while (end < source.size() && (source[end] == ' ' || source[end] == '\t')) ++end;
    return end < source.size() && source[end] == '=' && (end + 1 >= source.size() || source[end + 1] != '=');
  };
  for (std::size_t pos = source.find(word, from); pos != std::string_view::npos;
       pos = source.find(word, pos + 1)) {
    const char before = pos > 0 ? source[pos - 1] : ' ';
    std::size_t end = pos + word.size();
    const char after = end < source.size() ? source[end] : ' ';
    if ((before == '"' || before == '\'') && after == before) {
      end += 1;
      if (end < source.size() && source[end] == ']' && assigned_after(end + 1)) return pos;
      continue;
    }
    if (!is_word_char(before) && !is_word_char(after) && assigned_after(end)) return pos;
  }
  return std::string_view::npos;
}

}  // namespace

int locate_field(std::string_view source, int start_line, std::string_view field_path) {
  std::size_t position = 0;
  for (int line = 1; line < start_line && position < source.size(); ++position) {
    if (source[position] == '\n') ++line;
  }
  std::size_t found_at = std::string_view::npos;
  for (const std::string& part : split_path(field_path)) {
    if (part.empty() || part[0] == '[') continue;  // array positions are not written down
    const std::size_t at = find_key(source, position, part);
    if (at == std::string_view::npos) break;
    found_at = at;
    position = at + part.size();
  }
  if (found_at == std::string_view::npos) return start_line;
  int line = 1;
  for (std::size_t i = 0; i < found_at; ++i) {
    if (source[i] == '\n') ++line;
  }
  return line;
}

}  // namespace pbxsim
