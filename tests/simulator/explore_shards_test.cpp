// The sharded exploration flow as docs/scaling.md runs it, on one machine:
// N processes, each with the environment its scheduler would set and
// `--shard auto`, each writing its own --db file; `pbxsim merge` combines
// them; the merged exploration equals one unsharded run of the same seeds.
#include "../pbxsim_process.h"
#include <catch2/catch.hpp>

#include <cstdlib>

#include "pbxsim/simulator/explore/exploration_store.h"

using namespace pbxsim;
using pbxsim_test::Outcome;
using pbxsim_test::run_pbxsim;
using pbxsim_test::TempDir;

namespace {

// Each policy's report as JSON (what `explore --json` prints; no wall time).
std::vector<std::string> reports_of(const std::string& path) {
  auto loaded = load_exploration(path);
  if (auto* error = std::get_if<std::string>(&loaded)) FAIL(*error);
  std::vector<std::string> reports;
  for (const ExploreReport& report : std::get<std::vector<ExploreReport>>(loaded)) {
    reports.push_back(explore_json(report));
    for (const ExploreFinding& finding : report.findings) {
      for (const Reproducer& reproducer : finding.reproducers) reports.back() += reproducer.text;
    }
  }
  return reports;
}

void check_sharded_equals_whole(const std::string& environment_of_shard, const std::string& shard_option) {
  TempDir dir("explore-shards");
  const std::string explore = "explore --policy base --policy tests/explore/policies/alerts_dnd_reject.lua "
                              "--seeds 60 --out " + dir / "repro";
  // Three shards at once, as three machines would run them.
  std::string parallel = "cd '" PBXSIM_SOURCE_DIR "' && for k in 1 2 3; do " + environment_of_shard + " '" +
                         PBXSIM_BINARY + "' " + explore + " --shard " + shard_option + " --db " + dir.str() +
                         "/part-$k.db >" + dir.str() + "/part-$k.out 2>&1 & done; wait";
  REQUIRE(std::system(parallel.c_str()) == 0);
  for (int k = 1; k <= 3; ++k) {
    const std::string output = pbxsim_test::read_file(dir / ("part-" + std::to_string(k) + ".out"));
    INFO(output);
    CHECK(output.find("shard " + std::to_string(k) + "/3") != std::string::npos);
  }
  const Outcome merged = run_pbxsim("merge " + dir / "merged.db " + dir / "part-1.db " + dir / "part-2.db " +
                                    dir / "part-3.db");
  INFO(merged.output);
  CHECK(merged.exit_code == 1);  // the broken policy's finding
  CHECK(merged.output.find("invariant violated INV-DND-REJECT") != std::string::npos);
  const Outcome whole = run_pbxsim(explore + " --db " + dir / "whole.db");
  CHECK(whole.exit_code == 1);
  const std::vector<std::string> sharded = reports_of(dir / "merged.db");
  const std::vector<std::string> unsharded = reports_of(dir / "whole.db");
  REQUIRE(sharded.size() == 2);
  CHECK(sharded == unsharded);
}

}  // namespace

TEST_CASE("explore shards: GitLab's CI_NODE_INDEX/CI_NODE_TOTAL shards merge into one unsharded run",
          "[explore][shard]") {
  check_sharded_equals_whole("CI_NODE_INDEX=$k CI_NODE_TOTAL=3", "auto");
}

TEST_CASE("explore shards: a Kubernetes Indexed Job's JOB_COMPLETION_INDEX shards merge into one unsharded run",
          "[explore][shard]") {
  check_sharded_equals_whole("JOB_COMPLETION_INDEX=$((k - 1))", "auto/3");
}

TEST_CASE("explore shards: a shard missing, given twice or made another way, and a --db that cannot be written, are bad input",
          "[explore][shard]") {
  TempDir dir("explore-shards-missing");
  for (int k = 1; k <= 2; ++k) {
    const Outcome part = run_pbxsim("explore --policy base --seeds 10 --shard " + std::to_string(k) +
                                    "/3 --db " + dir / ("part-" + std::to_string(k) + ".db"));
    REQUIRE(part.exit_code == 0);
  }
  const Outcome missing = run_pbxsim("merge " + dir / "out.db " + dir / "part-1.db " + dir / "part-2.db");
  CHECK(missing.exit_code == 2);
  CHECK(missing.output.find("3/3") != std::string::npos);
  const Outcome twice = run_pbxsim("merge " + dir / "out2.db " + dir / "part-1.db " + dir / "part-1.db");
  CHECK(twice.exit_code == 2);
  CHECK(twice.output.find("given twice") != std::string::npos);
  // A third shard made another way (pinned features, not swarm) is not a shard of this exploration.
  REQUIRE(run_pbxsim("explore --policy base --seeds 10 --features cfa --shard 3/3 --db " + dir / "other.db").exit_code ==
          0);
  const Outcome other = run_pbxsim("merge " + dir / "out3.db " + dir / "part-1.db " + dir / "part-2.db " +
                                   dir / "other.db");
  CHECK(other.exit_code == 2);
  CHECK(other.output.find("only shards of one exploration can be merged") != std::string::npos);
  // A --db file is never overwritten, and a folder that is not there is said before exploring.
  const Outcome again = run_pbxsim("explore --policy base --seeds 10 --db " + dir / "part-1.db");
  CHECK(again.exit_code == 2);
  const Outcome nowhere = run_pbxsim("explore --policy base --seeds 10 --db " + dir / "no/such/folder.db");
  CHECK(nowhere.exit_code == 2);
  CHECK(nowhere.output.find("does not exist") != std::string::npos);
  // --shard auto with no scheduler's variable names the variables it looks for (this test
  // may itself run under a scheduler that sets them).
  for (const char* name : {"PBXSIM_SHARD", "CI_NODE_INDEX", "CI_NODE_TOTAL", "JOB_COMPLETION_INDEX"}) ::unsetenv(name);
  const Outcome no_scheduler = run_pbxsim("explore --policy base --seeds 10 --shard auto");
  CHECK(no_scheduler.exit_code == 2);
  CHECK(no_scheduler.output.find("CI_NODE_INDEX") != std::string::npos);
}
