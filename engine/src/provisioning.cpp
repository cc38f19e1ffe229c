// Sections: licence units · validation (CUC-1, CUC-11, CUC-12, CUC-18,
// CUC-19) · run time: names, registration, deletion, the licence report.
#include "pbxsim/engine/provisioning.h"

#include <map>
#include <optional>

#include "pbxsim/engine/pbx.h"
#include "pbxsim/engine/policy.h"

namespace pbxsim {

// ---------------------------------------------------------------- licence units

bool is_softphone_type(DeviceKind kind) { return kind == DeviceKind::SoftPhone || kind == DeviceKind::Mobile; }

// Base functionality needs a CUP user feature licence and, with the client,
// a CUPC licence on top; soft phones are counted per device.
int licence_units_of_user(const UserSpec& user, const ProvisioningRules& rules) {
  if (user.presence.cupc) return rules.units_cup + rules.units_cupc;
  return user.presence.cup ? rules.units_cup : 0;
}

int licence_units_of_device(const DeviceSpec& device, const ProvisioningRules& rules) {
  if (!is_softphone_type(device.kind)) return 0;
  return device.primary.empty() ? rules.units_softphone : rules.units_secondary_softphone;
}

namespace {

// The device name a device is provisioned under: the one written, else the
// name its owner's client derives (soft phones), else its key.
std::string provisioned_name(const DeviceSpec& device, Policy& policy) {
  if (!device.device_name.empty()) return device.device_name;
  if (device.kind == DeviceKind::SoftPhone && !device.owner.empty()) {
    if (auto derived = policy.softphone_device_name(device.owner)) return *derived;
  }
  return device.name;
}

std::string derived_note(const DeviceSpec& device) {
  return device.device_name.empty() && !device.owner.empty() ? " (derived from user " + device.owner + ")" : "";
}

}  // namespace

// ------------------------------------------------------------------- validation

std::vector<TopologyError> validate_provisioning(const Topology& topology, Policy& policy) {
  std::vector<TopologyError> errors;
  auto report = [&](std::string path, std::string message) {
    errors.push_back({std::move(path), std::move(message)});
  };
  const ProvisioningRules& rules = topology.provisioning;

  // CUC-1: device names are unique; a soft phone's is derived from its user.
  std::map<std::string, const DeviceSpec*> by_name;
  for (const DeviceSpec& device : topology.devices) {
    const std::string name = provisioned_name(device, policy);
    auto [it, inserted] = by_name.emplace(name, &device);
    if (inserted) continue;
    const DeviceSpec& first = *it->second;
    report("devices." + device.name,
           "device name " + name + derived_note(device) + " collides with " + first.name + "'s" + derived_note(first) +
               ": device names are unique, so give one user another user name or name this device "
               "(device_name = \"...\"); its user's client will then not find it");
  }

  // CUC-11: adjunct licensing.
  std::map<std::string, const DeviceSpec*> devices;
  for (const DeviceSpec& device : topology.devices) devices.emplace(device.name, &device);
  std::map<std::string, int> secondaries;
  for (const DeviceSpec& device : topology.devices) {
    if (device.primary.empty()) continue;
    const std::string path = "devices." + device.name + ".primary";
    if (!is_softphone_type(device.kind)) {
      report(path, "only soft-phone devices can be secondaries; " + device.name + " is a " +
                       std::string(device_kind_name(device.kind)));
      continue;
    }
    auto primary = devices.find(device.primary);
    if (primary == devices.end()) continue;  // validate_features reports it
    if (is_softphone_type(primary->second->kind)) {
      report(path, "a soft phone (" + device.primary + ") cannot be the primary phone: the primary is the device "
                   "that uses the most licences, a desk phone");
      continue;
    }
    const int count = ++secondaries[device.primary];
    if (rules.max_secondaries > 0 && count > rules.max_secondaries) {
      report(path, device.primary + " already has " + std::to_string(rules.max_secondaries) +
                       " secondary soft phones, the most a primary phone may have");
    }
  }

  // CUC-12: licence units beyond those authorised are refused.
  if (topology.licences.declared) {
    const int authorised = topology.licences.authorised;
    if (authorised < 0) report("licences.authorised", "cannot be negative");
    int used = 0;
    auto charge = [&](int units, const std::string& path, const std::string& what) {
      if (units == 0) return;
      if (used + units > authorised) {
        report(path, what + " needs " + std::to_string(units) + " device licence unit(s) but only " +
                         std::to_string(std::max(authorised - used, 0)) + " of the " + std::to_string(authorised) +
                         " authorised remain: provisioning refused");
      }
      used += units;
    };
    for (const UserSpec& user : topology.users) {
      charge(licence_units_of_user(user, rules), "users." + user.id + (user.presence.cupc ? ".cupc" : ".cup"),
             "user " + user.id);
    }
    for (const DeviceSpec& device : topology.devices) {
      charge(licence_units_of_device(device, rules), "devices." + device.name,
             std::string(device.primary.empty() ? "soft phone " : "secondary soft phone ") + device.name);
    }
  }

  // CUC-18: the photo URL template.
  if (const std::string* photo = topology.directory.mapped("Photo")) {
    const std::string path = "directory.attribute_map.Photo";
    if (rules.photo_url_max_length > 0 && static_cast<int>(photo->size()) > rules.photo_url_max_length) {
      report(path, "the photo URL template has " + std::to_string(photo->size()) + " characters; at most " +
                       std::to_string(rules.photo_url_max_length) +
                       " are allowed (shorten the URL, for example with a URL shortener)");
    }
    std::size_t markers = 0;
    for (std::size_t at = photo->find("%%"); at != std::string::npos; at = photo->find("%%", at + 2)) ++markers;
    if (markers % 2 != 0) report(path, "every %%attribute%% needs its closing %%");
  }

  // CUC-19: the maximum contact list size.
  const std::optional<int> max_contacts = topology.directory.max_contacts;
  if (max_contacts && (*max_contacts < 0 || (rules.max_contacts_limit > 0 && *max_contacts > rules.max_contacts_limit))) {
    report("directory.max_contacts", "the maximum contact list size is a number from 0 to " +
                                         std::to_string(rules.max_contacts_limit) + ", not " +
                                         std::to_string(*max_contacts));
  }
  const int limit = max_contacts.value_or(rules.max_contacts_limit > 0 ? rules.max_contacts_limit : -1);
  for (const UserSpec& user : topology.users) {
    const auto size = static_cast<int>(user.presence.contacts.size());
    if (limit >= 0 && size > limit) {
      report("users." + user.id + ".contacts", std::to_string(size) + " contacts, but the maximum contact list size is " +
                                                   std::to_string(limit));
    }
  }
  return errors;
}

// --------------------------------------------------------------------- run time

void Provisioning::init(const Topology& topology) {
  rules_ = topology.provisioning;
  licence_spec_ = topology.licences;
  for (const UserSpec& user : topology.users) user_units_ += licence_units_of_user(user, rules_);
  // The policy's derived soft-phone names, asked once per device (a Lua hook).
  const std::size_t count = topology.devices.size();
  std::vector<std::optional<std::string>> derived_names(count);
  for (std::size_t i = 0; i < count; ++i) {
    const DeviceSpec& device = topology.devices[i];
    if (device.kind == DeviceKind::SoftPhone && !device.owner.empty()) {
      derived_names[i] = policy_.softphone_device_name(device.owner);
    }
  }
  names_.reserve(count);
  device_units_.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const DeviceSpec& device = topology.devices[i];
    const std::optional<std::string>& derived = derived_names[i];
    names_.push_back(!device.device_name.empty() ? device.device_name : derived ? *derived : device.name);
    device_units_.push_back(licence_units_of_device(device, rules_));
  }
  deleted_.assign(count, false);
  primaries_.assign(count, kNoIndex);
  // Devices by name, made only when a client looks for a name its soft phone
  // does not have (a large site whose names all match never needs it).
  std::optional<NameIndex> by_name;
  for (std::size_t d = 0; d < count; ++d) {
    const DeviceIndex i = DeviceIndex::at(d);
    const DeviceSpec& device = topology.devices[d];
    if (!device.primary.empty()) primaries_[i] = core_.find_device(device.primary).value();
    // CUC-1: the client looks for the device its user name derives; a soft
    // phone under any other name is never found, so it cannot register.
    const std::optional<std::string>& derived = derived_names[d];
    if (!derived || *derived == names_[i]) continue;
    std::string refusal = "the client of " + device.owner + " looks for device " + *derived + ", not " + names_[i];
    if (!by_name) by_name.emplace(names_.size(), [this](std::uint32_t j) { return std::string_view(names_[DeviceIndex(j)]); });
    if (const std::optional<std::uint32_t> holder = by_name->find(*derived)) {
      const DeviceSpec& other = topology.devices[*holder];
      const std::string other_owner = other.owner.empty() ? std::string("nobody") : other.owner;
      refusal += ", and " + *derived + " is " + other.name + " of " + other_owner + ": the user names collide";
    }
    core_.record(TraceKind::Provisioning,
                 {.about = TraceAbout::Device, .device = device.name, .reason = "name-mismatch", .note = refusal});
    refusals_[i] = std::move(refusal);
  }
}

