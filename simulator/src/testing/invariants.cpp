// Sections: reading the trace · one outcome per call · no alert in DND
// reject · no alert unregistered · hop limit · maximum registrations · the list.
//
// The checkers read the trace as any observer would (the records' kinds and
// typed fields: call, device, line, reason, target), not the model's internal
// state, and never the text rendered for people.
#include "pbxsim/simulator/testing/invariants.h"

#include <map>
#include <set>

#include "invariant_checks.h"

namespace pbxsim {
namespace {

using invariant_checks::at_text;
using invariant_checks::call_name;
using invariant_checks::quote;

// ----------------------------------------------------------- reading the trace

bool ends_registration(TraceKind kind) {
  return kind == TraceKind::Unregistered || kind == TraceKind::RegistrationExpired ||
         kind == TraceKind::RegistrationReplaced;
}


// The Lua loop that replays registrations from the trace (shared by the
// unregistered and maximum checks): `body` runs for every event of the line.
std::vector<std::string> lua_registration_walk(const std::string& filter, const std::string& line,
                                               const std::vector<std::string>& body) {
  std::vector<std::string> lua{
      "for _, event in ipairs(sim:trace(" + filter + ")) do",
      "  if event.line == " + quote(line) + " then",
      "    local ends = event.kind == \"unregistered\" or event.kind == \"registration-expired\" or "
      "event.kind == \"registration-replaced\""};
  for (const std::string& statement : body) lua.push_back("    " + statement);
  lua.emplace_back("  end");
  lua.emplace_back("end");
  return lua;
}

// -------------------------------------------------------- one outcome per call

void check_outcomes(const RunObservation& run, std::vector<InvariantViolation>& violations) {
  std::map<CallId, int> outcomes;
  std::map<CallId, TimeUs> last_at;
  for (const TraceEvent& event : run.trace) {
    if (event.kind != TraceKind::Outcome) continue;
    ++outcomes[event.call];
    last_at[event.call] = event.time_us;
  }
  for (const CallRecord& call : run.calls) {
    const std::string subject = call_name(call.id);
    const int count = outcomes[call.id];
    const bool ended = count == 1 && call.outcome != CallOutcome::None;
    const bool undecided = !run.ran_to_end && count == 0 && call.outcome == CallOutcome::None;
    if (ended || undecided) continue;
    InvariantViolation violation{"INV-OUTCOME", {}, last_at[call.id], subject, {}, call.dialed, 1, call.id};
    violation.message = subject + " to " + call.dialed + " ended in " + std::to_string(count) +
                        " outcome(s) (its record says " + std::string(call_outcome_name(call.outcome)) + ")";
    violations.push_back(violation);
  }
}

std::vector<std::string> lua_outcomes(const InvariantViolation& violation) {
  return {"expect(#sim:trace { kind = \"outcome\", call = " + std::to_string(violation.call_id) + " }, " +
          quote("outcomes of " + violation.call + " (exactly one)") + ").is(1)"};
}

// --------------------------------------------------------- no alert in DND reject

void check_dnd_reject(const RunObservation& run, std::vector<InvariantViolation>& violations) {
  std::map<std::string, std::string> dnd;  // device -> its DND mode
  invariant_checks::ParkReversions reversions;
  for (const TraceEvent& event : run.trace) {
    if (event.kind == TraceKind::DndChanged) dnd[event.device] = event.reason;
    if (reversions.is_reversion_alert(event)) continue;
    if (event.kind != TraceKind::Alerted || dnd[event.device] != "reject") continue;
    violations.push_back(InvariantViolation{
        "INV-DND-REJECT",
        call_name(event.call) + " alerted " + event.device + " in DND reject at " + at_text(event.time_us) + " (" +
            event.text + ")",
        event.time_us, call_name(event.call), event.device, event.line, 0, event.call});
    violations.back().call_park = !run.topology.call_park.numbers.empty();
  }
}

std::vector<std::string> lua_dnd_reject(const InvariantViolation& violation) {
  using invariant_checks::ParkReversions;
  std::vector<std::string> lua = ParkReversions::lua_declaration(violation);
  lua.push_back("local dnd = nil");
  lua.push_back("for _, event in ipairs(sim:trace { device = " + quote(violation.device) + " }) do");
  lua.push_back("  if event.kind == \"dnd\" then dnd = event.reason end");
  ParkReversions::lua_alert_check(lua, violation,
                                  "expect(dnd, \"DND of " + violation.device + " when \" .. event.details).is_not(\"reject\")");
  lua.push_back("end");
  return lua;
}

// ------------------------------------------------------- no alert unregistered

void check_unregistered(const RunObservation& run, std::vector<InvariantViolation>& violations) {
  std::set<std::pair<std::string, std::string>> registered;  // device, line
  for (const TraceEvent& event : run.trace) {
    const auto key = std::make_pair(event.device, event.line);
    if (event.kind == TraceKind::Registered) registered.insert(key);
    if (ends_registration(event.kind)) registered.erase(key);
    if (event.kind != TraceKind::Alerted || registered.count(key)) continue;
    if (event.target == "gsm") continue;  // over the mobile network: GSM mode needs no registration
    violations.push_back(InvariantViolation{
        "INV-UNREGISTERED",
        call_name(event.call) + " alerted " + event.device + " on line " + key.second + ", which is not registered there, at " +
            at_text(event.time_us),
        event.time_us, call_name(event.call), event.device, key.second, 0, event.call});
  }
}

std::vector<std::string> lua_unregistered(const InvariantViolation& violation) {
  std::vector<std::string> lua{"local registered = false"};
  for (const std::string& statement : lua_registration_walk(
           "{ device = " + quote(violation.device) + " }", violation.line,
           {"if event.kind == \"registered\" then registered = true elseif ends then registered = false end",
            "if event.kind == \"alerted\" and event.target ~= \"gsm\" then "
            "expect(registered, \"" + violation.device + " registered on " +
                violation.line + " when \" .. event.details).is_true() end"})) {
    lua.push_back(statement);
  }
  return lua;
}

// ------------------------------------------------------------------- hop limit

void check_hop_limit(const RunObservation& run, std::vector<InvariantViolation>& violations) {
  std::map<CallId, int> forwards;
  std::set<CallId> reported;
  for (const TraceEvent& event : run.trace) {
    if (event.kind != TraceKind::Forwarded) continue;
    if (++forwards[event.call] <= run.topology.hop_limit || !reported.insert(event.call).second) continue;
    violations.push_back(InvariantViolation{"INV-HOP-LIMIT",
                                            call_name(event.call) + " took forward " + std::to_string(forwards[event.call]) +
                                                " (" + event.text + ") over the hop limit of " +
                                                std::to_string(run.topology.hop_limit) + " at " + at_text(event.time_us),
                                            event.time_us, call_name(event.call), {}, {}, run.topology.hop_limit,
                                            event.call});
  }
}

std::vector<std::string> lua_hop_limit(const InvariantViolation& violation) {
  return {"expect(#sim:trace { kind = \"forwarded\", call = " + std::to_string(violation.call_id) + " }, " +
          quote("forwards of " + violation.call + " (hop limit " + std::to_string(violation.limit) + ")") +
          ").at_most(" + std::to_string(violation.limit) + ")"};
}

// ------------------------------------------------------- maximum registrations

void check_max_registrations(const RunObservation& run, std::vector<InvariantViolation>& violations) {
  std::map<std::string, int> maximum;
  for (const LineSpec& line : run.topology.lines) maximum[line.number] = line.max_registrations;
  std::set<std::pair<std::string, std::string>> registered;
  std::map<std::string, int> count;
  std::set<std::string> reported;
  for (const TraceEvent& event : run.trace) {
    const std::string& line = event.line;
    const auto key = std::make_pair(event.device, line);
    if (event.kind == TraceKind::Registered && registered.insert(key).second) ++count[line];
    if (ends_registration(event.kind) && registered.erase(key) > 0) --count[line];
    const int limit = maximum[line];
    if (limit == 0 || count[line] <= limit || !reported.insert(line).second) continue;
    violations.push_back(InvariantViolation{"INV-MAX-REG",
                                            "line " + line + " has " + std::to_string(count[line]) +
                                                " registrations, more than its maximum of " + std::to_string(limit) +
                                                ", when " + event.device + " registered at " + at_text(event.time_us),
                                            event.time_us, {}, event.device, line, limit});
  }
}

std::vector<std::string> lua_max_registrations(const InvariantViolation& violation) {
  std::vector<std::string> lua{"local registrations = 0"};
  for (const std::string& statement : lua_registration_walk(
           "", violation.line,
           {"if event.kind == \"registered\" then registrations = registrations + 1 elseif ends then "
            "registrations = registrations - 1 end",
            "expect(registrations, \"registrations of line " + violation.line + " after \" .. event.kind .. \" of \" .. "
            "event.device).at_most(" + std::to_string(violation.limit) + ")"})) {
    lua.push_back(statement);
  }
  return lua;
}

}  // namespace

// -------------------------------------------------------------------- the list

const std::vector<Invariant>& invariants() {
  static const std::vector<Invariant> list{
      {"INV-OUTCOME", "every call ends in exactly one outcome", check_outcomes, lua_outcomes, {"CORE-5"}},
      {"INV-DND-REJECT", "no call alerts a device while it is in DND reject", check_dnd_reject, lua_dnd_reject,
       {"CUC-5"}},
      {"INV-UNREGISTERED", "no call alerts an appearance that is not registered", check_unregistered, lua_unregistered,
       {"CORE-1"}},
      {"INV-HOP-LIMIT", "no call takes more forwards than the hop limit", check_hop_limit, lua_hop_limit, {"CORE-3"}},
      {"INV-MAX-REG", "a line never has more registrations than its maximum", check_max_registrations,
       lua_max_registrations, {"CORE-2"}},
      {"INV-GROUP-MEMBER", "a group call never alerts a member who is logged out or paused",
       invariant_checks::check_group_members, invariant_checks::lua_group_members, {"CORE-6"}},
      {"INV-PICKUP", "a pickup connects a call its group is ringing, to a phone with a line in that group with pickup on",
       invariant_checks::check_group_pickup, invariant_checks::lua_group_pickup, {"CORE-6"}},
      {"INV-STICKY", "no trigger moves a user off a sticky profile, but the end of the Teams meeting that selected it",
       invariant_checks::check_sticky_profiles, invariant_checks::lua_sticky_profiles, {"PAS-6"}},
      {"INV-INACTIVE", "no call alerts a device while a profile has switched it off as a destination",
       invariant_checks::check_inactive_destinations, invariant_checks::lua_inactive_destinations, {"PAS-7", "PP-2"}},
      {"INV-EM-LOGGED-OUT", "a device alerts for a device profile's line only while a user is logged in to it with it",
       invariant_checks::check_logged_out_devices, invariant_checks::lua_logged_out_devices, {"EM-9"}},
      {"INV-EM-MULTIPLE-LOGIN", "unless multiple logins are allowed, a user is logged in to one device at a time",
       invariant_checks::check_multiple_logins, invariant_checks::lua_multiple_logins, {"EM-1"}},
      {"INV-EM-MAX-LOGIN", "a login with a maximum login time ends by it; an enforced maximum limits every login",
       invariant_checks::check_max_login_time, invariant_checks::lua_max_login_time, {"EM-2"}},
      {"INV-CTI-RECONNECT", "CTI attempts follow the policy's intervals, round-robin from the primary, and connect "
                            "exactly when their server is up",
       invariant_checks::check_cti_reconnect, invariant_checks::lua_cti_reconnect, {"CUC-16"}},
      {"INV-TFTP-ORDER", "a configuration download tries the primary TFTP server, then the backups in order, a "
                         "timeout apart, downloads exactly from a server that is up, and only after all failed "
                         "loads the cached configuration, else enters Disabled mode",
       invariant_checks::check_tftp_order, invariant_checks::lua_tftp_order, {"CUC-14"}},
      {"INV-LDAP-ORDER", "a search starts at the current LDAP server (the primary, or the backup that answered last "
                         "until the client returns to the primary), goes on in order a timeout apart or at once when "
                         "its server goes down, searches exactly where a server is up, and fails only after all",
       invariant_checks::check_ldap_order, invariant_checks::lua_ldap_order, {"CUC-15"}},
      {"INV-DIAL", "a call is first offered to what the dial plan makes of the number dialed: normalisation, then "
                   "the first application rule that matches",
       invariant_checks::check_dial_rules, invariant_checks::lua_dial_rules, {"CUC-9"}},
      {"INV-PARK-SLOT", "a park number holds one call at a time; a retrieval or reversion takes the call parked on it",
       invariant_checks::check_call_park, invariant_checks::lua_park_slot, {"PARK-1", "PARK-2", "PARK-5"}},
      {"INV-PARK-HELD", "a parked call rings and connects nowhere until it is retrieved or reverts", nullptr,
       invariant_checks::lua_park_held, {"PARK-1"}},
      {"INV-PARK-REVERSION", "an unretrieved parked call comes back to the phone that parked it when its reversion "
                             "timer runs out, not before and not later",
       nullptr, invariant_checks::lua_park_reversion, {"PARK-3"}},
      {"INV-LICENCE-POOL", "licence units in use, counted as CUC-12 counts them, never exceed the pool, and a "
                           "deletion gives back exactly the deleted device's units",
       invariant_checks::check_licence_pool, invariant_checks::lua_licence_pool, {"CUC-12"}},
      {"INV-PRIMARY-DELETE", "a primary phone is deleted only once none of its secondary soft phones is left, and "
                             "refused only while one is",
       invariant_checks::check_primary_delete, invariant_checks::lua_primary_delete, {"CUC-11"}},
      {"INV-SOFTPHONE-NAME", "a soft phone named as CUC-1 derives the name from its user's name is found by its "
                             "user's client",
       invariant_checks::check_softphone_names, invariant_checks::lua_softphone_names, {"CUC-1"}},
      {"INV-PCM-CONNECT", "a PCM connects exactly when its effective Subscribed is yes and its key matches",
       invariant_checks::check_pcm_connect, invariant_checks::lua_pcm_connect, {"MS-2", "MS-7"}},
      {"INV-PCM-GATEWAY", "a call that reaches a subscribed PCM line uses one media gateway model, the effective one "
                          "of the first such line; other calls use none",
       invariant_checks::check_pcm_gateway, invariant_checks::lua_pcm_gateway, {"MS-2", "MS-5", "MS-6"}},
  };
  return list;
}

const Invariant* find_invariant(std::string_view code) {
  for (const Invariant& invariant : invariants()) {
    if (invariant.code == code) return &invariant;
  }
  return nullptr;
}

std::vector<InvariantViolation> check_invariants(const RunObservation& run) {
  std::vector<InvariantViolation> violations;
  for (const Invariant& invariant : invariants()) {
    if (invariant.check != nullptr) invariant.check(run, violations);
  }
  return violations;
}

}  // namespace pbxsim
