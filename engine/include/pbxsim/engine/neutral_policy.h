// The vendor-neutral rules in C++, the same as scripting/policies/base.lua:
// used by engine tests and benchmarks that run without Lua.
#pragma once

#include "pbxsim/engine/policy.h"

namespace pbxsim {

class NeutralPolicy final : public Policy {
 public:
  std::string_view name() const override { return "neutral"; }
  AppearanceDecision decide_appearance(const AppearanceFacts& facts) override;
  DivertDecision when_none_alerted(const LineFacts& facts) override;
  DivertDecision when_no_answer(const LineFacts& facts) override;
  RegistrationOverflow when_registrations_full(const RegistrationFacts& facts) override;
  std::vector<DndChange> propagate_dnd(const DndFacts& facts) override;
  GroupMemberDecision decide_group_member(const GroupMemberFacts& facts) override;
  ProfileChangeDecision decide_profile_change(const ProfileChangeFacts& facts) override;
};

}  // namespace pbxsim
