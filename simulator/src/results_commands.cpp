// Sections: helpers · run options and the recorder · report · diff · merge ·
// matrix · registration.
#include "results_commands.h"

#include <algorithm>
#include <iostream>
#include <map>
#include <set>
#include <thread>

#include "pbxsim/scripting/policy_library.h"
#include "pbxsim/simulator/call_summary.h"
#include "pbxsim/simulator/explore/exploration_store.h"
#include "pbxsim/simulator/git_revision.h"
#include "pbxsim/simulator/golden.h"
#include "pbxsim/simulator/matrix.h"
#include "pbxsim/simulator/reporters.h"
#include "pbxsim/simulator/run_diff.h"
#include "pbxsim/simulator/version.h"

namespace pbxsim {
namespace {

constexpr int kExitBadInput = 2;

// ----------------------------------------------------------------------- helpers

std::unique_ptr<ResultsDb> open_or_report(const std::string& path, ResultsDb::Mode mode) {
  auto opened = ResultsDb::open(path, mode);
  if (auto* error = std::get_if<std::string>(&opened)) {
    std::cerr << "pbxsim: " << *error << "\n";
    return nullptr;
  }
  return std::move(std::get<std::unique_ptr<ResultsDb>>(opened));
}

std::optional<StoredRun> load_or_report(ResultsDb& db, std::optional<std::int64_t> run, LoadParts parts = {}) {
  auto loaded = db.load_run(run, parts);
  if (auto* error = std::get_if<std::string>(&loaded)) {
    std::cerr << "pbxsim: " << *error << "\n";
    return std::nullopt;
  }
  return std::move(std::get<StoredRun>(loaded));
}

std::string run_label(const std::string& path, const RunInfo& info) { return path + " " + info.describe(); }

}  // namespace

std::string shell_join(int argc, char** argv) {
  std::string line;
  for (int i = 0; i < argc; ++i) {
    const std::string arg = i == 0 ? std::string("pbxsim") : std::string(argv[i]);
    const bool plain = !arg.empty() && arg.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                             "0123456789-_./:=,+@%") == std::string::npos;
    if (!line.empty()) line += ' ';
    if (plain) {
      line += arg;
      continue;
    }
    line += '\'';
    for (char c : arg) line += c == '\'' ? std::string("'\\''") : std::string(1, c);
    line += '\'';
  }
  return line;
}

// ------------------------------------------------------ run options and the recorder

void add_jobs_option(CLI::App& command, SuiteOptions& suite) {
  command.add_option("--jobs,-j", suite.jobs, "Run scenarios on N threads (0: one per core); results are the same")
      ->check(CLI::Range(0, 1024));
}

void add_decision_cache_option(CLI::App& command, DecisionCacheMode& mode) {
  const std::map<std::string, DecisionCacheMode> modes{
      {"off", DecisionCacheMode::Off}, {"on", DecisionCacheMode::AfterWarmUp}, {"eager", DecisionCacheMode::FromFirstCall}};
  command.add_option("--decision-cache", mode,
                     "Remember policy answers by the facts the hook read: on (default: after the first 2000 hook "
                     "calls), off, or eager (from the first call). The trace is the same in every mode")
      ->transform(CLI::CheckedTransformer(modes, CLI::ignore_case));
}

