// Groups at run time (CORE-6): member state (logged in, paused, pickup),
// offering a call to a group by its strategy, hunt steps, the overflow, and
// group call pickup. Owned by Pbx; the policy decides which members are
// offered a call (Policy::decide_group_member).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pbxsim/engine/groups.h"
#include "pbxsim/engine/name_index.h"
#include "pbxsim/engine/pbx.h"

namespace pbxsim {

enum class MemberChange : std::uint8_t { LogIn, LogOut, Pause, Unpause, PickupOn, PickupOff };
std::string_view member_change_name(MemberChange change);  // "logged in", "paused", ...

struct GroupMemberState {
  LineIndex line;
  bool logged_in = true;
  bool paused = false;
  bool pickup = true;  // may pick up this group's calls (PP-9 turns it off with UCD)
};

struct GroupState {
  GroupSpec spec;
  IndexedVector<MemberIndex, GroupMemberState> members;
};

class GroupCalls final : public PbxFeature {
 public:
  GroupCalls(FeatureContext& core, const std::vector<GroupSpec>& specs);
  std::string_view feature_name() const override { return "groups"; }

  const IndexedVector<GroupIndex, GroupState>& groups() const { return groups_; }
  std::optional<GroupIndex> find(std::string_view name) const;
  std::optional<GroupIndex> find_number(std::string_view number) const;  // a group's number
  // The members of a group on this line, or whose line belongs to this user.
  std::vector<MemberIndex> members_matching(GroupIndex group, std::string_view line_or_user) const;

  // A member's state changes; `cause` says who did it ("" for a stimulus). Traced when it changes.
  void change_member(GroupIndex group, MemberIndex member, MemberChange change, std::string_view cause);
  // Every membership of a line, in every group (DEE UCD on/off).
  void change_line(LineIndex line, MemberChange change, std::string_view cause);

  // PbxFeature events: a call dialed a group number (false when it is not one);
  // the call's timer ran out while ringing group members.
  bool take_call(CallRecord& call, const std::string& number) override;
  bool call_timed_out(CallRecord& call) override;
  std::optional<std::pair<std::string, std::string>> describe_number(std::string_view number) const override;
  // A device picks up a group call ringing at another member of its groups.
  void pickup(DeviceIndex device);

 private:
  void hunt_from(CallRecord& call, std::uint32_t position);
  // Offers the call to one member; true when at least one appearance alerts.
  bool offer_to_member(CallRecord& call, GroupState& group, const GroupMemberState& member);
  void overflow(CallRecord& call, std::string_view why, bool someone_rang);
  std::string member_name(const GroupMemberState& member) const;

  FeatureContext& core_;
  IndexedVector<GroupIndex, GroupState> groups_;
  NameIndex by_number_;  // every call asks whether it dialed a group: one probe, not a scan
};

}  // namespace pbxsim
