// pbxsim: the command line. Sections: options shared by commands · run ·
// check · coverage · main. Stored results (run --db, report, diff, merge,
// matrix) are in results_commands.cpp; `dial` lives in dial_command.cpp.
#include <CLI/CLI.hpp>

#include <unistd.h>

#include <cstdlib>
#include <new>
#include <set>
#include <iostream>
#include <sstream>

#include "pbxsim/scripting/lua_policy.h"
#include "pbxsim/scripting/policy_library.h"
#include "pbxsim/scripting/workload.h"
#include "pbxsim/simulator/bench_runner.h"
#include "pbxsim/simulator/coverage.h"
#include "pbxsim/simulator/dial_command.h"
#include "pbxsim/simulator/git_revision.h"
#include "pbxsim/simulator/reporters.h"
#include "pbxsim/simulator/static_check.h"
#include "pbxsim/simulator/suite_runner.h"
#include "pbxsim/simulator/version.h"
#include "commands/completion_command.h"
#include "commands/explain_command.h"
#include "commands/explore_command.h"
#include "commands/new_command.h"
#include "commands/route_command.h"
#include "results_commands.h"

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
  command.add_option("-k", options.keyword, "Only scenarios whose name or file contains this text (any case)");
  command.add_option("--lua-instructions", options.scenario_limits.instructions_per_call,
                     "Instruction budget of one call into a scenario (default 50000000)");
  command.add_option_function<std::size_t>(
      "--lua-kept-mib", [&options](std::size_t mib) { options.scenario_limits.kept_bytes = mib << 20; },
      "MiB pbxsim keeps for one scenario: print output, call numbers, scheduled calls and events, expectation values (default 64)");
  command.add_option_function<std::size_t>(
      "--engine-kept-mib", [&options](std::size_t mib) { options.engine_kept_bytes = mib << 20; },
      "MiB the engine keeps for one scenario's results: trace records (decisions included), ended calls, "
      "recent calls (default " + std::to_string(KeptMemory::kDefaultLimitMib) + "; a scenario's engine_kept_mib "
      "overrides it)")
      ->check(CLI::Range(KeptMemory::kMinLimitMib, KeptMemory::kMaxLimitMib));
  command.add_option("--cpu-limit-s", options.scenario_limits.cpu_limit_s,
                     "CPU seconds one scenario run may take, the last net under the instruction budget "
                     "(default " + std::to_string(kDefaultCpuLimitSeconds) + "; 0: no limit)");
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
  bool json = false;          // --json: the same as --format json
  std::string format = "text";
  bool verbose = false;
  bool list = false;
  std::string last_failed_db;
  RunResultsFlags results;
};

// --last-failed DB: the failed and errored scenarios of the latest run stored in DB.
bool select_last_failed(RunFlags& flags) {
  if (flags.last_failed_db.empty()) return true;
  auto stored = load_stored_suite(flags.last_failed_db, std::nullopt);
  if (auto* error = std::get_if<std::string>(&stored)) {
    std::cerr << "pbxsim: --last-failed: " << *error << "\n";
    return false;
  }
  std::set<std::pair<std::string, std::string>> failed;
  for (const ScenarioReport& report : std::get<SuiteReport>(stored).scenarios) {
    if (report.status != ScenarioReport::Status::Passed) failed.insert({report.file, report.result.decl.name});
  }
  flags.suite.only = std::move(failed);
  return true;
}

// Exit 5 when the paths hold scenarios but none was selected, with what selected.
int no_scenario_matched(const RunFlags& flags) {
  std::cerr << "pbxsim: no scenario matched";
  if (!flags.suite.filter.empty()) std::cerr << " --filter '" << flags.suite.filter << "'";
  if (!flags.suite.keyword.empty()) std::cerr << " -k '" << flags.suite.keyword << "'";
  if (flags.suite.only) std::cerr << " (--last-failed: the latest run in " << flags.last_failed_db << " had "
                                  << flags.suite.only->size() << " failure(s))";
  if (!flags.suite.shard.whole()) std::cerr << " in shard " << flags.suite.shard.text();
  std::cerr << " (exit " << kExitNoScenario << "; `pbxsim run PATH --list` lists them)\n";
  return kExitNoScenario;
}

