// `pbxsim run` behaves like the test runners CI users know (pytest, prove,
// ctest): --list, -k, -x, --last-failed, exit 5 when nothing matched, -v
// showing passing checks, TAP and GitHub annotations, print in --json.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "../pbxsim_process.h"

namespace {

using pbxsim_test::Outcome;
using pbxsim_test::run_pbxsim;
using pbxsim_test::TempDir;

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Three scenarios: the first passes (and prints), the second and third fail.
void write_suite(const TempDir& dir) {
  pbxsim_test::write_file(dir / "suite/calls.lua", R"(scenario "Alpha answers" {
  lines = { ["1000"] = {} },
  devices = { desk = { kind = "deskphone", lines = { "1000" } } },
  steps = function(sim)
    local c = sim:call_at("1s", "+1555", "1000")
    sim:at("2s", "desk", "answer")
    sim:run()
    print("alpha printed this")
    expect(c.outcome, "alpha's outcome").is("answered")
  end,
}

scenario "beta is wrong on purpose" {
  lines = { ["1000"] = {} },
  devices = { desk = { kind = "deskphone", lines = { "1000" } } },
  steps = function(sim)
    local c = sim:call_at("1s", "+1555", "1000")
    sim:run()
    expect(c.outcome, "beta's outcome").is("answered")
  end,
}

scenario "gamma is wrong too" {
  lines = { ["1000"] = {} },
  devices = { desk = { kind = "deskphone", lines = { "1000" } } },
  steps = function(sim)
    local c = sim:call_at("1s", "+1555", "1000")
    sim:run()
    expect(c.outcome, "gamma's outcome").is("voicemail")
  end,
}
)");
}

}  // namespace

TEST_CASE("run: a filter that matches no scenario exits 5 and says so", "[run][cli]") {
  TempDir dir("run-nomatch");
  write_suite(dir);
  const Outcome none = run_pbxsim("run suite --filter nomatch", dir.str());
  INFO(none.output);
  CHECK(none.exit_code == 5);
  CHECK(has(none.output, "no scenario matched --filter 'nomatch'"));
  CHECK(run_pbxsim("run suite -k nomatch", dir.str()).exit_code == 5);
  CHECK(run_pbxsim("run suite --list --filter nomatch", dir.str()).exit_code == 5);
}

TEST_CASE("run: -k selects by a substring of the name in any case, beside the --filter glob", "[run][cli]") {
  TempDir dir("run-k");
  write_suite(dir);
  const Outcome alpha = run_pbxsim("run suite -k ALPHA", dir.str());
  INFO(alpha.output);
  CHECK(alpha.exit_code == 0);
  CHECK(has(alpha.output, "1 passed, 0 failed"));
  const Outcome both = run_pbxsim("run suite -k wrong --filter 'beta*'", dir.str());
  CHECK(both.exit_code == 1);
  CHECK(has(both.output, "0 passed, 1 failed"));
}

TEST_CASE("run: --list lists the selected scenarios with file:line and runs none", "[run][cli]") {
  TempDir dir("run-list");
  write_suite(dir);
  const Outcome listed = run_pbxsim("run suite --list -k a", dir.str());
  INFO(listed.output);
  CHECK(listed.exit_code == 0);
  CHECK(listed.output == "suite/calls.lua:1  Alpha answers\nsuite/calls.lua:13  beta is wrong on purpose\n"
                         "suite/calls.lua:23  gamma is wrong too\n");
}

TEST_CASE("run: -x stops at the first failure and says how many did not run", "[run][cli]") {
  TempDir dir("run-x");
  write_suite(dir);
  for (const char* jobs : {"1", "2"}) {
    const Outcome stopped = run_pbxsim(std::string("run suite -x --jobs ") + jobs, dir.str());
    INFO(stopped.output);
    CHECK(stopped.exit_code == 1);
    CHECK(count_of(stopped.output, "FAIL ") == 1);
    CHECK(has(stopped.output, "stopped at the first failure (-x): 1 scenario(s) not run"));
    CHECK(has(stopped.output, "1 passed, 1 failed"));
  }
}

TEST_CASE("run: --last-failed DB runs only the scenarios that failed in the latest stored run", "[run][cli]") {
  TempDir dir("run-lf");
  write_suite(dir);
  REQUIRE(run_pbxsim("run suite --db r.db", dir.str()).exit_code == 1);
  const Outcome again = run_pbxsim("run suite --last-failed r.db", dir.str());
  INFO(again.output);
  CHECK(again.exit_code == 1);
  CHECK_FALSE(has(again.output, "Alpha answers"));
  CHECK(has(again.output, "0 passed, 2 failed"));
  // A run with no failure leaves nothing to rerun: exit 5, like an empty selection.
  REQUIRE(run_pbxsim("run suite -k alpha --db ok.db", dir.str()).exit_code == 0);
  const Outcome nothing = run_pbxsim("run suite --last-failed ok.db", dir.str());
  CHECK(nothing.exit_code == 5);
  CHECK(has(nothing.output, "had 0 failure(s)"));
  CHECK(run_pbxsim("run suite --last-failed missing.db", dir.str()).exit_code == 2);
}

