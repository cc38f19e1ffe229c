// Exploration: generation, judging, isolation, shrinking, and the whole loop
// against a deliberately broken policy through the real pbxsim binary.
#include "../pbxsim_process.h"
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "pbxsim/simulator/explore/case_runner.h"
#include "pbxsim/simulator/explore/explorer.h"
#include "pbxsim/simulator/explore/feature_matrix.h"
#include "pbxsim/simulator/explore/features.h"
#include "pbxsim/simulator/explore/shrinker.h"

using namespace pbxsim;

namespace {

std::vector<CaseStep> steps_of(const ExploreCase& c, const std::string& feature) {
  std::vector<CaseStep> steps;
  for (const CaseStep& step : c.steps) {
    if (step.feature == feature) steps.push_back(step);
  }
  return steps;
}

bool same_steps(const std::vector<CaseStep>& a, const std::vector<CaseStep>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].at_us != b[i].at_us || a[i].kind != b[i].kind || a[i].subject != b[i].subject || a[i].value != b[i].value) {
      return false;
    }
  }
  return true;
}

using pbxsim_test::Outcome;
using pbxsim_test::run_pbxsim;

std::string temp_dir(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("pbxsim-test-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  return dir.string();
}

}  // namespace

TEST_CASE("explore: a seed generates the same case every time; another seed another case", "[explore]") {
  const ExploreCase first = generate_case(42, {}, false);
  const ExploreCase again = generate_case(42, {}, false);
  const ExploreCase other = generate_case(43, {}, false);
  const RenderOptions render{"x", "base", {}, {}, {}};
  CHECK(render_scenario(first, render) == render_scenario(again, render));
  CHECK(render_scenario(first, render) != render_scenario(other, render));
  CHECK(first.features.size() == explore_features().size());
}

TEST_CASE("explore: a feature's stimuli do not change when another feature is added", "[explore]") {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const ExploreCase alone = generate_case(seed, {"dnd-reject"}, false);
    const ExploreCase together = generate_case(seed, {"dnd-reject", "user-mode"}, false);
    INFO("seed " << seed);
    CHECK(same_steps(steps_of(alone, "dnd-reject"), steps_of(together, "dnd-reject")));
    CHECK(same_steps(steps_of(alone, "calls"), steps_of(together, "calls")));
  }
}

TEST_CASE("explore: generated cases run through the scenario runner and keep the invariants under base",
          "[explore]") {
  CaseRunOptions options;
  options.isolate = false;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    const CaseResult result = run_case(generate_case(seed, {}, false), options);
    INFO("seed " << seed << ": " << result.message);
    CHECK(result.verdict == CaseVerdict::Passed);
    CHECK_FALSE(result.calls.empty());
  }
}

TEST_CASE("explore: a second run with another trace hash is nondeterminism; the worst kind sets the exit code",
          "[explore]") {
  const ExploreCase c = generate_case(1, {}, false);
  ScenarioRunResult first;
  first.trace_hash = 1;
  first.trace_events = 10;
  ScenarioRunResult second = first;
  CHECK(judge_runs(c, first, &second).verdict == CaseVerdict::Passed);
  second.trace_hash = 2;
  const CaseResult changed = judge_runs(c, first, &second);
  CHECK(changed.verdict == CaseVerdict::Nondeterministic);
  CHECK(changed.code == "INV-DETERMINISM");
  first.error = ScriptError{ScriptError::Kind::Runtime, "p.lua", 3, "boom"};
  CHECK(judge_runs(c, first, &second).code == "ERROR");

  CHECK(explore_exit_code(CaseVerdict::Passed) == 0);
  CHECK(explore_exit_code(CaseVerdict::Violated) == 1);
  CHECK(explore_exit_code(CaseVerdict::Nondeterministic) == 3);
  CHECK(explore_exit_code(CaseVerdict::Failed) == 4);
}

TEST_CASE("explore: a call without an outcome after the run went idle is INV-OUTCOME", "[explore]") {
  ExploreCase c;
  c.steps.push_back(CaseStep::make(kUsPerSecond, CaseStep::Kind::Call, "+1", "1000"));
  c.steps.back().label = "c1";
  ScenarioRunResult run;
  run.topology = Topology{};
  CallRecord call;
  call.id = 1;
  call.dialed = "1000";
  run.calls.push_back(call);
  // Without the closing check passing, the run may have stopped early: no verdict on the call.
  CHECK(judge_runs(c, run, nullptr).verdict == CaseVerdict::Passed);
  run.checks.push_back(CheckResult{true, "x.lua", 9, std::string(kRunEndsCheck), "is", "true", "true"});
  const CaseResult judged = judge_runs(c, run, nullptr);
  CHECK(judged.verdict == CaseVerdict::Violated);
  CHECK(judged.code == "INV-OUTCOME");
  CHECK(judged.calls.at("c1").rfind("none", 0) == 0);
}

TEST_CASE("explore: a crash or a hang in the child process is a result, not the end", "[explore]") {
  const IsolatedRun returned = run_isolated([] { return std::string("fine"); }, 10);
  CHECK(returned.ending == IsolatedRun::Ending::Returned);
  CHECK(returned.output == "fine");
  const IsolatedRun crashed = run_isolated(
      [] {
        std::fputs("assertion failed: the model broke\n", stderr);
        std::abort();
        return std::string();
      },
      10);
  CHECK(crashed.ending == IsolatedRun::Ending::Crashed);
  CHECK(crashed.diagnostics.find("the model broke") != std::string::npos);
  const IsolatedRun hung = run_isolated(
      [] {
        for (volatile bool forever = true; forever;) {
        }
        return std::string();
      },
      1);
  CHECK(hung.ending == IsolatedRun::Ending::TimedOut);
}

