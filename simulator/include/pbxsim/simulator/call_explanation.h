// Which policy decision is behind each step of a call: the Decided records
// (run --decisions) paired with the trace records they caused. `pbxsim
// explain` prints them; the viewer's ladder names each arrow's rule.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "pbxsim/engine/trace.h"

namespace pbxsim {

// For each record of `trace`, the index of the Decided record behind it, or
// nullopt. A decision is paired with the first later record of its call that
// it explains: an appearance decision with that device's alert or skip, a
// group member decision with that member's skip or alert, none_alerted and
// no_answer with the forward or the outcome that follows (an outcome right
// after a forward, such as voicemail, shares the forward's decision).
// Pairing reads the records' typed fields only.
std::vector<std::optional<std::size_t>> decisions_behind(const std::vector<TraceEvent>& trace);

// One step of a call's path: a record of the call and the decision behind it
// (either may be missing: a step the engine took alone, a decision nothing
// followed, such as a group member offered).
struct ExplainedStep {
  const TraceEvent* step = nullptr;
  const TraceEvent* decision = nullptr;
};

// The path of call `id` through `trace`, in order. Decided records appear as
// steps of their own only when no record of the call followed from them.
std::vector<ExplainedStep> explain_call(const std::vector<TraceEvent>& trace, CallId id);

// "scripting/policies/cisco_cucm.lua:57 appearance() read app.dnd=reject":
// the rule, the hook and the facts it read.
std::string decision_rule_text(const TraceEvent& decision);

// Whether the trace holds any Decided record (the run recorded decisions).
bool has_decisions(const std::vector<TraceEvent>& trace);

}  // namespace pbxsim
