// `pbxsim explore`: generate a case per seed (features.h), run it
// (case_runner.h), and for each kind of failure found shrink its first case
// (shrinker.h) and write the smallest one as an ordinary scenario file that
// `pbxsim run` replays — with the Lua check of the invariant it breaks, so
// the replay fails for the same reason.
//
// Exit status: 0 nothing found; 1 an invariant was violated; 3 a seed ran
// differently twice (nondeterminism); 4 a case crashed, hung or errored.
// 2 stays bad input or usage, as for every command. When several kinds are
// found the worst one (crash > nondeterminism > violation) decides.
#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "pbxsim/simulator/explore/case_runner.h"
#include "pbxsim/simulator/explore/explore_case.h"
#include "pbxsim/simulator/sharding.h"

namespace pbxsim {

inline constexpr int kExploreExitViolation = 1;
inline constexpr int kExploreExitNondeterminism = 3;
inline constexpr int kExploreExitCrash = 4;

int explore_exit_code(CaseVerdict worst);

struct ExploreOptions {
  std::uint64_t first_seed = 1;
  std::uint64_t seeds = 100;
  std::vector<std::string> features;  // pinned on; empty: swarm (each seed draws its own); "all": every one
  Shard shard;                        // explore only the seeds of this shard (shard_of_seed)
  std::string out_dir = "explore-repro";
  std::string emit_dir;  // when set, every generated case is written there as a scenario
  bool shrink = true;
  bool ties = false;
  int max_shrink_runs = 1500;
  int jobs = 1;  // seeds run at once, each job in a kept child of its own; 0: one per core
  CaseRunOptions run;
};

// The first seeds of each kind of failure that are shrunk; seeds that
// shrink to the same shape are one reproducer.
inline constexpr std::size_t kSeedsShrunkPerKind = 3;

struct Reproducer {
  std::string path;
  std::string text;                  // the file as written
  std::string shape;                 // the shrunk case as a scenario, without names of its seed or policy
  std::vector<std::uint64_t> seeds;  // the explored seeds that shrank to this shape, lowest first
  int code_lines = 0;
  std::string size_before;
  std::string size_after;
  int shrink_runs = 0;
  std::string replay_command;
  bool replay_fails = false;  // running the file fails as the case did
  bool flaky = false;         // the shrunk case did not fail again the same way
  std::string replay_detail;
};

// One kind of failure (verdict and code), with its first seed, and a
// reproducer for each distinct shape its first seeds shrank to.
struct ExploreFinding {
  std::uint64_t seed = 0;
  CaseResult result;
  int seeds_failing = 0;
  std::string explore_command;  // generates this seed's case again
  std::vector<Reproducer> reproducers;
};

// How the seeds that turned a feature (or a pair of features) on ended:
// coverage, not just "0 failed".
struct CoverageCount {
  int seeds = 0;
  std::map<std::string, int> results;        // "passed" or a failure code -> seeds
  std::map<std::string, int> call_outcomes;  // over those seeds' calls
  void add(const std::string& result, const std::map<std::string, int>& seed_call_outcomes);
  void add(const CoverageCount& other);
};

struct ExploreReport {
  std::string policy;
  std::uint64_t first_seed = 1;
  std::uint64_t seeds = 0;     // the range explored (all shards)
  std::string generator;       // how cases were made: "swarm", or "features a,b", and " ties"
  Shard shard;                 // the part of the range this report holds
  std::uint64_t seeds_run = 0;
  int passed = 0;
  std::vector<ExploreFinding> findings;
  std::map<std::string, int> call_outcomes;  // over every call of every case that ran to the end
  std::map<std::string, CoverageCount> features;                       // by feature
  std::map<std::pair<std::string, std::string>, CoverageCount> pairs;  // by pair, first < second in the list's order
  double wall_seconds = 0;  // for the report only
  int workers_started = 0;  // child processes (1 unless a case crashed or hung)

  int exit_code() const;
};

using ExploreProgress = std::function<void(const std::string& line)>;

// Called after every seed with the seeds done, of the seeds to do, and the
// kinds of failure found so far (the progress line on a terminal).
using SeedTicker = std::function<void(std::uint64_t done, std::uint64_t total, std::size_t findings)>;

ExploreReport explore(const ExploreOptions& options, const ExploreProgress& progress, const SeedTicker& ticker = {});

// Sharded reports of one exploration as one report: counts added, for each
// kind of failure the one of the lowest seed. Equal to the report of the
// whole range run at once (apart from wall time). An error when the reports
// are not parts of one exploration.
std::variant<ExploreReport, std::string> merge_explore_reports(std::vector<ExploreReport> parts);

// Shrinks a failing case and writes the reproducer (used by explore()).
Reproducer write_reproducer(const ExploreCase& failing, const CaseResult& failure, const ExploreOptions& options);

// The policy as a scenario file in `dir` names it: standard names as they
// are, a relative path relative to `dir`.
std::string policy_as_seen_from(const std::string& policy, const std::string& dir);

// The command that generates the same case again.
std::string explore_command(const ExploreOptions& options, std::uint64_t seed);

void print_explore(std::ostream& out, const ExploreReport& report);
std::string explore_json(const ExploreReport& report);
// A reproducer as JSON text and back (the --db file keeps them so).
std::string reproducer_json(const Reproducer& reproducer);
Reproducer reproducer_from_json(const std::string& text);  // throws nlohmann::json's errors

}  // namespace pbxsim
