// Client failover (CUC-16): users in desk-phone mode whose client controls
// their desk phone through a primary and a backup CTI gateway; the gateways
// go down and come back (sometimes both at once, sometimes at the same
// instant as a call) while calls reach the users' lines. Every gateway that
// goes down comes back within two minutes, so the reconnect attempts end.
// Configuration download (CUC-14): most users' clients (with CTI or not)
// have one to three TFTP servers, primary first, which go down and come back
// too, and the clients restart now and then (a download each time).
// LDAP (CUC-15): some clients search a directory through one to three LDAP
// servers, which go down and come back like the others; a user's searches
// are at least 20 s apart, so one ends (three 5 s timeouts at most) before
// the next starts. Presence failover is not generated yet.
#include <algorithm>

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
  // Drawn after everything above, so the CTI part of a seed stays as it was.
  const int tftp_servers = builder.between(1, 3);
  std::vector<std::string> tftp;
  for (int i = 0; i < tftp_servers; ++i) {
    tftp.push_back("tftp" + std::to_string(i + 1));
    c.servers.push_back(CaseServer{tftp.back(), "tftp"});
  }
  for (CaseUser& user : c.users) {
    if (!builder.chance(user.cti_servers.empty() ? 50 : 80)) continue;
    const std::size_t first = builder.random().below(tftp.size());
    for (std::size_t i = 0; i < tftp.size(); ++i) user.tftp_servers.push_back(tftp[(first + i) % tftp.size()]);
  }
  const int ldap_servers = builder.between(1, 3);
  std::vector<std::string> ldap;
  for (int i = 0; i < ldap_servers; ++i) {
    ldap.push_back("ldap" + std::to_string(i + 1));
    c.servers.push_back(CaseServer{ldap.back(), "ldap"});
  }
  for (CaseUser& user : c.users) {
    if (!builder.chance(50)) continue;
    const std::size_t first = builder.random().below(ldap.size());
    for (std::size_t i = 0; i < ldap.size(); ++i) user.ldap_servers.push_back(ldap[(first + i) % ldap.size()]);
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
  // Restarts download the configuration again, sometimes while TFTP servers are down.
  for (const CaseUser& user : c.users) {
    if (user.tftp_servers.empty() || !builder.chance(60)) continue;
    const int restarts = builder.between(1, 2);
    for (int i = 0; i < restarts; ++i) {
      builder.add_step(
          CaseStep::make(builder.time_between(kUsPerSecond, 60 * kUsPerSecond), CaseStep::Kind::ClientRestart, user.id));
    }
  }
  static const char* const kQueries[] = {"smith", "jo", "anderson", "x"};
  for (const CaseUser& user : c.users) {
    if (user.ldap_servers.empty()) continue;
    const int searches = builder.between(1, 3);
    TimeUs at_us = 0;  // after the user's searches of earlier rounds (swarm intensity), so none overlap
    for (const CaseStep& step : c.steps) {
      if (step.kind == CaseStep::Kind::Search && step.subject == user.id) at_us = std::max(at_us, step.at_us);
    }
    for (int i = 0; i < searches; ++i) {
      at_us += 20 * kUsPerSecond + builder.time_between(0, 20 * kUsPerSecond);
      builder.add_step(CaseStep::make(at_us, CaseStep::Kind::Search, user.id, kQueries[builder.random().below(4)]));
    }
  }
}

}  // namespace pbxsim
