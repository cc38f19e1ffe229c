#include "pbxsim/simulator/call_summary.h"

#include <charconv>

namespace pbxsim {
namespace {

constexpr std::string_view kCallPrefix = "call-";

// "call-12" at the start of text, followed by the end, a space or a colon.
std::optional<CallId> leading_call(std::string_view text) {
  if (!text.starts_with(kCallPrefix)) return std::nullopt;
  CallId id = 0;
  const char* begin = text.data() + kCallPrefix.size();
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(begin, end, id);
  if (error != std::errc() || stop == begin) return std::nullopt;
  if (stop != end && *stop != ' ' && *stop != ':') return std::nullopt;
  return id;
}

// Exactly "call-12", written as the engine writes call ids (no leading
// zero). Runs for every stored trace event, so it does not format the id
// back to compare.
std::optional<CallId> whole_call(std::string_view text) {
  const auto id = leading_call(text);
  if (!id) return std::nullopt;
  const std::string_view digits = text.substr(kCallPrefix.size());
  const bool whole = digits.find_first_not_of("0123456789") == std::string_view::npos;
  const bool canonical = digits.size() == 1 || digits.front() != '0';
  return whole && canonical ? id : std::nullopt;
}

}  // namespace

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string text;
  for (const std::string& item : items) {
    if (!text.empty()) text += separator;
    text += item;
  }
  return text;
}

std::optional<CallId> call_of_event(const TraceEvent& event) {
  if (auto id = whole_call(event.subject)) return id;
  return leading_call(event.details);
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
  for (CallState state : {CallState::Scheduled, CallState::Alerting, CallState::Connected, CallState::Ended}) {
    if (call_state_name(state) == name) return state;
  }
  return std::nullopt;
}

}  // namespace pbxsim
