// Fuzz target: a policy file, as `pbxsim run --policy FILE` and
// `pbxsim check --policy FILE` load it. The input is the policy's text; the
// driver scenarios below run under it, chosen so that every hook is asked
// (appearance, none_alerted, no_answer, registrations_full, dnd_changed,
// group_member, profile_change, softphone_device_name, contact_name) and the
// engine has to take or refuse whatever the hooks answer. Each input runs
// one of them, chosen by a hash of the input (all eight per input would be
// eight times slower; a mutation moves an input to another driver).
// The run is made twice, with the decision cache answering from the first
// hook call and without it: a different trace, error or output is a finding
// (the cache must answer as the hook would, whatever the policy does).
#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstddef>
#include <cstdint>
#include <sstream>

#include "fuzz_files.h"
#include "pbxsim/simulator/reporters.h"
#include "pbxsim/simulator/static_check.h"
#include "pbxsim/simulator/suite_runner.h"

namespace {

constexpr std::array kDriverScenarios = {
    "scenarios/core/core2_max_registrations.lua",    // registrations_full
    "scenarios/core/core3_forward_no_answer.lua",    // appearance, none_alerted, no_answer
    "scenarios/core/core6_groups.lua",               // group_member
    "scenarios/cisco/cuc7_dnd_presence.lua",         // dnd_changed
    "scenarios/cisco/cuc1_softphone_device_names.lua",  // softphone_device_name
    "scenarios/cisco/cuc17_contact_names.lua",       // contact_name
    "scenarios/pascom/pas4_pas6_triggers.lua",       // profile_change
    "scenarios/cisco/cuc9_dialing.lua",              // dialing settings
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  pbxsim::SuiteOptions options;
  options.policy = pbxsim::fuzz::write_input_file("policy.lua", pbxsim::fuzz::as_text(data, size));
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a
  for (std::size_t i = 0; i < size; ++i) hash = (hash ^ data[i]) * 1099511628211ull;
  options.paths = {pbxsim::fuzz::source_path(kDriverScenarios[hash % kDriverScenarios.size()])};
  options.scenario_limits.instructions_per_call = 2'000'000;
  options.scenario_limits.cpu_limit_s = 0;  // as in fuzz_scenario: slow inputs are findings
  options.compare_golden = false;
  options.decision_cache = pbxsim::DecisionCacheMode::FromFirstCall;

  std::ostringstream text;
  const auto suite = pbxsim::run_suite(
      options, [&](const pbxsim::ScenarioReport& report) { pbxsim::print_scenario_line(text, report, options, true); },
      [&](const pbxsim::ScriptError& error) { pbxsim::print_input_error(text, error); });
  (void)pbxsim::suite_json(suite, options);

  options.decision_cache = pbxsim::DecisionCacheMode::Off;
  const auto uncached = pbxsim::run_suite(options, [](const pbxsim::ScenarioReport&) {}, [](const pbxsim::ScriptError&) {});
  bool same = suite.scenarios.size() == uncached.scenarios.size() && suite.input_errors.size() == uncached.input_errors.size();
  for (std::size_t i = 0; same && i < suite.scenarios.size(); ++i) {
    const pbxsim::ScenarioRunResult& a = suite.scenarios[i].result;
    const pbxsim::ScenarioRunResult& b = uncached.scenarios[i].result;
    same = a.trace_hash == b.trace_hash && a.error.has_value() == b.error.has_value() && a.printed == b.printed &&
           suite.scenarios[i].status == uncached.scenarios[i].status;
  }
  if (!same) {
    std::fprintf(stderr, "the decision cache changed a run: cached and uncached traces differ\n");
    std::abort();
  }

  options.validate_only = true;
  const auto check = pbxsim::run_static_check(options);
  (void)pbxsim::static_check_json(check);
  return 0;
}
