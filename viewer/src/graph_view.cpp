// The forwarding graph of the scenario's topology, from the Boost.Graph
// analysis `pbxsim check` and `pbxsim route` use (routing_graph.h). Lines
// and forward targets stand on a circle; forward edges are arrows labelled
// cfa / cfb / cfna; an edge on a forwarding loop is red; a shadowed edge
// (cfb/cfna under a cfa) is dim. The topology is the snapshot stored with
// the scenario in the results database (topology_snapshot.h), so the graph
// does not depend on the scenario file, which may have moved or changed.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "pbxsim/simulator/routing_graph.h"
#include "views.h"

namespace pbxsim::viewer {
namespace {

struct GraphCache {
  std::uint64_t selection = 0;  // Model::selection() it was built for
  std::optional<RoutingGraph> graph;
};

// Whether `to` reaches `from` through forward edges a call can follow.
bool on_loop(const RoutingGraph& graph, RoutingVertex from, RoutingVertex to) {
  std::set<RoutingVertex> seen;
  std::vector<RoutingVertex> stack{to};
  while (!stack.empty()) {
    const RoutingVertex at = stack.back();
    stack.pop_back();
    if (at == from) return true;
    if (!seen.insert(at).second) continue;
    for (RoutingEdgeHandle edge : graph.live_forwards(at)) stack.push_back(boost::target(edge, graph.data()));
  }
  return false;
}

// The graph of the topology snapshot stored with the scenario; rebuilt only
// when another scenario (or the same one loaded again) is shown.
const GraphCache& graph_for(const Model& model, const ScenarioReport& scenario) {
  static GraphCache cache;
  if (cache.selection == model.selection()) return cache;
  cache = GraphCache{model.selection(), {}};
  if (scenario.result.topology) cache.graph = build_routing_graph(*scenario.result.topology);
  return cache;
}

}  // namespace

void draw_graph(Model& model, ViewerUi&) {
  const ScenarioReport* scenario = model.scenario();
  if (!scenario) return;
  const GraphCache& cache = graph_for(model, *scenario);
  if (!cache.graph) {
    ImGui::TextWrapped("No forwarding graph: this results file holds no topology snapshot for the scenario (it was "
                       "written before results schema 2, or the scenario's topology could not be read). Run the "
                       "scenario again with --db to store one.");
    return;
  }
  const RoutingGraph& graph = *cache.graph;
  const RoutingGraphData& data = graph.data();

  // Nodes: lines, then every forward target, each once.
  std::vector<RoutingVertex> nodes(graph.lines().begin(), graph.lines().end());
  std::vector<RoutingEdgeHandle> forwards;
  for (auto [it, end] = boost::edges(data); it != end; ++it) {
    if (!is_forward(data[*it].kind)) continue;
    forwards.push_back(*it);
    for (RoutingVertex vertex : {boost::source(*it, data), boost::target(*it, data)}) {
      if (std::find(nodes.begin(), nodes.end(), vertex) == nodes.end()) nodes.push_back(vertex);
    }
  }
  ImGui::Text("%zu lines, %zu forward edges (red: on a loop, dim: shadowed by cfa)", graph.lines().size(),
              forwards.size());

  ImGui::BeginChild("graph");
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 size = ImGui::GetContentRegionAvail();
  ImGui::Dummy(size);
  const ImVec2 centre(origin.x + size.x / 2, origin.y + size.y / 2);
  const float radius = std::max(40.0f, std::min(size.x, size.y) / 2 - 60);
  std::map<RoutingVertex, ImVec2> at;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const float angle = 6.2831853f * static_cast<float>(i) / static_cast<float>(nodes.size()) - 1.5707963f;
    at[nodes[i]] = ImVec2(centre.x + radius * std::cos(angle), centre.y + radius * std::sin(angle));
  }

  for (RoutingEdgeHandle edge : forwards) {
    const RoutingVertex from = boost::source(edge, data);
    const RoutingVertex to = boost::target(edge, data);
    const RoutingEdge& info = data[edge];
    const bool loop = !info.shadowed && on_loop(graph, from, to);
    const ImU32 colour = info.shadowed ? IM_COL32(100, 100, 100, 255)
                         : loop        ? IM_COL32(255, 70, 70, 255)
                                       : IM_COL32(250, 220, 80, 255);
    ImVec2 a = at[from];
    ImVec2 b = at[to];
    if (from == to) {
      draw->AddCircle(ImVec2(a.x, a.y - 26), 14, colour, 16, 2);
      draw->AddText(ImVec2(a.x + 16, a.y - 44), colour, std::string(forward_label(info.kind)).c_str());
      continue;
    }
    const float dx = b.x - a.x, dy = b.y - a.y;
    const float length = std::max(1.0f, std::sqrt(dx * dx + dy * dy));
    const ImVec2 unit(dx / length, dy / length);
    // Offset each direction sideways so that a -> b and b -> a do not overlap.
    const ImVec2 side(-unit.y * 6, unit.x * 6);
    a = ImVec2(a.x + unit.x * 22 + side.x, a.y + unit.y * 22 + side.y);
    b = ImVec2(b.x - unit.x * 22 + side.x, b.y - unit.y * 22 + side.y);
    draw->AddLine(a, b, colour, 2);
    draw->AddTriangleFilled(b, ImVec2(b.x - unit.x * 10 + side.x, b.y - unit.y * 10 + side.y),
                            ImVec2(b.x - unit.x * 10 - side.x, b.y - unit.y * 10 - side.y), colour);
    std::string label(forward_label(info.kind));
    if (!info.condition.empty()) label += " (" + info.condition + ")";
    draw->AddText(ImVec2((a.x + b.x) / 2 + side.x * 2, (a.y + b.y) / 2 + side.y * 2), colour, label.c_str());
  }
  for (RoutingVertex vertex : nodes) {
    const RoutingNode& node = data[vertex];
    const ImVec2 p = at[vertex];
    const ImU32 fill = node.kind == RoutingNodeKind::Line        ? IM_COL32(50, 90, 150, 255)
                       : node.kind == RoutingNodeKind::Voicemail ? IM_COL32(70, 110, 190, 255)
                       : node.kind == RoutingNodeKind::Missing   ? IM_COL32(150, 50, 50, 255)
                                                                 : IM_COL32(90, 90, 90, 255);
    draw->AddCircleFilled(p, 20, fill, 24);
    const ImVec2 text = ImGui::CalcTextSize(node.name.c_str());
    draw->AddText(ImVec2(p.x - text.x / 2, p.y - text.y / 2), IM_COL32(255, 255, 255, 255), node.name.c_str());
    if (node.kind == RoutingNodeKind::Line) {
      std::string devices;
      for (RoutingVertex appearance : graph.appearances(vertex)) {
        for (auto [it, end] = boost::out_edges(appearance, data); it != end; ++it) {
          devices += (devices.empty() ? "" : ", ") + data[boost::target(*it, data)].name;
        }
      }
      if (!devices.empty()) {
        draw->AddText(ImVec2(p.x - 30, p.y + 22), IM_COL32(180, 180, 180, 255), ("on " + devices).c_str());
      }
    } else {
      const std::string kind(routing_node_kind_name(node.kind));
      draw->AddText(ImVec2(p.x - 20, p.y + 22), IM_COL32(180, 180, 180, 255), kind.c_str());
    }
  }
  ImGui::EndChild();
}

}  // namespace pbxsim::viewer
