// CUC-1 in the catalogue's words, for the explorer's generator and the
// INV-SOFTPHONE-NAME checker alike (one reference, not the policy's hook):
// "Soft-phone device name = "UPC" + the username upper-cased with every
// character that is not a letter or digit removed, cut to 12 characters
// after "UPC"" (john.jackson -> UPCJOHNJACKSON).
#pragma once

#include <cctype>
#include <string>
#include <string_view>

namespace pbxsim {

inline std::string catalogue_softphone_name(std::string_view user) {
  constexpr std::size_t kKeptCharacters = 12;
  std::string kept;
  for (const char c : user) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80 && std::isalnum(byte) != 0 && kept.size() < kKeptCharacters) {
      kept += static_cast<char>(std::toupper(byte));
    }
  }
  return "UPC" + kept;
}

}  // namespace pbxsim
