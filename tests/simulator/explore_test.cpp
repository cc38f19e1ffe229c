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
#include <map>
#include <set>
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

TEST_CASE("shrinker: a case of 20 000 steps is shrunk in a loop that stops at the run limit", "[explore]") {
  // Input decides the size of a case (a long generated timeline); the
  // shrinker iterates over it and never spends more runs than it is given.
  ExploreCase big;
  big.devices.push_back(CaseDevice{});
  big.devices.back().name = "d";
  for (int i = 0; i < 20'000; ++i) {
    big.steps.push_back(CaseStep::make((i + 1) * kUsPerSecond, CaseStep::Kind::Dnd, "d", i % 2 ? "reject" : "off"));
  }
  const ShrinkResult everything_fails = shrink_case(big, [](const ExploreCase&) { return true; }, 200);
  CHECK(everything_fails.runs <= 200);
  CHECK(everything_fails.smallest.steps.empty());
  // Only the whole case fails: every candidate is refused, the limit ends it.
  const ShrinkResult nothing_smaller =
      shrink_case(big, [&](const ExploreCase& c) { return c.steps.size() == big.steps.size(); }, 300);
  CHECK(nothing_smaller.runs <= 300);
  CHECK(nothing_smaller.smallest.steps.size() == big.steps.size());
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
      // Pinned to the feature it breaks: a swarm's draw changes with every feature added to the list.
      run_pbxsim("explore --policy tests/explore/policies/alerts_dnd_reject.lua --features dnd-reject --seeds 100 --out " +
                 out);
  INFO(explored.output);
  CHECK(explored.exit_code == 1);
  CHECK(explored.output.find("invariant violated INV-DND-REJECT") != std::string::npos);
  CHECK(explored.output.find("replayed: fails") != std::string::npos);

  // The first three failing seeds are shrunk; seeds that shrink to the same
  // shape leave one file, so there are fewer files than shrunk seeds here.
  std::vector<std::filesystem::path> reproducers;
  for (const auto& entry : std::filesystem::directory_iterator(out)) reproducers.push_back(entry.path());
  REQUIRE(reproducers.size() >= 1);
  CHECK(reproducers.size() < kSeedsShrunkPerKind);
  CHECK(explored.output.find("seed(s) 3, 4, 5 shrunk") != std::string::npos);
  for (const std::filesystem::path& reproducer : reproducers) {
    std::ifstream in(reproducer);
    std::stringstream text;
    text << in.rdbuf();
    INFO(text.str());
    CHECK(count_code_lines(text.str()) <= 16);
    CHECK(text.str().find("devices = { d1 = {") != std::string::npos);
    // An ordinary scenario with its policy and what it covers (CUC-5: DND call-reject on a shared line).
    CHECK(text.str().find("policy = \"../") != std::string::npos);
    CHECK(text.str().find("covers = { \"CUC-5\" }") != std::string::npos);

    // `pbxsim run` fails on it, at the invariant's check.
    const std::string seed = reproducer.stem().string().substr(reproducer.stem().string().rfind('-') + 1);
    const Outcome replayed = run_pbxsim("run " + reproducer.string() + " --seed " + seed);
    INFO(replayed.output);
    CHECK(replayed.exit_code == 1);
    CHECK(replayed.output.find("expected is not \"reject\", got \"reject\"") != std::string::npos);
  }
  std::filesystem::remove_all(out);
}

TEST_CASE("explore: unknown features and policies are usage errors", "[explore]") {
  const Outcome feature = run_pbxsim("explore --features dnd-rejekt --seeds 1");
  CHECK(feature.exit_code == 2);
  CHECK(feature.output.find("unknown feature 'dnd-rejekt'") != std::string::npos);
  CHECK(run_pbxsim("explore --policy no_such_vendor --seeds 1").exit_code == 2);
}

TEST_CASE("explore: one kept child runs item after item; a crash or a hang costs only that item", "[explore]") {
  ChildWorker worker(
      [](std::uint64_t item) {
        if (item == 3) {
          std::fputs("assertion failed: item 3 broke the model\n", stderr);
          std::abort();
        }
        if (item == 5) {
          for (volatile bool forever = true; forever;) {
          }
        }
        return "item " + std::to_string(item) + " in " + std::to_string(::getpid());
      },
      1);
  const IsolatedRun first = worker.run(1);
  const IsolatedRun second = worker.run(2);
  CHECK(first.output.starts_with("item 1 in "));
  CHECK(second.output.starts_with("item 2 in "));
  // The same child answered both.
  CHECK(first.output.substr(first.output.rfind(' ')) == second.output.substr(second.output.rfind(' ')));
  CHECK(worker.children_started() == 1);
  const IsolatedRun crashed = worker.run(3);
  CHECK(crashed.ending == IsolatedRun::Ending::Crashed);
  CHECK(crashed.diagnostics.find("item 3 broke the model") != std::string::npos);
  CHECK(worker.run(4).output.starts_with("item 4 in "));
  CHECK(worker.children_started() == 2);
  CHECK(worker.run(5).ending == IsolatedRun::Ending::TimedOut);
  CHECK(worker.run(6).output.starts_with("item 6 in "));
  CHECK(worker.children_started() == 3);
}

