// Presence nodes (CUC-13): the client logs in to the node it is pointed at;
// a non-home node redirects it to the user's home node; an unreachable home
// node fails over to the subcluster's secondary, which takes the user only
// while the home node is down. Nobody answering: retry later from home.
// Rehoming a logged-in user makes presence unavailable for a short window
// while the client re-registers with the new home node.
#include "pbxsim/engine/clients.h"
#include "pbxsim/engine/pbx.h"

#include <algorithm>

namespace pbxsim {

void Clients::presence_connect(ClientState& client, const std::string& first) {
  const std::string& home = client.spec.home_node;
  const std::string& secondary = client.spec.secondary_node;
  if (home.empty()) return;  // the user has no presence nodes configured
  core_.cancel_timer(client.presence_timer);
  std::vector<std::string> tried;
  auto untried = [&](const std::string& node) {
    return !node.empty() && std::find(tried.begin(), tried.end(), node) == tried.end();
  };
  auto failover = [&]() -> std::string {
    if (untried(home)) return home;
    if (untried(secondary)) return secondary;
    return {};
  };
  std::string node = first;
  while (untried(node)) {
    tried.push_back(node);
    if (!core_.servers().up(node)) {
      attempt(client, "presence", node, "no-answer", "no answer");
      node = failover();
      continue;
    }
    const bool accepts = node == home || (node == secondary && !core_.servers().up(home));
    if (!accepts) {
      attempt(client, "presence", node, "redirected", "redirected to the home node " + home);
      node = untried(home) ? home : failover();
      continue;
    }
    attempt(client, "presence", node, "online", "online");
    client.presence = PresenceState::Online;
    client.presence_node = node;
    if (node != home) report(client, "presence: online on " + node + ", the failover node (home " + home + " is down)");
    return;
  }
  client.presence = PresenceState::Disconnected;
  client.presence_node.clear();
  const TimeUs retry_us = core_.client_timing().presence_retry_us;
  report(client, "presence: no node answers; retry in " + format_duration(retry_us));
  const UserIndex user = client.user;
  client.presence_timer = core_.schedule_timer(core_.now_us() + retry_us, "presence retry", [this, user] {
    ClientState& retrying = state(user);
    retrying.presence_timer = {};
    presence_connect(retrying, retrying.spec.home_node);
  });
}

void Clients::presence_lost(ClientState& client) {
  const std::string lost = client.presence_node;
  report(client, "presence: lost " + lost + ", failing over");
  client.presence = PresenceState::Disconnected;
  client.presence_node.clear();
  const std::string& other = lost == client.spec.home_node ? client.spec.secondary_node : client.spec.home_node;
  presence_connect(client, other.empty() ? lost : other);
}

void Clients::rehome(UserIndex user, const std::string& home, const std::string& secondary) {
  ClientState& client = state(user);
  client.spec.home_node = home;
  if (!secondary.empty()) client.spec.secondary_node = secondary;
  if (!client.running || client.presence == PresenceState::Offline) {
    report(client, "presence: home node is now " + home + " (used at the next login)");
    return;
  }
  core_.cancel_timer(client.presence_timer);
  const TimeUs window_us = core_.client_timing().rehome_unavailable_us;
  client.presence = PresenceState::Unavailable;
  client.presence_node.clear();
  report(client, "presence: rehomed to " + home + ", unavailable for " + format_duration(window_us) +
                     " while it re-registers");
  client.presence_timer = core_.schedule_timer(core_.now_us() + window_us, "presence window", [this, user] {
    ClientState& rehomed = state(user);
    rehomed.presence_timer = {};
    presence_connect(rehomed, rehomed.spec.home_node);
  });
}

}  // namespace pbxsim
