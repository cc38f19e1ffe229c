// Ring-only destinations (ring_only.h).
#include "pbxsim/engine/ring_only.h"

#include <algorithm>

#include "pbxsim/engine/pbx.h"

namespace pbxsim {

void RingOnly::restrict(const CallRecord& call, LineIndex line, const std::vector<std::string>& devices,
                        std::string_view rule) {
  restricted_[call.id] = Restriction{line, devices, std::string(rule)};
}

void RingOnly::call_offered(CallRecord& call, LineIndex line) {
  if (restricted_.empty()) return;
  const auto found = restricted_.find(call.id);
  if (found != restricted_.end() && found->second.line != line) restricted_.erase(found);  // it moved on
}

PbxFeature::KeptOff RingOnly::appearance_kept_off(const CallRecord& call, AppearanceIndex appearance) const {
  if (restricted_.empty()) return {};
  const auto found = restricted_.find(call.id);
  if (found == restricted_.end()) return {};
  const std::string& device = core_.devices()[core_.appearances()[appearance].device].name;
  const std::vector<std::string>& only = found->second.devices;
  if (std::find(only.begin(), only.end(), device) != only.end()) return {};
  return {"ring-only", found->second.rule};
}

void RingOnly::call_settled(CallRecord& call) {
  if (!restricted_.empty()) restricted_.erase(call.id);
}

}  // namespace pbxsim
