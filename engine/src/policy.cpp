// The neutral answers of the Policy hooks that have a default.
#include "pbxsim/engine/policy.h"

namespace pbxsim {

std::optional<std::string> Policy::softphone_device_name(std::string_view) { return std::nullopt; }

// The name the user gave it; else the directory's display name; else first
// and last name, or whichever exists; else the user ID.
std::string Policy::contact_display_name(const ContactFacts& facts) {
  if (!facts.edited_name.empty()) return std::string(facts.edited_name);
  if (!facts.display_name.empty()) return std::string(facts.display_name);
  if (!facts.first_name.empty() && !facts.last_name.empty()) {
    return std::string(facts.first_name) + " " + std::string(facts.last_name);
  }
  if (!facts.first_name.empty()) return std::string(facts.first_name);
  if (!facts.last_name.empty()) return std::string(facts.last_name);
  return std::string(facts.user_id);
}

}  // namespace pbxsim
