// Sections: exit codes and commands · reproducers · the seed loop · merging shards · text · JSON.
#include "pbxsim/simulator/explore/explorer.h"
#include "pbxsim/engine/text.h"
#include "pbxsim/simulator/valid_utf8.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <ostream>
#include <set>
#include <thread>

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

// The catalogue behaviours a failure of this kind breaks: the reproducer
// covers them, as a hand-written regression scenario would. CORE-7 also
// makes `pbxsim run` run the file twice and compare the traces.
std::vector<std::string> catalogue_ids_of(const std::string& code) {
  if (code == "INV-DETERMINISM") return {"CORE-7"};
  const Invariant* invariant = find_invariant(code);
  if (invariant == nullptr) return {};
  return {invariant->covers.begin(), invariant->covers.end()};
}

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
  render.covers = catalogue_ids_of(smallest_result.code);
  if (smallest_result.violation) {
    if (const Invariant* invariant = find_invariant(smallest_result.violation->code)) {
      render.extra_checks.push_back("-- " + std::string(invariant->code) + ": " + std::string(invariant->statement));
      for (const std::string& line : invariant->lua_check(*smallest_result.violation)) render.extra_checks.push_back(line);
    }
  }
  const std::string text = render_scenario(smallest, render);
  reproducer.text = text;
  reproducer.shape = render_scenario(smallest, RenderOptions{"shape", "", {}, {}, {}});
  reproducer.seeds = {failing.seed};
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

ExploreCase case_for_seed(const ExploreOptions& options, std::uint64_t seed) {
  return generate_case_with(seed, features_for_seed(seed, options.features), options.ties);
}

namespace {

// `--jobs`: one SeedRunner with that many kept children; a batch of seeds is
// shared out among them and its results come back in the batch's order, so
// the report does not depend on the number of jobs.
int jobs_of(const ExploreOptions& options) {
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return std::min(options.jobs > 0 ? options.jobs : cores, ChildPool::kMaxChildren);
}

// Enough seeds a batch that an idle child waits for little next to them.
std::size_t batch_size(const SeedRunner& runner) {
  return runner.jobs() == 1 ? 1 : 64 * static_cast<std::size_t>(runner.jobs());
}

}  // namespace

void CoverageCount::add(const std::string& result, const std::map<std::string, int>& seed_call_outcomes) {
  ++seeds;
  ++results[result];
  for (const auto& [outcome, count] : seed_call_outcomes) call_outcomes[outcome] += count;
}

void CoverageCount::add(const CoverageCount& other) {
  seeds += other.seeds;
  for (const auto& [result, count] : other.results) results[result] += count;
  for (const auto& [outcome, count] : other.call_outcomes) call_outcomes[outcome] += count;
}

namespace {

// Counts the seed under each feature it turned on and each pair of them.
void count_coverage(ExploreReport& report, const std::vector<FeatureChoice>& features, const CaseResult& result) {
  const std::string outcome = result.verdict == CaseVerdict::Passed ? "passed" : result.code;
  std::map<std::string, int> call_outcomes;
  for (const auto& [label, summary] : result.calls) ++call_outcomes[summary.substr(0, summary.find(' '))];
  for (const auto& [name, count] : call_outcomes) report.call_outcomes[name] += count;
  for (std::size_t i = 0; i < features.size(); ++i) {
    if (features[i].name == explore_features().front().name) continue;  // the base is in every seed
    report.features[features[i].name].add(outcome, call_outcomes);
    for (std::size_t j = i + 1; j < features.size(); ++j) {
      report.pairs[{features[i].name, features[j].name}].add(outcome, call_outcomes);
    }
  }
}

}  // namespace

