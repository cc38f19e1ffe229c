#include "pbxsim/simulator/dial_command.h"

#include <algorithm>
#include <ostream>

#include "pbxsim/engine/pbx.h"
#include "pbxsim/scripting/scenario_setup.h"

namespace pbxsim {
namespace {

void print_steps(std::ostream& out, const DialAnalysis& analysis) {
  std::size_t name_width = 0;
  std::size_t result_width = 0;
  for (const DialStep& step : analysis.steps) {
    name_width = std::max(name_width, step.name.size());
    result_width = std::max(result_width, step.result.size());
  }
  for (std::size_t i = 0; i < analysis.steps.size(); ++i) {
    const DialStep& step = analysis.steps[i];
    out << "  " << i + 1 << ". " << step.name << std::string(name_width - step.name.size() + 2, ' ') << step.result;
    if (!step.note.empty()) out << std::string(result_width - step.result.size() + 2, ' ') << step.note;
    out << "\n";
  }
}

}  // namespace

int dial_command(const DialFlags& flags, std::ostream& out, std::ostream& err) {
  auto loaded = load_scenario_setup(flags.topology, flags.scenario, flags.policy, SandboxLimits{}, 1);
  if (auto* error = std::get_if<ScriptError>(&loaded)) {
    err << error->text() << "\n";
    return 2;
  }
  ScenarioSetup& setup = std::get<ScenarioSetup>(loaded);
  std::optional<Pbx> pbx;
  try {
    pbx.emplace(setup.topology, *setup.policy, 1);
    pbx->run_until(0);  // the registrations of time 0
  } catch (const PolicyError& error) {
    err << flags.topology << ":" << setup.decl.line << ": " << error.what() << "\n";
    return 2;
  }
  DeviceIndex device = kNoIndex;
  if (!flags.from.empty()) {
    const std::optional<DeviceIndex> found = pbx->find_device(flags.from);
    if (!found) {
      err << "pbxsim dial: --from: no device '" << flags.from << "' in " << flags.topology << "\n";
      return 2;
    }
    device = *found;
  }

  out << (flags.caller_id ? "caller ID " : "dialed ") << flags.number << "  policy " << setup.policy->name()
      << "  topology " << flags.topology << ":" << setup.decl.line << " \"" << setup.decl.name << "\"";
  if (device != kNoIndex) out << "  on " << flags.from;
  out << "\n";
  if (flags.caller_id) {
    const DialAnalysis analysis = analyze_caller_id(pbx->dial_plan(), flags.number);
    print_steps(out, analysis);
    const std::optional<std::string> name = pbx->directory().name_for_number(analysis.result);
    out << "directory: " << (name ? *name : "no entry with the number " + analysis.result) << "\n";
    return 0;
  }
  const RouteAnalysis route = pbx->analyze_route(flags.number, device);
  print_steps(out, route.dialing);
  out << "routes to: " << route.route;
  if (!route.detail.empty()) out << " (" << route.detail << ")";
  out << "\n";
  return 0;
}

}  // namespace pbxsim
