// Ordered tries: a policy's answer "ring A for 10 s, then B, then C"
// (Asterisk/FreePBX Find Me/Follow Me, the forwarding sequences of hosted
// PBXes). none_alerted or no_answer answers tries { ... } (the policy API,
// scripting/policies/README.md); this feature makes them one after another:
//
// - every target is checked when the answer is given: one that is no line,
//   group or external number is the policy's error (its rule's file:line and
//   the call), and so is a group or a voicemail before the last try;
// - each try is a forward of kind "try" (counts against the hop limit; a line
//   the call already visited ends it as a forward loop), preceded by a `try`
//   trace record: the try's number (count), target, ring window (duration)
//   and rule;
// - a try that rings is answered like any call; when its window runs out the
//   ringing stops (a no-answer-timeout record with reason "try") and the
//   next try starts;
// - a try where nothing rings (every appearance busy, in DND, unregistered
//   or skipped; an external number that is busy, unreachable or does not
//   answer) moves on to the next try at once, without asking the policy;
// - the last try has no window: it ends by the usual rules, its line's own
//   no-answer timer, then the policy's no_answer (or none_alerted) for it.
#pragma once

#include <map>
#include <vector>

#include "pbxsim/engine/feature.h"
#include "pbxsim/engine/feature_context.h"
#include "pbxsim/engine/policy.h"

namespace pbxsim {

class OrderedTries final : public PbxFeature {
 public:
  // More tries than this in one answer is the policy's error: each is a hop,
  // so a longer list would end at the hop limit anyway.
  static constexpr std::size_t kMaxTries = 32;

  explicit OrderedTries(FeatureContext& core) : core_(core) {}
  std::string_view feature_name() const override { return "ordered tries"; }

  // The policy answered `tries` for `call` on `line`: checks every target,
  // then makes the first try.
  void start(CallRecord& call, LineIndex line, const std::vector<Destination>& tries);

  // Feature events: a try's window ran out; nothing rang where a try was
  // offered; how long the current try rings; the call has its outcome.
  bool call_timed_out(CallRecord& call) override;
  bool call_not_alerted(CallRecord& call, std::string_view why) override;
  std::optional<TimeUs> ring_time(const CallRecord& call) const override;
  void call_settled(CallRecord& call) override;

 private:
  struct Pending {
    std::vector<Destination> tries;
    std::size_t current = 0;  // the try the call is in now
  };
  // Makes try number `index` of the call's tries; forgets them at the last.
  void make_try(CallRecord& call, LineIndex from_line, std::size_t index, std::string_view why);

  FeatureContext& core_;
  std::map<CallId, Pending> pending_;  // calls in a try that is not their last, by id (ordered)
};

}  // namespace pbxsim