const std::string* Provisioning::registration_refusal(DeviceIndex device) const {
  if (deleted_.at(device)) {
    static const std::string kDeleted = "the device has been deleted";
    return &kDeleted;
  }
  const auto refusal = refusals_.find(device);
  return refusal == refusals_.end() ? nullptr : &refusal->second;
}

std::vector<DeviceIndex> Provisioning::secondaries(DeviceIndex device) const {
  std::vector<DeviceIndex> list;
  for (DeviceIndex i : primaries_.indices()) {
    if (primaries_[i] == device && !deleted_[i]) list.push_back(i);
  }
  return list;
}

// CUC-11: a primary phone with secondaries cannot be deleted.
bool Provisioning::delete_device(DeviceIndex device) {
  const std::string& name = core_.devices().at(device).name;
  if (deleted_.at(device)) {
    core_.record(TraceKind::Ignored, {.about = TraceAbout::Device, .device = name, .note = "delete: already deleted"});
    return false;
  }
  const std::vector<DeviceIndex> list = secondaries(device);
  if (!list.empty()) {
    std::string names;
    for (DeviceIndex secondary : list) names += (names.empty() ? "" : ", ") + core_.device(secondary).name;
    core_.record(TraceKind::Provisioning, {.about = TraceAbout::Device, .device = name, .reason = "delete-refused",
                                           .note = "delete refused: it is the primary phone of " + names +
                                                   " (remove the secondary soft phones first)"});
    return false;
  }
  if (core_.mobility().logged_in_user(device) != kNoIndex) core_.mobility().logout(device, "device deleted");
  // The record carries the licence units in use once the device is gone
  // (CUC-12), so an observer can hold the count to the pool.
  const std::int64_t units_after = licences().used - device_units_[device];
  core_.record(TraceKind::Provisioning,
               {.about = TraceAbout::Device, .device = name, .reason = "deleted", .count = units_after, .note = "deleted"});
  core_.replace_device_appearances(device, {}, 0, "device deleted");
  deleted_[device] = true;
  return true;
}

LicenceReport Provisioning::licences() const {
  LicenceReport report;
  report.declared = licence_spec_.declared;
  report.used = user_units_;
  for (DeviceIndex i : device_units_.indices()) {
    if (!deleted_[i]) report.used += device_units_[i];
  }
  report.authorised = licence_spec_.authorised;
  report.remaining = report.declared ? report.authorised - report.used : 0;
  return report;
}

}  // namespace pbxsim
