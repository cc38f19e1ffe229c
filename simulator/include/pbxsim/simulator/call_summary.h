// A call as people read it: its path, who was alerted, its outcome, and the
// trace events that concern it. Golden files, `pbxsim diff`, the matrix and
// the results store all describe calls through these functions, so the same
// call reads the same everywhere.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pbxsim/engine/pbx.h"
#include "pbxsim/engine/text.h"
#include "pbxsim/engine/trace.h"

namespace pbxsim {

// The call a trace event concerns (its typed call field), if any.
std::optional<CallId> call_of_event(const TraceEvent& event);
std::vector<TraceEvent> events_of_call(const std::vector<TraceEvent>& trace, CallId id);

std::string format_path(const CallRecord& call);      // "1000 > 3000 > voicemail", "-" when empty
std::string format_alerted(const CallRecord& call);   // "desk, soft (silent)", "nobody"
std::string format_skipped(const CallRecord& call);   // "desk (dnd-reject), soft (unregistered)"
std::string format_time(TimeUs at_us);                 // "14s", "-" when never

// "call-2 from +14085550100 to 1000"
std::string call_heading(const CallRecord& call);
// The lines under the heading: outcome with its time and detail, path,
// alerted, and skipped and answered when there is something to say.
std::vector<std::string> call_facts(const CallRecord& call);

std::optional<CallOutcome> call_outcome_from_name(std::string_view name);
std::optional<CallState> call_state_from_name(std::string_view name);

}  // namespace pbxsim
