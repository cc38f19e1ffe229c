// Each feature the explorer generates beyond the core has a deliberately
// broken policy in tests/explore/policies/ that breaks exactly the invariant
// of that feature; `pbxsim explore` must catch it, shrink a failing seed to a
// small scenario and write it as a reproducer that `pbxsim run` fails on.
#include "../pbxsim_process.h"
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "pbxsim/simulator/explore/explore_case.h"

using pbxsim_test::Outcome;
using pbxsim_test::run_pbxsim;

namespace {

struct BrokenPolicy {
  std::string policy;     // the file under tests/explore/policies/
  std::string features;   // pinned, so every seed exercises the broken part
  std::string invariant;  // what explore reports
  std::string covers;     // the catalogue ID the reproducer names
  int max_code_lines;     // "small": the shrunk scenario, its checks included
};

// Explores the policy, then checks the reproducers: small, covering the
// behaviour, and failing under plain `pbxsim run` at the invariant's check.
void expect_caught_and_shrunk(const BrokenPolicy& broken) {
  const std::filesystem::path out =
      std::filesystem::temp_directory_path() / ("pbxsim-test-broken-" + broken.invariant + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(out);
  const Outcome explored = run_pbxsim("explore --policy tests/explore/policies/" + broken.policy + " --features " +
                                      broken.features + " --seeds 40 --out " + out.string());
  INFO(explored.output);
  CHECK(explored.exit_code == 1);
  CHECK(explored.output.find("invariant violated " + broken.invariant) != std::string::npos);
  CHECK(explored.output.find("replayed: fails") != std::string::npos);
  std::vector<std::filesystem::path> reproducers;
  if (std::filesystem::exists(out)) {
    for (const auto& entry : std::filesystem::directory_iterator(out)) reproducers.push_back(entry.path());
  }
  REQUIRE(!reproducers.empty());
  for (const std::filesystem::path& reproducer : reproducers) {
    std::ifstream in(reproducer);
    std::stringstream text;
    text << in.rdbuf();
    INFO(text.str());
    CHECK(pbxsim::count_code_lines(text.str()) <= broken.max_code_lines);
    CHECK(text.str().find("\"" + broken.covers + "\"") != std::string::npos);
    const std::string stem = reproducer.stem().string();
    const Outcome replayed = run_pbxsim("run " + reproducer.string() + " --seed " + stem.substr(stem.rfind('-') + 1));
    INFO(replayed.output);
    CHECK(replayed.exit_code == 1);
  }
  std::filesystem::remove_all(out);
}

}  // namespace

TEST_CASE("explore: a group hook that offers logged-out and paused members is caught (INV-GROUP-MEMBER) and shrunk",
          "[explore]") {
  expect_caught_and_shrunk({"offers_logged_out_members.lua", "groups", "INV-GROUP-MEMBER", "CORE-6", 25});
}

TEST_CASE("explore: a policy whose triggers move a sticky profile is caught (INV-STICKY) and shrunk", "[explore]") {
  expect_caught_and_shrunk({"sticky_profile_moves.lua", "profiles", "INV-STICKY", "PAS-6", 28});
}

TEST_CASE("explore: an appearance hook that rings destinations a profile switched off is caught (INV-INACTIVE) and shrunk",
          "[explore]") {
  expect_caught_and_shrunk({"alerts_inactive_destinations.lua", "profiles", "INV-INACTIVE", "PAS-7", 25});
}

TEST_CASE("explore: a soft-phone name hook that does not cut the name to twelve characters is caught "
          "(INV-SOFTPHONE-NAME) and shrunk",
          "[explore]") {
  expect_caught_and_shrunk({"softphone_names_uncut.lua", "provisioning", "INV-SOFTPHONE-NAME", "CUC-1", 12});
}

TEST_CASE("explore: a PCM policy that derives a listed media gateway model from the User-Agent is caught "
          "(INV-PCM-GATEWAY) and shrunk",
          "[explore]") {
  expect_caught_and_shrunk({"derives_listed_gateway_model.lua", "pcm", "INV-PCM-GATEWAY", "MS-5", 30});
}