int resolved_jobs(int jobs) {
  return jobs > 0 ? jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

void add_run_results_options(CLI::App& run, RunResultsFlags& flags, SuiteOptions& suite) {
  run.add_option("--db", flags.db_path, "Record the run in this results database (SQLite; created if missing)");
  run.add_flag("--trace", flags.full_trace,
               "With --db: store every trace event, not only those of calls, and the policy's decisions (--decisions)");
  run.add_flag("--decisions", suite.record_decisions,
               "Record every policy decision (hook, facts read, answer, file:line) in the trace; stored with --db, "
               "read by `pbxsim explain` and the viewer. The trace hash is the same without");
  run.add_option("--shard", flags.shard, "Run only shard K of N (K/N), a stable split by scenario file; auto or auto/N: K and N from the scheduler (docs/scaling.md)");
  add_jobs_option(run, suite);
  add_decision_cache_option(run, suite.decision_cache);
  run.add_flag("--update-golden", flags.update_golden,
               "Record every scenario's call outcomes and paths in FILE.golden beside it");
}

void RunRecorder::fail(const std::string& message) {
  std::cerr << "pbxsim: --db: " << message << "\n";
  failed_ = true;
}

bool RunRecorder::start(const RunResultsFlags& flags, SuiteOptions& suite) {
  flags_ = flags;
  suite.jobs = resolved_jobs(suite.jobs);
  if (!flags.shard.empty()) {
    std::string error;
    const auto shard = resolve_shard(flags.shard, process_environment(), &error);
    if (!shard) {
      std::cerr << "pbxsim: --shard: " << error << "\n";
      return false;
    }
    suite.shard = *shard;
  }
  suite.compare_golden = !flags.update_golden;
  if (flags.full_trace && flags.db_path.empty()) {
    std::cerr << "pbxsim: --trace stores trace events in the results database: give --db FILE too\n";
    return false;
  }
  if (flags.full_trace) suite.record_decisions = true;
  if (flags.db_path.empty()) return true;
  db_ = open_or_report(flags.db_path, ResultsDb::Mode::Write);
  if (!db_) return false;
  suite.listener_beside_runs = true;
  RunInfo info;
  info.started_at = utc_now();
  info.pbxsim_version = kPbxsimVersion;
  info.git_revision = git_revision();
  info.seed = suite.seed;
  info.policy = suite.policy;
  info.command_line = flags.command_line;
  info.shard = suite.shard.whole() ? "" : suite.shard.text();
  info.jobs = suite.jobs;
  info.full_trace = flags.full_trace;
  auto begun = db_->begin_run(info);
  if (auto* error = std::get_if<std::string>(&begun)) {
    std::cerr << "pbxsim: --db: " << *error << "\n";
    return false;
  }
  run_ = std::get<std::int64_t>(begun);
  return true;
}

void RunRecorder::scenario(const ScenarioReport& report, const SuiteOptions& options) {
  if (!db_ || failed_) return;
  if (auto error = db_->add_scenario(run_, report, options, flags_.full_trace)) fail(*error);
}

void RunRecorder::finish(std::ostream& out, const SuiteReport& suite) {
  if (flags_.update_golden) {
    for (const GoldenUpdate& update : update_golden_files(suite)) {
      if (update.error) {
        std::cerr << "pbxsim: --update-golden: " << *update.error << "\n";
        failed_ = true;
        continue;
      }
      out << "golden: " << update.path << ": recorded " << update.recorded << " scenario(s)";
      if (!update.skipped.empty()) out << "; not recorded (they could not run): " << update.skipped.size();
      out << "\n";
    }
  }
  if (!db_ || failed_) return;
  for (std::size_t i = 0; i < suite.input_errors.size(); ++i) {
    const int ordinal = i < suite.input_error_ordinals.size() ? suite.input_error_ordinals[i] : -1;
    if (auto error = db_->add_input_error(run_, suite.input_errors[i], ordinal)) return fail(*error);
  }
  if (auto error = db_->finish_run(run_, suite, utc_now())) return fail(*error);
  out << "results: " << db_->path() << " run " << run_ << "\n";
}

// ---------------------------------------------------------------- stored results

std::variant<SuiteReport, std::string> load_stored_suite(const std::string& path, std::optional<std::int64_t> run) {
  auto opened = ResultsDb::open(path, ResultsDb::Mode::Read);
  if (auto* error = std::get_if<std::string>(&opened)) return *error;
  auto loaded = std::get<std::unique_ptr<ResultsDb>>(opened)->load_run(run, LoadParts{false, false});
  if (auto* error = std::get_if<std::string>(&loaded)) return *error;
  return std::move(std::get<StoredRun>(loaded).suite);
}

namespace {

// ------------------------------------------------------------------------ report

int list_runs(ResultsDb& db) {
  auto runs = db.runs();
  if (auto* error = std::get_if<std::string>(&runs)) {
    std::cerr << "pbxsim: " << *error << "\n";
    return kExitBadInput;
  }
  for (const RunInfo& info : std::get<std::vector<RunInfo>>(runs)) {
    std::cout << "run " << info.id << "  " << info.started_at << "  seed " << info.seed;
    if (!info.policy.empty()) std::cout << "  policy " << info.policy;
    if (!info.shard.empty()) std::cout << "  shard " << info.shard;
    if (info.finished()) {
      std::cout << "  " << info.passed << " passed, " << info.failed << " failed, " << info.errors << " error(s)";
    } else {
      std::cout << "  did not finish";
    }
    std::cout << "\n    " << (info.merged_from.empty() ? info.command_line : "merged from " + info.merged_from) << "\n";
  }
  return 0;
}

int report_command(const ResultsCommands& flags) {
  auto db = open_or_report(flags.report_path, ResultsDb::Mode::Read);
  if (!db) return kExitBadInput;
  if (flags.report_list) return list_runs(*db);
  auto stored = load_or_report(*db, flags.report_run, LoadParts{flags.report_verbose || flags.report_json, false});
  if (!stored) return kExitBadInput;
  if (flags.report_json) {
    std::cout << suite_json(stored->suite, stored->options());  // the document `run --json` printed
    return stored->suite.exit_code();
  }
  const RunInfo& info = stored->info;
  std::cout << db->path() << " run " << info.id << ": pbxsim " << info.pbxsim_version;
  if (!info.git_revision.empty()) std::cout << " (" << info.git_revision << ")";
  std::cout << "  seed " << info.seed;
  if (!info.policy.empty()) std::cout << "  policy " << info.policy;
  if (!info.shard.empty()) std::cout << "  shard " << info.shard;
  std::cout << "\n  started " << info.started_at << ", "
            << (info.finished() ? "finished " + info.finished_at : std::string("did not finish")) << "\n  "
            << (info.merged_from.empty() ? info.command_line : "merged from " + info.merged_from) << "\n";
  const RunSettings options = stored->options();
  for (const ScenarioReport& report : stored->suite.scenarios) {
    print_scenario_line(std::cout, report, options, flags.report_verbose);
    if (!flags.report_verbose) continue;
    for (const CallRecord& call : report.result.calls) {
      std::cout << "      " << call_heading(call) << "\n";
      for (const std::string& fact : call_facts(call)) std::cout << "        " << fact << "\n";
    }
  }
  for (const ScriptError& error : stored->suite.input_errors) print_input_error(std::cout, error);
  if (!info.finished()) {
    std::cout << "this run did not finish (killed or crashed): " << stored->suite.scenarios.size()
              << " scenario(s) were recorded\n";
  }
  print_summary(std::cout, stored->suite);
  return stored->suite.exit_code();
}

// -------------------------------------------------------------------------- diff

int diff_command(const ResultsCommands& flags) {
  const RunRef before_ref = parse_run_ref(flags.diff_before);
  const RunRef after_ref = parse_run_ref(flags.diff_after);
  auto before_db = open_or_report(before_ref.path, ResultsDb::Mode::Read);
  if (!before_db) return kExitBadInput;
  auto after_db = open_or_report(after_ref.path, ResultsDb::Mode::Read);
  if (!after_db) return kExitBadInput;
  auto before = load_or_report(*before_db, before_ref.run);
  if (!before) return kExitBadInput;
  auto after = load_or_report(*after_db, after_ref.run);
  if (!after) return kExitBadInput;
  const RunDiff diff = diff_runs(*before, *after);
  const std::string before_label = run_label(before_ref.path, before->info);
  const std::string after_label = run_label(after_ref.path, after->info);
  if (flags.diff_json) std::cout << diff_json(diff, before_label, after_label);
  else print_diff(std::cout, diff, before_label, after_label);
  return diff.count(DiffEntry::Kind::Regression) > 0 ? 1 : 0;
}

// ------------------------------------------------------------------------- merge

int merge_command(const ResultsCommands& flags) {
  // Shards of `explore --db` are merged by the exploration's own rules.
  if (!flags.merge_inputs.empty() && is_exploration_file(parse_run_ref(flags.merge_inputs.front()).path)) {
    return merge_explorations(flags.merge_output, flags.merge_inputs);
  }
  std::vector<StoredRun> inputs;
  std::vector<std::string> sources;
  for (const std::string& text : flags.merge_inputs) {
    const RunRef ref = parse_run_ref(text);
    if (ref.path == flags.merge_output) {
      std::cerr << "pbxsim: merge: " << ref.path << " is the output; merge into another file\n";
      return kExitBadInput;
    }
    auto db = open_or_report(ref.path, ResultsDb::Mode::Read);
    if (!db) return kExitBadInput;
    auto stored = load_or_report(*db, ref.run, LoadParts{true, true, true});  // the merged run keeps the topologies
    if (!stored) return kExitBadInput;
    sources.push_back(ref.path + ":" + std::to_string(stored->info.id));
    inputs.push_back(std::move(*stored));
  }

  // The inputs must be parts of one suite run: same seed and policy, and no
  // scenario twice.
  const RunInfo& first = inputs.front().info;
  std::map<std::pair<std::string, std::size_t>, std::string> owner;
  std::map<std::string, std::string> shard_source;  // "2/3" -> the input that holds it
  int shard_count = 0;
  bool all_shards = true;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const RunInfo& info = inputs[i].info;
    if (info.seed != first.seed || info.policy != first.policy) {
      std::cerr << "pbxsim: merge: " << sources[i] << " ran with seed " << info.seed << " and policy '" << info.policy
                << "', " << sources[0] << " with seed " << first.seed << " and policy '" << first.policy
                << "': only parts of the same run can be merged\n";
      return kExitBadInput;
    }
    if (!info.finished()) std::cerr << "pbxsim: merge: warning: " << sources[i] << " did not finish\n";
    for (const ScenarioReport& report : inputs[i].suite.scenarios) {
      const auto [it, fresh] = owner.emplace(std::make_pair(report.file, report.index), sources[i]);
      if (!fresh) {
        std::cerr << "pbxsim: merge: " << report.file << ":" << report.result.decl.line << " \""
                  << report.result.decl.name << "\" is in both " << it->second << " and " << sources[i]
                  << ": merge each shard once\n";
        return kExitBadInput;
      }
    }
    const auto shard = info.shard.empty() ? std::nullopt : parse_shard(info.shard, nullptr);
    if (!shard) {
      all_shards = false;
      continue;
    }
    shard_count = shard_count == 0 ? shard->count : shard_count;
    all_shards = all_shards && shard->count == shard_count;
    if (const auto [it, fresh] = shard_source.emplace(info.shard, sources[i]); !fresh) {
      std::cerr << "pbxsim: merge: shard " << info.shard << " is given twice (" << it->second << " and " << sources[i]
                << "): merge each shard once\n";
      return kExitBadInput;
    }
  }
  // A merged run must be the whole run: a missing shard would pass as a smaller suite.
  if (all_shards && shard_count > 0) {
    std::string missing;
    for (int k = 1; k <= shard_count; ++k) {
      const std::string name = Shard{k, shard_count}.text();
      if (!shard_source.contains(name)) missing += (missing.empty() ? "" : ", ") + name;
    }
    if (!missing.empty()) {
      std::cerr << "pbxsim: merge: shard(s) " << missing << " missing: give every shard of the run (run each with "
                << "`pbxsim run ... --shard K/" << shard_count << " --db FILE`)\n";
      return kExitBadInput;
    }
  }

  SuiteReport merged;
  merged.seed = first.seed;
  merged.policy = first.policy;
  std::vector<std::pair<int, ScriptError>> errors;
  std::set<std::string> error_texts;
  bool full_trace = true;
  std::string started_at = first.started_at;
  for (StoredRun& input : inputs) {
    full_trace = full_trace && input.info.full_trace;
    started_at = std::min(started_at, input.info.started_at);
    for (ScenarioReport& report : input.suite.scenarios) merged.scenarios.push_back(std::move(report));
    for (std::size_t e = 0; e < input.suite.input_errors.size(); ++e) {
      // A path that does not exist is reported by every shard; keep it once.
      if (!error_texts.insert(input.suite.input_errors[e].text()).second) continue;
      const int ordinal = e < input.suite.input_error_ordinals.size() ? input.suite.input_error_ordinals[e] : -1;
      errors.emplace_back(ordinal, input.suite.input_errors[e]);
    }
  }
  std::stable_sort(merged.scenarios.begin(), merged.scenarios.end(), [](const ScenarioReport& a, const ScenarioReport& b) {
    return std::tie(a.file_ordinal, a.file, a.index) < std::tie(b.file_ordinal, b.file, b.index);
  });
  std::stable_sort(errors.begin(), errors.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [ordinal, error] : errors) {
    merged.input_error_ordinals.push_back(ordinal);
    merged.input_errors.push_back(std::move(error));
  }

  auto out = open_or_report(flags.merge_output, ResultsDb::Mode::Write);
  if (!out) return kExitBadInput;
  RunInfo info;
  info.started_at = started_at;
  info.pbxsim_version = kPbxsimVersion;
  info.git_revision = git_revision();
  info.seed = first.seed;
  info.policy = first.policy;
  info.command_line = flags.command_line;
  info.jobs = 1;
  info.full_trace = full_trace;
  std::string from;
  for (const std::string& source : sources) from += (from.empty() ? "" : " ") + source;
  info.merged_from = from;
  auto begun = out->begin_run(info);
  if (auto* error = std::get_if<std::string>(&begun)) {
    std::cerr << "pbxsim: " << *error << "\n";
    return kExitBadInput;
  }
  const std::int64_t run = std::get<std::int64_t>(begun);
  const RunSettings options = inputs.front().options();
  for (const ScenarioReport& report : merged.scenarios) {
    if (auto error = out->add_scenario(run, report, options, full_trace)) {
      std::cerr << "pbxsim: " << *error << "\n";
      return kExitBadInput;
    }
  }
  for (std::size_t e = 0; e < merged.input_errors.size(); ++e) {
    if (auto error = out->add_input_error(run, merged.input_errors[e], merged.input_error_ordinals[e])) {
      std::cerr << "pbxsim: " << *error << "\n";
      return kExitBadInput;
    }
  }
  if (auto error = out->finish_run(run, merged, utc_now())) {
    std::cerr << "pbxsim: " << *error << "\n";
    return kExitBadInput;
  }
  std::cout << "merged " << inputs.size() << " run(s) into " << out->path() << " run " << run << ": "
            << merged.scenarios.size() << " scenario(s)\n";
  print_summary(std::cout, merged);
  return 0;
}

// ------------------------------------------------------------------------ matrix

int matrix_command(ResultsCommands& flags) {
  SuiteOptions& suite = flags.matrix_suite;
  if (suite.paths.empty()) suite.paths.push_back("scenarios/matrix");
  suite.jobs = resolved_jobs(suite.jobs);
  std::vector<std::string> policies = flags.matrix_policies;
  if (policies.empty()) policies = standard_policy_names();
  for (const std::string& policy : policies) {
    auto found = find_policy(policy, "");
    if (auto* message = std::get_if<std::string>(&found)) {
      std::cerr << "pbxsim: --policies: " << *message << "\n";
      return kExitBadInput;
    }
  }
  const Matrix matrix = build_matrix(suite, policies);
  for (const ScriptError& error : matrix.input_errors) print_input_error(std::cerr, error);
  if (flags.matrix_format == "json") std::cout << matrix_json(matrix);
  else if (flags.matrix_format == "markdown") std::cout << matrix_markdown(matrix);
  else std::cout << matrix_text(matrix);
  return matrix.input_errors.empty() ? 0 : kExitBadInput;
}

}  // namespace

