#include "route_command.h"

#include <iostream>

#include "pbxsim/scripting/scenario.h"
#include "pbxsim/scripting/scenario_setup.h"
#include "pbxsim/simulator/route_analysis.h"
#include "pbxsim/simulator/routing_graph.h"
#include "pbxsim/simulator/suite_runner.h"

namespace pbxsim {

CLI::App* add_route_command(CLI::App& app, RouteFlags& flags) {
  CLI::App* route = app.add_subcommand(
      "route", "Every path a call could take through a scenario's topology under its policy, without placing it");
  route->add_option("topology", flags.file, "A scenario file; its topology and policy are used")->required();
  route->add_option("--to", flags.to, "The number dialed (a DN or an external number)")->required();
  route->add_option("--from", flags.from, "The caller, as the policy sees it (default +10000000000)");
  route->add_option("--at", flags.at,
                    "Fix what the topology alone decides at this time (registrations and their lifetimes)");
  route->add_option("--scenario", flags.scenario, "Which scenario of the file (a glob on its name; default the first)");
  route->add_option("--policy", flags.policy, "Use this policy instead of the scenario's");
  route->add_option("--max-paths", flags.max_paths, "Stop listing after this many paths (default 64)");
  route->add_flag("--json", flags.json, "Print the paths as JSON");
  route->add_flag("--dot", flags.dot, "Print the routing graph as Graphviz instead");
  return route;
}

int route_command(const RouteFlags& flags) {
  constexpr int kBadInput = 2;
  RouteQuery query;
  query.from = flags.from;
  query.to = flags.to;
  query.max_paths = flags.max_paths;
  if (!flags.at.empty()) {
    std::string why;
    query.at_us = parse_duration(flags.at, &why);
    if (!query.at_us) {
      std::cerr << "pbxsim: --at: " << why << "\n";
      return kBadInput;
    }
  }

  const SandboxLimits limits;
  auto listed = list_scenarios(flags.file, limits);
  if (auto* error = std::get_if<ScriptError>(&listed)) {
    std::cerr << error->text() << "\n";
    return kBadInput;
  }
  const auto& decls = std::get<std::vector<ScenarioDecl>>(listed);
  std::size_t index = decls.size();
  for (std::size_t i = 0; i < decls.size() && index == decls.size(); ++i) {
    if (flags.scenario.empty() || glob_match(flags.scenario, decls[i].name)) index = i;
  }
  if (index == decls.size()) {
    std::cerr << flags.file << ": no scenario" << (flags.scenario.empty() ? "" : " matches '" + flags.scenario + "'")
              << "; scenarios:";
    for (const ScenarioDecl& decl : decls) std::cerr << "\n  " << decl.name;
    std::cerr << "\n";
    return kBadInput;
  }

  auto loaded = load_scenario_setup(flags.file, decls[index].name, flags.policy, limits, 1);
  if (auto* error = std::get_if<ScriptError>(&loaded)) {
    std::cerr << error->text() << "\n";
    return kBadInput;
  }
  const ScenarioSetup& setup = std::get<ScenarioSetup>(loaded);
  if (flags.dot) {
    std::cout << routing_graph_dot(build_routing_graph(setup.topology));
    return 0;
  }
  if (decls.size() > 1 && flags.scenario.empty() && !flags.json) {
    std::cout << "scenario \"" << decls[index].name << "\" (the file has " << decls.size()
              << "; --scenario picks another)\n";
  }
  const RouteReport report = analyse_routes(setup.topology, *setup.policy, query);
  if (flags.json) std::cout << routes_json(query, report);
  else print_routes(std::cout, query, report);
  return 0;
}

}  // namespace pbxsim
