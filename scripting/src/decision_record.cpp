// The decision record: when asked (run --decisions, explain), every hook call
// of a LuaPolicy is written into the run's trace as a Decided record. The
// hook's reads are noted by the fact views (fact_views.cpp), the file:line it
// returned from by the sandbox's return watch, and its answer here. Recording
// only observes: the record is not hashed, and the hooks answer the same.
#include "decision_record.h"

#include "fact_views.h"
#include "pbxsim/engine/pbx.h"
#include "pbxsim/scripting/lua_policy.h"

namespace pbxsim {

void LuaPolicy::record_decisions_into(Pbx* pbx) {
  decisions_ = pbx;
  sandbox_.watch_returns(pbx != nullptr);
  FactReadLog* log = pbx != nullptr ? &fact_reads_ : nullptr;
  for (FactViewRef view : views_) {
    if (view.view != nullptr) note_fact_reads(sandbox_.state(), view, log);
  }
  fact_reads_.reads.clear();
}

void LuaPolicy::record_decision(Hook hook, TraceFields subject, const std::string& answer, std::string_view rule) {
  std::string location;
  if (!rule.empty()) {
    location = rule;
  } else if (hook_refs_[hook] == LUA_NOREF) {
    location = "(no hook: pbxsim's default)";
  } else {
    location = !sandbox_.returned_at().empty() ? sandbox_.returned_at() : hook_locations_[hook];
  }
  subject.reason = kPolicyNames[static_cast<std::size_t>(hook)].name;
  subject.target = answer;
  subject.rule = location;
  subject.facts = fact_reads_.reads;
  decisions_->record_decision(subject);
  fact_reads_.reads.clear();
}

// ------------------------------------------------------------------ answers

std::string decision_answer(const AppearanceDecision& decision) {
  switch (decision.verdict) {
    case AppearanceVerdict::Alert: return "alert";
    case AppearanceVerdict::AlertSilently: return "silent";
    case AppearanceVerdict::Skip: return "skip " + (decision.reason.empty() ? std::string("skipped") : decision.reason);
  }
  return "?";
}

std::string decision_answer(const DivertDecision& decision) {
  if (!decision.tries.empty()) {  // "tries 2000 10s, +4930123 10s, voicemail"
    std::string answer = "tries";
    for (const Destination& to : decision.tries) {
      answer += (answer == "tries" ? " " : ", ") +
                (to.kind == Destination::Kind::Number ? to.number
                 : to.number.empty()                  ? std::string("voicemail")
                                                      : "voicemail " + to.number) +
                (to.ring_us > 0 ? " " + format_duration(to.ring_us) : "");
    }
    return answer;
  }
  if (!decision.destination) return std::string(divert_name(decision.divert));
  const Destination& to = *decision.destination;
  if (to.kind == Destination::Kind::Number) {
    std::string answer = "to " + to.number;
    for (const std::string& device : to.only_devices) answer += (device == to.only_devices.front() ? " only " : ",") + device;
    return answer;
  }
  return to.number.empty() ? std::string("voicemail") : "voicemail " + to.number;
}

std::string decision_answer(const GroupMemberDecision& decision) {
  return decision.offer ? std::string("offer") : "skip " + (decision.reason.empty() ? "skipped" : decision.reason);
}

std::string decision_answer(const ProfileChangeDecision& decision) {
  return decision.allowed ? std::string("allow") : "refuse " + decision.reason;
}

std::string decision_answer(RegistrationOverflow overflow) {
  return overflow == RegistrationOverflow::RefuseNewest ? "refuse" : "replace-oldest";
}

std::string decision_answer(const std::vector<DndChange>& changes) {
  if (changes.empty()) return "no change";
  std::string answer;
  for (const DndChange& change : changes) {
    answer += (answer.empty() ? "" : ", ") + change.device + "=" + std::string(dnd_mode_name(change.mode));
  }
  return answer;
}

// ----------------------------------------------------------------- subjects

TraceFields decision_subject(const CallOrigin& origin) {
  return TraceFields{.about = origin.call != nullptr ? TraceAbout::Call : TraceAbout::None,
                     .call = origin.call != nullptr ? origin.call->id : 0};
}

}  // namespace pbxsim
