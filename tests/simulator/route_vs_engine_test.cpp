// `pbxsim route` against the engine: every call an explored run completes
// follows one of the paths route lists for its number (route asks the same
// policy hooks; it must not miss a way the engine goes).
#include <catch2/catch.hpp>

#include <set>

#include "pbxsim/scripting/lua_policy.h"
#include "pbxsim/scripting/scenario.h"
#include "pbxsim/simulator/explore/features.h"
#include "pbxsim/simulator/route_analysis.h"

using namespace pbxsim;

namespace {

// "1000>2000>voicemail => voicemail"
std::string signature(const std::vector<std::string>& places, const std::string& outcome) {
  std::string text;
  for (const std::string& place : places) text += (text.empty() ? "" : ">") + place;
  return text + " => " + outcome;
}

std::set<std::string> route_signatures(const RouteReport& report) {
  std::set<std::string> signatures;
  for (const RoutePath& path : report.paths) {
    std::vector<std::string> places;
    for (const RouteStep& step : path.steps) {
      // The engine's path lists where the call was offered, not where it was refused.
      if (step.how == "not offered" || step.how == "not offered again" || step.how == "no line or external number") {
        continue;
      }
      places.push_back(step.place);
    }
    signatures.insert(signature(places, path.outcome));
  }
  return signatures;
}

}  // namespace

TEST_CASE("route: every completed call of an explored run follows a path route lists", "[route]") {
  // Every feature route models. It does not model groups (a call to a
  // group's number is not a path it lists) nor what changes routing during a
  // run (profiles' redirects and FollowMe, logins that move lines); caller
  // hang-ups are removed (route lists where the PBX sends a call, not when a
  // caller gives up). Call park moves a call off its path and back.
  const std::set<std::string_view> not_modelled{"groups", "group-pickup", "profiles", "extension-mobility", "client-failover",
                                                "call-park"};
  std::vector<std::string> features;
  for (const Feature& feature : explore_features()) {
    if (!not_modelled.count(feature.name)) features.emplace_back(feature.name);
  }
  for (const char* policy_name : {"base", "cisco_cucm"}) {
    auto loaded = LuaPolicy::load(policy_name, "", SandboxLimits{}, Prng(1));
    REQUIRE(std::holds_alternative<std::unique_ptr<LuaPolicy>>(loaded));
    LuaPolicy& policy = *std::get<std::unique_ptr<LuaPolicy>>(loaded);
    int compared = 0;
    for (std::uint64_t seed = 1; seed <= 60; ++seed) {
      ExploreCase c = generate_case(seed, features, false);
      std::erase_if(c.steps, [](const CaseStep& step) { return step.kind == CaseStep::Kind::CallerHangup; });
      RenderOptions render;
      render.scenario_name = "route vs engine";
      render.policy = policy_name;
      ScenarioRunOptions options;
      options.seed = seed;
      const ScenarioRunResult run = run_scenario_source("route-vs-engine.lua", render_scenario(c, render), 0, options);
      REQUIRE_FALSE(run.error);
      for (const CallRecord& call : run.calls) {
        if (call.outcome == CallOutcome::None || call.outcome == CallOutcome::Abandoned) continue;
        const RouteReport report = analyse_routes(*run.topology, policy, RouteQuery{call.caller, call.dialed, {}, 100000});
        if (report.truncated) continue;
        INFO(policy_name << " seed " << seed << " call-" << call.id << " " << call.outcome_detail);
        std::string outcome(call_outcome_name(call.outcome));
        CHECK(route_signatures(report).count(signature(call.path.to_vector(), outcome)) == 1);
        ++compared;
      }
    }
    CHECK(compared > 100);
  }
}
