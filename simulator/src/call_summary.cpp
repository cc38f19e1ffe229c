#include "pbxsim/simulator/call_summary.h"


namespace pbxsim {
std::optional<CallId> call_of_event(const TraceEvent& event) {
  return event.call != 0 ? std::optional<CallId>(event.call) : std::nullopt;  // ids start at 1
}

std::vector<TraceEvent> events_of_call(const std::vector<TraceEvent>& trace, CallId id) {
  std::vector<TraceEvent> events;
  for (const TraceEvent& event : trace) {
    if (call_of_event(event) == id) events.push_back(event);
  }
  return events;
}

std::string format_path(const CallRecord& call) { return call.path.empty() ? "-" : join(call.path.to_vector(), " > "); }

std::string format_alerted(const CallRecord& call) {
  std::vector<std::string> devices;
  for (std::string_view device : call.alerted_devices) {
    devices.emplace_back(device);
    if (call.silent_devices.contains(device)) devices.back() += " (silent)";
  }
  return devices.empty() ? "nobody" : join(devices, ", ");
}

std::string format_skipped(const CallRecord& call) {
  std::vector<std::string> devices;
  for (const auto& [device, reason] : call.skipped) {
    devices.push_back(std::string(device).append(" (").append(reason).append(")"));
  }
  return join(devices, ", ");
}

std::string format_time(TimeUs at_us) { return at_us < 0 ? "-" : format_duration(at_us); }

std::string call_heading(const CallRecord& call) {
  return "call-" + std::to_string(call.id) + " from " + call.caller + " to " + call.dialed;
}

std::vector<std::string> call_facts(const CallRecord& call) {
  std::vector<std::string> facts;
  if (call.outcome == CallOutcome::None) {
    facts.push_back("outcome none yet (" + std::string(call_state_name(call.state)) + ")");
  } else {
    std::string outcome = "outcome " + std::string(call_outcome_name(call.outcome)) + " at " +
                          format_time(call.outcome_at_us);
    if (!call.outcome_detail.empty()) outcome += ": " + call.outcome_detail;
    facts.push_back(outcome);
  }
  facts.push_back("path " + format_path(call));
  facts.push_back("alerted " + format_alerted(call));
  if (!call.skipped.empty()) facts.push_back("skipped " + format_skipped(call));
  if (!call.answered_by.empty()) {
    facts.push_back("answered by " + call.answered_by + " at " + format_time(call.answered_at_us));
  }
  return facts;
}

std::optional<CallOutcome> call_outcome_from_name(std::string_view name) {
  for (CallOutcome outcome : {CallOutcome::None, CallOutcome::Answered, CallOutcome::Busy, CallOutcome::Rejected,
                              CallOutcome::Voicemail, CallOutcome::NoAnswer, CallOutcome::ForwardLimit,
                              CallOutcome::Unreachable, CallOutcome::Abandoned}) {
    if (call_outcome_name(outcome) == name) return outcome;
  }
  return std::nullopt;
}

std::optional<CallState> call_state_from_name(std::string_view name) {
  for (CallState state : {CallState::Scheduled, CallState::Alerting, CallState::Connected, CallState::Parked,
                          CallState::Ended}) {
    if (call_state_name(state) == name) return state;
  }
  return std::nullopt;
}

}  // namespace pbxsim
