#include "pbxsim/simulator/call_explanation.h"

#include <algorithm>

namespace pbxsim {
namespace {

bool explains(const TraceEvent& decision, const TraceEvent& step) {
  if (decision.call != step.call || decision.call == 0) return false;
  const std::string& hook = decision.reason;
  if (hook == "appearance") {
    return (step.kind == TraceKind::Alerted || step.kind == TraceKind::Skipped) && step.device == decision.device &&
           step.line == decision.line;
  }
  if (hook == "group_member") {
    return (step.kind == TraceKind::Skipped && step.group == decision.group && step.line == decision.line);
  }
  if (hook == "none_alerted" || hook == "no_answer") {
    return (step.kind == TraceKind::Forwarded && step.line == decision.line) || step.kind == TraceKind::Outcome;
  }
  return false;
}

}  // namespace

std::vector<std::optional<std::size_t>> decisions_behind(const std::vector<TraceEvent>& trace) {
  std::vector<std::optional<std::size_t>> behind(trace.size());
  // Decisions still waiting for their step, oldest first. A decision whose
  // call ended is dropped with it, so the list stays as short as the calls in progress.
  std::vector<std::size_t> waiting;
  // Per call in progress, the decision behind its latest step: a forward to
  // voicemail ends the call at once, and that outcome has the forward's rule.
  std::vector<std::pair<CallId, std::optional<std::size_t>>> latest;
  for (std::size_t i = 0; i < trace.size(); ++i) {
    const TraceEvent& event = trace[i];
    if (event.kind == TraceKind::Decided) {
      if (event.call != 0) waiting.push_back(i);
      continue;
    }
    if (event.call == 0) continue;
    const auto found = std::find_if(waiting.begin(), waiting.end(),
                                    [&](std::size_t decision) { return explains(trace[decision], event); });
    auto previous = std::find_if(latest.begin(), latest.end(), [&](const auto& entry) { return entry.first == event.call; });
    if (found != waiting.end()) {
      behind[i] = *found;
      waiting.erase(found);
    } else if (event.kind == TraceKind::Outcome && previous != latest.end() && previous->second &&
               trace[*previous->second].reason != "appearance") {
      behind[i] = previous->second;
    }
    if (previous == latest.end()) previous = latest.insert(latest.end(), {event.call, std::nullopt});
    previous->second = behind[i];
    if (event.kind == TraceKind::Outcome) {
      std::erase_if(waiting, [&](std::size_t decision) { return trace[decision].call == event.call; });
      latest.erase(previous);
    }
  }
  return behind;
}

std::vector<ExplainedStep> explain_call(const std::vector<TraceEvent>& trace, CallId id) {
  const std::vector<std::optional<std::size_t>> behind = decisions_behind(trace);
  std::vector<bool> paired(trace.size(), false);
  for (const std::optional<std::size_t>& decision : behind) {
    if (decision) paired[*decision] = true;
  }
  std::vector<ExplainedStep> steps;
  for (std::size_t i = 0; i < trace.size(); ++i) {
    const TraceEvent& event = trace[i];
    if (event.call != id) continue;
    if (event.kind == TraceKind::Decided) {
      if (!paired[i]) steps.push_back({nullptr, &event});
      continue;
    }
    steps.push_back({&event, behind[i] ? &trace[*behind[i]] : nullptr});
  }
  return steps;
}

std::string decision_rule_text(const TraceEvent& decision) {
  std::string text = decision.rule + " " + decision.reason + "()";
  const char* separator = " read ";
  for (const TraceFact& fact : decision.facts) {
    text += separator + fact.name + "=" + fact.value;
    separator = " ";
  }
  return text;
}

bool has_decisions(const std::vector<TraceEvent>& trace) {
  return std::any_of(trace.begin(), trace.end(), [](const TraceEvent& event) { return event.kind == TraceKind::Decided; });
}

}  // namespace pbxsim
