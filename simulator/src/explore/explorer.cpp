// Sections: exit codes and commands · reproducers · the seed loop · text · JSON.
#include "pbxsim/simulator/explore/explorer.h"
#include "pbxsim/simulator/valid_utf8.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>

#include "pbxsim/simulator/explore/features.h"
#include "pbxsim/simulator/explore/shrinker.h"

namespace pbxsim {

// ------------------------------------------------------- exit codes and commands

int explore_exit_code(CaseVerdict worst) {
  switch (worst) {
    case CaseVerdict::Passed: return 0;
    case CaseVerdict::Violated: return kExploreExitViolation;
    case CaseVerdict::Nondeterministic: return kExploreExitNondeterminism;
    case CaseVerdict::Failed: return kExploreExitCrash;
  }
  return kExploreExitCrash;
}

int ExploreReport::exit_code() const {
  CaseVerdict worst = CaseVerdict::Passed;
  for (const ExploreFinding& finding : findings) worst = std::max(worst, finding.result.verdict);
  return explore_exit_code(worst);
}

namespace {

std::string shell_word(const std::string& text) {
  const bool plain = text.find_first_of(" '\"$`\\*?;&|<>()") == std::string::npos && !text.empty();
  if (plain) return text;
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string policy_stem(const std::string& policy) { return std::filesystem::path(policy).stem().string(); }

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : separator) + item;
  return text;
}

}  // namespace

std::string explore_command(const ExploreOptions& options, std::uint64_t seed) {
  std::string command = "pbxsim explore --policy " + shell_word(options.run.policy) + " --seed " +
                        std::to_string(seed) + " --seeds 1";
  if (!options.features.empty()) command += " --features " + join(options.features, ",");
  if (options.ties) command += " --ties";
  return command;
}

// ---------------------------------------------------------------- reproducers

std::string policy_as_seen_from(const std::string& policy, const std::string& dir) {
  const std::filesystem::path path(policy);
  if (path.extension() != ".lua" || path.is_absolute()) return policy;
  std::error_code error;
  const std::filesystem::path relative =
      std::filesystem::relative(std::filesystem::absolute(path, error), std::filesystem::absolute(dir, error), error);
  return error || relative.empty() ? std::filesystem::absolute(path, error).string() : relative.string();
}

namespace {

// Runs the written file as `pbxsim run FILE --seed N` would and says whether
// it fails the way the explored case did.
std::pair<bool, std::string> replay(const std::string& path, std::uint64_t seed, const CaseResult& failure,
                                    const CaseRunOptions& options) {
  const IsolatedRun isolated = run_isolated(
      [&] {
        ScenarioRunOptions run;
        run.seed = seed;
        const ScenarioRunResult first = run_scenario(path, 0, run);
        if (first.error) return "error: " + first.error->text();
        if (failure.verdict == CaseVerdict::Nondeterministic) {
          const ScenarioRunResult second = run_scenario(path, 0, run);
          if (second.trace_hash != first.trace_hash) return std::string("fails: the trace hash differs on a second run");
        }
        for (const CheckResult& check : first.checks) {
          if (!check.passed) return "fails: " + check.file + ":" + std::to_string(check.line) + ": " + check.subject +
                                    ": expected " + check.relation + " " + check.expected + ", got " + check.actual;
        }
        return std::string("passes");
      },
      options.timeout_seconds);
  if (isolated.ending != IsolatedRun::Ending::Returned) {
    return {failure.verdict == CaseVerdict::Failed, "crashes: " + isolated.output + " " + isolated.diagnostics};
  }
  const bool fails = isolated.output.rfind("passes", 0) != 0;
  return {fails, isolated.output};
}

}  // namespace

