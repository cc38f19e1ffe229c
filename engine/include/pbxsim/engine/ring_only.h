// Ring-only destinations: a policy sends a call to a line but rings only
// some of its appearances ("the assistant's desk phone, not her soft phone"):
// to(number, { only = { "desk" } }) in the policy API. The devices are
// checked when the hook answers (each must present that line: else the
// policy's error at the rule's file:line). When the call is offered to that
// line, every other appearance is skipped with reason "ring-only" before the
// policy's appearance hook is asked; the listed ones are decided as usual
// (a listed device in DND or unregistered does not ring either). The
// restriction ends when the call is offered to another line or ends.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "pbxsim/engine/feature.h"
#include "pbxsim/engine/feature_context.h"

namespace pbxsim {

class RingOnly final : public PbxFeature {
 public:
  explicit RingOnly(FeatureContext& core) : core_(core) {}
  std::string_view feature_name() const override { return "ring only"; }

  // The call's next offer, to `line`, rings only `devices`' appearances.
  void restrict(const CallRecord& call, LineIndex line, const std::vector<std::string>& devices, std::string_view rule);

  void call_offered(CallRecord& call, LineIndex line) override;
  KeptOff appearance_kept_off(const CallRecord& call, AppearanceIndex appearance) const override;
  void call_settled(CallRecord& call) override;

 private:
  struct Restriction {
    LineIndex line;
    std::vector<std::string> devices;
    std::string rule;
  };
  FeatureContext& core_;
  std::map<CallId, Restriction> restricted_;  // by call id (ordered)
};

}  // namespace pbxsim
