// The routing graph of a topology, as a Boost.Graph: who a call to a DN can
// reach without placing one. Vertices are DNs (lines), appearances, devices,
// users, voicemail, external numbers and forward targets that do not exist;
// edges say how they connect (an appearance of a line, on a device, owned by
// a user) and how calls move (forward all / busy / no answer).
//
// The graph is built by a list of contributors, one per part of the
// topology. A feature that adds routing (hunt groups, profiles, extension
// mobility logins) adds a contributor; an edge that only exists under a
// condition (a profile active, a user logged in) says so in `condition`.
// `pbxsim check` (routing_findings.h), `pbxsim route` (route_analysis.h) and
// the viewer's forwarding view all read this one graph.
#pragma once

#include <boost/graph/adjacency_list.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pbxsim/engine/topology.h"

namespace pbxsim {

enum class RoutingNodeKind : std::uint8_t { Line, Appearance, Device, User, Voicemail, External, Missing };
enum class RoutingEdgeKind : std::uint8_t {
  AppearsOn,      // line -> appearance
  OnDevice,       // appearance -> device
  Uses,           // user -> device (owner or associated user)
  ForwardAll,     // line -> target (cfa)
  ForwardBusy,    // line -> target (cfb)
  ForwardNoAnswer,  // line -> target (cfna)
};

std::string_view routing_node_kind_name(RoutingNodeKind kind);
std::string_view routing_edge_kind_name(RoutingEdgeKind kind);
bool is_forward(RoutingEdgeKind kind);
// "cfa", "cfb", "cfna" for forwards; the kind name otherwise.
std::string_view forward_label(RoutingEdgeKind kind);

struct RoutingNode {
  RoutingNodeKind kind = RoutingNodeKind::Line;
  std::string name;   // DN, device name, user ID, external number; "voicemail"
  std::string field;  // where the topology declares it ("lines.1000"), for file:line
};

struct RoutingEdge {
  RoutingEdgeKind kind = RoutingEdgeKind::AppearsOn;
  std::string field;      // where the topology declares it ("lines.1000.cfna")
  std::string condition;  // empty: always present; else when it applies ("profile night")
  // A busy or no-answer forward of a line that also forwards all calls: the
  // engine takes cfa before anything rings, so this edge is never followed.
  bool shadowed = false;
};

using RoutingGraphData = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, RoutingNode,
                                               RoutingEdge>;
using RoutingVertex = boost::graph_traits<RoutingGraphData>::vertex_descriptor;
using RoutingEdgeHandle = boost::graph_traits<RoutingGraphData>::edge_descriptor;

class RoutingGraph {
 public:
  const RoutingGraphData& data() const { return graph_; }
  int hop_limit() const { return hop_limit_; }
  void set_hop_limit(int hop_limit) { hop_limit_ = hop_limit; }

  // One vertex per (kind, name): asking twice returns the same vertex.
  RoutingVertex node(RoutingNodeKind kind, const std::string& name, const std::string& field = {});
  std::optional<RoutingVertex> find(RoutingNodeKind kind, std::string_view name) const;
  RoutingEdgeHandle connect(RoutingVertex from, RoutingVertex to, RoutingEdge edge);

  const RoutingNode& operator[](RoutingVertex vertex) const { return graph_[vertex]; }
  const RoutingEdge& operator[](RoutingEdgeHandle edge) const { return graph_[edge]; }

  // Lines in the order the topology declares them.
  const std::vector<RoutingVertex>& lines() const { return lines_; }
  // Forward edges leaving a line that a call can follow (not shadowed), in
  // the order cfa, cfb, cfna.
  std::vector<RoutingEdgeHandle> live_forwards(RoutingVertex line) const;
  // Appearance vertices of a line.
  std::vector<RoutingVertex> appearances(RoutingVertex line) const;

 private:
  RoutingGraphData graph_;
  std::map<std::pair<RoutingNodeKind, std::string>, RoutingVertex> index_;
  std::vector<RoutingVertex> lines_;
  int hop_limit_ = 8;
};

// A contributor adds the vertices and edges of one part of the topology.
struct RoutingContributor {
  std::string_view name;
  void (*contribute)(const Topology& topology, RoutingGraph& graph);
};

// In the order they run: lines, devices and users, forwards, externals.
const std::vector<RoutingContributor>& routing_contributors();

RoutingGraph build_routing_graph(const Topology& topology);

// Graphviz text of the graph (forwards labelled), for people and the viewer.
std::string routing_graph_dot(const RoutingGraph& graph);

}  // namespace pbxsim
