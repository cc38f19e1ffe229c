// Sections: helpers · missing targets · loops · chains · unreachable DNs ·
// the list and matching.
#include "pbxsim/simulator/routing_findings.h"

#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/strong_components.hpp>

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <set>

namespace pbxsim {

std::string_view finding_severity_name(FindingSeverity severity) {
  switch (severity) {
    case FindingSeverity::Error: return "error";
    case FindingSeverity::Warning: return "warning";
    case FindingSeverity::Info: return "info";
  }
  return "warning";
}

std::string spell_route(const std::vector<std::string>& route) {
  std::string text;
  for (std::size_t i = 0; i < route.size(); ++i) {
    // Even positions are places, odd positions the forward taken between them.
    if (i % 2 == 0) text += route[i];
    else text += " -" + route[i] + "-> ";
  }
  return text;
}

namespace {

// --------------------------------------------------------------------- helpers

const RoutingNode& target_node(const RoutingGraph& graph, RoutingEdgeHandle edge) {
  return graph[boost::target(edge, graph.data())];
}

// Forward edges a call can follow from one line to another.
struct FollowedLineForward {
  const RoutingGraphData* data = nullptr;
  bool operator()(RoutingEdgeHandle edge) const {
    const RoutingEdge& properties = (*data)[edge];
    return is_forward(properties.kind) && !properties.shadowed &&
           (*data)[boost::target(edge, *data)].kind == RoutingNodeKind::Line;
  }
};

// Component number of every vertex over followed line-to-line forwards
// (Boost's Tarjan); loops are the components with more than one line or a
// line that forwards to itself.
std::vector<int> forward_components(const RoutingGraph& graph) {
  const RoutingGraphData& data = graph.data();
  const boost::filtered_graph<RoutingGraphData, FollowedLineForward> forwards(data, FollowedLineForward{&data});
  std::vector<int> component(boost::num_vertices(data), -1);
  boost::strong_components(
      forwards, boost::make_iterator_property_map(component.begin(), boost::get(boost::vertex_index, forwards)));
  return component;
}

bool in_loop(const RoutingGraph& graph, const std::vector<int>& component, RoutingVertex line) {
  for (RoutingEdgeHandle edge : graph.live_forwards(line)) {
    const RoutingVertex next = boost::target(edge, graph.data());
    if (graph[next].kind == RoutingNodeKind::Line && component[next] == component[line]) return true;
  }
  return false;
}

// ------------------------------------------------------------- missing targets

void find_missing_targets(const RoutingGraph& graph, std::vector<RoutingFinding>& findings) {
  for (RoutingVertex line : graph.lines()) {
    for (auto [it, end] = boost::out_edges(line, graph.data()); it != end; ++it) {
      const RoutingEdge& edge = graph[*it];
      if (!is_forward(edge.kind) || target_node(graph, *it).kind != RoutingNodeKind::Missing) continue;
      const std::string& target = target_node(graph, *it).name;
      findings.push_back(RoutingFinding{
          "PBX-TARGET", FindingSeverity::Error, graph[line].name, edge.field,
          "line " + graph[line].name + " forwards (" + std::string(forward_label(edge.kind)) + ") to " + target +
              ", which is not a line of this topology (declare it under lines, write \"voicemail\", or use an "
              "external number starting with '+')",
          {graph[line].name, std::string(forward_label(edge.kind)), target}});
    }
  }
}

// ----------------------------------------------------------------------- loops

// The shortest cycle through `start` inside its component, as a route.
std::vector<std::string> shortest_cycle(const RoutingGraph& graph, const std::vector<int>& component,
                                        RoutingVertex start, std::string* first_field) {
  const RoutingGraphData& data = graph.data();
  std::map<RoutingVertex, RoutingEdgeHandle> came_by;
  std::set<RoutingVertex> seen{start};
  std::deque<RoutingVertex> queue{start};
  while (!queue.empty()) {
    const RoutingVertex at = queue.front();
    queue.pop_front();
    for (RoutingEdgeHandle edge : graph.live_forwards(at)) {
      const RoutingVertex next = boost::target(edge, data);
      if (graph[next].kind != RoutingNodeKind::Line || component[next] != component[start]) continue;
      if (next == start) {
        std::vector<RoutingEdgeHandle> edges{edge};
        for (RoutingVertex back = at; back != start; back = boost::source(came_by.at(back), data)) {
          edges.push_back(came_by.at(back));
        }
        std::reverse(edges.begin(), edges.end());
        std::vector<std::string> route{graph[start].name};
        for (RoutingEdgeHandle step : edges) {
          route.emplace_back(forward_label(graph[step].kind));
          route.push_back(target_node(graph, step).name);
        }
        *first_field = graph[edges.front()].field;
        return route;
      }
      if (seen.insert(next).second) {
        came_by.emplace(next, edge);
        queue.push_back(next);
      }
    }
  }
  return {};
}

void find_loops(const RoutingGraph& graph, std::vector<RoutingFinding>& findings) {
  const std::vector<int> component = forward_components(graph);
  std::set<int> reported;
  for (RoutingVertex line : graph.lines()) {  // declaration order: the first member names the loop
    if (!in_loop(graph, component, line) || !reported.insert(component[line]).second) continue;
    std::vector<std::string> members;
    for (RoutingVertex other : graph.lines()) {
      if (component[other] == component[line]) members.push_back(graph[other].name);
    }
    std::string field;
    std::vector<std::string> cycle = shortest_cycle(graph, component, line, &field);
    std::string message = "forwarding loop " + spell_route(cycle);
    if (members.size() * 2 + 1 > cycle.size()) {
      std::string list;
      for (const std::string& member : members) list += (list.empty() ? "" : ", ") + member;
      message += " (lines " + list + " all forward into each other)";
    }
    message += ": a call that goes round it ends as forward-limit when it comes back to a line it has visited";
    findings.push_back(
        RoutingFinding{"PBX-LOOP", FindingSeverity::Error, graph[line].name, field, message, std::move(cycle)});
  }
}

// ---------------------------------------------------------------------- chains

// The longest chain of forwards a call to a line can take, over lines that
// are in no loop (a loop is reported as one); every forward counts as a hop,
// including the last one to voicemail or an external number, as in the engine.
// Each line keeps only the first edge of its longest chain: the rest is the
// chain of that edge's target, so memory stays linear in the lines.
struct Chain {
  int hops = 0;
  std::optional<RoutingEdgeHandle> first;
};

void find_long_chains(const RoutingGraph& graph, std::vector<RoutingFinding>& findings) {
  const RoutingGraphData& data = graph.data();
  const std::vector<int> component = forward_components(graph);
  std::map<RoutingVertex, Chain> longest;
  auto followed = [&](RoutingVertex next) {
    return graph[next].kind == RoutingNodeKind::Line && !in_loop(graph, component, next);
  };
  // Lines in no loop form a DAG under followed forwards, so this terminates.
  // Iterative (post-order with an explicit stack): the input decides the
  // depth, and a chain through 100 000 lines must not overflow the C++ stack.
  auto chain_from = [&](RoutingVertex start) -> const Chain& {
    std::vector<std::pair<RoutingVertex, bool>> pending{{start, false}};
    while (!pending.empty()) {
      const auto [line, children_done] = pending.back();
      pending.pop_back();
      if (longest.count(line) != 0) continue;
      if (!children_done) {
        pending.emplace_back(line, true);
        for (RoutingEdgeHandle edge : graph.live_forwards(line)) {
          const RoutingVertex next = boost::target(edge, data);
          if (followed(next) && longest.count(next) == 0) pending.emplace_back(next, false);
        }
        continue;
      }
      Chain best;
      for (RoutingEdgeHandle edge : graph.live_forwards(line)) {
        const RoutingVertex next = boost::target(edge, data);
        const int hops = 1 + (followed(next) ? longest.at(next).hops : 0);
        if (hops > best.hops) best = Chain{hops, edge};
      }
      longest.emplace(line, best);
    }
    return longest.at(start);
  };
  // The edges of the chain from `line`, at most `count` of them.
  auto chain_edges = [&](RoutingVertex line, int count) {
    std::vector<RoutingEdgeHandle> edges;
    for (std::optional<RoutingEdgeHandle> edge = longest.at(line).first; edge && static_cast<int>(edges.size()) < count;) {
      edges.push_back(*edge);
      const RoutingVertex next = boost::target(*edge, data);
      if (!followed(next)) break;
      edge = longest.at(next).first;
    }
    return edges;
  };

  const int limit = graph.hop_limit();
  for (RoutingVertex line : graph.lines()) {
    if (in_loop(graph, component, line)) continue;
    const Chain& chain = chain_from(line);
    if (chain.hops <= limit) continue;
    // Report the head of a chain only: a line forwarded to from a line that
    // is in no loop lies on that line's (longer) chain.
    bool has_predecessor = false;
    for (auto [it, end] = boost::in_edges(line, data); it != end; ++it) {
      const RoutingVertex from = boost::source(*it, data);
      if (is_forward(graph[*it].kind) && !graph[*it].shadowed && graph[from].kind == RoutingNodeKind::Line &&
          !in_loop(graph, component, from)) {
        has_predecessor = true;
      }
    }
    if (has_predecessor) continue;
    // The route up to the hop that is refused: what the engine would walk.
    const std::vector<RoutingEdgeHandle> edges = chain_edges(line, limit + 1);
    std::vector<std::string> route{graph[line].name};
    for (RoutingEdgeHandle edge : edges) {
      route.emplace_back(forward_label(graph[edge].kind));
      route.push_back(target_node(graph, edge).name);
    }
    // The route holds the place reached after each hop; the (limit+1)th hop is refused.
    const std::string stopped_at = route[2 * static_cast<std::size_t>(limit)];
    findings.push_back(RoutingFinding{
        "PBX-CHAIN", FindingSeverity::Warning, graph[line].name, graph[edges.front()].field,
        "a call to " + graph[line].name + " can be forwarded " + std::to_string(chain.hops) + " times, more than the hop limit of " +
            std::to_string(limit) + ": " + spell_route(route) + "; it ends as forward-limit at " + stopped_at,
        std::move(route)});
  }
}

// ------------------------------------------------------------- unreachable DNs

void find_unreachable(const RoutingGraph& graph, std::vector<RoutingFinding>& findings) {
  for (RoutingVertex line : graph.lines()) {
    if (!graph.appearances(line).empty() || !graph.live_forwards(line).empty()) continue;
    const RoutingNode& node = graph[line];
    findings.push_back(RoutingFinding{
        "PBX-UNREACHABLE", FindingSeverity::Warning, node.name, node.field,
        "line " + node.name + " appears on no device and forwards nowhere: a call to it rings no one "
        "(give it an appearance under devices, or a forward)",
        {node.name}});
  }
}

}  // namespace

// ---------------------------------------------------------- the list and matching

const std::vector<RoutingAnalysis>& routing_analyses() {
  static const std::vector<RoutingAnalysis> analyses{
      {"PBX-TARGET", "a forward names a DN that is not declared", find_missing_targets},
      {"PBX-LOOP", "forwards form a loop", find_loops},
      {"PBX-CHAIN", "a chain of forwards is longer than the hop limit", find_long_chains},
      {"PBX-UNREACHABLE", "a DN no device appears on, and that forwards nowhere", find_unreachable},
  };
  return analyses;
}

std::vector<RoutingFinding> analyse_routing(const RoutingGraph& graph) {
  std::vector<RoutingFinding> findings;
  for (const RoutingAnalysis& analysis : routing_analyses()) analysis.analyse(graph, findings);
  return findings;
}

std::vector<RoutingFinding> analyse_routing(const Topology& topology) {
  return analyse_routing(build_routing_graph(topology));
}

bool is_known_finding_code(std::string_view code) {
  return std::any_of(routing_analyses().begin(), routing_analyses().end(),
                     [&](const RoutingAnalysis& analysis) { return analysis.code == code; });
}

bool finding_matches(const RoutingFinding& finding, std::string_view expectation) {
  const std::size_t colon = expectation.find(':');
  if (colon == std::string_view::npos) return finding.code == expectation;
  return finding.code == expectation.substr(0, colon) && finding.subject == expectation.substr(colon + 1);
}

}  // namespace pbxsim