// ------------------------------------------------------------------ registration

void add_results_commands(CLI::App& app, ResultsCommands& commands) {
  commands.report = app.add_subcommand("report", "Print a stored run like `run` printed it (exit status as the run's)");
  commands.report->add_option("file", commands.report_path, "Results database")->required();
  commands.report->add_option("--run", commands.report_run, "Run id (default: the latest; --list shows them)");
  commands.report->add_flag("--list", commands.report_list, "List the runs in the file");
  commands.report->add_flag("-v,--verbose", commands.report_verbose, "Show checks and calls of every scenario");
  commands.report->add_flag("--json", commands.report_json, "Print the run as `run --json` did");

  commands.diff = app.add_subcommand(
      "diff", "What changed between two stored runs; exit 1 on a regression (FILE or FILE:RUN, default latest run)");
  commands.diff->add_option("before", commands.diff_before, "The baseline: FILE[:RUN]")->required();
  commands.diff->add_option("after", commands.diff_after, "The run to judge: FILE[:RUN]")->required();
  commands.diff->add_flag("--json", commands.diff_json, "Print the changes and their counts as JSON");

  commands.merge = app.add_subcommand("merge", "Combine stored runs (the shards of one run) into a run in OUT");
  commands.merge->add_option("out", commands.merge_output, "Results database to write (created if missing)")->required();
  commands.merge->add_option("inputs", commands.merge_inputs, "Runs to combine: FILE[:RUN] ...")->required();

  commands.matrix = app.add_subcommand(
      "matrix", "Run the same scenarios under several policies and tabulate each call's outcome per policy");
  commands.matrix->add_option("paths", commands.matrix_suite.paths, "Scenario files or folders (default scenarios/matrix)");
  commands.matrix->add_option("--policies", commands.matrix_policies, "Policies to compare (default: every standard one)")
      ->delimiter(',');
  commands.matrix->add_option("--format", commands.matrix_format, "text, markdown or json")
      ->check(CLI::IsMember({"text", "markdown", "json"}));
  commands.matrix->add_option("--seed", commands.matrix_suite.seed, "Seed of the simulation's PRNG (default 1)");
  commands.matrix->add_option("--filter", commands.matrix_suite.filter, "Only scenarios whose name or file matches this glob");
  commands.matrix->add_option("--lua-instructions", commands.matrix_suite.scenario_limits.instructions_per_call,
                              "Instruction budget of one call into a scenario (default 50000000)");
  add_jobs_option(*commands.matrix, commands.matrix_suite);
}

std::optional<int> run_results_command(ResultsCommands& commands) {
  if (commands.report && commands.report->parsed()) return report_command(commands);
  if (commands.diff && commands.diff->parsed()) return diff_command(commands);
  if (commands.merge && commands.merge->parsed()) return merge_command(commands);
  if (commands.matrix && commands.matrix->parsed()) return matrix_command(commands);
  return std::nullopt;
}

}  // namespace pbxsim