TEST_CASE("run: -v shows the checks that passed, not only the failed ones", "[run][cli]") {
  TempDir dir("run-v");
  write_suite(dir);
  const Outcome quiet = run_pbxsim("run suite -k alpha", dir.str());
  CHECK_FALSE(has(quiet.output, "alpha's outcome"));
  const Outcome verbose = run_pbxsim("run suite -k alpha -v", dir.str());
  INFO(verbose.output);
  CHECK(has(verbose.output, "ok: suite/calls.lua:9: alpha's outcome is \"answered\""));
  CHECK(has(verbose.output, "print: 2s suite/calls.lua:8: alpha printed this"));
}

TEST_CASE("run --format github: an ::error annotation at each failed check's file and line", "[run][cli]") {
  TempDir dir("run-github");
  write_suite(dir);
  const Outcome github = run_pbxsim("run suite --format github", dir.str(), false);
  INFO(github.output);
  CHECK(github.exit_code == 1);
  CHECK(has(github.output, "::error file=suite/calls.lua,line=19,title=pbxsim%3A beta is wrong on purpose::"
                           "suite/calls.lua:19: beta's outcome: expected \"answered\", got \"no-answer\"%0Areproduce: "));
  CHECK(has(github.output, "::error file=suite/calls.lua,line=29,"));
  CHECK(has(github.output, "1 passed, 2 failed"));  // the text report is still there
  const Outcome missing = run_pbxsim("run nowhere.lua --format github", dir.str(), false);
  CHECK(missing.exit_code == 2);
  CHECK(has(missing.output, "::error file=nowhere.lua,title=pbxsim%3A cannot load::no such file or directory"));
}

TEST_CASE("run --format tap: a TAP 13 test point per scenario and the plan", "[run][cli]") {
  TempDir dir("run-tap");
  write_suite(dir);
  const Outcome tap = run_pbxsim("run suite --format tap", dir.str(), false);
  INFO(tap.output);
  CHECK(tap.exit_code == 1);
  CHECK(tap.output.starts_with("TAP version 13\nok 1 - suite/calls.lua:1 Alpha answers\n"
                               "not ok 2 - suite/calls.lua:13 beta is wrong on purpose\n  ---\n  failed:\n"
                               "    - \"suite/calls.lua:19: beta's outcome: expected \\\"answered\\\", got "
                               "\\\"no-answer\\\"\"\n"));
  CHECK(tap.output.ends_with("  ...\n1..3\n"));
}

TEST_CASE("run --json: each scenario carries its print output", "[run][cli]") {
  TempDir dir("run-json");
  write_suite(dir);
  const Outcome json = run_pbxsim("run suite -k alpha --json", dir.str(), false);
  REQUIRE(json.exit_code == 0);
  const auto document = nlohmann::json::parse(json.output);
  CHECK(document["scenarios"][0]["printed"] == nlohmann::json::array({"2s suite/calls.lua:8: alpha printed this"}));
  // Call times as Lua and the results database have them: null (nil, NULL) until they happen.
  const auto& call = document["scenarios"][0]["calls"][0];
  CHECK(call["outcome"] == "answered");
  CHECK(call["answered_at_us"] == 2'000'000);
  CHECK(call["ended_at_us"] == 2'000'000);
  CHECK(call["released_at_us"].is_null());
  // A check knows the call it is about: expect(c.outcome) read call 1.
  CHECK(document["scenarios"][0]["checks"][0]["call"] == 1);
}

TEST_CASE("run: a file that cannot load prints no reproduce line and no zero trace hash", "[run][cli]") {
  TempDir dir("run-error");
  pbxsim_test::write_file(dir / "broken.lua", "scenario \"x\" { steps = function(sim) end,\n");
  const Outcome broken = run_pbxsim("run broken.lua nowhere.lua", dir.str());
  INFO(broken.output);
  CHECK(broken.exit_code == 2);
  CHECK_FALSE(has(broken.output, "reproduce"));
  CHECK_FALSE(has(broken.output, "trace 0000000000000000"));
}

TEST_CASE("run --format junit: the JUnit XML on stdout, as --junit FILE writes it", "[run][cli]") {
  TempDir dir("run-junit");
  write_suite(dir);
  const Outcome junit = run_pbxsim("run suite --format junit --junit file.xml", dir.str(), false);
  INFO(junit.output);
  CHECK(junit.exit_code == 1);
  CHECK(junit.output.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"pbxsim\" tests=\"3\""));
  CHECK(count_of(junit.output, "<failure ") == 2);
  std::ifstream written(dir / "file.xml");
  std::stringstream file;
  file << written.rdbuf();
  // The same document but for the times, which are wall-clock.
  auto without_times = [](std::string text) {
    std::string out;
    for (std::size_t at = 0; at < text.size();) {
      const std::size_t time = text.find(" time=\"", at);
      if (time == std::string::npos) return out + text.substr(at);
      out += text.substr(at, time - at);
      at = text.find('"', time + 7) + 1;
    }
    return out;
  };
  CHECK(without_times(junit.output) == without_times(file.str()));
}
