// Sections: reading the trace · one outcome per call · no alert in DND
// reject · no alert unregistered · hop limit · maximum registrations · the list.
//
// The checkers read the trace as any observer would (the event kinds and the
// "line 1000" / "call-1 on line 1000" forms of their details), not the
// model's internal state.
#include "pbxsim/simulator/testing/invariants.h"

#include <map>
#include <set>

namespace pbxsim {
namespace {

// ----------------------------------------------------------- reading the trace

// The DN an event is about: "line 1000", "line 1000 for 1m", "line 1000:
// lifetime ended", "call-1 on line 1000: audible".
std::string line_of(const std::string& details) {
  const std::size_t at = details.find("line ");
  if (at == std::string::npos) return {};
  const std::size_t start = at + 5;
  std::size_t end = start;
  while (end < details.size() && details[end] != ' ' && details[end] != ':') ++end;
  return details.substr(start, end - start);
}

// "call-1 on line 1000: audible" -> "call-1"
std::string call_of(const std::string& details) { return details.substr(0, details.find(' ')); }

bool ends_registration(TraceKind kind) {
  return kind == TraceKind::Unregistered || kind == TraceKind::RegistrationExpired ||
         kind == TraceKind::RegistrationReplaced;
}

std::string at_text(TimeUs at_us) { return format_duration(at_us); }

std::string quote(const std::string& text) {
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

// The Lua loop that replays registrations from the trace (shared by the
// unregistered and maximum checks): `body` runs for every event of the line.
std::vector<std::string> lua_registration_walk(const std::string& filter, const std::string& line,
                                               const std::vector<std::string>& body) {
  std::vector<std::string> lua{
      "for _, event in ipairs(sim:trace(" + filter + ")) do",
      "  if event.details:match(\"line ([^%s:]+)\") == " + quote(line) + " then",
      "    local ends = event.kind == \"unregistered\" or event.kind == \"registration-expired\" or "
      "event.kind == \"registration-replaced\""};
  for (const std::string& statement : body) lua.push_back("    " + statement);
  lua.emplace_back("  end");
  lua.emplace_back("end");
  return lua;
}

// -------------------------------------------------------- one outcome per call

void check_outcomes(const RunObservation& run, std::vector<InvariantViolation>& violations) {
  std::map<std::string, int> outcomes;
  std::map<std::string, TimeUs> last_at;
  for (const TraceEvent& event : run.trace) {
    if (event.kind != TraceKind::Outcome) continue;
    ++outcomes[event.subject];
    last_at[event.subject] = event.time_us;
  }
  for (const CallRecord& call : run.calls) {
    const std::string subject = "call-" + std::to_string(call.id);
    const int count = outcomes[subject];
    const bool ended = count == 1 && call.outcome != CallOutcome::None;
    const bool undecided = !run.ran_to_end && count == 0 && call.outcome == CallOutcome::None;
    if (ended || undecided) continue;
    InvariantViolation violation{"INV-OUTCOME", {}, last_at[subject], subject, {}, call.dialed, 1};
    violation.message = subject + " to " + call.dialed + " ended in " + std::to_string(count) +
                        " outcome(s) (its record says " + std::string(call_outcome_name(call.outcome)) + ")";
    violations.push_back(violation);
  }
}

std::vector<std::string> lua_outcomes(const InvariantViolation& violation) {
  return {"expect(#sim:trace { kind = \"outcome\", subject = " + quote(violation.call) + " }, " +
          quote("outcomes of " + violation.call + " (exactly one)") + ").is(1)"};
}

// --------------------------------------------------------- no alert in DND reject

void check_dnd_reject(const RunObservation& run, std::vector<InvariantViolation>& violations) {
  std::map<std::string, std::string> dnd;  // device -> mode, from "reject (was off) ..."
  for (const TraceEvent& event : run.trace) {
    if (event.kind == TraceKind::DndChanged) dnd[event.subject] = event.details.substr(0, event.details.find(' '));
    if (event.kind != TraceKind::Alerted || dnd[event.subject] != "reject") continue;
    violations.push_back(InvariantViolation{
        "INV-DND-REJECT",
        call_of(event.details) + " alerted " + event.subject + " in DND reject at " + at_text(event.time_us) + " (" +
            event.details + ")",
        event.time_us, call_of(event.details), event.subject, line_of(event.details), 0});
  }
}

std::vector<std::string> lua_dnd_reject(const InvariantViolation& violation) {
  return {"local dnd = nil",
          "for _, event in ipairs(sim:trace { subject = " + quote(violation.device) + " }) do",
          "  if event.kind == \"dnd\" then dnd = event.details:match(\"^%S+\") end",
          "  if event.kind == \"alerted\" then expect(dnd, \"DND of " + violation.device +
              " when \" .. event.details).is_not(\"reject\") end",
          "end"};
}

// ------------------------------------------------------- no alert unregistered

constexpr std::string_view kOverMobileNetwork = " over the mobile network";

void check_unregistered(const RunObservation& run, std::vector<InvariantViolation>& violations) {
  std::set<std::pair<std::string, std::string>> registered;  // device, line
  for (const TraceEvent& event : run.trace) {
    const auto key = std::make_pair(event.subject, line_of(event.details));
    if (event.kind == TraceKind::Registered) registered.insert(key);
    if (ends_registration(event.kind)) registered.erase(key);
    if (event.kind != TraceKind::Alerted || registered.count(key)) continue;
    if (event.details.ends_with(kOverMobileNetwork)) continue;  // GSM mode needs no registration
    violations.push_back(InvariantViolation{
        "INV-UNREGISTERED",
        call_of(event.details) + " alerted " + event.subject + " on line " + key.second + ", which is not registered there, at " +
            at_text(event.time_us),
        event.time_us, call_of(event.details), event.subject, key.second, 0});
  }
}

std::vector<std::string> lua_unregistered(const InvariantViolation& violation) {
  std::vector<std::string> lua{"local registered = false"};
  for (const std::string& statement : lua_registration_walk(
           "{ subject = " + quote(violation.device) + " }", violation.line,
           {"if event.kind == \"registered\" then registered = true elseif ends then registered = false end",
            "if event.kind == \"alerted\" and not event.details:find(\"over the mobile network\", 1, true) then "
            "expect(registered, \"" + violation.device + " registered on " +
                violation.line + " when \" .. event.details).is_true() end"})) {
    lua.push_back(statement);
  }
  return lua;
}

// ------------------------------------------------------------------- hop limit

void check_hop_limit(const RunObservation& run, std::vector<InvariantViolation>& violations) {
  std::map<std::string, int> forwards;
  std::set<std::string> reported;
  for (const TraceEvent& event : run.trace) {
    if (event.kind != TraceKind::Forwarded) continue;
    if (++forwards[event.subject] <= run.topology.hop_limit || !reported.insert(event.subject).second) continue;
    violations.push_back(InvariantViolation{"INV-HOP-LIMIT",
                                            event.subject + " took forward " + std::to_string(forwards[event.subject]) +
                                                " (" + event.details + ") over the hop limit of " +
                                                std::to_string(run.topology.hop_limit) + " at " + at_text(event.time_us),
                                            event.time_us, event.subject, {}, {}, run.topology.hop_limit});
  }
}

std::vector<std::string> lua_hop_limit(const InvariantViolation& violation) {
  return {"expect(#sim:trace { kind = \"forwarded\", subject = " + quote(violation.call) + " }, " +
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
    const std::string line = line_of(event.details);
    const auto key = std::make_pair(event.subject, line);
    if (event.kind == TraceKind::Registered && registered.insert(key).second) ++count[line];
    if (ends_registration(event.kind) && registered.erase(key) > 0) --count[line];
    const int limit = maximum[line];
    if (limit == 0 || count[line] <= limit || !reported.insert(line).second) continue;
    violations.push_back(InvariantViolation{"INV-MAX-REG",
                                            "line " + line + " has " + std::to_string(count[line]) +
                                                " registrations, more than its maximum of " + std::to_string(limit) +
                                                ", when " + event.subject + " registered at " + at_text(event.time_us),
                                            event.time_us, {}, event.subject, line, limit});
  }
}

std::vector<std::string> lua_max_registrations(const InvariantViolation& violation) {
  std::vector<std::string> lua{"local registrations = 0"};
  for (const std::string& statement : lua_registration_walk(
           "", violation.line,
           {"if event.kind == \"registered\" then registrations = registrations + 1 elseif ends then "
            "registrations = registrations - 1 end",
            "expect(registrations, \"registrations of line " + violation.line + " after \" .. event.kind .. \" of \" .. "
            "event.subject).at_most(" + std::to_string(violation.limit) + ")"})) {
    lua.push_back(statement);
  }
  return lua;
}

}  // namespace

// -------------------------------------------------------------------- the list

const std::vector<Invariant>& invariants() {
  static const std::vector<Invariant> list{
      {"INV-OUTCOME", "every call ends in exactly one outcome", check_outcomes, lua_outcomes},
      {"INV-DND-REJECT", "no call alerts a device while it is in DND reject", check_dnd_reject, lua_dnd_reject},
      {"INV-UNREGISTERED", "no call alerts an appearance that is not registered", check_unregistered, lua_unregistered},
      {"INV-HOP-LIMIT", "no call takes more forwards than the hop limit", check_hop_limit, lua_hop_limit},
      {"INV-MAX-REG", "a line never has more registrations than its maximum", check_max_registrations,
       lua_max_registrations},
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
  for (const Invariant& invariant : invariants()) invariant.check(run, violations);
  return violations;
}

}  // namespace pbxsim
