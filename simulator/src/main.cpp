// pbxsim: the command line. Sections: options shared by commands · run ·
// check · coverage · main. `dial` lives in dial_command.cpp.
#include <CLI/CLI.hpp>

#include <iostream>
#include <sstream>

#include "pbxsim/scripting/policy_library.h"
#include "pbxsim/simulator/coverage.h"
#include "pbxsim/simulator/dial_command.h"
#include "pbxsim/simulator/reporters.h"
#include "pbxsim/simulator/suite_runner.h"
#include "pbxsim/simulator/version.h"

namespace {

using namespace pbxsim;

constexpr int kExitBadInput = 2;

// ---------------------------------------------------- options shared by commands

void add_suite_options(CLI::App& command, SuiteOptions& options, bool with_paths_required) {
  auto* paths = command.add_option("paths", options.paths, "Scenario files or folders (searched for *.lua)");
  if (with_paths_required) paths->required();
  command.add_option("--seed", options.seed, "Seed of the simulation's PRNG (default 1)");
  command.add_option("--policy", options.policy, "Run every scenario under this policy (name or path to .lua)");
  command.add_option("--filter", options.filter, "Only scenarios whose name or file matches this glob");
  command.add_option("--lua-instructions", options.scenario_limits.instructions_per_call,
                     "Instruction budget of one call into a scenario (default 50000000)");
}

// An unknown --policy is a usage error, reported once rather than per scenario.
bool policy_option_ok(const SuiteOptions& options) {
  if (options.policy.empty()) return true;
  auto found = find_policy(options.policy, "");
  if (auto* message = std::get_if<std::string>(&found)) {
    std::cerr << "pbxsim: --policy: " << *message << "\n";
    return false;
  }
  return true;
}

// -------------------------------------------------------------------------- run

struct RunFlags {
  SuiteOptions suite;
  std::string junit_path;
  bool json = false;
  bool verbose = false;
};

int run_command(const RunFlags& flags) {
  if (!policy_option_ok(flags.suite)) return kExitBadInput;
  std::ostream& out = flags.json ? std::cerr : std::cout;
  if (!flags.json) {
    out << "pbxsim " << kPbxsimVersion << "  seed " << flags.suite.seed;
    if (!flags.suite.policy.empty()) out << "  policy " << flags.suite.policy;
    out << "\n";
  }
  const SuiteReport suite = run_suite(
      flags.suite,
      [&](const ScenarioReport& report) {
        if (!flags.json) print_scenario_line(out, report, flags.suite, flags.verbose);
        else if (report.status != ScenarioReport::Status::Passed) print_scenario_line(std::cerr, report, flags.suite, false);
      },
      [&](const ScriptError& error) {
        print_input_error(std::cerr, error);
        std::cerr << "      reproduce: pbxsim run '" << error.file << "' --seed " << flags.suite.seed << "\n";
      });
  if (!flags.junit_path.empty()) {
    if (auto error = write_junit(flags.junit_path, suite, flags.suite)) {
      std::cerr << "pbxsim: --junit: " << *error << "\n";
      return kExitBadInput;
    }
  }
  if (flags.json) std::cout << suite_json(suite, flags.suite);
  else print_summary(out, suite);
  return suite.exit_code();
}

// ------------------------------------------------------------------------ check

int check_command(SuiteOptions options) {
  if (!policy_option_ok(options)) return kExitBadInput;
  options.validate_only = true;
  int problems = 0;
  const SuiteReport suite = run_suite(
      options,
      [&](const ScenarioReport& report) {
        if (report.result.error) {
          ++problems;
          std::cerr << report.result.error->text() << "\n";
        }
      },
      [&](const ScriptError& error) {
        ++problems;
        print_input_error(std::cerr, error);
      });
  if (problems > 0) {
    std::cerr << problems << " problem(s) found\n";
    return kExitBadInput;
  }
  std::cout << "ok: " << suite.scenarios.size() << " scenario(s) load and validate\n";
  return 0;
}

// --------------------------------------------------------------------- coverage

struct CoverageFlags {
  SuiteOptions suite;
  bool json = false;
  std::vector<std::string> required;
};

int coverage_command(CoverageFlags flags) {
  if (flags.suite.paths.empty()) flags.suite.paths.push_back("scenarios");
  if (!policy_option_ok(flags.suite)) return kExitBadInput;
  const SuiteReport suite = run_suite(
      flags.suite,
      [&](const ScenarioReport& report) {
        if (report.status != ScenarioReport::Status::Passed) print_scenario_line(std::cerr, report, flags.suite, false);
      },
      [&](const ScriptError& error) { print_input_error(std::cerr, error); });
  const std::vector<CoverageRow> rows = compute_coverage(suite);
  if (flags.json) std::cout << coverage_json(rows);
  else print_coverage(std::cout, rows);

  int missing = 0;
  for (const std::string& id : flags.required) {
    bool found = false;
    bool covered = false;
    for (const CoverageRow& row : rows) {
      if (row.entry.id != id) continue;
      found = true;
      covered = row.covered();
    }
    if (!found) {
      std::cerr << "pbxsim: --require: '" << id << "' is not a catalogue ID\n";
      return kExitBadInput;
    }
    if (!covered) {
      std::cerr << "required but not covered: " << id << "\n";
      ++missing;
    }
  }
  if (suite.errors() > 0) return kExitBadInput;
  return missing > 0 ? 1 : 0;
}

}  // namespace

