// The call park invariants (PARK-1 … PARK-5), replayed from the trace's
// `parked`, `retrieved`, `park-reverted` and `released` records and the
// topology's reversion timer — never from the feature's own slots.
//   INV-PARK-SLOT       a park number holds one call at a time; a retrieval
//                       or reversion takes the call parked on its number
//   INV-PARK-HELD       a parked call rings and connects nowhere until it is
//                       retrieved or reverts
//   INV-PARK-REVERSION  an unretrieved parked call comes back to the phone
//                       that parked it when the reversion timer runs out:
//                       not before, not later
#include <map>
#include <set>

#include "invariant_checks.h"

namespace pbxsim::invariant_checks {

namespace {

struct ParkedCall {
  CallId call = 0;
  TimeUs parked_at_us = 0;
  std::string parker;
};

// A violation's park number travels in `line` (it is dialed like a line's).
// `expected` carries the topology's reversion timer (µs) for the Lua check.
InvariantViolation park_violation(const char* code, const std::string& message, TimeUs at_us, CallId call,
                                  const std::string& device, const std::string& number, TimeUs reversion_us) {
  InvariantViolation violation{code, message, at_us, call_name(call), device, number, 0, call};
  violation.expected = std::to_string(reversion_us);
  return violation;
}

}  // namespace

void check_call_park(const RunObservation& run, std::vector<InvariantViolation>& violations) {
  if (run.topology.call_park.numbers.empty()) return;
  const TimeUs reversion_us = run.topology.call_park.reversion_us;
  std::map<std::string, ParkedCall> slots;  // park number -> the call on it
  std::set<std::string> reported;           // one violation per code and call
  auto report = [&](InvariantViolation violation) {
    if (reported.insert(violation.code + "/" + violation.call).second) violations.push_back(std::move(violation));
  };
  auto number_of = [&](CallId call) -> const std::string* {
    for (const auto& [number, parked] : slots) {
      if (parked.call == call) return &number;
    }
    return nullptr;
  };
  // Calls still parked past their reversion at `now_us` (a retrieval at the
  // very instant the timer runs out may go first: only later is late). The
  // call stays on its number: a late reversion is reported once, not as a
  // reversion of a free number too.
  auto check_overdue = [&](TimeUs now_us, bool at_end) {
    for (auto& [number, parked] : slots) {
      const TimeUs due_us = parked.parked_at_us + reversion_us;
      if (parked.call == 0 || (!at_end && now_us <= due_us)) continue;
      report(park_violation("INV-PARK-REVERSION",
                            call_name(parked.call) + " parked on " + number + " at " + at_text(parked.parked_at_us) +
                                " was still parked " + (at_end ? "when the run ended" : "at " + at_text(now_us)) +
                                ", past its reversion at " + at_text(due_us),
                            due_us, parked.call, parked.parker, number, reversion_us));
    }
  };
  // A parked call that rings or connects anywhere.
  auto held_elsewhere = [&](const TraceEvent& event) {
    const std::string* number = number_of(event.call);
    if (number == nullptr) return;
    report(park_violation("INV-PARK-HELD",
                          call_name(event.call) + " parked on " + *number + " was " +
                              std::string(trace_kind_name(event.kind)) + " on " + event.device + " at " +
                              at_text(event.time_us),
                          event.time_us, event.call, event.device, *number, reversion_us));
  };
  for (const TraceEvent& event : run.trace) {
    check_overdue(event.time_us, false);
    switch (event.kind) {
      case TraceKind::Parked: {
        ParkedCall& slot = slots[event.target];
        if (slot.call != 0) {
          report(park_violation("INV-PARK-SLOT",
                                call_name(event.call) + " was parked on " + event.target + " at " + at_text(event.time_us) +
                                    " while " + call_name(slot.call) + " waited there",
                                event.time_us, event.call, event.device, event.target, reversion_us));
        }
        slot = ParkedCall{event.call, event.time_us, event.device};
        break;
      }
      case TraceKind::Retrieved:
        // Without a number: a reverted call answered again at the parking
        // phone, which connects it like an answer.
        if (event.target.empty()) {
          held_elsewhere(event);
          break;
        }
        [[fallthrough]];
      case TraceKind::ParkReverted: {
        ParkedCall& slot = slots[event.target];
        if (slot.call != event.call) {
          report(park_violation("INV-PARK-SLOT",
                                std::string(event.kind == TraceKind::Retrieved ? "a retrieval" : "a reversion") + " of " +
                                    event.target + " took " + call_name(event.call) + " at " + at_text(event.time_us) +
                                    ", but " + (slot.call == 0 ? "no call" : call_name(slot.call)) + " was parked there",
                                event.time_us, event.call, event.device, event.target, reversion_us));
        } else if (event.kind == TraceKind::ParkReverted &&
                   (event.time_us != slot.parked_at_us + reversion_us || event.device != slot.parker)) {
          report(park_violation("INV-PARK-REVERSION",
                                call_name(event.call) + " parked on " + event.target + " by " + slot.parker + " at " +
                                    at_text(slot.parked_at_us) + " reverted to " + event.device + " at " +
                                    at_text(event.time_us) + "; the reversion timer is " + at_text(reversion_us),
                                event.time_us, event.call, event.device, event.target, reversion_us));
        }
        if (slot.call == event.call) slot = {};
        break;
      }
      case TraceKind::Released:
        if (const std::string* number = number_of(event.call)) slots[*number] = {};
        break;
      case TraceKind::Alerted:
      case TraceKind::Answered:
      case TraceKind::PickedUp: held_elsewhere(event); break;
      default: break;
    }
  }
  if (run.ran_to_end) check_overdue(0, true);
}

// Each replays the records of the violation's park number (or call) in Lua.
std::vector<std::string> lua_park_slot(const InvariantViolation& violation) {
  const std::string number = quote(violation.line);
  return {"local holder = nil",
          "for _, event in ipairs(sim:trace()) do",
          "  if event.target == " + number + " and event.kind == \"parked\" then",
          "    expect(holder, \"park number \" .. " + number + " .. \" free when \" .. event.details).is(nil)",
          "    holder = event.call",
          "  elseif event.target == " + number + " and (event.kind == \"retrieved\" or event.kind == \"park-reverted\") then",
          "    expect(event.call, \"the call parked on \" .. " + number + " .. \" is the one taken: \" .. event.details).is(holder)",
          "    holder = nil",
          "  elseif event.kind == \"released\" and event.call == holder then",
          "    holder = nil",
          "  end",
          "end"};
}

std::vector<std::string> lua_park_held(const InvariantViolation& violation) {
  const std::string call = std::to_string(violation.call_id);
  return {"local parked = false",
          "for _, event in ipairs(sim:trace()) do",
          "  if event.call == " + call + " then",
          "    if event.kind == \"parked\" then parked = true end",
          "    if (event.kind == \"retrieved\" and event.target) or event.kind == \"park-reverted\" or event.kind == \"released\" "
          "then parked = false end",
          "    if event.kind == \"alerted\" or event.kind == \"answered\" or event.kind == \"picked-up\" or",
          "        (event.kind == \"retrieved\" and not event.target) then",
          "      expect(parked, \"call-" + call + " rings or connects only when not parked: \" .. event.details).is(false)",
          "    end",
          "  end",
          "end"};
}

std::vector<std::string> lua_park_reversion(const InvariantViolation& violation) {
  const std::string call = std::to_string(violation.call_id);
  return {"local reversion = " + violation.expected,
          "local parked_at, parker, reverted = nil, nil, false",
          "for _, event in ipairs(sim:trace()) do",
          "  if event.call == " + call + " and event.kind == \"parked\" then parked_at, parker = event.time, event.device end",
          "  if event.call == " + call + " and event.kind == \"park-reverted\" then",
          "    expect(event.time - parked_at, \"call-" + call + " reverts after the reversion timer\").is(reversion)",
          "    expect(event.device, \"call-" + call + " reverts to the phone that parked it\").is(parker)",
          "    reverted = true",
          "  end",
          "  if event.call == " + call + " and ((event.kind == \"retrieved\" and event.target) or event.kind == \"released\") "
          "then parked_at = nil end",
          "end",
          "expect(reverted or parked_at == nil, \"call-" + call + " does not stay parked past its reversion\").is_true()"};
}

}  // namespace pbxsim::invariant_checks
