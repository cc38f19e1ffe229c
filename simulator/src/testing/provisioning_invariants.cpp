// Provisioning and licences, checked from the topology and the trace's typed
// `provisioning` records (`reason` deleted, delete-refused, name-mismatch;
// a deletion's `count` is the licence units in use after it):
//   INV-LICENCE-POOL (CUC-12): the units in use, counted as CUC-12 counts
//     them (a user: a CUP unit, a CUPC unit on top with the client; a soft
//     phone: the soft-phone units, or the secondary units under adjunct
//     licensing), at the prices the policy gives, never exceed the pool, and
//     every deletion gives back exactly the deleted device's units.
//   INV-PRIMARY-DELETE (CUC-11): a primary phone is deleted only once none
//     of its secondary soft phones is left, and a deletion is refused only
//     while one is.
//   INV-SOFTPHONE-NAME (CUC-1): a soft phone named as CUC-1 derives the name
//     from its user's name (softphone_name.h) is found by its user's client.
#include <map>
#include <set>

#include "invariant_checks.h"
#include "pbxsim/simulator/testing/softphone_name.h"

namespace pbxsim::invariant_checks {

namespace {

bool soft_kind(DeviceKind kind) { return kind == DeviceKind::SoftPhone || kind == DeviceKind::Mobile; }

// CUC-12 in its words, at the policy's prices (topology.provisioning).
int user_units(const UserSpec& user, const ProvisioningRules& prices) {
  if (user.presence.cupc) return prices.units_cup + prices.units_cupc;
  return user.presence.cup ? prices.units_cup : 0;
}

int device_units(const DeviceSpec& device, const ProvisioningRules& prices) {
  if (!soft_kind(device.kind)) return 0;
  return device.primary.empty() ? prices.units_softphone : prices.units_secondary_softphone;
}

}  // namespace

// ------------------------------------------------------------ the licence pool

void check_licence_pool(const RunObservation& run, std::vector<InvariantViolation>& violations) {
  const Topology& topology = run.topology;
  int used = 0;
  for (const UserSpec& user : topology.users) used += user_units(user, topology.provisioning);
  std::map<std::string, int> units;  // device -> its units
  std::string units_lua = "{";
  for (const DeviceSpec& device : topology.devices) {
    units[device.name] = device_units(device, topology.provisioning);
    used += units[device.name];
    if (units[device.name] > 0) units_lua += " [" + quote(device.name) + "] = " + std::to_string(units[device.name]) + ",";
  }
  const int authorised = topology.licences.declared ? topology.licences.authorised : -1;
  auto violated = [&](TimeUs at_us, const std::string& device, const std::string& what, int start_units) {
    InvariantViolation violation{"INV-LICENCE-POOL", what, at_us};
    violation.device = device;
    violation.limit = authorised;
    violation.expected = "{ used = " + std::to_string(start_units) + ", authorised = " + std::to_string(authorised) +
                         ", units = " + units_lua + " } }";
    violations.push_back(violation);
  };
  const int start_units = used;
  if (authorised >= 0 && used > authorised) {
    violated(0, {}, "the configuration uses " + std::to_string(used) + " licence units (CUC-12) but only " +
                        std::to_string(authorised) + " are authorised, and it was not refused", start_units);
    return;
  }
  std::set<std::string> deleted;
  for (const TraceEvent& event : run.trace) {
    if (event.kind != TraceKind::Provisioning || event.reason != "deleted") continue;
    if (deleted.insert(event.device).second) used -= units[event.device];
    if (event.count != used) {
      violated(event.time_us, event.device,
               "after " + event.device + " was deleted at " + at_text(event.time_us) + " the licence report says " +
                   std::to_string(event.count) + " units in use; CUC-12 counts " + std::to_string(used),
               start_units);
      return;
    }
  }
}

std::vector<std::string> lua_licence_pool(const InvariantViolation& violation) {
  return {"local licences = " + violation.expected,
          "local used, gone = licences.used, {}",
          "if licences.authorised >= 0 then expect(used, \"licence units the configuration uses (CUC-12)\")"
          ".at_most(licences.authorised) end",
          "for _, event in ipairs(sim:trace { kind = \"provisioning\", reason = \"deleted\" }) do",
          "  if not gone[event.device] then used = used - (licences.units[event.device] or 0) end",
          "  gone[event.device] = true",
          "  expect(event.count, \"licence units in use after deleting \" .. event.device).is(used)",
          "end"};
}

// ------------------------------------------------------- deleting a primary phone

void check_primary_delete(const RunObservation& run, std::vector<InvariantViolation>& violations) {
  std::map<std::string, std::vector<std::string>> secondaries;  // primary -> its secondaries
  for (const DeviceSpec& device : run.topology.devices) {
    if (!device.primary.empty()) secondaries[device.primary].push_back(device.name);
  }
  if (secondaries.empty()) return;
  std::set<std::string> deleted;
  for (const TraceEvent& event : run.trace) {
    if (event.kind != TraceKind::Provisioning) continue;
    const bool deletion = event.reason == "deleted";
    if (!deletion && event.reason != "delete-refused") continue;
    std::string left;
    for (const std::string& secondary : secondaries[event.device]) {
      if (!deleted.count(secondary)) left += (left.empty() ? "" : ", ") + secondary;
    }
    if (deletion) deleted.insert(event.device);
    if (deletion == left.empty()) continue;
    InvariantViolation violation{
        "INV-PRIMARY-DELETE",
        event.device + " was " + (deletion ? "deleted" : "refused deletion") + " at " + at_text(event.time_us) +
            (left.empty() ? " with no secondary soft phone left" : " while its secondary soft phone(s) " + left + " remained"),
        event.time_us};
    violation.device = event.device;
    std::string lua = "{";
    for (const auto& [primary, list] : secondaries) {
      lua += " [" + quote(primary) + "] = {";
      for (const std::string& secondary : list) lua += " " + quote(secondary) + ",";
      lua += " },";
    }
    violation.expected = lua + " }";
    violations.push_back(violation);
    return;
  }
}

std::vector<std::string> lua_primary_delete(const InvariantViolation& violation) {
  return {"local secondaries, gone = " + violation.expected + ", {}",
          "for _, event in ipairs(sim:trace { kind = \"provisioning\" }) do",
          "  if event.reason == \"deleted\" or event.reason == \"delete-refused\" then",
          "    local left = 0",
          "    for _, secondary in ipairs(secondaries[event.device] or {}) do",
          "      if not gone[secondary] then left = left + 1 end",
          "    end",
          "    expect(event.reason, event.device .. \" with \" .. left .. \" secondary soft phone(s) left (CUC-11)\")"
          ".is(left == 0 and \"deleted\" or \"delete-refused\")",
          "    if event.reason == \"deleted\" then gone[event.device] = true end",
          "  end",
          "end"};
}

// ------------------------------------------------------------ soft-phone names

void check_softphone_names(const RunObservation& run, std::vector<InvariantViolation>& violations) {
  std::map<std::string, std::string> named;  // soft phone -> its name, as CUC-1 derives it from its user's
  for (const DeviceSpec& device : run.topology.devices) {
    if (device.kind == DeviceKind::SoftPhone && !device.owner.empty() &&
        device.device_name == catalogue_softphone_name(device.owner)) {
      named[device.name] = device.device_name;
    }
  }
  for (const TraceEvent& event : run.trace) {
    if (event.kind != TraceKind::Provisioning || event.reason != "name-mismatch" || !named.count(event.device)) continue;
    InvariantViolation violation{"INV-SOFTPHONE-NAME",
                                 event.device + " is named " + named[event.device] +
                                     " as CUC-1 derives it from its user's name, yet its user's client looks for "
                                     "another device",
                                 event.time_us};
    violation.device = event.device;
    violations.push_back(violation);
  }
}

std::vector<std::string> lua_softphone_names(const InvariantViolation& violation) {
  return {"expect(#sim:trace { kind = \"provisioning\", device = " + quote(violation.device) +
          ", reason = \"name-mismatch\" }, " +
          quote(violation.device + ": named as CUC-1 derives it, its user's client finds it") + ").is(0)"};
}

}  // namespace pbxsim::invariant_checks
