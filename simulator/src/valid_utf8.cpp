#include "pbxsim/simulator/valid_utf8.h"

namespace pbxsim {
namespace {

// The length of the valid UTF-8 sequence at text[at], or 0 (RFC 3629: no
// overlong forms, no surrogates, nothing above U+10FFFF).
std::size_t sequence_length(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) length = 2;
  else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (at + length > text.size()) return 0;
  if (byte(at + 1) < low || byte(at + 1) > high) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if (byte(at + i) < 0x80 || byte(at + i) > 0xBF) return 0;
  }
  return length;
}

void make_valid(nlohmann::json& value) {
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    if (!is_valid_utf8(text)) value = to_valid_utf8(text);
  } else if (value.is_array()) {
    for (nlohmann::json& item : value) make_valid(item);
  } else if (value.is_object()) {
    nlohmann::json copy = nlohmann::json::object();
    for (auto& [key, item] : value.items()) {
      make_valid(item);
      copy[is_valid_utf8(key) ? key : to_valid_utf8(key)] = std::move(item);
    }
    value = std::move(copy);
  }
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    if (static_cast<unsigned char>(text[at]) < 0x80) {
      ++at;
      continue;
    }
    const std::size_t length = sequence_length(text, at);
    if (length == 0) return false;
    at += length;
  }
  return true;
}

std::string to_valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t length = sequence_length(text, at);
    if (length == 0) {
      out += "\xEF\xBF\xBD";
      ++at;
    } else {
      out.append(text.substr(at, length));
      at += length;
    }
  }
  return out;
}

std::string json_text(const nlohmann::json& document, int indent) {
  try {
    return document.dump(indent);
  } catch (const nlohmann::json::type_error&) {
    // Only invalid UTF-8 makes dump() throw; the copy is made only then.
    nlohmann::json valid = document;
    make_valid(valid);
    return valid.dump(indent);
  }
}

}  // namespace pbxsim
