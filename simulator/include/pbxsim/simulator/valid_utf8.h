// Names are bytes (a Latin-1 directory export gives "M\xfcller"), but JSON,
// JUnit XML and the results database hold text. One rule for all three:
// every byte that is not part of a valid UTF-8 sequence is written as
// U+FFFD (the replacement character); valid text passes unchanged.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace pbxsim {

bool is_valid_utf8(std::string_view text);
// The text with each invalid byte replaced by U+FFFD.
std::string to_valid_utf8(std::string_view text);
// document.dump(indent) with every string (keys too) made valid first, so
// invalid bytes never throw nlohmann::json::type_error.
std::string json_text(const nlohmann::json& document, int indent = -1);

}  // namespace pbxsim
