// The dial-rules invariant (CUC-9), from the call's dialed string and the
// topology's dial plan, never from the engine's routed number:
//   INV-DIAL  a call is first offered to what the dial plan makes of the
//             number dialed (normalisation, then the first application rule
//             that matches); a `dialed` record names that change, and only
//             a change
// The plan is evaluated here by a reference written from the catalogue's
// words (and docs/scenarios.md), not by the engine's dial_rules.cpp: the
// engine's one-pass normalisation and its step-by-step analysis are both
// held to it.
#include <map>

#include "invariant_checks.h"

namespace pbxsim::invariant_checks {

namespace {

// CUC-9: "everything but letters and digits is removed, letters become keypad
// digits, then application dial rules apply. A leading '+' is kept."
std::string reference_dialed(const DialPlan& plan, const std::string& dialed) {
  std::string number;
  if (plan.normalize) {
    static const std::string kKeypad[] = {"ABC", "DEF", "GHI", "JKL", "MNO", "PQRS", "TUV", "WXYZ"};
    for (const char c : dialed) {
      const char upper = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
      if (upper >= '0' && upper <= '9') {
        number += upper;
      } else if (upper >= 'A' && upper <= 'Z') {
        for (std::size_t key = 0; key < 8; ++key) {
          if (kKeypad[key].find(upper) != std::string::npos) number += static_cast<char>('2' + key);
        }
      } else if (c == '+' && plan.keep_plus && number.empty()) {
        number += c;
      }
    }
  } else {
    number = dialed;
  }
  for (const DialRule& rule : plan.application) {
    const bool length_ok = rule.length <= 0 || number.size() == static_cast<std::size_t>(rule.length);
    if (!length_ok || number.rfind(rule.begins_with, 0) != 0) continue;
    const std::size_t remove = rule.remove <= 0 ? 0 : std::min(number.size(), static_cast<std::size_t>(rule.remove));
    return rule.prefix + number.substr(remove);
  }
  return number;
}

}  // namespace

void check_dial_rules(const RunObservation& run, std::vector<InvariantViolation>& violations) {
  const DialPlan& plan = run.topology.dialing;
  if (!plan.normalize && plan.application.empty()) return;  // nothing changes a number
  struct Seen {
    const TraceEvent* first_offer = nullptr;
    const TraceEvent* dialed = nullptr;
    int dialed_records = 0;
  };
  std::map<CallId, Seen> seen;
  for (const TraceEvent& event : run.trace) {
    if (event.call == 0) continue;
    Seen& call = seen[event.call];
    if (event.kind == TraceKind::CallOffered && call.first_offer == nullptr) call.first_offer = &event;
    if (event.kind == TraceKind::Dialed) {
      call.dialed = &event;
      ++call.dialed_records;
    }
  }
  for (const CallRecord& call : run.calls) {
    const auto found = seen.find(call.id);
    if (found == seen.end() || found->second.first_offer == nullptr) continue;  // never placed
    const Seen& record = found->second;
    const std::string expected = reference_dialed(plan, call.dialed);
    const TraceEvent& offer = *record.first_offer;
    const std::string offered(!offer.line.empty() ? offer.line : offer.target);
    // A call refused before it is routed (a client that cannot dial, a
    // calling restriction) is recorded at the number as dialed.
    const bool refused_as_dialed = call.outcome == CallOutcome::Rejected && offered == call.dialed;
    auto report = [&](const std::string& what) {
      InvariantViolation violation{"INV-DIAL", call_name(call.id) + " dialed '" + call.dialed + "': " + what,
                                   offer.time_us, call_name(call.id), "", expected, 0, call.id};
      violation.expected = quote(call.dialed);
      violations.push_back(std::move(violation));
    };
    if (record.dialed_records > 1) {
      report("the dial rules were applied " + std::to_string(record.dialed_records) + " times");
    } else if (record.dialed != nullptr &&
               (record.dialed->previous != call.dialed || record.dialed->target != expected)) {
      report("the trace says the rules made '" + std::string(record.dialed->previous) + "' into '" +
             std::string(record.dialed->target) + "'; the dial plan makes it '" + expected + "'");
    } else if (record.dialed != nullptr && expected == call.dialed) {
      report("a 'dialed' record for a number the dial plan leaves as it is");
    } else if (!refused_as_dialed && offered != expected) {
      report("first offered to '" + offered + "'; the dial plan makes it '" + expected + "'");
    }
  }
}

std::vector<std::string> lua_dial_rules(const InvariantViolation& violation) {
  const std::string call = std::to_string(violation.call_id);
  const std::string dialed = violation.expected.empty() ? quote("") : violation.expected;
  return {"local offered, rewritten = nil, nil",
          "for _, event in ipairs(sim:trace()) do",
          "  if event.call == " + call + " and event.kind == \"offered\" and offered == nil then",
          "    offered = event.line or event.target",
          "  elseif event.call == " + call + " and event.kind == \"dialed\" then",
          "    expect(rewritten, \"call-" + call + ": the dial rules apply once\").is(nil)",
          "    rewritten = event.target",
          "  end",
          "end",
          "expect(offered, \"call-" + call + " dialed \" .. " + dialed +
              " .. \" is first offered where the dial plan sends it\").is(" + quote(violation.line) + ")",
          "if rewritten ~= nil then expect(rewritten, \"call-" + call + ": what the dial rules made of \" .. " +
              dialed + ").is(" + quote(violation.line) + ") end"};
}

}  // namespace pbxsim::invariant_checks
