// Small text helpers every layer uses, written once: lower-casing names for
// comparisons, joining lists for messages, and double-quoting text so that it
// reads back as one string (golden files, TAP's YAML, generated Lua).
#pragma once

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace pbxsim {

inline std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

inline std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string text;
  for (const std::string& item : items) {
    if (!text.empty()) text += separator;
    text += item;
  }
  return text;
}

// "text" with ", \ and newlines escaped.
inline std::string escaped_quoted(std::string_view text) {
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') quoted += '\\';
    if (c == '\n') {
      quoted += "\\n";
      continue;
    }
    quoted += c;
  }
  return quoted + "\"";
}

}  // namespace pbxsim
