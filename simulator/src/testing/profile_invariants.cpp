// Profile invariants. Sections: a sticky profile holds · no alert on an
// inactive destination.
//
// INV-STICKY (PAS-6): no trigger moves a user off a sticky profile. The one
// exception is the end of the Teams meeting that selected the profile: the
// user goes back to where they were (PAS-5). Read from the trace's typed
// `trigger` records ("timed fired", "teams-start fired", "teams-end fired",
// with the profile before in `previous` and the one selected in `target`);
// which profiles are sticky comes from the topology (the user's own, then
// the server-side ones, then the policy's defaults; an edit during the run
// that changes `sticky` is not followed).
//
// INV-INACTIVE (PAS-7, PP-2): no call alerts a device while a profile has
// switched it off as a destination (the `setting` records "active" on/off).
#include <map>
#include <set>

#include "invariant_checks.h"

namespace pbxsim::invariant_checks {

// ------------------------------------------------------ a sticky profile holds

namespace {

const ProfileSpec* find_profile(const std::vector<ProfileSpec>& profiles, const std::string& name) {
  for (const ProfileSpec& profile : profiles) {
    if (profile.name == name) return &profile;
  }
  return nullptr;
}

bool is_sticky(const Topology& topology, const std::string& user_id, const std::string& name) {
  for (const UserSpec& user : topology.users) {
    if (user.id != user_id) continue;
    if (const ProfileSpec* own = find_profile(user.profiles.get().personal, name)) return own->sticky;
  }
  if (const ProfileSpec* shared = find_profile(topology.profiles, name)) return shared->sticky;
  if (const ProfileSpec* standard = find_profile(topology.profile_rules.defaults, name)) return standard->sticky;
  return false;
}

bool ends_with(const std::string& text, std::string_view end) {
  return text.size() >= end.size() && text.compare(text.size() - end.size(), end.size(), end) == 0;
}

}  // namespace

void check_sticky_profiles(const RunObservation& run, std::vector<InvariantViolation>& violations) {
  std::map<std::string, std::string> meeting_profile;  // user -> the profile their Teams meeting selected
  std::set<std::string> reported;
  for (const TraceEvent& event : run.trace) {
    if (event.kind != TraceKind::Trigger || !ends_with(event.reason, " fired")) continue;
    if (event.reason == "teams-start fired") meeting_profile[event.user] = event.target;
    if (event.previous.empty() || event.previous == event.target) continue;
    if (event.reason == "teams-end fired" && meeting_profile[event.user] == event.previous) continue;
    if (!is_sticky(run.topology, event.user, event.previous) || !reported.insert(event.user).second) continue;
    InvariantViolation violation{"INV-STICKY",
                                 "a " + event.reason.substr(0, event.reason.size() - 6) + " trigger moved " + event.user +
                                     " off the sticky profile '" + event.previous + "' to '" + event.target + "' at " +
                                     at_text(event.time_us),
                                 event.time_us};
    violation.user = event.user;
    violation.profile = event.previous;
    violations.push_back(violation);
  }
}

std::vector<std::string> lua_sticky_profiles(const InvariantViolation& violation) {
  return {"local meeting = nil",
          "for _, event in ipairs(sim:trace { kind = \"trigger\", user = " + quote(violation.user) + " }) do",
          "  if event.reason == \"teams-start fired\" then meeting = event.target end",
          "  local fired = event.reason and event.reason:sub(-6) == \" fired\"",
          "  local meeting_ends = event.reason == \"teams-end fired\" and event.previous == meeting",
          "  if fired and not meeting_ends and event.previous == " + quote(violation.profile) + " then",
          "    expect(event.target, \"the profile after a trigger (" + violation.profile + " is sticky): \" .. "
          "event.details).is(" + quote(violation.profile) + ")",
          "  end",
          "end"};
}

// ----------------------------------------------- no alert on an inactive destination

void check_inactive_destinations(const RunObservation& run, std::vector<InvariantViolation>& violations) {
  std::set<std::string> inactive;  // devices a profile switched off
  std::set<CallId> reported;
  ParkReversions reversions;
  for (const TraceEvent& event : run.trace) {
    if (reversions.is_reversion_alert(event)) continue;
    if (event.kind == TraceKind::Setting && event.reason == "active") {
      if (event.target == "off") inactive.insert(event.device);
      else inactive.erase(event.device);
      continue;
    }
    if (event.kind != TraceKind::Alerted || !inactive.count(event.device) || !reported.insert(event.call).second) continue;
    violations.push_back(InvariantViolation{"INV-INACTIVE",
                                            call_name(event.call) + " alerted " + event.device + " on line " + event.line +
                                                ", a destination a profile switched off, at " + at_text(event.time_us),
                                            event.time_us, call_name(event.call), event.device, event.line, 0,
                                            event.call});
    violations.back().call_park = !run.topology.call_park.numbers.empty();
  }
}

std::vector<std::string> lua_inactive_destinations(const InvariantViolation& violation) {
  std::vector<std::string> lua = ParkReversions::lua_declaration(violation);
  lua.push_back("local active = true");
  lua.push_back("for _, event in ipairs(sim:trace { device = " + quote(violation.device) + " }) do");
  lua.push_back("  if event.kind == \"setting\" and event.reason == \"active\" then active = event.target == \"on\" end");
  ParkReversions::lua_alert_check(
      lua, violation, "expect(active, \"" + violation.device + " an active destination when \" .. event.details).is_true()");
  lua.push_back("end");
  return lua;
}

}  // namespace pbxsim::invariant_checks