int list_command(const RunFlags& flags) {
  const SuiteReport suite = list_suite(flags.suite);
  for (const ScriptError& error : suite.input_errors) print_input_error(std::cerr, error);
  for (const ScenarioReport& report : suite.scenarios) {
    std::cout << report.file << ":" << report.result.decl.line << "  " << report.result.decl.name << "\n";
  }
  if (!suite.input_errors.empty()) return kExitBadInput;
  const bool selecting = !flags.suite.filter.empty() || !flags.suite.keyword.empty() || flags.suite.only;
  return suite.scenarios.empty() && (selecting || flags.suite.shard.whole()) ? no_scenario_matched(flags) : 0;
}

int run_command(RunFlags& flags) {
  if (!policy_option_ok(flags.suite) || !select_last_failed(flags)) return kExitBadInput;
  if (flags.json) flags.format = "json";
  if (flags.list && !flags.results.db_path.empty()) {
    std::cerr << "pbxsim: --list runs nothing, so there is nothing to store: leave out --db\n";
    return kExitBadInput;
  }
  RunRecorder recorder;
  if (!recorder.start(flags.results, flags.suite)) return kExitBadInput;  // also applies --shard
  if (flags.list) return list_command(flags);
  const bool text = flags.format == "text" || flags.format == "github";
  // Machine formats own stdout; the progress of failures goes to stderr.
  std::ostream& out = text ? std::cout : std::cerr;
  if (text) {
    out << "pbxsim " << kPbxsimVersion << "  seed " << flags.suite.seed;
    if (!flags.suite.policy.empty()) out << "  policy " << flags.suite.policy;
    if (!flags.suite.shard.whole()) out << "  shard " << flags.suite.shard.text();
    out << "\n";
  }
  int tap_number = 0;
  const SuiteReport suite = run_suite(
      flags.suite,
      [&](const ScenarioReport& report) {
        recorder.scenario(report, flags.suite);
        if (text) print_scenario_line(out, report, flags.suite, flags.verbose);
        else if (report.status != ScenarioReport::Status::Passed) print_scenario_line(std::cerr, report, flags.suite, false);
        if (flags.format == "github") print_github_annotations(std::cout, report, flags.suite);
        if (flags.format == "tap") print_tap_scenario(std::cout, ++tap_number, report, flags.suite);
      },
      [&](const ScriptError& error) {
        print_input_error(std::cerr, error);
        if (flags.format == "github") print_github_input_error(std::cout, error);
        if (flags.format == "tap") print_tap_input_error(std::cout, ++tap_number, error);
      });
  if (!flags.junit_path.empty()) {
    if (auto error = write_junit(flags.junit_path, suite, flags.suite)) {
      std::cerr << "pbxsim: --junit: " << *error << "\n";
      return kExitBadInput;
    }
  }
  recorder.finish(out, suite);
  if (flags.format == "json") std::cout << suite_json(suite, flags.suite);
  else if (flags.format == "junit") std::cout << junit_xml(suite, flags.suite);
  else if (flags.format == "tap") print_tap_plan(std::cout, tap_number);
  else print_summary(out, suite);
  if (recorder.failed()) return kExitBadInput;
  // An empty shard of a small suite is normal; an empty selection is not.
  const bool selecting = !flags.suite.filter.empty() || !flags.suite.keyword.empty() || flags.suite.only;
  if (suite.scenarios.empty() && suite.errors() == 0 && (selecting || flags.suite.shard.whole())) {
    return no_scenario_matched(flags);
  }
  return suite.exit_code();
}

// ------------------------------------------------------------------------ check

struct CheckFlags {
  SuiteOptions suite;
  bool json = false;
  bool verbose = false;
};

