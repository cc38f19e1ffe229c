// How a decision record shows a hook's answer and what the hook was asked
// about (decision_record.cpp; LuaPolicy::record_decision writes the record).
#pragma once

#include <string>
#include <vector>

#include "pbxsim/engine/policy.h"
#include "pbxsim/engine/trace.h"

namespace pbxsim {

// The answer as one line: "alert", "skip dnd-reject", "cfna", "to 700", "voicemail 1003", ...
std::string decision_answer(const AppearanceDecision& decision);
std::string decision_answer(const DivertDecision& decision);
std::string decision_answer(const GroupMemberDecision& decision);
std::string decision_answer(const ProfileChangeDecision& decision);
std::string decision_answer(RegistrationOverflow overflow);
std::string decision_answer(const std::vector<DndChange>& changes);

// The call a hook was asked about (about = Call), or none outside a run.
TraceFields decision_subject(const CallOrigin& origin);

}  // namespace pbxsim
