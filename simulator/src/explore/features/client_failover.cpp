// Client failover (CUC-16): users in desk-phone mode whose client controls
// their desk phone through a primary and a backup CTI gateway; the gateways
// go down and come back (sometimes both at once, sometimes at the same
// instant as a call) while calls reach the users' lines. Every gateway that
// goes down comes back within two minutes, so the reconnect attempts end.
// TFTP, LDAP and presence failover are not generated yet.
#include "pbxsim/simulator/explore/features.h"

namespace pbxsim {

void shape_client_failover(CaseBuilder& builder) {
  ExploreCase& c = builder.c();
  if (c.users.empty()) return;
  const int gateways = builder.between(1, 3);
  std::vector<std::string> names;
  for (int i = 0; i < gateways; ++i) {
    names.push_back("cti" + std::to_string(c.servers.size() + 1));
    c.servers.push_back(CaseServer{names.back(), "cti"});
  }
  for (CaseUser& user : c.users) {
    // CTI controls the user's desk phone: only users who own one get a client.
    bool desk_phone = false;
    for (const CaseDevice& device : c.devices) desk_phone = desk_phone || (device.owner == user.id && device.kind.empty());
    if (!desk_phone || !builder.chance(80)) continue;
    user.mode = "deskphone";
    // Primary first: a rotation of the gateways, so users differ in their primary.
    const std::size_t first = builder.random().below(names.size());
    for (std::size_t i = 0; i < names.size(); ++i) user.cti_servers.push_back(names[(first + i) % names.size()]);
  }
}

void stimulate_client_failover(CaseBuilder& builder) {
  ExploreCase& c = builder.c();
  if (c.servers.empty()) return;
  const int outages = builder.between(1, 3);
  for (int i = 0; i < outages; ++i) {
    const std::string server = builder.pick(c.servers).name;
    const TimeUs down_us = builder.time_between(kUsPerSecond, 40 * kUsPerSecond);
    builder.add_step(CaseStep::make(down_us, CaseStep::Kind::Server, server, "down"));
    builder.add_step(
        CaseStep::make(down_us + builder.time_between(kUsPerSecond, 120 * kUsPerSecond), CaseStep::Kind::Server, server, "up"));
  }
}

}  // namespace pbxsim