TEST_CASE("shrinker: a failure that needs one DND step before one call keeps just those", "[explore]") {
  const ExploreCase big = generate_case(7, {"dnd-reject"}, false);
  // "Fails" when some device goes into DND reject before a call to a line it has.
  const StillFails fails = [](const ExploreCase& c) {
    for (const CaseStep& dnd : c.steps) {
      if (dnd.kind != CaseStep::Kind::Dnd || dnd.value != "reject") continue;
      for (const CaseStep& call : c.steps) {
        if (call.kind != CaseStep::Kind::Call || call.at_us < dnd.at_us) continue;
        for (const CaseDevice& device : c.devices) {
          if (device.name != dnd.subject) continue;
          for (const CaseAppearance& appearance : device.lines) {
            if (appearance.dn == call.value) return true;
          }
        }
      }
    }
    return false;
  };
  REQUIRE(fails(big));
  const ShrinkResult shrunk = shrink_case(big, fails, 2000);
  CHECK(fails(shrunk.smallest));
  CHECK(shrunk.smallest.steps.size() == 2);
  CHECK(shrunk.smallest.devices.size() == 1);
  CHECK(shrunk.smallest.lines.size() == 1);
  CHECK(shrunk.smallest.users.empty());
  CHECK(shrunk.smallest.devices[0].name == "d1");
  CHECK(shrunk.smallest.steps[0].at_us == kUsPerSecond);
}

TEST_CASE("shrinker: removing a call removes its caller hang-up too", "[explore]") {
  ExploreCase c;
  c.steps.push_back(CaseStep::make(kUsPerSecond, CaseStep::Kind::Call, "+1", "1000"));
  c.steps.back().label = "c1";
  c.steps.push_back(CaseStep::make(2 * kUsPerSecond, CaseStep::Kind::CallerHangup, "c1"));
  const std::optional<ExploreCase> smaller = without_steps(c, 0, 1);
  REQUIRE(smaller);
  CHECK(smaller->steps.empty());
}

TEST_CASE("pairs: swapping two features' same-instant stimuli keeps every other step in place", "[explore]") {
  ExploreCase c;
  auto step = [&](TimeUs at_s, const char* device, const char* feature) {
    c.steps.push_back(CaseStep::make(at_s * kUsPerSecond, CaseStep::Kind::Dnd, device, "reject"));
    c.steps.back().feature = feature;
  };
  step(1, "a", "x");
  step(1, "b", "other");
  step(1, "c", "y");
  step(2, "d", "x");
  const std::optional<ExploreCase> swapped = with_order_swapped(c, "x", "y");
  REQUIRE(swapped);
  CHECK(swapped->steps[0].subject == "c");
  CHECK(swapped->steps[1].subject == "b");
  CHECK(swapped->steps[2].subject == "a");
  CHECK(swapped->steps[3].subject == "d");
  CHECK_FALSE(with_order_swapped(c, "x", "nobody"));
}

TEST_CASE("explore: a policy that alerts DND-reject appearances is caught and shrunk to a handful of lines",
          "[explore]") {
  const std::string out = temp_dir("explore");
  const Outcome explored =
      run_pbxsim("explore --policy tests/explore/policies/alerts_dnd_reject.lua --seeds 100 --out " + out);
  INFO(explored.output);
  CHECK(explored.exit_code == 1);
  CHECK(explored.output.find("invariant violated INV-DND-REJECT") != std::string::npos);
  CHECK(explored.output.find("replayed: fails") != std::string::npos);

  std::vector<std::filesystem::path> reproducers;
  for (const auto& entry : std::filesystem::directory_iterator(out)) reproducers.push_back(entry.path());
  REQUIRE(reproducers.size() == 1);
  std::ifstream in(reproducers[0]);
  std::stringstream text;
  text << in.rdbuf();
  INFO(text.str());
  CHECK(count_code_lines(text.str()) <= 16);
  CHECK(text.str().find("devices = { d1 = {") != std::string::npos);

  // The reproducer is an ordinary scenario: `pbxsim run` fails on it, at the invariant's check.
  const std::string seed = reproducers[0].stem().string().substr(reproducers[0].stem().string().rfind('-') + 1);
  const Outcome replayed = run_pbxsim("run " + reproducers[0].string() + " --seed " + seed);
  INFO(replayed.output);
  CHECK(replayed.exit_code == 1);
  CHECK(replayed.output.find("expected is not \"reject\", got \"reject\"") != std::string::npos);
  std::filesystem::remove_all(out);
}

TEST_CASE("explore: unknown features and policies are usage errors", "[explore]") {
  const Outcome feature = run_pbxsim("explore --features dnd-rejekt --seeds 1");
  CHECK(feature.exit_code == 2);
  CHECK(feature.output.find("unknown feature 'dnd-rejekt'") != std::string::npos);
  CHECK(run_pbxsim("explore --policy no_such_vendor --seeds 1").exit_code == 2);
}
