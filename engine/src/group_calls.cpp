// Sections: member state · offering a group call · pickup.
#include "pbxsim/engine/group_calls.h"

#include <algorithm>
#include <cassert>

#include "pbxsim/engine/trace_text.h"

namespace pbxsim {

std::string_view member_change_name(MemberChange change) {
  switch (change) {
    case MemberChange::LogIn: return "logged in";
    case MemberChange::LogOut: return "logged out";
    case MemberChange::Pause: return "paused";
    case MemberChange::Unpause: return "unpaused";
    case MemberChange::PickupOn: return "pickup on";
    case MemberChange::PickupOff: return "pickup off";
  }
  return "logged in";
}

GroupCalls::GroupCalls(FeatureContext& core, const std::vector<GroupSpec>& specs) : core_(core) {
  for (const GroupSpec& spec : specs) {
    GroupState group{spec, {}};
    for (const GroupMemberSpec& member : spec.members) {
      group.members.push_back(GroupMemberState{core_.find_line(member.line).value(), member.logged_in, member.paused, true});
    }
    groups_.push_back(std::move(group));
  }
  by_number_ = NameIndex(groups_.size(), [this](std::uint32_t i) { return std::string_view(groups_[GroupIndex(i)].spec.number); });
}

std::optional<GroupIndex> GroupCalls::find_number(std::string_view number) const {
  if (groups_.empty()) return std::nullopt;
  if (const std::optional<std::uint32_t> found = by_number_.find(number)) return GroupIndex(*found);
  return std::nullopt;
}

std::optional<GroupIndex> GroupCalls::find(std::string_view name) const {
  for (GroupIndex i : groups_.indices()) {
    if (groups_[i].spec.name == name) return i;
  }
  return std::nullopt;
}

std::vector<MemberIndex> GroupCalls::members_matching(GroupIndex group, std::string_view line_or_user) const {
  std::vector<MemberIndex> found;
  const std::optional<UserIndex> user = core_.find_user(line_or_user);
  const auto& members = groups_[group].members;
  for (MemberIndex i : members.indices()) {
    const LineState& line = core_.lines()[members[i].line];
    if (line.spec.number == line_or_user || (user && line.user == *user)) found.push_back(i);
  }
  return found;
}

std::string GroupCalls::member_name(const GroupMemberState& member) const {
  return core_.line(member.line).spec.number;
}

// ---------------------------------------------------------------- member state

void GroupCalls::change_member(GroupIndex group_index, MemberIndex member_index, MemberChange change, std::string_view cause) {
  assert(groups_.contains(group_index) && groups_[group_index].members.contains(member_index) &&
         "a member change names a member of a group: look it up with find and members_matching");
  GroupState& group = groups_[group_index];
  GroupMemberState& member = group.members[member_index];
  bool* flag = nullptr;
  bool value = true;
  switch (change) {
    case MemberChange::LogIn: flag = &member.logged_in; value = true; break;
    case MemberChange::LogOut: flag = &member.logged_in; value = false; break;
    case MemberChange::Pause: flag = &member.paused; value = true; break;
    case MemberChange::Unpause: flag = &member.paused; value = false; break;
    case MemberChange::PickupOn: flag = &member.pickup; value = true; break;
    case MemberChange::PickupOff: flag = &member.pickup; value = false; break;
  }
  if (*flag == value) return;  // nothing changes, nothing to trace
  *flag = value;
  const LineState& line = core_.line(member.line);
  core_.record(TraceKind::GroupMember,
              {.about = TraceAbout::Group,
               .line = line.spec.number,
               .user = line.user != kNoIndex ? std::string_view(core_.user(line.user).id) : std::string_view(),
               .group = group.spec.name,
               .reason = member_change_name(change),
               .target = member_name(member),
               .note = cause});
}

void GroupCalls::change_line(LineIndex line, MemberChange change, std::string_view cause) {
  for (GroupIndex g : groups_.indices()) {
    for (MemberIndex m : groups_[g].members.indices()) {
      if (groups_[g].members[m].line == line) change_member(g, m, change, cause);
    }
  }
}

// --------------------------------------------------------- offering a group call

bool GroupCalls::take_call(CallRecord& call, const std::string& number) {
  const std::optional<GroupIndex> found = find_number(number);
  if (!found) return false;
  GroupState& group = groups_[*found];
  call.group = *found;
  call.path.push_back(group.spec.number);
  core_.record(TraceKind::CallOffered, {.about = TraceAbout::Call,
                                       .call = call.id,
                                       .group = group.spec.name,
                                       .reason = group_strategy_name(group.spec.strategy),
                                       .target = group.spec.number,
                                       .caller = call.caller});
  if (group.spec.strategy == GroupStrategy::Hunt) {
    hunt_from(call, 0);
    return true;
  }
  bool alerted = false;
  for (const GroupMemberState& member : group.members) alerted = offer_to_member(call, group, member) || alerted;
  if (!alerted) {
    overflow(call, "no member available", false);
    return true;
  }
  core_.start_no_answer_timer(call, group.spec.no_answer_us);
  return true;
}

bool GroupCalls::offer_to_member(CallRecord& call, GroupState& group, const GroupMemberState& member) {
  const LineState& line = core_.line(member.line);
  const GroupMemberFacts facts{call.caller,
                               group.spec.name,
                               group_strategy_name(group.spec.strategy),
                               line.spec.number,
                               line.user != kNoIndex ? &core_.user(line.user).id : nullptr,
                               member.logged_in,
                               member.paused,
                               call.forwards,
                               core_.origin_of(call)};
  const GroupMemberDecision decision = core_.policy().decide_group_member(facts);
  if (!decision.offer) {
    const std::string_view reason = decision.reason.empty() ? std::string_view("skipped") : decision.reason;
    if (!call.skipped.contains(line.spec.number)) call.skipped.emplace_back(line.spec.number, reason);
    core_.record(TraceKind::Skipped, {.about = TraceAbout::Line,
                                     .call = call.id,
                                     .line = line.spec.number,
                                     .group = group.spec.name,
                                     .reason = reason});
    return false;
  }
  // Group calls ring the member's appearances; the member's own forwards do
  // not apply (assumed: a group call is the group's, not the member's).
  return core_.alert_line(call, member.line);
}

std::optional<std::pair<std::string, std::string>> GroupCalls::describe_number(std::string_view number) const {
  const std::optional<GroupIndex> found = find_number(number);
  if (!found) return std::nullopt;
  const GroupState& group = groups_[*found];
  std::string members;
  for (const GroupMemberState& member : group.members) members += (members.empty() ? "" : ", ") + member_name(member);
  return std::make_pair("group " + group.spec.number,
                        std::string(group_strategy_name(group.spec.strategy)) + " group " + group.spec.name +
                            ": " + (members.empty() ? std::string("no members") : members));
}

void GroupCalls::hunt_from(CallRecord& call, std::uint32_t position) {
  GroupState& group = groups_[call.group];
  const bool someone_rang = !call.alerted_devices.empty();
  for (std::uint32_t i = position; i < group.members.size(); ++i) {
    if (!offer_to_member(call, group, group.members[MemberIndex(i)])) continue;
    call.hunt_position = i + 1;
    core_.start_no_answer_timer(call, group.spec.member_ring_us);
    return;
  }
  overflow(call, someone_rang ? "every member tried" : "no member available", someone_rang);
}

bool GroupCalls::call_timed_out(CallRecord& call) {
  if (call.group == kNoIndex || call.outcome != CallOutcome::None) return false;  // not ringing the group
  GroupState& group = groups_[call.group];
  const bool hunt = group.spec.strategy == GroupStrategy::Hunt;
  core_.record(TraceKind::NoAnswerTimeout, {.about = TraceAbout::Call,
                                            .call = call.id,
                                            .group = group.spec.name,
                                            .duration_us = hunt ? group.spec.member_ring_us : group.spec.no_answer_us});
  core_.stop_alerting(call, kNoIndex);
  if (hunt) {
    hunt_from(call, call.hunt_position);
  } else {
    overflow(call, "no answer", true);
  }
  return true;
}

void GroupCalls::overflow(CallRecord& call, std::string_view why, bool someone_rang) {
  const GroupState& group = groups_[call.group];
  if (group.spec.overflow.is_set()) {
    // The call leaves the group: its no-answer time and pickup are the
    // overflow target's from now on (INV-PICKUP found a pickup "from the
    // group" of a call that had overflowed to a line).
    call.group = kNoIndex;
    core_.forward(call, group.spec.number, "overflow", group.spec.overflow, {});
    return;
  }
  core_.settle(call, someone_rang ? CallOutcome::NoAnswer : CallOutcome::Busy,
                "group " + group.spec.name + ": " + std::string(why));
}

// ------------------------------------------------------------------------ pickup

void GroupCalls::pickup(DeviceIndex device_index) {
  const DeviceState& device = core_.device(device_index);
  // The groups this device may pick up from: those of its lines' memberships with pickup on.
  std::string refusal = "no group call is ringing in this device's groups";
  CallRecord* chosen = nullptr;
  AppearanceIndex chosen_appearance = kNoIndex;
  // The oldest ringing call: ids are in offer order.
  core_.visit_live_calls([&](CallRecord& call) {
    if (call.state != CallState::Alerting || call.group == kNoIndex) return true;
    const GroupState& group = groups_[call.group];
    for (AppearanceIndex appearance : device.appearances) {
      const LineIndex line = core_.appearances()[appearance].line;
      for (const GroupMemberState& member : group.members) {
        if (member.line != line) continue;
        if (!member.pickup) {
          refusal = "group call pickup is off for " + member_name(member) + " in " + group.spec.name;
          continue;
        }
        if (chosen == nullptr) {
          chosen = &call;
          chosen_appearance = appearance;
        }
      }
    }
    return chosen == nullptr;
  });
  if (chosen == nullptr) {
    core_.record(TraceKind::Ignored, {.about = TraceAbout::Device, .device = device.name, .note = "pickup: " + refusal});
    return;
  }
  const std::string group_name = groups_[chosen->group].spec.name;
  core_.connect(*chosen, device_index, chosen_appearance, CallConnection::PickedUp, group_name);
}

}  // namespace pbxsim
