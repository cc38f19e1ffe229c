// A policy written in Lua, in its own sandbox. Hooks it does not define fall
// back to NeutralPolicy; a hook that fails or answers nonsense throws
// PolicyError with the policy's file:line.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <variant>

#include "pbxsim/engine/neutral_policy.h"
#include "pbxsim/engine/policy.h"
#include "pbxsim/engine/topology.h"
#include "pbxsim/engine/trace.h"
#include "pbxsim/scripting/decision_cache_mode.h"
#include "pbxsim/scripting/fact_view_ref.h"
#include "pbxsim/scripting/policy_api.h"
#include "pbxsim/scripting/sandbox.h"

namespace pbxsim {

// Defaults a policy gives to the topology it runs (lines and appearances
// that do not set the field themselves).
struct PolicyDefaults {
  int hop_limit = 8;
  std::optional<std::string> line_cfna;  // a target as scenarios write it
  std::optional<std::string> line_cfb;
  TimeUs no_answer_timeout_us = 12 * kUsPerSecond;
  int max_calls = 4;
  int busy_trigger = 2;
  // Features (read by scripting/src/feature_reader.cpp).
  GroupSpec group;                 // strategy, member_ring, no_answer for groups that do not set them
  ProfileRules profiles;           // default profiles and profile rules
  PcmRules pcm;                    // PCM rules
  InheritanceLevel pcm_system;     // PCM system defaults under the scenario's own
  // Vendor settings of the mechanisms (policy_settings in the policy table).
  MobilitySettings extension_mobility;
  bool dial_normalize = false;
  bool dial_keep_plus = true;
  ProvisioningRules provisioning;
  ClientTiming client_timing;
  CallParkSpec call_park;  // the reversion timer; the numbers are the scenario's
};

// Puts the policy's settings of the mechanisms into a topology: extension
// mobility, dialing, provisioning, client timing and the profile rules. A
// scenario's own sections then change them; a generated workload keeps them.
void apply_policy_settings(const PolicyDefaults& defaults, Topology& topology);

struct PolicyDecisionCache;
template <typename Answer>
class CachedAnswers;

class LuaPolicy final : public Policy {
 public:
  static std::variant<std::unique_ptr<LuaPolicy>, ScriptError> load(
      std::string_view name, const std::string& relative_to_dir, SandboxLimits limits, Prng random);
  ~LuaPolicy() override;

  const PolicyDefaults& defaults() const { return defaults_; }
  const std::string& path() const { return path_; }
  // print and log in hooks write into the scenario's output (LuaSandbox::send_output_to).
  void send_output_to(LuaSandbox& scenario) { sandbox_.send_output_to(scenario); }

  // The decision record (scripting/src/decision_record.cpp): every hook call
  // afterwards is written into `pbx`'s trace as a Decided record (the hook,
  // what it was asked about, the facts it read, its answer, the file:line
  // that returned it). nullptr stops it. Off, it costs a branch per hook and
  // per fact read; the run's hash is the same either way.
  void record_decisions_into(Pbx* pbx);
  // The decision cache: on after a warm-up unless set otherwise. While
  // decisions are recorded every hook runs.
  void set_decision_cache(DecisionCacheMode mode);
  // Hook questions answered from the cache so far, and all hook questions
  // the cache could have answered (bench prints them; tests check them).
  std::int64_t decisions_from_cache() const;
  std::int64_t decisions_asked() const;

  std::string_view name() const override { return name_; }
  AppearanceDecision decide_appearance(const AppearanceFacts& facts) override;
  DivertDecision when_none_alerted(const LineFacts& facts) override;
  DivertDecision when_no_answer(const LineFacts& facts) override;
  RegistrationOverflow when_registrations_full(const RegistrationFacts& facts) override;
  std::vector<DndChange> propagate_dnd(const DndFacts& facts) override;
  // Groups and profiles: scripting/src/policy_features.cpp.
  GroupMemberDecision decide_group_member(const GroupMemberFacts& facts) override;
  ProfileChangeDecision decide_profile_change(const ProfileChangeFacts& facts) override;
  std::optional<std::string> softphone_device_name(std::string_view user_id) override;
  std::string contact_display_name(const ContactFacts& facts) override;

 private:
  enum Hook {
    kAppearance,
    kNoneAlerted,
    kNoAnswer,
    kRegistrationsFull,
    kDndChanged,
    kGroupMember,
    kProfileChange,
    kSoftphoneDeviceName,
    kContactName,
    kHookCount
  };
  LuaPolicy(SandboxLimits limits, Prng random);
  std::optional<ScriptError> read_definition();
  std::optional<ScriptError> check_names(int table);
  bool push_hook(Hook hook);
  void call_hook(Hook hook, int nargs, int nresults);
  [[noreturn]] void bad_answer(Hook hook, const std::string& what);
  DivertDecision divert_answer(Hook hook, const LineFacts& facts);
  DivertDecision destination_answer(Hook hook);
  // Writes the Decided record of a hook call: `subject` says what it was
  // asked about; `rule` overrides where the answer came from (a destination's
  // own file:line).
  void record_decision(Hook hook, TraceFields subject, const std::string& answer, std::string_view rule = {});
  void record_divert(Hook hook, const LineFacts& facts, const DivertDecision& decision);
  void check_divert(Hook hook, const LineFacts& facts, const DivertDecision& decision);
  // Asks a hook through the decision cache (scripting/src/lua_policy_cache.h).
  template <typename Answer, typename Ask, typename Check>
  Answer through_cache(CachedAnswers<Answer>& answers, FactViewRef first, const void* first_facts,
                       FactViewRef second, const void* second_facts, Ask ask, Check check);
  void start_decision_cache();

  LuaSandbox sandbox_;
  NeutralPolicy fallback_;
  std::string name_;
  std::string path_;
  std::string source_;  // the policy's text, to locate a bad setting's line
  PolicyDefaults defaults_;
  int hook_refs_[kHookCount];
  std::string hook_locations_[kHookCount];
  // One view per kind of facts, made for the kinds the policy API's table
  // (policy_api.h kPolicyNames) names as hooks' arguments.
  FactViewRef views_[kFactViewKinds];
  // The view the table names for argument `argument` (0 or 1) of `hook`.
  FactViewRef view_for(Hook hook, int argument) const;
  Pbx* decisions_ = nullptr;  // where decisions are recorded; nullptr: they are not
  FactReadLog fact_reads_;
  std::unique_ptr<PolicyDecisionCache> cache_;
};

}  // namespace pbxsim
