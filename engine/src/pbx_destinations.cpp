// A destination a policy names itself (none_alerted, no_answer): a number
// routed like a dialed one (a line, a group, an external number), or a line's
// voicemail. It is a forward like the line's own: it counts against the hop
// limit, a line already visited is a loop, and it is traced as a forward of
// kind "policy" whose note is the policy's file:line. A destination that does
// not exist is the policy's error.
#include <algorithm>

#include "pbxsim/engine/dial_rules.h"
#include "pbxsim/engine/group_calls.h"
#include "pbxsim/engine/pbx.h"
#include "pbxsim/engine/ring_only.h"

namespace pbxsim {

namespace {

bool declared_external(const std::vector<ExternalSpec>& externals, const std::string& number) {
  return std::any_of(externals.begin(), externals.end(), [&](const ExternalSpec& spec) { return spec.number == number; });
}

}  // namespace

DestinationPlace Pbx::place_of(const CallRecord& call, LineIndex line_index, const Destination& destination) const {
  const std::string& from = lines_[line_index].spec.number;
  auto unknown = [&](const std::string& what) {
    return PolicyError(destination.rule + ": call-" + std::to_string(call.id) + " from " + call.caller + " on line " +
                       from + ": the policy sent it to " + what);
  };
  if (destination.kind == Destination::Kind::Voicemail) {
    const std::string& owner = destination.number.empty() ? from : destination.number;
    if (!find_line(owner)) throw unknown("the voicemail of '" + owner + "', which is not a line of this topology");
    return DestinationPlace::Voicemail;
  }
  // A number as if dialed: the dial rules first, then a line, a group or an external number.
  const std::string routed = dialed_number(dial_plan_, destination.number);
  if (const std::optional<LineIndex> line = find_line(routed)) {
    for (const std::string& device : destination.only_devices) {  // ring-only: each presents the line
      const std::optional<DeviceIndex> found = find_device(device);
      const bool presents = found && std::any_of(devices_[*found].appearances.begin(), devices_[*found].appearances.end(),
                                                 [&](AppearanceIndex a) { return appearances_[a].line == *line; });
      if (!presents) {
        throw unknown("line " + routed + " ringing only '" + device + "', which " +
                      (found ? "has no appearance of " + routed : std::string("is no device of this topology")));
      }
    }
    return DestinationPlace::Line;
  }
  if (!destination.only_devices.empty()) {
    throw unknown("'" + destination.number + "' with only = { ... }, which rings devices of a line; '" +
                  destination.number + "' is no line");
  }
  const auto& groups = groups_->groups();
  if (std::any_of(groups.begin(), groups.end(), [&](const GroupState& g) { return g.spec.number == routed; })) {
    return DestinationPlace::Group;
  }
  if ((!routed.empty() && routed[0] == '+') || declared_external(externals_, routed)) return DestinationPlace::External;
  throw unknown("'" + destination.number + "'" + (routed != destination.number ? " (after the dial rules: '" + routed + "')" : "") +
                ", which is no line, group or external number of this topology");
}

void Pbx::divert_to(CallRecord& call, LineIndex line_index, const Destination& destination, std::string_view kind) {
  const std::string from = lines_[line_index].spec.number;
  const DestinationPlace place = place_of(call, line_index, destination);
  if (place == DestinationPlace::Voicemail) {
    const std::string& owner = destination.number.empty() ? from : destination.number;
    // Traced as a forward, so counted as one, also to the line's own
    // voicemail (as a line's own cfna = "voicemail" is): otherwise a call at
    // its hop limit would take one traced forward more than the limit.
    if (!count_forward(call, from, kind)) return;
    record(TraceKind::Forwarded, {.about = TraceAbout::Call,
                                  .call = call.id,
                                  .line = from,
                                  .reason = kind,
                                  .target = owner == from ? std::string("voicemail") : "voicemail of " + owner,
                                  .note = destination.rule});
    call.path.push_back("voicemail");
    settle(call, CallOutcome::Voicemail, "voicemail of " + owner);
    return;
  }
  const std::string routed = dialed_number(dial_plan_, destination.number);
  switch (place) {
    case DestinationPlace::Line:
      if (!destination.only_devices.empty()) {
        ring_only_->restrict(call, *find_line(routed), destination.only_devices, destination.rule);
      }
      forward(call, from, kind, Target::line(routed), destination.rule);
      return;
    case DestinationPlace::Group:
      if (!count_forward(call, from, kind)) return;
      record(TraceKind::Forwarded, {.about = TraceAbout::Call,
                                    .call = call.id,
                                    .line = from,
                                    .reason = kind,
                                    .target = routed,
                                    .note = destination.rule});
      call.routed = routed;
      groups_->take_call(call, routed);
      return;
    case DestinationPlace::External:
      forward(call, from, kind, Target::external(routed), destination.rule);
      return;
    case DestinationPlace::Voicemail:
      return;  // above
  }
}

}  // namespace pbxsim
