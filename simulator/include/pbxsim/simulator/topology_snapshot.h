// A compact JSON snapshot of the topology a scenario starts from, stored
// with each scenario in the results database (scenarios.topology): devices
// with their owners and line appearances, lines with their forwards, groups
// with their members, users with their mode and profiles, device profiles,
// external numbers and the hop limit. The viewer shows the state at its
// cursor from it (and the stored trace) and draws the forwarding graph from
// it, so neither needs the scenario file, which may have moved or changed.
//
// Only what those views need is kept; topology_from_snapshot() rebuilds a
// Topology holding those parts (enough for build_routing_graph), and
// snapshotting that Topology again gives the same text.
#pragma once

#include <string>
#include <variant>

#include "pbxsim/engine/topology.h"

namespace pbxsim {

std::string topology_snapshot(const Topology& topology);
// The Topology a snapshot describes, or why the text is not one.
std::variant<Topology, std::string> topology_from_snapshot(const std::string& text);

}  // namespace pbxsim
