// Cisco provisioning rules (CUC-1, CUC-11, CUC-12) and the directory's
// configuration limits (CUC-18, CUC-19).
//
// validate_provisioning() is part of loading a scenario: what Unified CM or
// Unified Presence administration would refuse (two devices with one name,
// a third secondary soft phone, licence units beyond those authorised, a
// photo URL template that is too long, a contact list beyond its maximum) is
// a configuration error with the field's path. Provisioning at run time
// derives soft-phone device names, refuses the registration of a soft phone
// its user's client cannot find, counts licence units, and deletes devices
// (not a primary phone that still has secondaries).
#pragma once

#include "pbxsim/engine/feature.h"
#include "pbxsim/engine/feature_context.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pbxsim/engine/ids.h"
#include "pbxsim/engine/topology.h"

namespace pbxsim {

class FeatureContext;
class Policy;

std::vector<TopologyError> validate_provisioning(const Topology& topology, Policy& policy);

// Licence units a user or device uses under the rules (CUC-12).
int licence_units_of_user(const UserSpec& user, const ProvisioningRules& rules);
int licence_units_of_device(const DeviceSpec& device, const ProvisioningRules& rules);
bool is_softphone_type(DeviceKind kind);  // soft phone or mobile client (may be a secondary)

struct LicenceReport {
  bool declared = false;  // false: no `licences` section, so nothing is authorised or refused
  int authorised = 0;
  int used = 0;
  int remaining = 0;
};

class Provisioning final : public PbxFeature {
 public:
  std::string_view feature_name() const override { return "provisioning"; }
  Provisioning(FeatureContext& core, Policy& policy) : core_(core), policy_(policy) {}
  void init(const Topology& topology);

  const std::string& device_name(DeviceIndex device) const { return names_.at(device); }
  // Why the device may not register, or nullptr.
  const std::string* registration_refusal(DeviceIndex device) const override;
  bool deleted(DeviceIndex device) const { return deleted_.at(device); }
  std::vector<DeviceIndex> secondaries(DeviceIndex device) const;
  DeviceIndex primary(DeviceIndex device) const { return primaries_.at(device); }
  // Deletes a device: refused (false, traced) while it is the primary of secondaries.
  bool delete_device(DeviceIndex device);
  LicenceReport licences() const;

 private:
  FeatureContext& core_;
  Policy& policy_;
  ProvisioningRules rules_;
  LicenceSpec licence_spec_;
  int user_units_ = 0;
  IndexedVector<DeviceIndex, std::string> names_;
  std::map<DeviceIndex, std::string> refusals_;  // by device; none: may register
  IndexedVector<DeviceIndex, DeviceIndex> primaries_;
  IndexedVector<DeviceIndex, int> device_units_;
  IndexedVector<DeviceIndex, bool> deleted_;
};

}  // namespace pbxsim
