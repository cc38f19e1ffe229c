// Where a forward, a redirect or a group overflow sends a call. Its own
// header so the feature headers (groups, profiles) can use it without the
// whole topology.
#pragma once

#include <cstdint>
#include <string>

namespace pbxsim {

struct Target {
  enum class Kind : std::uint8_t { None, Line, External, Voicemail };
  Kind kind = Kind::None;
  std::string number;  // the DN or external number; empty for None and Voicemail

  static Target none() { return {}; }
  static Target voicemail() { return {Kind::Voicemail, {}}; }
  static Target line(std::string dn) { return {Kind::Line, std::move(dn)}; }
  static Target external(std::string number) { return {Kind::External, std::move(number)}; }
  bool is_set() const { return kind != Kind::None; }
  std::string describe() const;
  bool operator==(const Target& other) const = default;
};

// "none" or "" -> none, "voicemail", "+..." -> external, anything else -> a DN.
Target parse_target_text(const std::string& text);

}  // namespace pbxsim