// `check --policy FILE` without scenarios: loads the policy alone, with the
// strict checks of its names, settings and hooks.
int check_policy_alone(const CheckFlags& flags) {
  auto loaded = LuaPolicy::load(flags.suite.policy, "", SandboxLimits{}, Prng(flags.suite.seed).child("lua:policy"));
  if (auto* error = std::get_if<ScriptError>(&loaded)) {
    if (error->file.empty()) std::cerr << "pbxsim: --policy: " << error->message << "\n";
    else std::cerr << error->text() << "\n";
    return kExitBadInput;
  }
  const LuaPolicy& policy = *std::get<std::unique_ptr<LuaPolicy>>(loaded);
  std::cout << policy.path() << ": policy " << policy.name() << " loads: its hooks and settings are known and well typed\n";
  return 0;
}

// Validation and static routing analysis (static_check.h).
int check_command(const CheckFlags& flags) {
  if (flags.suite.paths.empty()) {
    if (flags.suite.policy.empty()) {
      std::cerr << "pbxsim: check: give scenario paths, or --policy FILE to check a policy alone\n";
      return kExitBadInput;
    }
    return check_policy_alone(flags);
  }
  if (!policy_option_ok(flags.suite)) return kExitBadInput;
  const StaticCheckReport report = run_static_check(flags.suite);
  if (flags.json) std::cout << static_check_json(report);
  else print_static_check(std::cout, std::cerr, report, flags.verbose);
  return report.exit_code();
}

// --------------------------------------------------------------------- coverage

struct CoverageFlags {
  SuiteOptions suite;
  bool json = false;
  std::vector<std::string> required;
  std::string db_path;  // from a stored run instead of running
  std::optional<std::int64_t> run;
};

// The suite to report on: a stored run (--db) or a live run of the paths.
std::optional<SuiteReport> coverage_suite(CoverageFlags& flags) {
  if (!flags.db_path.empty()) {
    if (!flags.suite.paths.empty()) {
      std::cerr << "pbxsim: coverage: give scenario paths or --db FILE, not both\n";
      return std::nullopt;
    }
    auto stored = load_stored_suite(flags.db_path, flags.run);
    if (auto* error = std::get_if<std::string>(&stored)) {
      std::cerr << "pbxsim: " << *error << "\n";
      return std::nullopt;
    }
    return std::move(std::get<SuiteReport>(stored));
  }
  if (flags.suite.paths.empty()) flags.suite.paths.push_back("scenarios");
  if (!policy_option_ok(flags.suite)) return std::nullopt;
  flags.suite.jobs = resolved_jobs(flags.suite.jobs);
  return run_suite(
      flags.suite,
      [&](const ScenarioReport& report) {
        if (report.status != ScenarioReport::Status::Passed) print_scenario_line(std::cerr, report, flags.suite, false);
      },
      [&](const ScriptError& error) { print_input_error(std::cerr, error); });
}

