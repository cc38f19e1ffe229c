// Ordered tries (ordered_tries.h): one try after another, each a forward of
// kind "try", the next when a try's window runs out or nothing rings there.
#include "pbxsim/engine/ordered_tries.h"

#include <cassert>
#include <string>

#include "pbxsim/engine/pbx.h"

namespace pbxsim {

void OrderedTries::start(CallRecord& call, LineIndex line, const std::vector<Destination>& tries) {
  assert(!tries.empty() && "ordered tries hold at least one try");
  auto refuse = [&](const Destination& at, const std::string& why) {
    return PolicyError(at.rule + ": call-" + std::to_string(call.id) + " from " + call.caller + " on line " +
                       core_.lines()[line].spec.number + ": " + why);
  };
  if (tries.size() > kMaxTries) {
    throw refuse(tries.front(), std::to_string(tries.size()) + " tries: at most " + std::to_string(kMaxTries));
  }
  // Every target now, so a policy's mistake shows on the first call that meets the rule.
  for (std::size_t i = 0; i < tries.size(); ++i) {
    const DestinationPlace place = core_.place_of(call, line, tries[i]);
    const bool last = i + 1 == tries.size();
    if (last) continue;
    if (tries[i].ring_us <= 0) throw refuse(tries[i], "try " + std::to_string(i + 1) + " needs a ring time");
    if (place == DestinationPlace::Voicemail) {
      throw refuse(tries[i], "voicemail ends the call, so it can only be the last try");
    }
    if (place == DestinationPlace::Group) {
      throw refuse(tries[i], "a group rings by its own timers, so it can only be the last try ('" +
                                 tries[i].number + "')");
    }
  }
  pending_[call.id] = Pending{tries, 0};
  make_try(call, line, 0, "first");
}

// `why`: how the previous try ended ("first" for the first).
void OrderedTries::make_try(CallRecord& call, LineIndex from_line, std::size_t index, std::string_view why) {
  const auto found = pending_.find(call.id);
  assert(found != pending_.end() && index < found->second.tries.size() && "a try of the call's pending tries");
  const Destination destination = found->second.tries[index];
  const std::size_t count = found->second.tries.size();
  const bool last = index + 1 == count;
  found->second.current = index;
  if (last) pending_.erase(found);  // the last try ends by the usual rules
  core_.record(TraceKind::Try, {.about = TraceAbout::Call,
                                .call = call.id,
                                .line = core_.lines()[from_line].spec.number,
                                .reason = why,
                                .target = destination.kind == Destination::Kind::Voicemail
                                              ? (destination.number.empty() ? std::string("voicemail")
                                                                            : "voicemail of " + destination.number)
                                              : destination.number,
                                .duration_us = last ? -1 : destination.ring_us,
                                .count = static_cast<std::int64_t>(index + 1),
                                .rule = destination.rule});
  core_.divert_to(call, from_line, destination, "try");
}

bool OrderedTries::call_timed_out(CallRecord& call) {
  const auto found = pending_.find(call.id);
  if (found == pending_.end()) return false;
  const LineIndex line = call.current_line;
  core_.record(TraceKind::NoAnswerTimeout, {.about = TraceAbout::Call,
                                            .call = call.id,
                                            .line = core_.lines()[line].spec.number,
                                            .reason = "try",
                                            .duration_us = found->second.tries[found->second.current].ring_us});
  core_.stop_alerting(call, kNoIndex);
  make_try(call, line, found->second.current + 1, "no-answer");
  return true;
}

bool OrderedTries::call_not_alerted(CallRecord& call, std::string_view why) {
  const auto found = pending_.find(call.id);
  if (found == pending_.end()) return false;
  make_try(call, call.current_line, found->second.current + 1, why);
  return true;
}

std::optional<TimeUs> OrderedTries::ring_time(const CallRecord& call) const {
  const auto found = pending_.find(call.id);
  if (found == pending_.end()) return std::nullopt;
  return found->second.tries[found->second.current].ring_us;
}

void OrderedTries::call_settled(CallRecord& call) {
  if (!pending_.empty()) pending_.erase(call.id);
}

}  // namespace pbxsim
