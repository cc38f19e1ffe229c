// Configuration download (CUC-14): at start and restart the client fetches
// its configuration file from the primary TFTP server, then from the backups
// in their configured order, each attempt giving up after the TFTP timeout.
// When every server fails it loads the last valid configuration it
// downloaded (server health: warning); with none it reports a failure and
// enters Disabled mode, in which it controls no phone.
#include "pbxsim/engine/clients.h"
#include "pbxsim/engine/pbx.h"

namespace pbxsim {

void Clients::download_config(ClientState& client) {
  if (client.spec.tftp.empty()) return;
  core_.cancel_timer(client.tftp_timer);
  client.config = ConfigState::Downloading;
  client.tftp_next = 0;
  tftp_attempt(client);
}

void Clients::tftp_attempt(ClientState& client) {
  const std::vector<std::string>& servers = client.spec.tftp;
  if (client.tftp_next >= servers.size()) {
    if (client.has_cache) {
      client.config = ConfigState::Cached;
      client.config_source = "cache";
      report(client, "configuration: no TFTP server answered; loaded the last downloaded configuration "
                     "(server health: warning)", "config-cached");
      return;
    }
    client.config = ConfigState::Failed;
    client.config_source.clear();
    client.disabled = true;
    report(client, "configuration: no TFTP server answered and none is cached (server health: failure): "
                   "Disabled mode", "config-disabled");
    cti_off(client, "Disabled mode");
    return;
  }
  const std::string& server = servers[client.tftp_next];
  if (core_.servers().up(server)) {
    // The seed: the client downloads UPC<username>.cnf.xml, then disconnects.
    std::string file = "UPC" + user_id(client) + ".cnf.xml";
    for (DeviceIndex device : core_.user(client.user).devices) {
      if (core_.device(device).kind == DeviceKind::SoftPhone && core_.device(device).owner == client.user) {
        file = core_.provisioning().device_name(device) + ".cnf.xml";
        break;
      }
    }
    attempt(client, "tftp", server, "downloaded", "downloaded " + file);
    client.config = ConfigState::Downloaded;
    client.config_source = server;
    client.has_cache = true;
    return;
  }
  const TimeUs timeout_us = core_.client_timing().tftp_timeout_us;
  attempt(client, "tftp", server, "no-answer", "no answer within " + format_duration(timeout_us));
  ++client.tftp_next;
  const UserIndex user = client.user;
  client.tftp_timer = core_.schedule_timer(core_.now_us() + timeout_us, "tftp download timeout", [this, user] {
    ClientState& downloading = state(user);
    downloading.tftp_timer = {};
    tftp_attempt(downloading);
  });
}

}  // namespace pbxsim
