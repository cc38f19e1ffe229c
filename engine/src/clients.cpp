// The client's life cycle and what the rest of the Pbx asks of it.
// Sections: names · setup · life cycle · fault injection · calls · helpers.
#include "pbxsim/engine/clients.h"

#include <algorithm>

#include "pbxsim/engine/pbx.h"

namespace pbxsim {

// ------------------------------------------------------------------------- names

std::string_view presence_state_name(PresenceState state) {
  switch (state) {
    case PresenceState::Offline: return "offline";
    case PresenceState::Online: return "online";
    case PresenceState::Unavailable: return "unavailable";
    case PresenceState::Disconnected: return "disconnected";
  }
  return "offline";
}

std::string_view config_state_name(ConfigState state) {
  switch (state) {
    case ConfigState::None: return "none";
    case ConfigState::Downloading: return "downloading";
    case ConfigState::Downloaded: return "downloaded";
    case ConfigState::Cached: return "cached";
    case ConfigState::Failed: return "failed";
  }
  return "none";
}

std::string_view config_health_name(ConfigState state) {
  switch (state) {
    case ConfigState::Downloaded: return "ok";
    case ConfigState::Cached: return "warning";
    case ConfigState::Failed: return "failure";
    case ConfigState::None:
    case ConfigState::Downloading: return "";
  }
  return "";
}

std::string_view cti_state_name(CtiState state) {
  switch (state) {
    case CtiState::Off: return "off";
    case CtiState::Connected: return "connected";
    case CtiState::Reconnecting: return "reconnecting";
  }
  return "off";
}

// ------------------------------------------------------------------------- setup

void Clients::init(const Topology& topology) {
  client_of_user_.assign(topology.users.size(), kNoIndex);
  for (std::size_t u = 0; u < topology.users.size(); ++u) {
    const UserIndex user = UserIndex::at(u);
    const ClientSpec& spec = topology.users[u].presence.client.get();
    if (!spec.present) continue;
    client_of_user_[user] = clients_.next_index();
    ClientState& client = clients_.emplace_back();
    client.user = user;
    client.spec = spec;
    client.has_cache = spec.cached_config;
    if (!spec.desk_phone.empty()) {
      client.desk_phone = core_.find_device(spec.desk_phone).value();
    } else {
      // The seed: "the first CTI-enabled phone that is associated with the user".
      for (DeviceIndex device : core_.user(user).devices) {
        if (core_.device(device).kind == DeviceKind::DeskPhone && client.desk_phone == kNoIndex) {
          client.desk_phone = device;
        }
      }
    }
    if (spec.start_at_zero) core_.schedule_timer(0, "client start", [this, user] { start(user); });
  }
}

// -------------------------------------------------------------------- life cycle

void Clients::start(UserIndex user) {
  ClientState& client = state(user);
  if (client.running) {
    core_.record(TraceKind::Ignored, {.about = TraceAbout::User, .user = user_id(client), .note = "client-start: the client is running"});
    return;
  }
  client.running = true;
  client.disabled = false;
  report(client, "started", "started");
  presence_connect(client, client.spec.login_node.empty() ? client.spec.home_node : client.spec.login_node);
  download_config(client);
  cti_connect(client);
}

void Clients::stop(UserIndex user, std::string_view why) {
  ClientState& client = state(user);
  if (!client.running) {
    core_.record(TraceKind::Ignored, {.about = TraceAbout::User, .user = user_id(client), .note = "client-stop: the client is not running"});
    return;
  }
  core_.cancel_timer(client.presence_timer);
  core_.cancel_timer(client.tftp_timer);
  core_.cancel_timer(client.ldap_return_timer);
  core_.cancel_timer(client.cti_timer);
  for (LdapSearch& search : client.searches) {
    if (search.done) continue;
    core_.cancel_timer(search.timer);
    search.done = true;
    search.finished_us = core_.now_us();
  }
  client.running = false;
  client.presence = PresenceState::Offline;
  client.presence_node.clear();
  if (client.config == ConfigState::Downloading) client.config = ConfigState::None;
  client.cti = CtiState::Off;
  client.cti_server.clear();
  client.ldap_current = 0;
  report(client, "stopped (" + std::string(why) + ")", "stopped");
}

void Clients::restart(UserIndex user) {
  if (state(user).running) stop(user, "restart");
  start(user);
}

// ---------------------------------------------------------------- fault injection

void Clients::server_changed(const std::string& server, ServerKind kind, bool up) {
  if (up) return;  // a client notices a server that is back only at its next attempt
  for (ClientState& client : clients_) {
    if (!client.running) continue;
    switch (kind) {
      case ServerKind::Presence:
        if (client.presence == PresenceState::Online && client.presence_node == server) presence_lost(client);
        break;
      case ServerKind::Tftp:
        break;  // the client is connected to TFTP only while it downloads
      case ServerKind::Ldap:
        ldap_lost(client, server);
        break;
      case ServerKind::Cti:
        if (client.cti == CtiState::Connected && client.cti_server == server) cti_lost(client);
        break;
    }
  }
}

// ------------------------------------------------------------------------- calls

bool Clients::desk_phone_mode(const ClientState& client) const {
  return core_.user(client.user).mode == UserMode::DeskPhone;
}

DeviceIndex Clients::dialing_device(UserIndex user) const {
  const ClientState& client = this->client(user);
  if (desk_phone_mode(client)) return client.desk_phone;
  for (DeviceIndex device : core_.user(user).devices) {
    if (core_.device(device).kind == DeviceKind::SoftPhone && core_.device(device).owner == user) return device;
  }
  return kNoIndex;
}

bool Clients::can_dial(UserIndex user, std::string* why) const {
  const ClientState& client = this->client(user);
  const std::string& id = core_.user(user).id;
  if (client.user == kNoIndex) *why = id + " runs no client";
  else if (!client.running) *why = id + "'s client is not running";
  else if (client.disabled) *why = id + "'s client is in Disabled mode (no configuration)";
  else if (dialing_device(user) == kNoIndex) *why = id + "'s client has no phone to dial from";
  else if (desk_phone_mode(client) && client.cti != CtiState::Connected) {
    *why = id + "'s client has no CTI connection: dial on the desk phone itself";
  } else {
    return true;
  }
  return false;
}

// CUC-16: a call alerting the controlled desk phone is shown by the client
// only while CTI is connected.
void Clients::call_alerted(DeviceIndex device, CallId call) {
  for (ClientState& client : clients_) {
    if (client.desk_phone != device || !client.running || client.disabled) continue;
    if (!desk_phone_mode(client) || client.cti != CtiState::Connected) continue;
    client.notifications.emplace_back(call, core_.now_us());
    report(client, "cti: notification of call-" + std::to_string(call) + " from " + core_.call(call).caller);
  }
}

std::vector<CallId> Clients::calls_present(const ClientState& client) const {
  std::vector<CallId> calls;
  if (client.desk_phone == kNoIndex) return calls;
  for (AppearanceIndex appearance : core_.device(client.desk_phone).appearances) {
    for (CallId call : core_.appearances()[appearance].calls) {
      if (std::find(calls.begin(), calls.end(), call) == calls.end()) calls.push_back(call);
    }
  }
  std::sort(calls.begin(), calls.end());
  return calls;
}

std::vector<CallId> Clients::sessions(UserIndex user) const {
  const ClientState& client = this->client(user);
  if (client.user == kNoIndex || !client.running || client.disabled || client.cti != CtiState::Connected) return {};
  return calls_present(client);
}

// ----------------------------------------------------------------------- helpers

const std::string& Clients::user_id(const ClientState& client) const { return core_.user(client.user).id; }

void Clients::attempt(const ClientState& client, std::string_view service, std::string_view server,
                      std::string_view outcome, std::string_view result) {
  core_.record(TraceKind::Attempt, {.about = TraceAbout::User, .user = user_id(client), .server = server, .reason = outcome, .target = service, .note = std::string(service) + " " + std::string(server) + ": " + std::string(result)});
}

void Clients::report(const ClientState& client, const std::string& details, std::string_view change) {
  core_.record(TraceKind::Client, {.about = TraceAbout::User, .user = user_id(client), .reason = change, .note = details});
}

}  // namespace pbxsim