// ------------------------------------------------------------------------- main

int main(int argc, char** argv) {
  CLI::App app{"pbxsim: a deterministic simulator and conformance bench for PBX behaviour"};
  app.set_version_flag("--version", std::string("pbxsim ") + kPbxsimVersion);
  app.require_subcommand(1);

  RunFlags run_flags;
  CLI::App* run = app.add_subcommand("run", "Run scenarios and check their expectations");
  add_suite_options(*run, run_flags.suite, true);
  run->add_option("--junit", run_flags.junit_path, "Also write JUnit XML to this file");
  run->add_flag("--json", run_flags.json, "Print results as JSON on stdout (progress goes to stderr)");
  run->add_flag("--check-determinism", run_flags.suite.check_determinism,
                "Run every scenario twice and fail when the traces differ");
  run->add_flag("-v,--verbose", run_flags.verbose, "Show checks and printed output of passing scenarios too");

  SuiteOptions check_options;
  CLI::App* check = app.add_subcommand("check", "Load and validate scenarios, policies and topologies without running");
  add_suite_options(*check, check_options, true);

  CoverageFlags coverage_flags;
  CLI::App* coverage = app.add_subcommand("coverage", "Catalogue IDs and the passing scenarios that cover them");
  add_suite_options(*coverage, coverage_flags.suite, false);
  coverage->add_flag("--json", coverage_flags.json, "Print as JSON");
  coverage->add_option("--require", coverage_flags.required, "Exit 1 unless these IDs are covered")->delimiter(',');

  DialFlags dial_flags;
  CLI::App* dial = app.add_subcommand("dial", "Analyse a dialed number (or a caller ID) step by step, without a call");
  dial->add_option("topology", dial_flags.topology, "A scenario file whose topology to use")->required();
  dial->add_option("number", dial_flags.number, "The number as dialed, e.g. 1800-GOTMILK")->required();
  dial->add_option("--policy", dial_flags.policy, "The policy (default: the scenario's)");
  dial->add_option("--scenario", dial_flags.scenario, "Which scenario of the file (default: the first)");
  dial->add_option("--from", dial_flags.from, "Dialed on this device (its calling restriction applies)");
  dial->add_flag("--caller-id", dial_flags.caller_id, "Analyse a caller ID with the directory lookup rules");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : kExitBadInput;
  }
  if (run->parsed()) return run_command(run_flags);
  if (check->parsed()) return check_command(check_options);
  if (coverage->parsed()) return coverage_command(coverage_flags);
  if (dial->parsed()) return dial_command(dial_flags, std::cout, std::cerr);
  return kExitBadInput;
}