int coverage_command(CoverageFlags flags) {
  const std::optional<SuiteReport> reported = coverage_suite(flags);
  if (!reported) return kExitBadInput;
  const SuiteReport& suite = *reported;
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

// ------------------------------------------------------------------------ bench

struct BenchFlags {
  std::string file = "scenarios/bench/enterprise_day.lua";
  std::uint64_t seed = 1;
  std::int64_t users = 0;  // 0: the workload's own
  std::int64_t calls = -1;
  std::string policy;
  bool json = false;
  std::string soak_every;  // empty: no soak samples
  DecisionCacheMode decision_cache = DecisionCacheMode::AfterWarmUp;
};

int bench_command(const BenchFlags& flags) {
  TimeUs soak_every_us = 0;
  if (!flags.soak_every.empty()) {
    std::string why;
    const auto parsed = parse_duration(flags.soak_every, &why);
    if (!parsed || *parsed <= 0 || *parsed % kSoakStepUs != 0) {
      std::cerr << "--soak " << flags.soak_every << ": expected a time that is a multiple of "
                << format_duration(kSoakStepUs) << " (such as 30m)" << (why.empty() ? "" : ": " + why) << "\n";
      return kExitBadInput;
    }
    soak_every_us = *parsed;
  }
  auto loaded = load_workload(flags.file, SandboxLimits{});
  if (auto* error = std::get_if<ScriptError>(&loaded)) {
    std::cerr << error->text() << "\n";
    return kExitBadInput;
  }
  WorkloadSpec spec = std::get<WorkloadSpec>(loaded);
  if (flags.users > 0) spec.users = flags.users;
  if (flags.calls >= 0) spec.calls = flags.calls;
  if (!flags.policy.empty()) spec.policy = flags.policy;
  // A progress line only for a person at a terminal, never in CI logs.
  const bool show_progress = isatty(STDERR_FILENO) != 0 && std::getenv("CI") == nullptr;
  BenchProgress progress;
  if (show_progress) {
    progress = [](TimeUs now_us, TimeUs end_us) {
      if (now_us % (10 * kUsPerMinute) != 0) return;
      std::cerr << "\rsimulated " << format_duration(now_us) << " of " << format_duration(end_us) << "   " << std::flush;
    };
  }
  auto result = run_workload(spec, flags.seed, progress, soak_every_us, flags.decision_cache);
  if (show_progress) std::cerr << "\r" << std::string(40, ' ') << "\r";
  if (auto* error = std::get_if<ScriptError>(&result)) {
    std::cerr << error->text() << "\n";
    return kExitBadInput;
  }
  const BenchFigures& figures = std::get<BenchFigures>(result);
  std::cout << (flags.json ? bench_json(figures) : bench_text(figures));
  return 0;
}

}  // namespace

// ------------------------------------------------------------------------- main

