// What the invariant checkers share (simulator/src/testing/*_invariants.cpp
// and invariants.cpp): naming calls and times in messages, quoting for the
// Lua a reproducer runs, and the checkers of the features beyond the core,
// one file per feature.
#pragma once

#include <string>
#include <vector>

#include "pbxsim/simulator/testing/invariants.h"

namespace pbxsim::invariant_checks {

inline std::string call_name(CallId call) { return "call-" + std::to_string(call); }

inline std::string at_text(TimeUs at_us) { return format_duration(at_us); }

// A Lua string literal.
inline std::string quote(const std::string& text) {
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

// group_invariants.cpp
void check_group_members(const RunObservation& run, std::vector<InvariantViolation>& violations);
std::vector<std::string> lua_group_members(const InvariantViolation& violation);

// profile_invariants.cpp
void check_sticky_profiles(const RunObservation& run, std::vector<InvariantViolation>& violations);
std::vector<std::string> lua_sticky_profiles(const InvariantViolation& violation);
void check_inactive_destinations(const RunObservation& run, std::vector<InvariantViolation>& violations);
std::vector<std::string> lua_inactive_destinations(const InvariantViolation& violation);

// mobility_invariants.cpp
void check_logged_out_devices(const RunObservation& run, std::vector<InvariantViolation>& violations);
std::vector<std::string> lua_logged_out_devices(const InvariantViolation& violation);
void check_multiple_logins(const RunObservation& run, std::vector<InvariantViolation>& violations);
std::vector<std::string> lua_multiple_logins(const InvariantViolation& violation);
void check_max_login_time(const RunObservation& run, std::vector<InvariantViolation>& violations);
std::vector<std::string> lua_max_login_time(const InvariantViolation& violation);

// client_invariants.cpp
void check_cti_reconnect(const RunObservation& run, std::vector<InvariantViolation>& violations);
std::vector<std::string> lua_cti_reconnect(const InvariantViolation& violation);

}  // namespace pbxsim::invariant_checks