TEST_CASE("explore: a seed's result from the kept child equals running its case alone", "[explore]") {
  CaseRunOptions options;
  options.policy = "cisco_cucm";
  SeedRunner runner([](std::uint64_t seed) { return generate_case(seed, {}, false); }, options);
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    const CaseResult kept = runner.run(seed);
    const CaseResult alone = run_case(generate_case(seed, {}, false), options);
    INFO("seed " << seed);
    CHECK(kept.verdict == alone.verdict);
    CHECK(kept.trace_hash == alone.trace_hash);
    CHECK(kept.calls == alone.calls);
  }
  CHECK(runner.workers_started() == 1);
}

TEST_CASE("swarm: each seed draws its own features and intensities, from the seed alone", "[explore]") {
  std::map<std::string, int> seeds_on;
  std::set<std::size_t> sizes;
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    const std::vector<FeatureChoice> drawn = features_for_seed(seed, {});
    const std::vector<FeatureChoice> again = features_for_seed(seed, {});
    REQUIRE(drawn.size() == again.size());
    sizes.insert(drawn.size());
    for (std::size_t i = 0; i < drawn.size(); ++i) {
      CHECK(drawn[i].name == again[i].name);
      CHECK(drawn[i].intensity == again[i].intensity);
      CHECK(drawn[i].intensity >= 1);
      CHECK(drawn[i].intensity <= 3);
      ++seeds_on[drawn[i].name];
    }
  }
  CHECK(sizes.size() > 3);  // not all-on, not all-off
  for (std::size_t i = 1; i < explore_features().size(); ++i) {
    const std::string name(explore_features()[i].name);
    INFO(name);
    CHECK(seeds_on[name] > 60);
    CHECK(seeds_on[name] < 140);
  }
}

TEST_CASE("swarm: --features pins features on at intensity 1; 'all' pins every one", "[explore]") {
  const std::vector<FeatureChoice> pinned = features_for_seed(9, {"cfb", "dnd-reject"});
  REQUIRE(pinned.size() == 3);  // the base, then the list's order
  CHECK(pinned[0].name == "calls");
  CHECK(pinned[1].name == "dnd-reject");
  CHECK(pinned[2].name == "cfb");
  CHECK(features_for_seed(9, {"all"}).size() == explore_features().size());
  // An intensity of 3 makes three rounds of the feature's stimuli.
  const ExploreCase once = generate_case_with(4, {{"dnd-reject", 1}}, false);
  const ExploreCase thrice = generate_case_with(4, {{"dnd-reject", 3}}, false);
  CHECK(steps_of(thrice, "dnd-reject").size() > steps_of(once, "dnd-reject").size());
  CHECK(same_steps(steps_of(once, "calls"), steps_of(thrice, "calls")));
}

TEST_CASE("explore: the report counts seeds, results and call outcomes by feature and by pair", "[explore]") {
  ExploreOptions options;
  options.seeds = 30;
  options.run.isolate = false;
  const ExploreReport report = explore(options, {});
  REQUIRE(report.seeds_run == 30);
  int seeds_with_features = 0;
  for (const auto& [feature, count] : report.features) {
    INFO(feature);
    CHECK(count.seeds > 0);
    CHECK(count.seeds < 30);
    CHECK(count.results.at("passed") == count.seeds);
    seeds_with_features += count.seeds;
  }
  CHECK(report.features.size() == explore_features().size() - 1);
  CHECK(seeds_with_features > 30);
  CHECK_FALSE(report.pairs.empty());
  for (const auto& [pair, count] : report.pairs) {
    CHECK(count.seeds <= std::min(report.features.at(pair.first).seeds, report.features.at(pair.second).seeds));
  }
  std::ostringstream text;
  print_explore(text, report);
  CHECK(text.str().find("seeds by pair of features") != std::string::npos);
}

TEST_CASE("explore: --jobs 2 reports exactly what one job reports, findings and reproducers included", "[explore]") {
  ExploreOptions options;
  options.run.policy = "tests/explore/policies/alerts_dnd_reject.lua";
  options.seeds = 40;
  options.out_dir = temp_dir("explore-jobs");
  const ExploreReport one = explore(options, {});
  std::filesystem::remove_all(options.out_dir);
  options.jobs = 2;
  const ExploreReport two = explore(options, {});
  CHECK(two.workers_started == 2);
  REQUIRE_FALSE(one.findings.empty());
  CHECK(explore_json(one) == explore_json(two));
  std::filesystem::remove_all(options.out_dir);
}

TEST_CASE("explore: --jobs 16 on a small machine, children forked while others run, reports what one job reports",
          "[explore]") {
  // Children used to be forked from one thread per job while the other jobs'
  // threads allocated; under AddressSanitizer a child could inherit the
  // allocator's lock held and hang until its time limit (a TIMEOUT finding).
  ExploreOptions options;
  options.run.policy = "cisco_cucm";
  options.seeds = 300;
  options.out_dir = temp_dir("explore-many-jobs");
  const ExploreReport one = explore(options, {});
  options.jobs = 16;
  const ExploreReport many = explore(options, {});
  CHECK(many.findings.empty());
  CHECK(many.workers_started == 16);
  CHECK(explore_json(one) == explore_json(many));
  options.run.isolate = false;  // threads in this process instead of children
  options.jobs = 4;
  CHECK(explore_json(one) == explore_json(explore(options, {})));
  std::filesystem::remove_all(options.out_dir);
}