Reproducer write_reproducer(const ExploreCase& failing, const CaseResult& failure, const ExploreOptions& options) {
  Reproducer reproducer;
  reproducer.size_before = describe_size(failing);
  ExploreCase smallest = failing;
  CaseResult smallest_result = failure;
  if (options.shrink) {
    const ShrinkResult shrunk = shrink_case(
        failing,
        [&](const ExploreCase& candidate) { return run_case(candidate, options.run).same_failure(failure); },
        options.max_shrink_runs);
    smallest = shrunk.smallest;
    reproducer.shrink_runs = shrunk.runs;
    // The shrunk case's own violation names its devices and calls. A failure
    // that does not recur depends on more than the seed: say so.
    bool recurred = false;
    for (int attempt = 0; attempt < 3 && !recurred; ++attempt) {
      smallest_result = run_case(smallest, options.run);
      recurred = smallest_result.same_failure(failure);
    }
    if (!recurred) {
      smallest_result = failure;
      smallest_result.violation.reset();
      reproducer.flaky = true;
    }
  }
  reproducer.size_after = describe_size(smallest);

  std::error_code ignored;  // a folder that cannot be made shows as a file that cannot be written
  std::filesystem::create_directories(options.out_dir, ignored);
  reproducer.path = (std::filesystem::path(options.out_dir) /
                     (policy_stem(options.run.policy) + "-seed-" + std::to_string(failing.seed) + ".lua"))
                        .string();
  reproducer.replay_command = "pbxsim run " + shell_word(reproducer.path) + " --seed " + std::to_string(failing.seed);

  RenderOptions render;
  render.scenario_name = "explore " + policy_stem(options.run.policy) + " seed " + std::to_string(failing.seed) + ": " +
                         failure.code;
  render.policy = policy_as_seen_from(options.run.policy, options.out_dir);
  render.header = {"Found by: " + explore_command(options, failing.seed),
                   std::string(case_verdict_name(smallest_result.verdict)) + " " + smallest_result.code + ": " +
                       smallest_result.message,
                   "Shrunk from " + reproducer.size_before + " to " + reproducer.size_after + "." +
                       (reproducer.flaky ? " The failure did not recur on the shrunk case: it depends on more than "
                                           "the seed." : ""),
                   "Replay: " + reproducer.replay_command};
  if (smallest_result.verdict == CaseVerdict::Nondeterministic) render.covers = {"CORE-7"};  // run twice, compared
  if (smallest_result.violation) {
    if (const Invariant* invariant = find_invariant(smallest_result.violation->code)) {
      render.extra_checks.push_back("-- " + std::string(invariant->code) + ": " + std::string(invariant->statement));
      for (const std::string& line : invariant->lua_check(*smallest_result.violation)) render.extra_checks.push_back(line);
    }
  }
  const std::string text = render_scenario(smallest, render);
  {
    std::ofstream out(reproducer.path, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) {
      reproducer.replay_detail = "cannot write " + reproducer.path;
      return reproducer;
    }
  }
  reproducer.code_lines = count_code_lines(text);
  std::tie(reproducer.replay_fails, reproducer.replay_detail) =
      replay(reproducer.path, failing.seed, smallest_result, options.run);
  return reproducer;
}

// ---------------------------------------------------------------- the seed loop

namespace {

// Writes a generated case as it is, for people who want to see what a seed makes.
void emit(const ExploreCase& c, const ExploreOptions& options) {
  std::error_code ignored;  // then the file below cannot be opened, and nothing is written
  std::filesystem::create_directories(options.emit_dir, ignored);
  RenderOptions render;
  render.scenario_name = "explore " + policy_stem(options.run.policy) + " seed " + std::to_string(c.seed);
  render.policy = policy_as_seen_from(options.run.policy, options.emit_dir);
  render.header = {"Generated by: " + explore_command(options, c.seed), "Replay: pbxsim run <this file> --seed " + std::to_string(c.seed)};
  std::ofstream out(std::filesystem::path(options.emit_dir) /
                        (policy_stem(options.run.policy) + "-seed-" + std::to_string(c.seed) + ".lua"),
                    std::ios::binary | std::ios::trunc);
  out << render_scenario(c, render);
}

}  // namespace

