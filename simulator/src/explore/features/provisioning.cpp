// Provisioning and licences (CUC-1, CUC-11, CUC-12): users with presence
// (CUP) and the client (CUPC), soft phones named as their users' names
// derive them (names with dots, underscores and more than twelve letters),
// desk phones with one or two secondary soft phones under adjunct licensing,
// and a licence pool of the units all that needs under Unified CM's prices
// (the highest of the shipped policies, so the case loads under each) or a
// few more; no pool at all now and then. Devices are deleted during the run
// (secondaries, primaries that still have secondaries, soft phones) while
// calls reach their lines.
#include <set>

#include "pbxsim/simulator/explore/features.h"
#include "pbxsim/simulator/testing/softphone_name.h"

namespace pbxsim {
namespace {

// Names as people have them; with CUC-1's rule several come out long.
const char* const kGivenNames[] = {"john", "johnnie", "mary_ann", "o.connor", "alexandra", "li"};
const char* const kFamilyNames[] = {"jackson", "smith-jones", "de.la.cruz", "wu", "vandenberghe"};
const char* const kSeparators[] = {".", "_", ""};

bool is_soft_kind(const std::string& kind) { return kind == "softphone" || kind == "mobile"; }

// Licence units under Unified CM's prices (CUC-12): an upper bound of what
// any shipped policy charges, so a pool of at least this loads everywhere.
int units_upper_bound(const ExploreCase& c) {
  constexpr int kUser = 1, kClient = 1, kSoftPhone = 3, kSecondary = 1;
  int units = 0;
  for (const CaseUser& user : c.users) units += user.cupc ? kUser + kClient : user.cup ? kUser : 0;
  for (const CaseDevice& device : c.devices) {
    if (is_soft_kind(device.kind)) units += device.primary.empty() ? kSoftPhone : kSecondary;
  }
  return units;
}

}  // namespace

void shape_provisioning(CaseBuilder& builder) {
  ExploreCase& c = builder.c();
  for (CaseUser& user : c.users) {
    const int roll = builder.between(1, 3);
    user.cup = roll >= 2;
    user.cupc = roll == 3;
  }
  // Users named like people, each with a line and a soft phone named as CUC-1 derives it.
  std::set<std::string> derived;
  for (const CaseDevice& device : c.devices) {
    if (!device.device_name.empty()) derived.insert(device.device_name);
  }
  const int people = builder.between(1, 2);
  for (int i = 0; i < people; ++i) {
    std::string id = std::string(kGivenNames[builder.random().below(std::size(kGivenNames))]) +
                     kSeparators[builder.random().below(std::size(kSeparators))] +
                     kFamilyNames[builder.random().below(std::size(kFamilyNames))];
    const std::string name = catalogue_softphone_name(id);
    bool taken = !derived.insert(name).second;
    for (const CaseUser& user : c.users) taken = taken || user.id == id || catalogue_softphone_name(user.id) == name;
    if (taken) continue;  // two users whose names derive one device name are a configuration error (CUC-1)
    CaseUser& user = builder.add_user();
    user.id = id;
    user.cupc = true;
    const std::string number = builder.add_line().number;
    builder.c().lines.back().user = id;
    CaseDevice& soft = builder.add_device();
    soft.kind = "softphone";
    soft.owner = id;
    soft.device_name = name;
    soft.lines.push_back(CaseAppearance{number, 0, 0});
  }
  // Adjunct licensing: one or two secondary soft phones of a desk phone.
  std::vector<std::size_t> desks;
  for (std::size_t i = 0; i < c.devices.size(); ++i) {
    if (c.devices[i].kind.empty() && !c.devices[i].lines.empty()) desks.push_back(i);
  }
  if (!desks.empty() && builder.chance(70)) {
    const std::size_t desk = desks[builder.random().below(desks.size())];
    const int secondaries = builder.between(1, 2);
    for (int i = 0; i < secondaries; ++i) {
      const std::string primary = c.devices[desk].name;
      const std::vector<CaseAppearance> lines = c.devices[desk].lines;
      CaseDevice& secondary = builder.add_device();
      secondary.kind = builder.chance(50) ? "softphone" : "mobile";
      secondary.primary = primary;
      secondary.device_name = "SEC" + secondary.name;  // named, so no user's client derives it
      for (const CaseAppearance& appearance : lines) secondary.lines.push_back(CaseAppearance{appearance.dn, 0, 0});
    }
  }
  if (builder.chance(80)) c.licences_authorised = units_upper_bound(c) + builder.between(0, 2);
}

void stimulate_provisioning(CaseBuilder& builder) {
  ExploreCase& c = builder.c();
  // Mostly devices that take part in licensing or adjunct licensing.
  std::vector<std::string> candidates;
  for (const CaseDevice& device : c.devices) {
    bool primary = false;
    for (const CaseDevice& other : c.devices) primary = primary || other.primary == device.name;
    if (is_soft_kind(device.kind) || primary) candidates.push_back(device.name);
  }
  if (candidates.empty()) return;
  const int deletes = builder.between(1, 3);
  for (int i = 0; i < deletes; ++i) {
    const std::string& device = builder.pick(candidates);
    const TimeUs at_us = builder.time_between(kUsPerSecond, 40 * kUsPerSecond);
    builder.add_step(CaseStep::make(at_us, CaseStep::Kind::Delete, device));
    // A call to one of its lines soon after: a deleted device must not ring.
    for (const CaseDevice& each : c.devices) {
      if (each.name == device && !each.lines.empty() && builder.chance(50)) {
        builder.add_call(at_us + builder.time_between(0, 5 * kUsPerSecond), each.lines.front().dn);
        break;
      }
    }
  }
}

}  // namespace pbxsim
