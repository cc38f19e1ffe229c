#include "pbxsim/engine/servers.h"

#include "pbxsim/engine/pbx.h"

namespace pbxsim {

void Servers::init(const Topology& topology) {
  for (const ServerSpec& spec : topology.servers) servers_.push_back(ServerState{spec.name, spec.kind, spec.up});
}

std::optional<ServerIndex> Servers::find(std::string_view name) const {
  for (ServerIndex i : servers_.indices()) {
    if (servers_[i].name == name) return i;
  }
  return std::nullopt;
}

bool Servers::up(std::string_view name) const {
  const std::optional<ServerIndex> server = find(name);
  return server && servers_[*server].up;
}

void Servers::set_up(ServerIndex server, bool up) {
  ServerState& state = servers_.at(server);
  if (state.up == up) {
    core_.record(TraceKind::Ignored, {.about = TraceAbout::Server, .server = state.name, .note = up ? "up: already up" : "down: already down"});
    return;
  }
  state.up = up;
  core_.record(TraceKind::Server, {.about = TraceAbout::Server, .server = state.name, .reason = up ? "up" : "down", .note = std::string(up ? "up" : "down") + " (" +
                                                 std::string(server_kind_name(state.kind)) + ")"});
  core_.clients().server_changed(state.name, state.kind, up);
}

}  // namespace pbxsim
