// Pbx::check_structure: the invariants the model's structures keep, checked
// over the whole model at once. The transitions (call_life.cpp) assert their
// own part as they go; this walk catches what a change made elsewhere broke
// (a feature editing a list it should have left to the core) and runs where
// an O(entities + calls) pass is cheap: the end of a run.
//
// Sections: appearances and their calls · calls · devices, lines and users ·
// groups.
#include <algorithm>
#include <cassert>

#include "pbxsim/engine/group_calls.h"
#include "pbxsim/engine/pbx.h"

namespace pbxsim {

namespace {

template <typename List, typename Item>
bool lists(const List& list, const Item& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

void Pbx::check_structure() const {
  // ---------------------------------------------- appearances and their calls
  for (AppearanceIndex a : appearances_.indices()) {
    const AppearanceState& appearance = appearances_[a];
    assert(devices_.contains(appearance.device) && lines_.contains(appearance.line) &&
           "an appearance names a device and a line of the model");
    for (std::size_t i = 0; i < appearance.calls.size(); ++i) {
      const CallId id = appearance.calls[i];
      assert(calls_.live(id) &&
             "an appearance holds only calls in progress: end a call through settle() or release(), which "
             "take it off its appearances");
      const CallRecord& call = calls_[id];
      [[maybe_unused]] const bool here = call.connected_appearance == a || lists(call.alerting_appearances, a);
      assert(here &&
             "an appearance's calls ring or are connected there: the call's record and the appearance disagree, "
             "so one side was changed outside call_life.cpp");
      for (std::size_t j = i + 1; j < appearance.calls.size(); ++j) {
        assert(appearance.calls[j] != id && "a call is on an appearance once");
      }
    }
  }
  // -------------------------------------------------------------------- calls
  for (CallId id = 1; id <= calls_.size(); ++id) {
    if (!calls_.live(id)) continue;
    const CallRecord& call = calls_[id];
    for (AppearanceIndex a : call.alerting_appearances) {
      assert(lists(appearances_[a].calls, id) &&
             "a ringing call is in its appearances' call lists: alert through Pbx::alert");
      assert(call.state == CallState::Alerting && "only an alerting call has alerting appearances");
    }
    if (call.connected_appearance != kNoIndex) {
      assert(lists(appearances_[call.connected_appearance].calls, id) &&
             "a connected call is in its appearance's call list: connect through Pbx::connect");
      assert(call.state == CallState::Connected && "only a connected call sits on an appearance");
    }
    assert((call.state != CallState::Ended || (call.alerting_appearances.empty() &&
                                                call.connected_appearance == kNoIndex)) &&
           "an ended call rings nowhere and sits on no appearance");
    // CORE-5: one outcome, settled when the call was answered or ended.
    assert((call.state != CallState::Ended || call.outcome != CallOutcome::None) &&
           "an ended call has its one outcome: end it through settle() or release()");
    assert(((call.state != CallState::Connected && call.state != CallState::Parked) ||
            call.outcome == CallOutcome::Answered) &&
           "a connected or parked call was answered: connect settles it");
    assert((call.state != CallState::Scheduled || call.outcome == CallOutcome::None) &&
           "a call not yet placed has no outcome");
  }
  // ------------------------------------------------- devices, lines and users
  for (DeviceIndex d : devices_.indices()) {
    const DeviceState& device = devices_[d];
    for (AppearanceIndex a : device.appearances) {
      assert(appearances_[a].device == d && "a device lists only its own appearances");
      assert(lists(lines_[appearances_[a].line].appearances, a) &&
             "a device's appearance is one of its line's: change both with replace_device_appearances");
    }
    assert((device.owner == kNoIndex || lists(users_[device.owner].devices, d)) &&
           "a device's owner lists it among the user's devices");
  }
  for (LineIndex l : lines_.indices()) {
    for (AppearanceIndex a : lines_[l].appearances) {
      assert(appearances_[a].line == l && lists(devices_[appearances_[a].device].appearances, a) &&
             "a line's appearance is on a device that presents it: change both with replace_device_appearances");
    }
    assert((lines_[l].user == kNoIndex || users_.contains(lines_[l].user)) && "a line's user is a user of the model");
  }
  // ------------------------------------------------------------------- groups
  for (const GroupState& group : groups_->groups()) {
    for (const GroupMemberState& member : group.members) {
      assert(lines_.contains(member.line) && "a group member is a line of the model");
    }
  }
}

}  // namespace pbxsim
