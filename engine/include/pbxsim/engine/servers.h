// The servers a client depends on (presence nodes, TFTP, LDAP, CTI
// gateways) as simulated entities that a scenario takes down and brings back
// (fault injection). A change is traced ("server") and passed to the clients,
// whose state machines react (clients.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pbxsim/engine/ids.h"
#include "pbxsim/engine/topology.h"

namespace pbxsim {

class FeatureContext;

struct ServerState {
  std::string name;
  ServerKind kind;
  bool up;
};

class Servers {
 public:
  explicit Servers(FeatureContext& core) : core_(core) {}
  void init(const Topology& topology);

  std::optional<ServerIndex> find(std::string_view name) const;
  const IndexedVector<ServerIndex, ServerState>& all() const { return servers_; }
  bool up(ServerIndex server) const { return servers_.at(server).up; }
  bool up(std::string_view name) const;
  // Fault injection: a server goes down or comes back.
  void set_up(ServerIndex server, bool up);

 private:
  FeatureContext& core_;
  IndexedVector<ServerIndex, ServerState> servers_;
};

}  // namespace pbxsim
