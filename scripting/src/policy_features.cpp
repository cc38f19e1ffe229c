// The policy's side of groups and profiles: its settings tables (groups,
// profiles, pcm) and the hooks group_member and profile_change.
#include "decision_record.h"
#include "fact_views.h"
#include "feature_reader.h"
#include "hook_answer.h"
#include "lua_policy_cache.h"
#include "pbxsim/scripting/lua_policy.h"
#include "pbxsim/scripting/scenario.h"
#include "sandbox_internals.h"

namespace pbxsim {

void apply_policy_settings(const PolicyDefaults& defaults, Topology& topology) {
  topology.extension_mobility = defaults.extension_mobility;
  topology.dialing.normalize = defaults.dial_normalize;
  topology.dialing.keep_plus = defaults.dial_keep_plus;
  topology.provisioning = defaults.provisioning;
  topology.client_timing = defaults.client_timing;
  topology.call_park = defaults.call_park;
  topology.profile_rules = defaults.profiles;
}

GroupMemberDecision LuaPolicy::decide_group_member(const GroupMemberFacts& facts) {
  auto note = [&](const GroupMemberDecision& decision) {
    TraceFields subject = decision_subject(facts.origin);
    subject.group = facts.group;
    subject.line = facts.line;
    record_decision(kGroupMember, subject, decision_answer(decision));
  };
  if (hook_refs_[kGroupMember] == LUA_NOREF) {
    GroupMemberDecision decision = fallback_.decide_group_member(facts);
    if (decisions_ != nullptr) note(decision);
    return decision;
  }
  lua_State* L = sandbox_.state();
  const CallFacts call{facts.caller, facts.forwards};
  auto ask = [&]() -> GroupMemberDecision {
    push_hook(kGroupMember);
    {
      FactViewsInUse views(L, view_for(kGroupMember, 0), &call, view_for(kGroupMember, 1), &facts);
      call_hook(kGroupMember, 2, 2);
    }
    const std::string_view answer = hook_answer(L, -2);
    GroupMemberDecision decision;
    if (answer == "offer") {
      decision = {true, {}};
    } else if (answer == "skip") {
      decision = {false, hook_reason(L, -1, "skipped")};
    } else {
      bad_answer(kGroupMember, "returned " + shown_answer(L, -2) + ": expected \"offer\" or \"skip\", reason");
    }
    lua_pop(L, 2);
    return decision;
  };
  GroupMemberDecision decision = through_cache(cache_->group_member, view_for(kGroupMember, 0), &call,
                                               view_for(kGroupMember, 1), &facts, ask,
                                               [](const GroupMemberDecision&) {});
  if (decisions_ != nullptr) note(decision);
  return decision;
}

ProfileChangeDecision LuaPolicy::decide_profile_change(const ProfileChangeFacts& facts) {
  auto decided = [&](ProfileChangeDecision decision) {
    if (decisions_ != nullptr) {
      record_decision(kProfileChange,
                      TraceFields{.about = facts.user.empty() ? TraceAbout::Admin : TraceAbout::User, .user = facts.user},
                      decision_answer(decision));
    }
    return decision;
  };
  if (hook_refs_[kProfileChange] == LUA_NOREF) return decided(fallback_.decide_profile_change(facts));
  lua_State* L = sandbox_.state();
  auto ask = [&]() -> ProfileChangeDecision {
    push_hook(kProfileChange);
    {
      FactViewsInUse view(L, view_for(kProfileChange, 0), &facts);
      call_hook(kProfileChange, 1, 2);
    }
    const std::string_view answer = hook_answer(L, -2);
    ProfileChangeDecision decision;
    if (answer == "allow") {
      decision = {true, {}};
    } else if (answer == "refuse") {
      decision = {false, hook_reason(L, -1, "refused by the policy")};
    } else {
      bad_answer(kProfileChange, "returned " + shown_answer(L, -2) + ": expected \"allow\" or \"refuse\", reason");
    }
    lua_pop(L, 2);
    return decision;
  };
  return decided(through_cache(cache_->profile_change, view_for(kProfileChange, 0), &facts, FactViewRef{}, nullptr, ask,
                               [](const ProfileChangeDecision&) {}));
}

}  // namespace pbxsim
