// The client (Unified Personal Communicator) of each user that runs one, as
// state machines reacting to its servers (servers.h):
//   presence (CUC-13)  home node, failover to the secondary, redirect from a
//                      non-home node, rehoming with a short unavailable window;
//   configuration (CUC-14) TFTP primary, then the backups in order, then the
//                      cached configuration (warning), else Disabled mode;
//   LDAP (CUC-15)      per search: the current server, then the next ones; a
//                      search in flight moves on when its server goes down;
//                      after a failover the primary is tried again periodically;
//   CTI (CUC-16)       desk-phone control: reconnect attempts round-robin from
//                      the primary at growing intervals (4, 8, 16, 32, 60 s ...);
//                      without CTI no notifications and no click-to-dial, calls
//                      present stay up uncontrolled and get a session window
//                      again at reconnect.
// Every connection attempt is traced ("attempt": "<service> <server>: <result>")
// at its simulated time; state changes are traced as "client".
//
// Files: clients.cpp (life cycle, queries) · client_presence.cpp ·
// client_config.cpp · client_ldap.cpp · client_cti.cpp.
#pragma once

#include "pbxsim/engine/feature.h"
#include "pbxsim/engine/feature_context.h"

#include <cassert>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pbxsim/engine/ids.h"
#include "pbxsim/engine/timer.h"
#include "pbxsim/engine/topology.h"

namespace pbxsim {

class FeatureContext;

enum class PresenceState : std::uint8_t { Offline, Online, Unavailable, Disconnected };
enum class ConfigState : std::uint8_t { None, Downloading, Downloaded, Cached, Failed };
enum class CtiState : std::uint8_t { Off, Connected, Reconnecting };
std::string_view presence_state_name(PresenceState state);
std::string_view config_state_name(ConfigState state);
std::string_view config_health_name(ConfigState state);  // the server health indicator
std::string_view cti_state_name(CtiState state);

struct LdapSearch {
  std::string query;
  TimeUs started_us = 0;
  TimeUs finished_us = -1;
  std::vector<std::string> order;  // servers to try, from the current one
  std::size_t next = 0;            // position in `order` of the server being tried
  std::vector<std::string> tried;
  std::string server;              // running on / completed on; empty while waiting
  bool done = false;
  bool ok = false;
  std::vector<std::string> results;  // UserIDs
  TimerHandle timer;
};

struct ClientState {
  UserIndex user = kNoIndex;  // kNoIndex: the user runs no client
  ClientSpec spec;        // rehoming changes the presence nodes
  bool running = false;
  bool disabled = false;  // Disabled mode: no configuration at all (CUC-14)
  // Presence (CUC-13).
  PresenceState presence = PresenceState::Offline;
  std::string presence_node;
  TimerHandle presence_timer;
  // Configuration download (CUC-14).
  ConfigState config = ConfigState::None;
  std::string config_source;  // the TFTP server, "cache", or empty
  bool has_cache = false;
  std::size_t tftp_next = 0;
  TimerHandle tftp_timer;
  // LDAP (CUC-15).
  std::size_t ldap_current = 0;  // index into spec.ldap where the next search starts
  TimerHandle ldap_return_timer;
  std::vector<LdapSearch> searches;
  // CTI (CUC-16).
  CtiState cti = CtiState::Off;
  std::string cti_server;
  std::size_t cti_next = 0;      // round-robin position of the next attempt
  std::size_t cti_failures = 0;  // failed attempts since the connection was lost
  TimerHandle cti_timer;
  DeviceIndex desk_phone = kNoIndex;
  std::vector<std::pair<CallId, TimeUs>> notifications;  // incoming calls shown by the client
};

class Clients final : public PbxFeature {
 public:
  std::string_view feature_name() const override { return "clients"; }
  explicit Clients(FeatureContext& core) : core_(core) {}
  void init(const Topology& topology);

  bool has_client(UserIndex user) const { return client_of_user_.at(user) != kNoIndex; }
  // A user without a client reads as one that never ran (user kNoIndex).
  const ClientState& client(UserIndex user) const {
    static const ClientState kNoClient;
    return has_client(user) ? clients_[client_of_user_[user]] : kNoClient;
  }

  // Stimuli.
  void start(UserIndex user);
  void stop(UserIndex user, std::string_view why);
  void restart(UserIndex user);  // resume, or a dropped network connection re-established
  void rehome(UserIndex user, const std::string& home, const std::string& secondary);
  void search(UserIndex user, const std::string& query);
  void server_changed(const std::string& server, ServerKind kind, bool up);

  // Calls through the client: in desk-phone mode they need CTI and come from
  // the desk phone; in soft-phone mode from the user's soft phone.
  bool can_dial(UserIndex user, std::string* why) const;
  DeviceIndex dialing_device(UserIndex user) const;
  void call_alerted(DeviceIndex device, CallId call) override;
  // The session windows open now: calls present on the controlled desk phone.
  std::vector<CallId> sessions(UserIndex user) const;

 private:
  ClientState& state(UserIndex user) {
    assert(has_client(user) && "a client stimulus for a user without a client: the scenario API checks has_client");
    return clients_[client_of_user_[user]];
  }
  const std::string& user_id(const ClientState& client) const;
  // A connection attempt, traced with typed service (target), server and
  // outcome (reason: one word) and `result` for people.
  void attempt(const ClientState& client, std::string_view service, std::string_view server, std::string_view outcome,
               std::string_view result);
  // A state change of the client, for people; `change` (one word, typed)
  // for the changes code reads: "cti-lost", "cti-off", "stopped".
  void report(const ClientState& client, const std::string& details, std::string_view change = {});
  bool desk_phone_mode(const ClientState& client) const;
  std::vector<CallId> calls_present(const ClientState& client) const;

  // client_presence.cpp
  void presence_connect(ClientState& client, const std::string& first);
  void presence_lost(ClientState& client);
  // client_config.cpp
  void download_config(ClientState& client);
  void tftp_attempt(ClientState& client);
  // client_ldap.cpp
  void ldap_attempt(ClientState& client, std::size_t search);
  void ldap_complete(ClientState& client, std::size_t search);
  void ldap_lost(ClientState& client, const std::string& server);
  // client_cti.cpp
  void cti_connect(ClientState& client);
  void cti_attempt(ClientState& client);
  void cti_lost(ClientState& client);
  void cti_off(ClientState& client, std::string_view why);

  FeatureContext& core_;
  // Only the users who run a client have a state (most have none): per-call
  // work skips the rest, and a large site does not carry a state per user.
  IndexedVector<ClientIndex, ClientState> clients_;  // in user order
  IndexedVector<UserIndex, ClientIndex> client_of_user_;  // into clients_, or kNoIndex
};

}  // namespace pbxsim
