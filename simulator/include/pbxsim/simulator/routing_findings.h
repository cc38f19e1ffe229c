// Static analysis of a routing graph: configuration that will misroute calls,
// found without running anything. Each finding has a stable code (scenarios
// name it in `expect_findings`, CI greps for it), a severity and the
// topology field it is about, which the caller turns into file:line.
//
// Codes:
//   PBX-TARGET       error    a forward names a DN that is not declared
//   PBX-LOOP         error    forwards form a loop (a strongly connected
//                             component of the forward edges), cycle spelled out
//   PBX-CHAIN        warning  a chain of forwards longer than the hop limit
//   PBX-UNREACHABLE  warning  a DN no device appears on that forwards nowhere
// Analyses are a list: a feature that brings its own mistakes (a group member
// that is not a user, a profile that conflicts) adds one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pbxsim/engine/topology.h"
#include "pbxsim/simulator/routing_graph.h"

namespace pbxsim {

enum class FindingSeverity : std::uint8_t { Error, Warning, Info };
std::string_view finding_severity_name(FindingSeverity severity);

struct RoutingFinding {
  std::string code;
  FindingSeverity severity = FindingSeverity::Warning;
  std::string subject;             // the DN it is about
  std::string field;               // topology field path ("lines.1000.cfna")
  std::string message;
  std::vector<std::string> route;  // a loop or chain spelled out: "1000", "cfna", "2000", ...
};

struct RoutingAnalysis {
  std::string_view code;
  std::string_view summary;
  void (*analyse)(const RoutingGraph& graph, std::vector<RoutingFinding>& findings);
};

const std::vector<RoutingAnalysis>& routing_analyses();

// Every analysis over the topology's graph, in the order of routing_analyses().
std::vector<RoutingFinding> analyse_routing(const Topology& topology);
std::vector<RoutingFinding> analyse_routing(const RoutingGraph& graph);

// An `expect_findings` entry is a code ("PBX-LOOP") or a code and the DN it
// is about ("PBX-UNREACHABLE:2000").
bool finding_matches(const RoutingFinding& finding, std::string_view expectation);
bool is_known_finding_code(std::string_view code);

// "1000 -cfna-> 2000 -cfna-> 1000"
std::string spell_route(const std::vector<std::string>& route);

}  // namespace pbxsim
