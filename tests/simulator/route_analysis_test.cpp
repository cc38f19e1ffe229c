// `pbxsim route`: the paths a call could take, asking the policy, without a call.
#include <catch2/catch.hpp>

#include "pbxsim/engine/neutral_policy.h"
#include "pbxsim/simulator/route_analysis.h"

using namespace pbxsim;

namespace {

Topology one_phone(Target cfna) {
  Topology topology;
  LineSpec line;
  line.number = "1000";
  line.forward_no_answer = std::move(cfna);
  topology.lines.push_back(line);
  DeviceSpec device;
  device.name = "desk";
  device.appearances.push_back({"1000", 4, 2});
  device.registration.lifetime_us = 60 * kUsPerSecond;
  topology.devices.push_back(device);
  return topology;
}

std::vector<std::string> outcomes(const RouteReport& report) {
  std::vector<std::string> list;
  for (const RoutePath& path : report.paths) list.push_back(path.outcome);
  return list;
}

const RoutePath* find_path(const RouteReport& report, const std::string& outcome, const std::string& condition_part) {
  for (const RoutePath& path : report.paths) {
    if (path.outcome != outcome) continue;
    for (const RouteStep& step : path.steps) {
      if (step.condition.find(condition_part) != std::string::npos) return &path;
    }
  }
  return nullptr;
}

}  // namespace

TEST_CASE("route: one phone with CFNA to voicemail: answered, or voicemail when it cannot or does not answer",
          "[route]") {
  NeutralPolicy policy;
  const RouteReport report = analyse_routes(one_phone(Target::voicemail()), policy, RouteQuery{"+1555", "1000", {}, 64});
  CHECK(report.policy == "neutral");
  CHECK_FALSE(report.truncated);
  const RoutePath* answered = find_path(report, "answered", "desk free|ringer-off");
  REQUIRE(answered != nullptr);
  CHECK(answered->steps.front().how == "rings desk (when free, silently when ringer-off)");
  // Ringing without answer, or nothing rings because DND rejects or it is unregistered: voicemail.
  REQUIRE(find_path(report, "voicemail", "desk free|ringer-off") != nullptr);
  REQUIRE(find_path(report, "voicemail", "dnd-reject") != nullptr);
  // Busy at its trigger with no CFB: busy.
  const RoutePath* busy = find_path(report, "busy", "busy");
  REQUIRE(busy != nullptr);
  CHECK(busy->steps.front().condition == "desk busy|busy+ringer-off");
}

TEST_CASE("route: --at after the registration's lifetime leaves only paths without ringing", "[route]") {
  NeutralPolicy policy;
  RouteQuery query{"+1555", "1000", 90 * kUsPerSecond, 64};
  const RouteReport later = analyse_routes(one_phone(Target::none()), policy, query);
  CHECK(outcomes(later) == std::vector<std::string>{"unreachable"});
  query.at_us = 10 * kUsPerSecond;
  const RouteReport sooner = analyse_routes(one_phone(Target::none()), policy, query);
  for (const RoutePath& path : sooner.paths) CHECK(path.outcome != "unreachable");
}

TEST_CASE("route: a CFA loop ends as forward-limit when it comes back, and the hop limit is kept", "[route]") {
  NeutralPolicy policy;
  Topology topology;
  for (const char* number : {"1000", "2000"}) {
    LineSpec line;
    line.number = number;
    topology.lines.push_back(line);
  }
  topology.lines[0].forward_all = Target::line("2000");
  topology.lines[1].forward_all = Target::line("1000");
  const RouteReport loop = analyse_routes(topology, policy, RouteQuery{"+1555", "1000", {}, 64});
  REQUIRE(loop.paths.size() == 1);
  CHECK(loop.paths[0].outcome == "forward-limit");
  CHECK(loop.paths[0].steps.back().then == "loop back to a line already visited");

  topology.hop_limit = 1;
  const RouteReport limited = analyse_routes(topology, policy, RouteQuery{"+1555", "1000", {}, 64});
  REQUIRE(limited.paths.size() == 1);
  CHECK(limited.paths[0].steps.back().then.find("over the hop limit of 1") != std::string::npos);
}

TEST_CASE("route: an external number answers by its declared behaviour; an unknown number is unreachable", "[route]") {
  NeutralPolicy policy;
  Topology topology;
  topology.externals.push_back({"+15550000", ExternalSpec::Behaviour::Busy});
  CHECK(outcomes(analyse_routes(topology, policy, RouteQuery{"x", "+15550000", {}, 64})) ==
        std::vector<std::string>{"busy"});
  CHECK(outcomes(analyse_routes(topology, policy, RouteQuery{"x", "+1999", {}, 64})) ==
        std::vector<std::string>{"answered"});
  CHECK(outcomes(analyse_routes(topology, policy, RouteQuery{"x", "4711", {}, 64})) ==
        std::vector<std::string>{"unreachable"});
}

TEST_CASE("route: the number dialed is routed after the dial rules, as the engine routes it (CUC-9)", "[route]") {
  NeutralPolicy policy;
  Topology topology = one_phone(Target::voicemail());
  topology.dialing.normalize = true;
  topology.dialing.application.push_back(DialRule{"access code", "9", 5, 1, ""});
  const RouteReport report = analyse_routes(topology, policy, RouteQuery{"x", "9-1000", {}, 64});
  CHECK(report.routed == "1000");
  CHECK(find_path(report, "answered", "") != nullptr);  // it reaches line 1000's phone
  topology.dialing.normalize = false;                    // "9-1000" is then no number of the site
  const RouteReport unnormalised = analyse_routes(topology, policy, RouteQuery{"x", "9-1000", {}, 64});
  CHECK(unnormalised.routed == "9-1000");
  CHECK(outcomes(unnormalised) == std::vector<std::string>{"unreachable"});
}
