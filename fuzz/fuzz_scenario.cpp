// Fuzz target: a scenario file, as `pbxsim run --json --junit` and
// `pbxsim check --json` read it. The input is the file's text; it runs under
// the shipped policies it names (their hooks see whatever the scenario
// builds) and every report is rendered, so names that are not UTF-8 reach
// the JSON and JUnit writers. Any crash, sanitizer report, leak, timeout
// (libFuzzer's -timeout) or memory beyond -rss_limit_mb is a finding.
#include <cstddef>
#include <cstdint>
#include <sstream>

#include "fuzz_files.h"
#include "pbxsim/simulator/reporters.h"
#include "pbxsim/simulator/static_check.h"
#include "pbxsim/simulator/suite_runner.h"

namespace {

// Smaller than the command line's defaults so that a run stays well under
// libFuzzer's timeout and memory limit; the limits themselves are under test
// (a script that hits one must end with its error, not a crash).
pbxsim::SuiteOptions options_for(const std::string& path) {
  pbxsim::SuiteOptions options;
  options.paths = {path};
  options.scenario_limits.memory_bytes = 32u << 20;
  options.scenario_limits.instructions_per_call = 2'000'000;
  options.scenario_limits.kept_bytes = 8u << 20;
  // No CPU watchdog: what the instruction budget misses should show up as
  // libFuzzer's timeout, not be caught by the last net.
  options.scenario_limits.cpu_limit_s = 0;
  return options;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto path = pbxsim::fuzz::write_input_file("scenario.lua", pbxsim::fuzz::as_text(data, size));
  auto options = options_for(path);

  std::ostringstream text;
  const auto suite = pbxsim::run_suite(
      options, [&](const pbxsim::ScenarioReport& report) { pbxsim::print_scenario_line(text, report, options, true); },
      [&](const pbxsim::ScriptError& error) { pbxsim::print_input_error(text, error); });
  pbxsim::print_summary(text, suite);
  (void)pbxsim::suite_json(suite, options);
  (void)pbxsim::junit_xml(suite, options);

  options.validate_only = true;
  const auto check = pbxsim::run_static_check(options);
  std::ostringstream check_out, check_err;
  pbxsim::print_static_check(check_out, check_err, check, true);
  (void)pbxsim::static_check_json(check);
  return 0;
}
