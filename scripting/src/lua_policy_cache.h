// How LuaPolicy asks its hooks through the decision cache (decision_cache.h):
// the cache's parts for each hook it remembers, and the one path every
// cached hook takes (LuaPolicy::through_cache).
#pragma once

#include <vector>

#include "decision_cache.h"
#include "fact_views.h"
#include "pbxsim/engine/policy.h"
#include "pbxsim/scripting/lua_policy.h"
#include "sandbox_internals.h"

namespace pbxsim {

struct PolicyDecisionCache {
  // Hook calls before the cache starts (AfterWarmUp): a short scenario run
  // would pay for fingerprints and gain nothing.
  static constexpr std::int64_t kWarmUpHookCalls = 2000;

  DecisionCacheMode mode = DecisionCacheMode::AfterWarmUp;
  std::int64_t hook_calls = 0;
  std::int64_t asked = 0;  // questions the cache was usable for
  std::int64_t found = 0;  // of them, answered from it
  DecisionCacheState state;
  FactReadTrail trail;
  bool state_moved = false;  // during the last run of policy Lua
  std::vector<int> roots;    // the hooks' registry references: fingerprinted with the globals
  CachedAnswers<AppearanceDecision> appearance;
  CachedAnswers<DivertDecision> none_alerted;
  CachedAnswers<DivertDecision> no_answer;
  CachedAnswers<GroupMemberDecision> group_member;
  CachedAnswers<ProfileChangeDecision> profile_change;

  bool remembers_any() const {
    return !appearance.empty() || !none_alerted.empty() || !no_answer.empty() || !group_member.empty() ||
           !profile_change.empty();
  }
  void forget_all() {
    appearance.clear();
    none_alerted.clear();
    no_answer.clear();
    group_member.clear();
    profile_change.clear();
  }
  bool started() const {
    return mode == DecisionCacheMode::FromFirstCall ||
           (mode == DecisionCacheMode::AfterWarmUp && hook_calls >= kWarmUpHookCalls);
  }
};

// The trail is active only while a cacheable hook runs, also when it throws.
class TrailWhileHookRuns {
 public:
  explicit TrailWhileHookRuns(FactReadTrail* trail) : trail_(trail) {
    if (trail_ != nullptr) trail_->start();
  }
  ~TrailWhileHookRuns() {
    if (trail_ != nullptr) trail_->active = false;
  }
  TrailWhileHookRuns(const TrailWhileHookRuns&) = delete;
  TrailWhileHookRuns& operator=(const TrailWhileHookRuns&) = delete;

 private:
  FactReadTrail* trail_;
};

// `ask()` pushes the views, calls the hook and decodes its answer; `check`
// validates an answer against the facts (run on remembered answers too, so
// a hit fails where the hook's own answer would).
template <typename Answer, typename Ask, typename Check>
Answer LuaPolicy::through_cache(CachedAnswers<Answer>& answers, FactViewRef first, const void* first_facts,
                                FactViewRef second, const void* second_facts, Ask ask, Check check) {
  PolicyDecisionCache& cache = *cache_;
  const bool usable = decisions_ == nullptr && cache.state.on() && cache.started() && answers.on();
  if (!usable) return ask();
  lua_State* L = sandbox_.state();
  point_fact_view(first, first_facts);
  if (second.view != nullptr) point_fact_view(second, second_facts);
  const Answer* remembered = answers.find(L);
  release_fact_view(first);
  if (second.view != nullptr) release_fact_view(second);
  ++cache.asked;
  if (remembered != nullptr) {
    ++cache.found;
    cache.state.count_answer_from_cache();
    check(*remembered);
    return *remembered;
  }
  const std::uint64_t side_effects_before = sandbox_.internals().side_effects;
  Answer answer = [&] {
    TrailWhileHookRuns trail(&cache.trail);
    return ask();
  }();
  if (!cache.state_moved && sandbox_.internals().side_effects == side_effects_before) {
    answers.remember(cache.trail, answer);
  }
  return answer;
}

}  // namespace pbxsim
