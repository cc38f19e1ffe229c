#include "explore_command.h"

#include <filesystem>
#include <iostream>

#include "pbxsim/scripting/policy_library.h"
#include "pbxsim/simulator/explore/child_process.h"
#include "pbxsim/simulator/explore/exploration_store.h"
#include "pbxsim/simulator/explore/explorer.h"
#include "pbxsim/simulator/explore/feature_matrix.h"
#include "pbxsim/simulator/explore/features.h"
#include "pbxsim/simulator/sharding.h"
#include "progress_line.h"

namespace pbxsim {
namespace {

constexpr int kBadInput = 2;

std::string feature_names() {
  std::string names;
  for (const Feature& feature : explore_features()) names += (names.empty() ? "" : ", ") + std::string(feature.name);
  return names;
}

}  // namespace

CLI::App* add_explore_command(CLI::App& app, ExploreFlags& flags) {
  CLI::App* explore = app.add_subcommand(
      "explore", "Generate random topologies and timelines from seeds, run them, check invariants, shrink failures");
  explore->add_option("--policy", flags.policies, "Policy to explore (repeatable; default every standard policy)");
  explore->add_option("--seed", flags.seed, "First seed (default 1); alone, explores just this seed");
  explore->add_option("--seeds", flags.seeds, "How many seeds (default 100; per pair with --pairs: 20)");
  explore->add_option("--features", flags.features,
                      "Pin these features on (comma-separated; 'all': every one; the base 'calls' is always on). "
                      "Default: swarm, each seed draws its own features and their intensity")
      ->delimiter(',');
  explore->add_option("--jobs", flags.jobs,
                      "Seeds run at once, each job in a child process of its own (default 1; 0: one per core); "
                      "the report is the same for any number")
      ->check(CLI::Range(0, ChildPool::kMaxChildren));
  explore->add_option("--shard", flags.shard,
                      "Explore only shard K of N of the seeds (K/N, a stable split by seed); auto or auto/N: K and N "
                      "from the scheduler's environment (docs/scaling.md)");
  explore->add_option("--out", flags.out_dir, "Where reproducers are written (default explore-repro)");
  explore->add_option("--emit", flags.emit_dir, "Also write every generated case to this folder as a scenario");
  explore->add_flag("--pairs", flags.pairs, "The feature-interaction matrix: every pair of features under each policy");
  explore->add_flag("--ties", flags.ties, "Put stimuli on a few whole seconds so features meet at one instant");
  explore->add_flag("--no-shrink", flags.no_shrink, "Write the failing case as generated, without shrinking");
  explore->add_flag("--no-isolation", flags.no_isolation,
                    "Run cases in this process (faster; a crash then ends the exploration)");
  explore->add_option("--max-shrink-runs", flags.max_shrink_runs, "Give up shrinking after this many runs (default 1500)");
  explore->add_flag("--json", flags.json, "Print the report as JSON");
  explore->add_option("--db", flags.db_path,
                      "Write the findings (with their reproducers) and the coverage counts to this new SQLite file; "
                      "`pbxsim merge OUT.db SHARD.db...` combines the shards' files");
  explore->footer(
      "Exit status: 0 nothing found, 1 an invariant violated, 2 bad input, 3 nondeterminism, 4 a crash, hang or error.\n"
      "Features: " + feature_names());
  return explore;
}

int explore_command(const ExploreFlags& flags) {
  for (const std::string& name : flags.features) {
    if (name != "all" && find_feature(name) == nullptr) {
      std::cerr << "pbxsim: --features: unknown feature '" << name << "' (features: " << feature_names() << ")\n";
      return kBadInput;
    }
  }
  std::vector<std::string> policies = flags.policies;
  if (policies.empty()) policies = standard_policy_names();
  for (const std::string& policy : policies) {
    auto found = find_policy(policy, "");
    if (auto* message = std::get_if<std::string>(&found)) {
      std::cerr << "pbxsim: --policy: " << *message << "\n";
      return kBadInput;
    }
  }
  for (const std::string& dir : {flags.out_dir, flags.emit_dir}) {
    std::error_code error;
    if (!dir.empty() && std::filesystem::exists(dir, error) && !std::filesystem::is_directory(dir, error)) {
      std::cerr << "pbxsim: '" << dir << "' is not a folder (--out and --emit name folders)\n";
      return kBadInput;
    }
  }
  Shard shard;
  if (!flags.shard.empty()) {
    std::string error;
    const auto resolved = resolve_shard(flags.shard, process_environment(), &error);
    if (!resolved) {
      std::cerr << "pbxsim: --shard: " << error << "\n";
      return kBadInput;
    }
    shard = *resolved;
  }
  CaseRunOptions run;
  run.isolate = !flags.no_isolation;

  if (flags.pairs) {
    PairOptions options;
    options.policies = policies;
    options.first_seed = flags.seed.value_or(1);
    options.seeds_per_pair = flags.seeds.value_or(20);
    options.features = flags.features;
    options.run = run;
    const std::vector<PairMatrix> matrices =
        run_pairs(options, [&](const std::string& line) { if (!flags.json) std::cerr << line << "\n"; });
    if (flags.json) std::cout << pairs_json(matrices);
    else print_pairs(std::cout, matrices);
    CaseVerdict worst = CaseVerdict::Passed;
    for (const PairMatrix& matrix : matrices) worst = std::max(worst, matrix.worst());
    return explore_exit_code(worst);
  }

  if (!flags.db_path.empty()) {
    std::error_code error;
    if (std::filesystem::exists(flags.db_path, error) && std::filesystem::file_size(flags.db_path, error) > 0) {
      std::cerr << "pbxsim: --db: " << flags.db_path
                << " already exists; give each exploration (each shard) a new file, then `pbxsim merge`\n";
      return kBadInput;
    }
    // Found out before the exploration, not after it.
    const std::filesystem::path folder = std::filesystem::path(flags.db_path).parent_path();
    if (!folder.empty() && !std::filesystem::is_directory(folder, error)) {
      std::cerr << "pbxsim: --db: the folder " << folder.string() << " does not exist\n";
      return kBadInput;
    }
  }
  std::vector<ExploreReport> stored;
  int exit_code = 0;
  std::string json = "[\n";
  for (std::size_t i = 0; i < policies.size(); ++i) {
    ExploreOptions options;
    options.run = run;
    options.run.policy = policies[i];
    options.first_seed = flags.seed.value_or(1);
    options.seeds = flags.seeds.value_or(flags.seed ? 1 : 100);
    options.features = flags.features;
    options.out_dir = flags.out_dir;
    options.emit_dir = flags.emit_dir;
    options.shrink = !flags.no_shrink;
    options.ties = flags.ties;
    options.max_shrink_runs = flags.max_shrink_runs;
    options.shard = shard;
    options.jobs = flags.jobs;
    ProgressLine progress_line;
    const ExploreReport report = explore(
        options,
        [&](const std::string& line) {
          progress_line.clear();
          if (!flags.json) std::cerr << line << "\n";
        },
        [&](std::uint64_t done, std::uint64_t total, std::size_t findings) {
          progress_line.seeds("explore " + policies[i], done, total, findings);
        });
    progress_line.clear();
    if (flags.json) json += (i == 0 ? "" : ",\n") + explore_json(report);
    else print_explore(std::cout, report);
    if (!flags.json && i + 1 < policies.size()) std::cout << "\n";
    exit_code = std::max(exit_code, report.exit_code());
    if (!flags.db_path.empty()) stored.push_back(report);
  }
  if (flags.json) std::cout << json << "]\n";
  if (!flags.db_path.empty()) {
    if (auto error = store_exploration(flags.db_path, stored, flags.command_line)) {
      std::cerr << "pbxsim: --db: " << *error << "\n";
      return kBadInput;
    }
  }
  return exit_code;
}

}  // namespace pbxsim
