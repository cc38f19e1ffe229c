// Call park and retrieve, as Unified CM documents them (Cisco Unified
// Communications Manager Features and Services Guide, "Call Park"): a
// connected call is parked on the first free number of the park range (the
// parking phone is told the number), any phone retrieves it by dialing that
// number, and when the Call Park Reversion Timer runs out before anyone does,
// the call rings the phone that parked it again.
//
// The catalogue IDs are PARK-1..PARK-5 in simulator/catalogue/extra.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pbxsim/engine/feature.h"
#include "pbxsim/engine/feature_context.h"
#include "pbxsim/engine/topology_features.h"

namespace pbxsim {

class CallPark final : public PbxFeature {
 public:
  CallPark(FeatureContext& core, const CallParkSpec& spec);
  std::string_view feature_name() const override { return "call park"; }

  // The device's connected call is parked (PARK-1). Traced as ignored when
  // the device has no connected call or every park number is taken (PARK-5).
  void park(DeviceIndex device);
  // The park number the call waits on, or nothing.
  std::optional<std::string> parked_on(CallId call) const;

  // Feature events. Dialing a park number retrieves the call parked there
  // (PARK-2); a reverted call that nobody answers ends (PARK-4).
  bool take_call(CallRecord& call, const std::string& number) override;
  std::optional<std::pair<std::string, std::string>> describe_number(std::string_view number) const override;
  bool call_timed_out(CallRecord& call) override;
  void call_releasing(CallRecord& call) override;

 private:
  struct Slot {
    std::string number;
    CallId call = 0;                 // 0: free
    DeviceIndex parked_by = kNoIndex;      // the device that parked it
    AppearanceIndex parked_from = kNoIndex;    // its appearance the call was connected on
    TimerHandle reversion;
  };
  void revert(std::size_t slot);  // the reversion timer ran out (PARK-3)
  Slot* slot_of(CallId call);
  void free_slot(Slot& slot);

  FeatureContext& core_;
  TimeUs reversion_us_;
  std::vector<Slot> slots_;
  std::vector<CallId> reverted_;  // calls ringing their parker again, until answered or ended
};

}  // namespace pbxsim
