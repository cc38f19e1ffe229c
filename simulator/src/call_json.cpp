#include "call_json.h"

namespace pbxsim {

// A time that has not happened (-1 in the engine).
nlohmann::json time_or_null(TimeUs time_us) { return time_us < 0 ? nlohmann::json(nullptr) : nlohmann::json(time_us); }

nlohmann::json call_json(const CallRecord& call) {
  nlohmann::json skipped = nlohmann::json::object();
  for (const auto& [device, reason] : call.skipped) skipped[std::string(device)] = reason;
  return {{"id", call.id},
          {"from", call.caller},
          {"to", call.dialed},
          {"state", call_state_name(call.state)},
          {"outcome", call.outcome == CallOutcome::None ? nlohmann::json(nullptr)
                                                         : nlohmann::json(call_outcome_name(call.outcome))},
          {"detail", call.outcome_detail},
          {"path", call.path.to_vector()},
          {"forwards", call.forwards},
          {"alerted", call.alerted_devices.to_vector()},
          {"silent", call.silent_devices.to_vector()},
          {"skipped", skipped},
          {"answered_by", call.answered_by.empty() ? nlohmann::json(nullptr) : nlohmann::json(call.answered_by)},
          {"offered_at_us", time_or_null(call.offered_at_us)},
          {"answered_at_us", time_or_null(call.answered_at_us)},
          {"ended_at_us", time_or_null(call.outcome_at_us)},
          {"released_at_us", time_or_null(call.released_at_us)}};
}

}  // namespace pbxsim