int main(int argc, char** argv) {
  CLI::App app{"pbxsim: a deterministic simulator and conformance bench for PBX behaviour"};
  app.name("pbxsim");
  app.set_version_flag("--version", version_text("pbxsim"));
  // Every command's help on one page: the man page is made from it.
  app.set_help_all_flag("--help-all", "Print the help of every command");
  app.require_subcommand(1);

  RunFlags run_flags;
  CLI::App* run = app.add_subcommand("run", "Run scenarios and check their expectations");
  add_suite_options(*run, run_flags.suite, true);
  run->add_option("--junit", run_flags.junit_path, "Also write JUnit XML to this file");
  run->add_flag("--json", run_flags.json, "Print results as JSON on stdout (progress goes to stderr)");
  run->add_flag("--check-determinism", run_flags.suite.check_determinism,
                "Run every scenario twice and fail when the traces differ");
  run->add_flag("-v,--verbose", run_flags.verbose, "Show checks and printed output of passing scenarios too");
  run->add_option("--format", run_flags.format,
                  "text (default), json, junit (XML), tap (TAP 13) or github (text and GitHub Actions annotations)")
      ->check(CLI::IsMember({"text", "json", "junit", "tap", "github"}));
  run->add_flag("--list", run_flags.list, "List the selected scenarios (FILE:LINE  NAME) without running them");
  run->add_flag("-x,--fail-fast", run_flags.suite.fail_fast, "Stop at the first failed or erroring scenario");
  run->add_option("--last-failed", run_flags.last_failed_db,
                  "Only the scenarios that failed in the latest run stored in this results database");
  add_run_results_options(*run, run_flags.results, run_flags.suite);
  run_flags.results.command_line = shell_join(argc, argv);

  CheckFlags check_flags;
  CLI::App* check = app.add_subcommand(
      "check", "Load and validate scenarios, policies and topologies, and analyse their routing, without running");
  add_suite_options(*check, check_flags.suite, false);
  check->add_flag("--json", check_flags.json, "Print findings as JSON");
  check->add_flag("-v,--verbose", check_flags.verbose, "Also show findings the scenarios expect");

  CoverageFlags coverage_flags;
  CLI::App* coverage = app.add_subcommand("coverage", "Catalogue IDs and the passing scenarios that cover them");
  add_suite_options(*coverage, coverage_flags.suite, false);
  coverage->add_flag("--json", coverage_flags.json, "Print as JSON");
  coverage->add_option("--require", coverage_flags.required, "Exit 1 unless these IDs are covered")->delimiter(',');
  coverage->add_option("--db", coverage_flags.db_path, "From a run stored in this results database, not a live run");
  coverage->add_option("--run", coverage_flags.run, "With --db: the run id (default: the latest)");
  add_jobs_option(*coverage, coverage_flags.suite);

  ResultsCommands results;
  results.command_line = shell_join(argc, argv);
  add_results_commands(app, results);

  BenchFlags bench_flags;
  CLI::App* bench = app.add_subcommand("bench", "Run a throughput workload and print its figures");
  bench->add_option("file", bench_flags.file, "Workload file (default: scenarios/bench/enterprise_day.lua)");
  bench->add_option("--seed", bench_flags.seed, "Seed of the simulation's PRNG (default 1)");
  bench->add_option("--users", bench_flags.users, "Override the workload's number of users")->check(CLI::Range(1, 10'000'000));
  bench->add_option("--calls", bench_flags.calls, "Override the workload's number of calls")->check(CLI::Range(0, 100'000'000));
  bench->add_option("--policy", bench_flags.policy, "Override the workload's policy");
  bench->add_flag("--json", bench_flags.json, "Print the figures as JSON");
  bench->add_option("--soak", bench_flags.soak_every,
                    "Sample resident memory and us per call every TIME of simulated time (a soak: they should stay flat)");
  add_decision_cache_option(*bench, bench_flags.decision_cache);
  RouteFlags route_flags;
  CLI::App* route = add_route_command(app, route_flags);
  ExploreFlags explore_flags;
  CLI::App* explore = add_explore_command(app, explore_flags);
  explore_flags.command_line = shell_join(argc, argv);

  ExplainFlags explain_flags;
  CLI::App* explain = add_explain_command(app, explain_flags);

  NewFlags new_flags;
  CLI::App* new_file = add_new_command(app, new_flags);

  DialFlags dial_flags;
  CLI::App* dial = app.add_subcommand("dial", "Analyse a dialed number (or a caller ID) step by step, without a call");
  dial->add_option("topology", dial_flags.topology, "A scenario file whose topology to use")->required();
  dial->add_option("number", dial_flags.number, "The number as dialed, e.g. 1800-GOTMILK")->required();
  dial->add_option("--policy", dial_flags.policy, "The policy (default: the scenario's)");
  dial->add_option("--scenario", dial_flags.scenario, "Which scenario of the file (default: the first)");
  dial->add_option("--from", dial_flags.from, "Dialed on this device (its calling restriction applies)");
  dial->add_flag("--caller-id", dial_flags.caller_id, "Analyse a caller ID with the directory lookup rules");

  CompletionFlags completion_flags;
  CLI::App* completion = add_completion_command(app, completion_flags);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : kExitBadInput;
  }
  // The last net for memory the machine (or a ulimit) refuses: what a run
  // keeps is limited (--lua-kept-mib, --engine-kept-mib), but raised limits
  // or a small machine can still run out; that is exit 2, not std::terminate.
  try {
    if (run->parsed()) return run_command(run_flags);
    if (check->parsed()) return check_command(check_flags);
    if (coverage->parsed()) return coverage_command(coverage_flags);
    if (bench->parsed()) return bench_command(bench_flags);
    if (route->parsed()) return route_command(route_flags);
    if (explore->parsed()) return explore_command(explore_flags);
    if (explain->parsed()) return explain_command(explain_flags, std::cout, std::cerr);
    if (auto status = run_results_command(results)) return *status;
    if (dial->parsed()) return dial_command(dial_flags, std::cout, std::cerr);
    if (new_file->parsed()) return new_command(new_flags);
    if (completion->parsed()) return completion_command(app, completion_flags, std::cout);
  } catch (const std::bad_alloc&) {
    std::cout.flush();
    std::cerr << "pbxsim: out of memory: the machine or a limit on the process refused memory; lower "
                 "--engine-kept-mib or --lua-kept-mib if they were raised, or give pbxsim more memory\n";
    return kExitBadInput;
  }
  return kExitBadInput;
}
