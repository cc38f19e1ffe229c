// CTI desk-phone control (CUC-16). The client connects to the primary CTI
// gateway. When the connection is lost it tries the primary, then the
// backups, round-robin, at successive intervals of 4, 8, 16, 32 and then 60 s
// (the policy's intervals; the last repeats) until one answers, and stays on
// that server until a restart or its next failure. Meanwhile no
// notifications or click-to-dial go through the client (the desk phone works
// by hand); calls present stay up but uncontrolled: their session windows
// close, and at reconnect a window opens for each call in its current state.
#include <algorithm>

#include "pbxsim/engine/clients.h"
#include "pbxsim/engine/pbx.h"

namespace pbxsim {

void Clients::cti_connect(ClientState& client) {
  if (client.spec.cti.empty() || client.disabled) return;
  core_.cancel_timer(client.cti_timer);
  client.cti_next = 0;
  client.cti_failures = 0;
  cti_attempt(client);
}

void Clients::cti_attempt(ClientState& client) {
  const std::vector<std::string>& servers = client.spec.cti;
  const std::string& server = servers[client.cti_next % servers.size()];
  if (core_.servers().up(server)) {
    attempt(client, "cti", server, "connected", "connected");
    client.cti = CtiState::Connected;
    client.cti_server = server;
    client.cti_failures = 0;
    for (CallId call : calls_present(client)) {
      report(client, "cti: session window opened for call-" + std::to_string(call) + " (" +
                         std::string(call_state_name(core_.call(call).state)) + ")");
    }
    return;
  }
  attempt(client, "cti", server, "failed", "failed");
  client.cti = CtiState::Reconnecting;
  ++client.cti_next;
  const std::vector<TimeUs>& intervals = core_.client_timing().cti_reconnect_us;
  const TimeUs interval_us = intervals[std::min(client.cti_failures, intervals.size() - 1)];
  ++client.cti_failures;
  const UserIndex user = client.user;
  client.cti_timer = core_.schedule_timer(core_.now_us() + interval_us, "cti reconnect", [this, user] {
    ClientState& reconnecting = state(user);
    reconnecting.cti_timer = {};
    cti_attempt(reconnecting);
  });
}

void Clients::cti_lost(ClientState& client) {
  const std::vector<CallId> calls = calls_present(client);
  const std::string lost = client.cti_server;
  report(client, "cti: connection to " + lost + " lost; " +
                     (calls.empty() ? std::string("no calls present: no notifications or calls through the client")
                                    : std::to_string(calls.size()) + " call(s) present continue uncontrolled"),
         "cti-lost");
  for (CallId call : calls) report(client, "cti: session window closed for call-" + std::to_string(call));
  client.cti = CtiState::Reconnecting;
  client.cti_server.clear();
  client.cti_next = 0;  // the primary first, then round-robin
  const std::vector<TimeUs>& intervals = core_.client_timing().cti_reconnect_us;
  client.cti_failures = 1;
  const UserIndex user = client.user;
  client.cti_timer = core_.schedule_timer(core_.now_us() + intervals.front(), "cti reconnect", [this, user] {
    ClientState& reconnecting = state(user);
    reconnecting.cti_timer = {};
    cti_attempt(reconnecting);
  });
}

void Clients::cti_off(ClientState& client, std::string_view why) {
  if (client.cti == CtiState::Off) return;
  core_.cancel_timer(client.cti_timer);
  client.cti = CtiState::Off;
  client.cti_server.clear();
  report(client, "cti: off (" + std::string(why) + ")", "cti-off");
}

}  // namespace pbxsim
