#include "pbxsim/engine/neutral_policy.h"

namespace pbxsim {

std::string_view divert_name(Divert divert) {
  switch (divert) {
    case Divert::ForwardNoAnswer: return "cfna";
    case Divert::ForwardBusy: return "cfb";
    case Divert::Busy: return "busy";
    case Divert::Rejected: return "rejected";
    case Divert::NoAnswer: return "no-answer";
    case Divert::Voicemail: return "voicemail";
    case Divert::Unreachable: return "unreachable";
  }
  return "busy";
}

AppearanceDecision NeutralPolicy::decide_appearance(const AppearanceFacts& facts) {
  if (!facts.active) return {AppearanceVerdict::Skip, "inactive"};
  if (!facts.registered) return {AppearanceVerdict::Skip, "unregistered"};
  if (facts.dnd == DndMode::Reject) return {AppearanceVerdict::Skip, "dnd-reject"};
  if (facts.active_calls >= facts.busy_trigger) return {AppearanceVerdict::Skip, "busy"};
  if (facts.dnd == DndMode::RingerOff) return {AppearanceVerdict::AlertSilently, {}};
  return {AppearanceVerdict::Alert, {}};
}

DivertDecision NeutralPolicy::when_none_alerted(const LineFacts& facts) {
  // Every reachable appearance busy: forward on busy. Nothing registered:
  // nobody can be reached. Anything else (DND, a mix): treat as not answering.
  if (facts.skipped_busy > 0 && facts.skipped_busy + facts.skipped_unregistered == facts.appearances) {
    return facts.has_forward_busy ? Divert::ForwardBusy : Divert::Busy;
  }
  if (facts.skipped_unregistered == facts.appearances) {
    return facts.has_forward_no_answer ? Divert::ForwardNoAnswer : Divert::Unreachable;
  }
  return facts.has_forward_no_answer ? Divert::ForwardNoAnswer : Divert::Rejected;
}

DivertDecision NeutralPolicy::when_no_answer(const LineFacts& facts) {
  return facts.has_forward_no_answer ? Divert::ForwardNoAnswer : Divert::NoAnswer;
}

RegistrationOverflow NeutralPolicy::when_registrations_full(const RegistrationFacts&) {
  return RegistrationOverflow::RefuseNewest;
}

std::vector<DndChange> NeutralPolicy::propagate_dnd(const DndFacts&) { return {}; }

// CORE-6: only logged-in, unpaused members are offered group calls.
GroupMemberDecision NeutralPolicy::decide_group_member(const GroupMemberFacts& facts) {
  if (!facts.logged_in) return {false, "logged-out"};
  if (facts.paused) return {false, "paused"};
  return {true, {}};
}

// A sticky profile is not overridden by triggers (except the end of a Teams
// meeting, which restores it), and a system profile cannot be deleted;
// everything else is allowed. base.lua's profile_change, rule for rule.
ProfileChangeDecision NeutralPolicy::decide_profile_change(const ProfileChangeFacts& facts) {
  if (facts.change == "trigger" && facts.current_sticky && facts.trigger != "teams-end") {
    return {false, "the sticky profile '" + std::string(facts.current) + "' is not overridden by triggers"};
  }
  if (facts.change == "delete" && facts.profile_system) return {false, "a system profile cannot be deleted"};
  return {true, {}};
}

}  // namespace pbxsim