ExploreReport explore(const ExploreOptions& options, const ExploreProgress& progress) {
  const auto started = std::chrono::steady_clock::now();
  ExploreReport report;
  report.policy = options.run.policy;
  report.first_seed = options.first_seed;
  report.seeds = options.seeds;
  std::map<std::pair<CaseVerdict, std::string>, std::size_t> kinds;
  for (std::uint64_t seed = options.first_seed; seed < options.first_seed + options.seeds; ++seed) {
    const ExploreCase c = generate_case(seed, options.features, options.ties);
    if (!options.emit_dir.empty()) emit(c, options);
    const CaseResult result = run_case(c, options.run);
    for (const auto& [label, summary] : result.calls) ++report.call_outcomes[summary.substr(0, summary.find(' '))];
    if (result.verdict == CaseVerdict::Passed) {
      ++report.passed;
      continue;
    }
    const auto key = std::make_pair(result.verdict, result.code);
    if (auto found = kinds.find(key); found != kinds.end()) {
      ++report.findings[found->second].seeds_failing;
      continue;
    }
    kinds.emplace(key, report.findings.size());
    report.findings.push_back(ExploreFinding{seed, result, 1, explore_command(options, seed), std::nullopt});
    if (progress) {
      progress("seed " + std::to_string(seed) + ": " + std::string(case_verdict_name(result.verdict)) + " " +
               result.code + ": " + result.message);
    }
  }
  for (ExploreFinding& finding : report.findings) {
    if (progress) progress("shrinking seed " + std::to_string(finding.seed) + " (" + finding.result.code + ") ...");
    finding.reproducer = write_reproducer(generate_case(finding.seed, options.features, options.ties), finding.result,
                                          options);
  }
  report.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

// ------------------------------------------------------------------------ text

void print_explore(std::ostream& out, const ExploreReport& report) {
  const std::uint64_t failed = report.seeds - static_cast<std::uint64_t>(report.passed);
  out << "explore " << report.policy << ": seeds " << report.first_seed << ".."
      << report.first_seed + report.seeds - 1 << ": " << report.passed << " passed, " << failed << " failed";
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.1f", report.wall_seconds);
  out << " in " << seconds << " s\n";
  int calls = 0;
  std::string outcomes;
  for (const auto& [outcome, count] : report.call_outcomes) {
    calls += count;
    outcomes += (outcomes.empty() ? "" : ", ") + outcome + " " + std::to_string(count);
  }
  out << "  " << calls << " calls: " << outcomes << "\n";
  for (const ExploreFinding& finding : report.findings) {
    out << "\n" << case_verdict_name(finding.result.verdict) << " " << finding.result.code << " in "
        << finding.seeds_failing << " seed(s); first seed " << finding.seed << ": " << finding.result.message << "\n";
    out << "  generate it again: " << finding.explore_command << "\n";
    if (!finding.reproducer) continue;
    const Reproducer& reproducer = *finding.reproducer;
    out << "  shrunk in " << reproducer.shrink_runs << " runs from " << reproducer.size_before << " to "
        << reproducer.size_after << "\n";
    out << "  reproducer: " << reproducer.path << " (" << reproducer.code_lines << " lines of Lua)\n";
    out << "  replay: " << reproducer.replay_command << "\n";
    out << "  replayed: " << (reproducer.replay_fails ? "" : "DOES NOT REPRODUCE: ") << reproducer.replay_detail
        << "\n";
    if (reproducer.flaky) out << "  note: the failure did not recur on the shrunk case; it depends on more than the seed\n";
  }
  if (report.findings.empty()) out << "no invariant violated, every seed deterministic, no crash\n";
}

// ------------------------------------------------------------------------ JSON

std::string explore_json(const ExploreReport& report) {
  nlohmann::json findings = nlohmann::json::array();
  for (const ExploreFinding& finding : report.findings) {
    nlohmann::json entry{{"verdict", case_verdict_name(finding.result.verdict)},
                         {"code", finding.result.code},
                         {"message", finding.result.message},
                         {"first_seed", finding.seed},
                         {"seeds_failing", finding.seeds_failing},
                         {"explore_command", finding.explore_command}};
    if (finding.reproducer) {
      const Reproducer& reproducer = *finding.reproducer;
      entry["reproducer"] = {{"path", reproducer.path},
                             {"code_lines", reproducer.code_lines},
                             {"size_before", reproducer.size_before},
                             {"size_after", reproducer.size_after},
                             {"shrink_runs", reproducer.shrink_runs},
                             {"replay_command", reproducer.replay_command},
                             {"replay_fails", reproducer.replay_fails},
                             {"flaky", reproducer.flaky},
                             {"replay_detail", reproducer.replay_detail}};
    }
    findings.push_back(entry);
  }
  const nlohmann::json document{{"policy", report.policy},
                                {"first_seed", report.first_seed},
                                {"seeds", report.seeds},
                                {"passed", report.passed},
                                {"findings", findings},
                                {"call_outcomes", report.call_outcomes},
                                {"exit_code", report.exit_code()}};
  return json_text(document, 2) + "\n";
}

}  // namespace pbxsim
