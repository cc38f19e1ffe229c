// What the invariant checkers share (simulator/src/testing/*_invariants.cpp
// and invariants.cpp): naming calls and times in messages, quoting for the
// Lua a reproducer runs, and the checkers of the features beyond the core,
// one file per feature.
#pragma once

#include <set>
#include <string>
#include <utility>
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

// A park reversion is not a new call offered to the line's destinations: it
// rings the phone that parked the call whatever its DND or profile (Unified
// CM: "for locally parked calls, Park Reversion overrides DND"; PARK-6).
// Checkers of "no alert while ..." feed it every record and skip the alert
// it names.
class ParkReversions {
 public:
  // True for the alert of a reverted call at its parking phone (consumed).
  bool is_reversion_alert(const TraceEvent& event) {
    if (event.kind == TraceKind::ParkReverted) reverting_.insert({event.call, event.device});
    return event.kind == TraceKind::Alerted && reverting_.erase({event.call, event.device}) > 0;
  }
  // The same in a reproducer's Lua, inside its loop over the trace: appends
  // the check `expect_statement` of every alert, but a park reversion's where
  // the violation's topology parks calls (which also needs
  // `local reverting = {}` before the loop: lua_declaration).
  static std::vector<std::string> lua_declaration(const InvariantViolation& violation) {
    if (!violation.call_park) return {};
    return {"local reverting = {}"};
  }
  static void lua_alert_check(std::vector<std::string>& lua, const InvariantViolation& violation,
                              const std::string& expect_statement) {
    if (!violation.call_park) {
      lua.push_back("  if event.kind == \"alerted\" then " + expect_statement + " end");
      return;
    }
    lua.push_back("  if event.kind == \"park-reverted\" then reverting[event.call] = true");
    lua.push_back("  elseif event.kind == \"alerted\" and reverting[event.call] then reverting[event.call] = nil");
    lua.push_back("  elseif event.kind == \"alerted\" then " + expect_statement + " end");
  }

 private:
  std::set<std::pair<CallId, std::string>> reverting_;  // (call, parking device) until it rings there
};

// group_invariants.cpp
void check_group_members(const RunObservation& run, std::vector<InvariantViolation>& violations);
std::vector<std::string> lua_group_members(const InvariantViolation& violation);
void check_group_pickup(const RunObservation& run, std::vector<InvariantViolation>& violations);
std::vector<std::string> lua_group_pickup(const InvariantViolation& violation);

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
void check_tftp_order(const RunObservation& run, std::vector<InvariantViolation>& violations);
std::vector<std::string> lua_tftp_order(const InvariantViolation& violation);
void check_ldap_order(const RunObservation& run, std::vector<InvariantViolation>& violations);
std::vector<std::string> lua_ldap_order(const InvariantViolation& violation);

// park_invariants.cpp
void check_call_park(const RunObservation& run, std::vector<InvariantViolation>& violations);
std::vector<std::string> lua_park_slot(const InvariantViolation& violation);
std::vector<std::string> lua_park_held(const InvariantViolation& violation);
std::vector<std::string> lua_park_reversion(const InvariantViolation& violation);

// dial_invariants.cpp
void check_dial_rules(const RunObservation& run, std::vector<InvariantViolation>& violations);
std::vector<std::string> lua_dial_rules(const InvariantViolation& violation);

// provisioning_invariants.cpp
void check_licence_pool(const RunObservation& run, std::vector<InvariantViolation>& violations);
std::vector<std::string> lua_licence_pool(const InvariantViolation& violation);
void check_primary_delete(const RunObservation& run, std::vector<InvariantViolation>& violations);
std::vector<std::string> lua_primary_delete(const InvariantViolation& violation);
void check_softphone_names(const RunObservation& run, std::vector<InvariantViolation>& violations);
std::vector<std::string> lua_softphone_names(const InvariantViolation& violation);

// pcm_invariants.cpp
void check_pcm_connect(const RunObservation& run, std::vector<InvariantViolation>& violations);
std::vector<std::string> lua_pcm_connect(const InvariantViolation& violation);
void check_pcm_gateway(const RunObservation& run, std::vector<InvariantViolation>& violations);
std::vector<std::string> lua_pcm_gateway(const InvariantViolation& violation);

}  // namespace pbxsim::invariant_checks