ExploreReport explore(const ExploreOptions& options, const ExploreProgress& progress, const SeedTicker& ticker) {
  const auto started = std::chrono::steady_clock::now();
  ExploreReport report;
  report.policy = options.run.policy;
  report.first_seed = options.first_seed;
  report.seeds = options.seeds;
  report.shard = options.shard;
  report.generator = options.features.empty() ? "swarm" : "features " + join(options.features, ",");
  if (options.ties) report.generator += " ties";
  const std::uint64_t end_seed = options.first_seed + options.seeds;
  std::uint64_t to_run = 0;
  for (std::uint64_t seed = options.first_seed; seed < end_seed; ++seed) {
    to_run += options.shard.whole() || shard_of_seed(seed, options.shard.count) == options.shard.index ? 1 : 0;
  }
  SeedRunner runners([&options](std::uint64_t seed) { return case_for_seed(options, seed); }, options.run,
                     jobs_of(options));
  std::map<std::pair<CaseVerdict, std::string>, std::size_t> kinds;
  std::vector<std::vector<std::pair<std::uint64_t, CaseResult>>> to_shrink;  // by finding
  std::vector<std::uint64_t> batch;
  std::vector<CaseResult> results;
  std::size_t at = 0;  // in batch
  for (std::uint64_t seed = options.first_seed; seed < end_seed; ++seed) {
    if (!options.shard.whole() && shard_of_seed(seed, options.shard.count) != options.shard.index) continue;
    if (at == batch.size()) {
      // The next seeds of the shard, run at once; folded below in seed order.
      batch.clear();
      for (std::uint64_t next = seed; next < end_seed && batch.size() < batch_size(runners); ++next) {
        if (options.shard.whole() || shard_of_seed(next, options.shard.count) == options.shard.index) batch.push_back(next);
      }
      results = runners.run(batch);
      at = 0;
    }
    const CaseResult result = std::move(results[at++]);
    if (!options.emit_dir.empty()) emit(case_for_seed(options, seed), options);
    ++report.seeds_run;
    if (ticker) ticker(report.seeds_run, to_run, report.findings.size());
    count_coverage(report, features_for_seed(seed, options.features), result);
    if (result.verdict == CaseVerdict::Passed) {
      ++report.passed;
      continue;
    }
    const auto key = std::make_pair(result.verdict, result.code);
    if (auto found = kinds.find(key); found != kinds.end()) {
      ++report.findings[found->second].seeds_failing;
      if (to_shrink[found->second].size() < kSeedsShrunkPerKind) to_shrink[found->second].emplace_back(seed, result);
      continue;
    }
    kinds.emplace(key, report.findings.size());
    report.findings.push_back(ExploreFinding{seed, result, 1, explore_command(options, seed), {}});
    to_shrink.push_back({{seed, result}});
    if (progress) {
      progress("seed " + std::to_string(seed) + ": " + std::string(case_verdict_name(result.verdict)) + " " +
               result.code + ": " + result.message);
    }
  }
  report.workers_started = runners.workers_started();
  for (std::size_t i = 0; i < report.findings.size(); ++i) {
    ExploreFinding& finding = report.findings[i];
    for (const auto& [seed, result] : to_shrink[i]) {
      if (progress) progress("shrinking seed " + std::to_string(seed) + " (" + result.code + ") ...");
      Reproducer reproducer = write_reproducer(case_for_seed(options, seed), result, options);
      auto same = std::find_if(finding.reproducers.begin(), finding.reproducers.end(),
                               [&](const Reproducer& known) { return known.shape == reproducer.shape; });
      if (same == finding.reproducers.end()) {
        finding.reproducers.push_back(std::move(reproducer));
        continue;
      }
      // The same invariant at the same shrunk shape: one finding, its file once.
      same->seeds.push_back(seed);
      std::error_code ignored;
      std::filesystem::remove(reproducer.path, ignored);
    }
  }
  report.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

// ------------------------------------------------------------------ merging shards

std::variant<ExploreReport, std::string> merge_explore_reports(std::vector<ExploreReport> parts) {
  if (parts.empty()) return std::string("nothing to merge");
  std::sort(parts.begin(), parts.end(),
            [](const ExploreReport& a, const ExploreReport& b) { return a.shard.index < b.shard.index; });
  ExploreReport merged;
  const ExploreReport& first = parts.front();
  merged.policy = first.policy;
  merged.first_seed = first.first_seed;
  merged.seeds = first.seeds;
  merged.generator = first.generator;
  std::set<int> indices;
  for (const ExploreReport& part : parts) {
    if (part.policy != first.policy || part.first_seed != first.first_seed || part.seeds != first.seeds ||
        part.shard.count != first.shard.count || part.generator != first.generator) {
      auto describe = [](const ExploreReport& report) {
        return "shard " + report.shard.text() + " explored policy " + report.policy + ", seeds " +
               std::to_string(report.first_seed) + ".." + std::to_string(report.first_seed + report.seeds - 1) +
               " (" + report.generator + ")";
      };
      return describe(part) + " but " + describe(first) + ": only shards of one exploration can be merged";
    }
    if (!indices.insert(part.shard.index).second) return "shard " + part.shard.text() + " is given twice";
    merged.seeds_run += part.seeds_run;
    merged.passed += part.passed;
    merged.wall_seconds += part.wall_seconds;
    merged.workers_started += part.workers_started;
    for (const auto& [outcome, count] : part.call_outcomes) merged.call_outcomes[outcome] += count;
    for (const auto& [feature, count] : part.features) merged.features[feature].add(count);
    for (const auto& [pair, count] : part.pairs) merged.pairs[pair].add(count);
    for (const ExploreFinding& finding : part.findings) {
      auto same = std::find_if(merged.findings.begin(), merged.findings.end(), [&](const ExploreFinding& known) {
        return known.result.same_failure(finding.result);
      });
      if (same == merged.findings.end()) {
        merged.findings.push_back(finding);
        continue;
      }
      const int seeds_failing = same->seeds_failing + finding.seeds_failing;
      std::vector<Reproducer> reproducers = std::move(same->reproducers);
      for (const Reproducer& reproducer : finding.reproducers) reproducers.push_back(reproducer);
      if (finding.seed < same->seed) *same = finding;  // the whole range's first seed of this kind
      same->seeds_failing = seeds_failing;
      same->reproducers = std::move(reproducers);
    }
  }
  // Of each kind, the reproducers of the whole range's first seeds, one per
  // shape: every shard shrank its own first seeds, among them those.
  for (ExploreFinding& finding : merged.findings) {
    std::vector<std::pair<std::uint64_t, const Reproducer*>> by_seed;
    for (const Reproducer& reproducer : finding.reproducers) {
      for (std::uint64_t seed : reproducer.seeds) by_seed.emplace_back(seed, &reproducer);
    }
    std::sort(by_seed.begin(), by_seed.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    if (by_seed.size() > kSeedsShrunkPerKind) by_seed.resize(kSeedsShrunkPerKind);
    std::vector<Reproducer> kept;
    for (const auto& [seed, reproducer] : by_seed) {
      // The shape, not the binding, in the lambda: clang before 16 (the fuzz
      // build's) cannot capture a structured binding.
      const auto& shape = reproducer->shape;
      auto same = std::find_if(kept.begin(), kept.end(), [&](const Reproducer& known) { return known.shape == shape; });
      if (same != kept.end()) {
        same->seeds.push_back(seed);
        continue;
      }
      // A shard lists a shape's seeds lowest first, so the shape's first
      // seed in the range is its shard's first too: this is its file.
      Reproducer shape_first = *reproducer;
      shape_first.seeds = {seed};
      kept.push_back(std::move(shape_first));
    }
    finding.reproducers = std::move(kept);
  }
  if (static_cast<int>(indices.size()) != first.shard.count) {
    std::string missing;
    for (int index = 1; index <= first.shard.count; ++index) {
      if (!indices.contains(index)) missing += (missing.empty() ? "" : ", ") + Shard{index, first.shard.count}.text();
    }
    return "shard(s) " + missing + " of policy " + first.policy + " missing: merge every shard once";
  }
  // In the order the whole range finds them: by first seed.
  std::stable_sort(merged.findings.begin(), merged.findings.end(),
                   [](const ExploreFinding& a, const ExploreFinding& b) { return a.seed < b.seed; });
  return merged;
}

// ------------------------------------------------------------------------ text

namespace {

std::string counts_text(const std::map<std::string, int>& counts) {
  std::string text;
  for (const auto& [name, count] : counts) text += (text.empty() ? "" : ", ") + name + " " + std::to_string(count);
  return text;
}

}  // namespace

void print_explore(std::ostream& out, const ExploreReport& report) {
  const std::uint64_t failed = report.seeds_run - static_cast<std::uint64_t>(report.passed);
  out << "explore " << report.policy << ": seeds " << report.first_seed << ".."
      << report.first_seed + report.seeds - 1;
  if (!report.shard.whole()) out << " shard " << report.shard.text() << " (" << report.seeds_run << " seeds)";
  out << ": " << report.passed << " passed, " << failed << " failed";
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.1f", report.wall_seconds);
  out << " in " << seconds << " s\n";
  int calls = 0;
  for (const auto& [outcome, count] : report.call_outcomes) calls += count;
  out << "  " << calls << " calls: " << counts_text(report.call_outcomes) << "\n";
  if (!report.features.empty()) {
    out << "  seeds by feature (results | calls):\n";
    for (const Feature& feature : explore_features()) {
      const auto found = report.features.find(std::string(feature.name));
      if (found == report.features.end()) continue;
      out << "    " << feature.name << ": " << found->second.seeds << " seeds: " << counts_text(found->second.results)
          << " | " << counts_text(found->second.call_outcomes) << "\n";
    }
    out << "  seeds by pair of features (results):\n";
    for (const auto& [pair, count] : report.pairs) {
      out << "    " << pair.first << " + " << pair.second << ": " << count.seeds << " seeds: "
          << counts_text(count.results) << "\n";
    }
  }
  for (const ExploreFinding& finding : report.findings) {
    out << "\n" << case_verdict_name(finding.result.verdict) << " " << finding.result.code << " in "
        << finding.seeds_failing << " seed(s); first seed " << finding.seed << ": " << finding.result.message << "\n";
    out << "  generate it again: " << finding.explore_command << "\n";
    for (const Reproducer& reproducer : finding.reproducers) {
      std::string seeds;
      for (std::uint64_t seed : reproducer.seeds) seeds += (seeds.empty() ? "" : ", ") + std::to_string(seed);
      out << "  seed(s) " << seeds << " shrunk in " << reproducer.shrink_runs << " runs from " << reproducer.size_before
          << " to " << reproducer.size_after << "\n";
      out << "  reproducer: " << reproducer.path << " (" << reproducer.code_lines << " lines of Lua)\n";
      out << "  replay: " << reproducer.replay_command << "\n";
      out << "  replayed: " << (reproducer.replay_fails ? "" : "DOES NOT REPRODUCE: ") << reproducer.replay_detail
          << "\n";
      if (reproducer.flaky) out << "  note: the failure did not recur on the shrunk case; it depends on more than the seed\n";
    }
    if (finding.reproducers.size() > 1) {
      out << "  " << finding.reproducers.size() << " different shrunk shapes among the first "
          << kSeedsShrunkPerKind << " seeds\n";
    }
  }
  if (report.findings.empty()) out << "no invariant violated, every seed deterministic, no crash\n";
}

// ------------------------------------------------------------------------ JSON

std::string reproducer_json(const Reproducer& reproducer) {
  return json_text(nlohmann::json{{"path", reproducer.path},
                        {"code_lines", reproducer.code_lines},
                        {"size_before", reproducer.size_before},
                        {"size_after", reproducer.size_after},
                        {"shrink_runs", reproducer.shrink_runs},
                        {"replay_command", reproducer.replay_command},
                        {"replay_fails", reproducer.replay_fails},
                        {"flaky", reproducer.flaky},
                        {"replay_detail", reproducer.replay_detail},
                        {"seeds", reproducer.seeds},
                        {"shape", reproducer.shape},
                        {"text", reproducer.text}});
}

Reproducer reproducer_from_json(const std::string& text) {
  const nlohmann::json json = nlohmann::json::parse(text);
  Reproducer reproducer;
  reproducer.path = json.at("path").get<std::string>();
  reproducer.code_lines = json.at("code_lines").get<int>();
  reproducer.size_before = json.at("size_before").get<std::string>();
  reproducer.size_after = json.at("size_after").get<std::string>();
  reproducer.shrink_runs = json.at("shrink_runs").get<int>();
  reproducer.replay_command = json.at("replay_command").get<std::string>();
  reproducer.replay_fails = json.at("replay_fails").get<bool>();
  reproducer.flaky = json.at("flaky").get<bool>();
  reproducer.replay_detail = json.at("replay_detail").get<std::string>();
  reproducer.seeds = json.at("seeds").get<std::vector<std::uint64_t>>();
  reproducer.shape = json.at("shape").get<std::string>();
  reproducer.text = json.value("text", std::string());  // the --db file keeps it in a column of its own
  return reproducer;
}

std::string explore_json(const ExploreReport& report) {
  nlohmann::json findings = nlohmann::json::array();
  for (const ExploreFinding& finding : report.findings) {
    nlohmann::json entry{{"verdict", case_verdict_name(finding.result.verdict)},
                         {"code", finding.result.code},
                         {"message", finding.result.message},
                         {"first_seed", finding.seed},
                         {"seeds_failing", finding.seeds_failing},
                         {"explore_command", finding.explore_command}};
    nlohmann::json reproducers = nlohmann::json::array();
    for (const Reproducer& reproducer : finding.reproducers) {
      nlohmann::json json = nlohmann::json::parse(reproducer_json(reproducer));
      json.erase("text");
      json.erase("shape");
      reproducers.push_back(json);
    }
    entry["reproducers"] = reproducers;
    findings.push_back(entry);
  }
  auto coverage_json = [](const CoverageCount& count) {
    return nlohmann::json{{"seeds", count.seeds}, {"results", count.results}, {"call_outcomes", count.call_outcomes}};
  };
  nlohmann::json features = nlohmann::json::object();
  for (const auto& [feature, count] : report.features) features[feature] = coverage_json(count);
  nlohmann::json pairs = nlohmann::json::array();
  for (const auto& [pair, count] : report.pairs) {
    nlohmann::json entry = coverage_json(count);
    entry["features"] = {pair.first, pair.second};
    pairs.push_back(entry);
  }
  const nlohmann::json document{{"policy", report.policy},
                                {"first_seed", report.first_seed},
                                {"seeds", report.seeds},
                                {"generator", report.generator},
                                {"shard", report.shard.text()},
                                {"seeds_run", report.seeds_run},
                                {"passed", report.passed},
                                {"findings", findings},
                                {"call_outcomes", report.call_outcomes},
                                {"features", features},
                                {"pairs", pairs},
                                {"exit_code", report.exit_code()}};
  return json_text(document, 2) + "\n";
}

}  // namespace pbxsim
