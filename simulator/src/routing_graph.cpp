// Sections: names · the graph · contributors · building · Graphviz.
#include "pbxsim/simulator/routing_graph.h"

#include <sstream>

namespace pbxsim {

// ----------------------------------------------------------------------- names

std::string_view routing_node_kind_name(RoutingNodeKind kind) {
  switch (kind) {
    case RoutingNodeKind::Line: return "line";
    case RoutingNodeKind::Appearance: return "appearance";
    case RoutingNodeKind::Device: return "device";
    case RoutingNodeKind::User: return "user";
    case RoutingNodeKind::Voicemail: return "voicemail";
    case RoutingNodeKind::External: return "external";
    case RoutingNodeKind::Missing: return "missing";
  }
  return "line";
}

std::string_view routing_edge_kind_name(RoutingEdgeKind kind) {
  switch (kind) {
    case RoutingEdgeKind::AppearsOn: return "appears-on";
    case RoutingEdgeKind::OnDevice: return "on-device";
    case RoutingEdgeKind::Uses: return "uses";
    case RoutingEdgeKind::ForwardAll: return "forward-all";
    case RoutingEdgeKind::ForwardBusy: return "forward-busy";
    case RoutingEdgeKind::ForwardNoAnswer: return "forward-no-answer";
  }
  return "appears-on";
}

bool is_forward(RoutingEdgeKind kind) {
  return kind == RoutingEdgeKind::ForwardAll || kind == RoutingEdgeKind::ForwardBusy ||
         kind == RoutingEdgeKind::ForwardNoAnswer;
}

std::string_view forward_label(RoutingEdgeKind kind) {
  switch (kind) {
    case RoutingEdgeKind::ForwardAll: return "cfa";
    case RoutingEdgeKind::ForwardBusy: return "cfb";
    case RoutingEdgeKind::ForwardNoAnswer: return "cfna";
    default: return routing_edge_kind_name(kind);
  }
}

// ------------------------------------------------------------------- the graph

RoutingVertex RoutingGraph::node(RoutingNodeKind kind, const std::string& name, const std::string& field) {
  const auto key = std::make_pair(kind, name);
  if (auto found = index_.find(key); found != index_.end()) return found->second;
  const RoutingVertex vertex = boost::add_vertex(RoutingNode{kind, name, field}, graph_);
  index_.emplace(key, vertex);
  if (kind == RoutingNodeKind::Line) lines_.push_back(vertex);
  return vertex;
}

std::optional<RoutingVertex> RoutingGraph::find(RoutingNodeKind kind, std::string_view name) const {
  auto found = index_.find(std::make_pair(kind, std::string(name)));
  if (found == index_.end()) return std::nullopt;
  return found->second;
}

RoutingEdgeHandle RoutingGraph::connect(RoutingVertex from, RoutingVertex to, RoutingEdge edge) {
  return boost::add_edge(from, to, std::move(edge), graph_).first;
}

std::vector<RoutingEdgeHandle> RoutingGraph::live_forwards(RoutingVertex line) const {
  std::vector<RoutingEdgeHandle> edges;
  for (RoutingEdgeKind kind : {RoutingEdgeKind::ForwardAll, RoutingEdgeKind::ForwardBusy,
                               RoutingEdgeKind::ForwardNoAnswer}) {
    for (auto [it, end] = boost::out_edges(line, graph_); it != end; ++it) {
      if (graph_[*it].kind == kind && !graph_[*it].shadowed) edges.push_back(*it);
    }
  }
  return edges;
}

std::vector<RoutingVertex> RoutingGraph::appearances(RoutingVertex line) const {
  std::vector<RoutingVertex> found;
  for (auto [it, end] = boost::out_edges(line, graph_); it != end; ++it) {
    if (graph_[*it].kind == RoutingEdgeKind::AppearsOn) found.push_back(boost::target(*it, graph_));
  }
  return found;
}

// ---------------------------------------------------------------- contributors

namespace {

void contribute_lines(const Topology& topology, RoutingGraph& graph) {
  for (const LineSpec& line : topology.lines) graph.node(RoutingNodeKind::Line, line.number, "lines." + line.number);
}

void contribute_devices(const Topology& topology, RoutingGraph& graph) {
  for (const UserSpec& user : topology.users) graph.node(RoutingNodeKind::User, user_key(user.id), "users." + user.id);
  for (const DeviceSpec& device : topology.devices) {
    const std::string base = "devices." + device.name;
    const RoutingVertex device_vertex = graph.node(RoutingNodeKind::Device, device.name, base);
    auto use = [&](const std::string& user, const std::string& field) {
      if (auto vertex = graph.find(RoutingNodeKind::User, user_key(user))) {
        graph.connect(*vertex, device_vertex, RoutingEdge{RoutingEdgeKind::Uses, field, {}, false});
      }
    };
    if (!device.owner.empty()) use(device.owner, base + ".owner");
    for (std::size_t i = 0; i < device.also_users.size(); ++i) {
      use(device.also_users[i], base + ".users[" + std::to_string(i + 1) + "]");
    }
    for (std::size_t i = 0; i < device.appearances.size(); ++i) {
      const AppearanceSpec& appearance = device.appearances[i];
      const std::string field = base + ".lines[" + std::to_string(i + 1) + "]";
      const auto line = graph.find(RoutingNodeKind::Line, appearance.line);
      if (!line) continue;  // validate() reports an appearance of an undeclared line
      const RoutingVertex appearance_vertex =
          graph.node(RoutingNodeKind::Appearance, appearance.line + "@" + device.name, field);
      graph.connect(*line, appearance_vertex, RoutingEdge{RoutingEdgeKind::AppearsOn, field, {}, false});
      graph.connect(appearance_vertex, device_vertex, RoutingEdge{RoutingEdgeKind::OnDevice, field, {}, false});
    }
  }
}

void contribute_forwards(const Topology& topology, RoutingGraph& graph) {
  for (const LineSpec& line : topology.lines) {
    const RoutingVertex from = *graph.find(RoutingNodeKind::Line, line.number);
    const std::string base = "lines." + line.number;
    const bool forwards_all = line.forward_all.is_set();
    auto add = [&](const Target& target, RoutingEdgeKind kind, const char* field) {
      RoutingVertex to{};
      switch (target.kind) {
        case Target::Kind::None: return;
        case Target::Kind::Voicemail: to = graph.node(RoutingNodeKind::Voicemail, "voicemail"); break;
        case Target::Kind::External: to = graph.node(RoutingNodeKind::External, target.number); break;
        case Target::Kind::Line: {
          const auto line_vertex = graph.find(RoutingNodeKind::Line, target.number);
          to = line_vertex ? *line_vertex : graph.node(RoutingNodeKind::Missing, target.number);
          break;
        }
      }
      const bool shadowed = forwards_all && kind != RoutingEdgeKind::ForwardAll;
      graph.connect(from, to, RoutingEdge{kind, base + "." + field, {}, shadowed});
    };
    add(line.forward_all, RoutingEdgeKind::ForwardAll, "cfa");
    add(line.forward_busy, RoutingEdgeKind::ForwardBusy, "cfb");
    add(line.forward_no_answer, RoutingEdgeKind::ForwardNoAnswer, "cfna");
  }
}

void contribute_externals(const Topology& topology, RoutingGraph& graph) {
  for (const ExternalSpec& external : topology.externals) {
    graph.node(RoutingNodeKind::External, external.number, "externals." + external.number);
  }
}

}  // namespace

const std::vector<RoutingContributor>& routing_contributors() {
  static const std::vector<RoutingContributor> contributors{
      {"lines", contribute_lines},
      {"devices", contribute_devices},
      {"forwards", contribute_forwards},
      {"externals", contribute_externals},
  };
  return contributors;
}

// -------------------------------------------------------------------- building

RoutingGraph build_routing_graph(const Topology& topology) {
  RoutingGraph graph;
  graph.set_hop_limit(topology.hop_limit);
  for (const RoutingContributor& contributor : routing_contributors()) contributor.contribute(topology, graph);
  return graph;
}

// -------------------------------------------------------------------- Graphviz

std::string routing_graph_dot(const RoutingGraph& graph) {
  const RoutingGraphData& data = graph.data();
  std::ostringstream out;
  auto quoted = [](const std::string& text) {
    std::string result = "\"";
    for (char c : text) {
      if (c == '"' || c == '\\') result += '\\';
      result += c;
    }
    return result + "\"";
  };
  out << "digraph routing {\n  rankdir=LR;\n";
  for (auto [it, end] = boost::vertices(data); it != end; ++it) {
    const RoutingNode& node = data[*it];
    const char* shape = node.kind == RoutingNodeKind::Line         ? "box"
                        : node.kind == RoutingNodeKind::Device     ? "component"
                        : node.kind == RoutingNodeKind::User       ? "ellipse"
                        : node.kind == RoutingNodeKind::Appearance ? "point"
                                                                   : "doubleoctagon";
    out << "  n" << *it << " [label=" << quoted(std::string(routing_node_kind_name(node.kind)) + " " + node.name)
        << ", shape=" << shape << "];\n";
  }
  for (auto [it, end] = boost::edges(data); it != end; ++it) {
    const RoutingEdge& edge = data[*it];
    out << "  n" << boost::source(*it, data) << " -> n" << boost::target(*it, data);
    if (is_forward(edge.kind)) {
      std::string label(forward_label(edge.kind));
      if (!edge.condition.empty()) label += " when " + edge.condition;
      out << " [label=" << quoted(label) << (edge.shadowed ? ", style=dashed" : "") << "]";
    }
    out << ";\n";
  }
  out << "}\n";
  return out.str();
}

}  // namespace pbxsim
