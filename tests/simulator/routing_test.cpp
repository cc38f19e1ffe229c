// The routing graph (Boost.Graph) and its static findings.
#include <catch2/catch.hpp>

#include "pbxsim/simulator/routing_findings.h"
#include "pbxsim/simulator/routing_graph.h"

using namespace pbxsim;

namespace {

LineSpec line(const std::string& number) {
  LineSpec spec;
  spec.number = number;
  return spec;
}

DeviceSpec phone(const std::string& name, std::vector<std::string> lines) {
  DeviceSpec device;
  device.name = name;
  for (std::string& dn : lines) device.appearances.push_back({std::move(dn), 4, 2});
  return device;
}

std::vector<RoutingFinding> with_code(const std::vector<RoutingFinding>& findings, const std::string& code) {
  std::vector<RoutingFinding> matching;
  for (const RoutingFinding& finding : findings) {
    if (finding.code == code) matching.push_back(finding);
  }
  return matching;
}

// A -> B -> C -> A on no answer; each line rings its own phone.
Topology cfna_ring() {
  Topology topology;
  for (const char* number : {"1000", "2000", "3000"}) topology.lines.push_back(line(number));
  topology.lines[0].forward_no_answer = Target::line("2000");
  topology.lines[1].forward_no_answer = Target::line("3000");
  topology.lines[2].forward_no_answer = Target::line("1000");
  topology.devices = {phone("a", {"1000"}), phone("b", {"2000"}), phone("c", {"3000"})};
  return topology;
}

}  // namespace

TEST_CASE("routing graph: one vertex per line, appearance, device and user; forwards are labelled edges", "[routing]") {
  Topology topology = cfna_ring();
  topology.users.push_back({"alice", UserMode::SoftPhone});
  topology.devices[0].owner = "Alice";
  topology.lines[0].forward_busy = Target::voicemail();
  const RoutingGraph graph = build_routing_graph(topology);
  CHECK(graph.lines().size() == 3);
  CHECK(graph.find(RoutingNodeKind::Appearance, "1000@a").has_value());
  CHECK(graph.find(RoutingNodeKind::Device, "c").has_value());
  CHECK(graph.find(RoutingNodeKind::User, "alice").has_value());
  CHECK(graph.find(RoutingNodeKind::Voicemail, "voicemail").has_value());
  const auto forwards = graph.live_forwards(*graph.find(RoutingNodeKind::Line, "1000"));
  REQUIRE(forwards.size() == 2);
  CHECK(graph[forwards[0]].kind == RoutingEdgeKind::ForwardBusy);
  CHECK(graph[forwards[0]].field == "lines.1000.cfb");
  CHECK(graph[forwards[1]].kind == RoutingEdgeKind::ForwardNoAnswer);
  CHECK(routing_graph_dot(graph).find("label=\"cfna\"") != std::string::npos);
}

TEST_CASE("routing: a planted CFNA loop A -> B -> C -> A is one PBX-LOOP with the cycle spelled out", "[routing]") {
  const std::vector<RoutingFinding> findings = analyse_routing(cfna_ring());
  const auto loops = with_code(findings, "PBX-LOOP");
  REQUIRE(loops.size() == 1);
  CHECK(loops[0].severity == FindingSeverity::Error);
  CHECK(loops[0].subject == "1000");
  CHECK(loops[0].field == "lines.1000.cfna");
  CHECK(spell_route(loops[0].route) == "1000 -cfna-> 2000 -cfna-> 3000 -cfna-> 1000");
  CHECK(loops[0].message.find("1000 -cfna-> 2000 -cfna-> 3000 -cfna-> 1000") != std::string::npos);
  CHECK(with_code(findings, "PBX-UNREACHABLE").empty());
}

TEST_CASE("routing: a line forwarding to itself is a loop", "[routing]") {
  Topology topology;
  topology.lines.push_back(line("1000"));
  topology.lines[0].forward_busy = Target::line("1000");
  topology.devices = {phone("a", {"1000"})};
  const auto loops = with_code(analyse_routing(topology), "PBX-LOOP");
  REQUIRE(loops.size() == 1);
  CHECK(spell_route(loops[0].route) == "1000 -cfb-> 1000");
}

TEST_CASE("routing: busy and no-answer forwards of a line with CFA are never taken, so they make no loop", "[routing]") {
  Topology topology = cfna_ring();
  topology.lines[1].forward_all = Target::voicemail();  // 2000 -cfna-> 3000 is shadowed
  const auto findings = analyse_routing(topology);
  CHECK(with_code(findings, "PBX-LOOP").empty());
}

TEST_CASE("routing: a planted DN with no appearance and no forward is PBX-UNREACHABLE", "[routing]") {
  Topology topology;
  topology.lines = {line("1000"), line("2000"), line("3000")};
  topology.lines[2].forward_no_answer = Target::voicemail();  // forwards: reachable
  topology.devices = {phone("desk", {"1000"})};
  const auto unreachable = with_code(analyse_routing(topology), "PBX-UNREACHABLE");
  REQUIRE(unreachable.size() == 1);
  CHECK(unreachable[0].subject == "2000");
  CHECK(unreachable[0].field == "lines.2000");
  CHECK(unreachable[0].severity == FindingSeverity::Warning);
}

TEST_CASE("routing: a chain of 10 CFA lines is one PBX-CHAIN at its head, over a hop limit of 8", "[routing]") {
  Topology topology;
  for (int i = 1; i <= 10; ++i) {
    topology.lines.push_back(line(std::to_string(1000 + i)));
    if (i < 10) topology.lines.back().forward_all = Target::line(std::to_string(1001 + i));
  }
  topology.devices = {phone("last", {"1010"})};
  auto chains = with_code(analyse_routing(topology), "PBX-CHAIN");
  REQUIRE(chains.size() == 1);
  CHECK(chains[0].subject == "1001");
  CHECK(chains[0].route.size() == 19);  // 10 places, 9 forwards
  CHECK(chains[0].message.find("forwarded 9 times") != std::string::npos);
  CHECK(chains[0].message.find("ends as forward-limit at 1009") != std::string::npos);

  topology.hop_limit = 9;
  CHECK(with_code(analyse_routing(topology), "PBX-CHAIN").empty());
}

TEST_CASE("routing: a forward to an undeclared DN is PBX-TARGET at the forward's field", "[routing]") {
  Topology topology;
  topology.lines = {line("1000")};
  topology.lines[0].forward_busy = Target::line("2000");
  topology.devices = {phone("desk", {"1000"})};
  const auto missing = with_code(analyse_routing(topology), "PBX-TARGET");
  REQUIRE(missing.size() == 1);
  CHECK(missing[0].field == "lines.1000.cfb");
  CHECK(missing[0].severity == FindingSeverity::Error);
}

TEST_CASE("routing: an expected finding is named by its code, or by code and DN", "[routing]") {
  const RoutingFinding finding{"PBX-UNREACHABLE", FindingSeverity::Warning, "2000", "lines.2000", "", {}};
  CHECK(finding_matches(finding, "PBX-UNREACHABLE"));
  CHECK(finding_matches(finding, "PBX-UNREACHABLE:2000"));
  CHECK_FALSE(finding_matches(finding, "PBX-UNREACHABLE:3000"));
  CHECK_FALSE(finding_matches(finding, "PBX-LOOP"));
  CHECK(is_known_finding_code("PBX-CHAIN"));
  CHECK_FALSE(is_known_finding_code("PBX-LOPO"));
}
