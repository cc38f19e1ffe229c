// Stored results end to end through the real pbxsim binary: a run killed
// with SIGKILL, diff, shards and merge, --jobs, golden files and the matrix.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <thread>

#include "../pbxsim_process.h"
#include "results_test_support.h"
#include "pbxsim/simulator/results_store.h"

namespace {

using namespace pbxsim;
using pbxsim_test::Outcome;
using pbxsim_test::run_pbxsim;
using pbxsim_test::TempDir;

const std::string kSource = PBXSIM_SOURCE_DIR;

StoredRun load(const std::string& path, std::optional<std::int64_t> run = std::nullopt) {
  auto opened = ResultsDb::open(path, ResultsDb::Mode::Read);
  if (auto* error = std::get_if<std::string>(&opened)) FAIL(*error);
  auto loaded = std::get<std::unique_ptr<ResultsDb>>(opened)->load_run(run);
  if (auto* error = std::get_if<std::string>(&loaded)) FAIL(*error);
  return std::move(std::get<StoredRun>(loaded));
}

// Each scenario as "file | name | status | trace hash", in stored order.
std::vector<std::string> fingerprint(const StoredRun& run) {
  std::vector<std::string> lines;
  for (const ScenarioReport& report : run.suite.scenarios) {
    lines.push_back(report.file + " | " + report.result.decl.name + " | " +
                    std::to_string(static_cast<int>(report.status)) + " | " + format_hash(report.result.trace_hash));
  }
  return lines;
}

std::size_t count_lines_with(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

// A scenario under a policy of its own whose no-answer handling a test can change.
void write_vendor_suite(const TempDir& dir) {
  pbxsim_test::write_file(dir / "suite/policies/vendor.lua", R"(local policy = extend "base"
policy.name = "vendor"
policy.line_defaults = { no_answer = "12s" }
return policy
)");
  pbxsim_test::write_file(dir / "suite/calls.lua", R"(scenario "three calls, one answered" {
  policy = "policies/vendor.lua",
  lines = { ["1000"] = {}, ["2000"] = { cfna = "voicemail" } },
  devices = { desk = { kind = "deskphone", lines = { "1000" } }, other = { lines = { "2000" } } },
  steps = function(sim)
    local a = sim:call_at("1s", "+1555", "1000")
    local b = sim:call_at("2s", "+1556", "2000")
    local c = sim:call_at("3s", "+1557", "1000")
    sim:at("4s", "desk", "answer")
    sim:run()
    expect(a.outcome).is("answered")
    expect(b.outcome).is("voicemail")
    expect(c.outcome, "the call nobody answers").is("no-answer")
  end,
}

scenario "a call that is not affected" {
  lines = { ["1000"] = {} },
  devices = { desk = { kind = "deskphone", lines = { "1000" } } },
  steps = function(sim)
    local c = sim:call_at("1s", "+1555", "1000")
    sim:at("2s", "desk", "answer")
    sim:run()
    expect(c.outcome).is("answered")
  end,
}
)");
}

void give_vendor_policy_a_cfna_default(const TempDir& dir) {
  pbxsim_test::replace_in_file(dir / "suite/policies/vendor.lua", R"(policy.line_defaults = { no_answer = "12s" })",
                               R"(policy.line_defaults = { cfna = "voicemail", no_answer = "12s" })");
}

}  // namespace

TEST_CASE("results db: a run killed with SIGKILL keeps its finished scenarios and an intact database",
          "[results][cli]") {
  TempDir dir("killed");
  const std::string db = dir / "killed.db";
  pbxsim_test::Background run({"run", "tests/killed_run", "--db", db, "--lua-instructions", "1000000000000000"},
                              kSource);
  // a_fast.lua's two scenarios finish at once; b_slow.lua then runs for days.
  std::size_t recorded = 0;
  for (int attempt = 0; attempt < 6000 && recorded < 2 && run.running(); ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    auto opened = ResultsDb::open(db, ResultsDb::Mode::Read);
    if (!std::holds_alternative<std::unique_ptr<ResultsDb>>(opened)) continue;  // not created yet
    auto loaded = std::get<std::unique_ptr<ResultsDb>>(opened)->load_run(std::nullopt);
    if (auto* stored = std::get_if<StoredRun>(&loaded)) recorded = stored->suite.scenarios.size();
  }
  REQUIRE(recorded == 2);
  REQUIRE(run.running());
  const int status = run.kill_with(SIGKILL);
  REQUIRE(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGKILL);

  CHECK(pbxsim_test::integrity_check(db) == "ok");

  const StoredRun stored = load(db);
  CHECK_FALSE(stored.info.finished());
  REQUIRE(stored.suite.scenarios.size() == 2);
  for (const ScenarioReport& report : stored.suite.scenarios) {
    CHECK(report.file == "tests/killed_run/a_fast.lua");
    CHECK(report.status == ScenarioReport::Status::Passed);
    CHECK(report.result.checks.size() == 1);
    CHECK(report.result.calls.size() == 1);
  }
  const Outcome report = run_pbxsim("report '" + db + "'");
  INFO(report.output);
  CHECK(report.exit_code == 0);
  CHECK(report.output.find("this run did not finish (killed or crashed): 2 scenario(s) were recorded") !=
        std::string::npos);
  CHECK(report.output.find("2 passed, 0 failed") != std::string::npos);

  // The file takes further runs.
  CHECK(run_pbxsim("run tests/killed_run/a_fast.lua --db '" + db + "'").exit_code == 0);
  CHECK(load(db).info.id == 2);
}

TEST_CASE("diff: a run against itself reports nothing and exits 0", "[results][cli]") {
  TempDir dir("diff-self");
  const std::string db = dir / "r.db";
  REQUIRE(run_pbxsim("run scenarios --db '" + db + "'").exit_code == 0);
  const Outcome same = run_pbxsim("diff '" + db + "' '" + db + "'");
  CHECK(same.exit_code == 0);
  CHECK(same.output.empty());
  // A second run of the same suite is no different either.
  REQUIRE(run_pbxsim("run scenarios --db '" + db + "'").exit_code == 0);
  const Outcome again = run_pbxsim("diff '" + db + ":1' '" + db + ":2'");
  CHECK(again.exit_code == 0);
  CHECK(again.output.empty());
}

TEST_CASE("diff: a changed policy setting names exactly the calls that changed and exits 1", "[results][cli]") {
  TempDir dir("diff-policy");
  write_vendor_suite(dir);
  const std::string suite = dir / "suite";
  REQUIRE(run_pbxsim("run . --db before.db", suite).exit_code == 0);
  give_vendor_policy_a_cfna_default(dir);
  REQUIRE(run_pbxsim("run . --db after.db", suite).exit_code == 1);

  const Outcome diff = run_pbxsim("diff before.db after.db", suite);
  INFO(diff.output);
  CHECK(diff.exit_code == 1);
  CHECK(diff.output.find("calls.lua:1  three calls, one answered") != std::string::npos);
  CHECK(diff.output.find("! stopped passing: passed -> failed") != std::string::npos);
  CHECK(diff.output.find("! check calls.lua:13 the call nobody answers: actual changed") != std::string::npos);
  CHECK(diff.output.find("! call-3 from +1557 to 1000") != std::string::npos);
  CHECK(diff.output.find("was  outcome no-answer at 15s: line 1000") != std::string::npos);
  CHECK(diff.output.find("now  outcome voicemail at 15s: voicemail of 1000") != std::string::npos);
  CHECK(diff.output.find("now  path 1000 > voicemail") != std::string::npos);
  // Calls 1 and 2 and the other scenario did not change.
  CHECK(diff.output.find("call-1") == std::string::npos);
  CHECK(diff.output.find("call-2") == std::string::npos);
  CHECK(diff.output.find("a call that is not affected") == std::string::npos);
  CHECK(diff.output.find("3 regression(s), 0 improvement(s), 0 timing change(s), 0 other change(s)") !=
        std::string::npos);

  // The other way round it is an improvement: the scenario and its check
  // pass again, the call changed with them; nothing got worse, exit 0.
  const Outcome back = run_pbxsim("diff after.db before.db", suite);
  INFO(back.output);
  CHECK(back.exit_code == 0);
  CHECK(back.output.find("+ started passing: failed -> passed") != std::string::npos);
  CHECK(back.output.find("+ check calls.lua:13 the call nobody answers: actual changed (now passes)") !=
        std::string::npos);
  CHECK(back.output.find("0 regression(s), 2 improvement(s), 0 timing change(s), 1 other change(s)") !=
        std::string::npos);

  // --json: the same entries and counts.
  const Outcome json = run_pbxsim("diff before.db after.db --json", suite, false);
  CHECK(json.exit_code == 1);
  const auto document = nlohmann::json::parse(json.output);
  CHECK(document["regressions"] == 3);
  CHECK(document["improvements"] == 0);
  CHECK(document["entries"][0]["kind"] == "regression");
  CHECK(document["entries"][0]["scenario"] == "calls.lua:1  three calls, one answered");
}

TEST_CASE("diff: a call that took the same steps at other times is a timing change, not a regression",
          "[results][cli]") {
  TempDir dir("diff-timing");
  write_vendor_suite(dir);
  const std::string suite = dir / "suite";
  REQUIRE(run_pbxsim("run . --db before.db", suite).exit_code == 0);
  pbxsim_test::replace_in_file(dir / "suite/policies/vendor.lua", R"(no_answer = "12s")", R"(no_answer = "20s")");
  REQUIRE(run_pbxsim("run . --db after.db", suite).exit_code == 0);
  const Outcome diff = run_pbxsim("diff before.db after.db", suite);
  INFO(diff.output);
  CHECK(diff.exit_code == 0);
  CHECK(diff.output.find("@ call-3 from +1557 to 1000: timing only") != std::string::npos);
  CHECK(diff.output.find("was  outcome no-answer at 15s: line 1000") != std::string::npos);
  CHECK(diff.output.find("now  outcome no-answer at 23s: line 1000") != std::string::npos);
  CHECK(diff.output.find("@ call-2 from +1556 to 2000: timing only") != std::string::npos);
  CHECK(diff.output.find("0 regression(s), 0 improvement(s), 2 timing change(s), 0 other change(s)") !=
        std::string::npos);
}

TEST_CASE("matrix: a row is marked only when the cells it shows differ", "[matrix][cli]") {
  TempDir dir("matrix-marks");
  write_vendor_suite(dir);
  // Two policies that differ only in when an unanswered call gives up.
  pbxsim_test::write_file(dir / "suite/policies/slower.lua", R"(local policy = extend "base"
policy.name = "slower"
policy.line_defaults = { no_answer = "20s" }
return policy
)");
  pbxsim_test::write_file(dir / "suite/policies/faster.lua", R"(local policy = extend "base"
policy.name = "faster"
policy.line_defaults = { no_answer = "12s" }
return policy
)");
  const Outcome same = run_pbxsim("matrix calls.lua --policies policies/faster.lua,policies/slower.lua", dir / "suite");
  INFO(same.output);
  CHECK(same.exit_code == 0);
  CHECK(same.output.find("\n0 of ") != std::string::npos);
  CHECK(same.output.find("\n* ") == std::string::npos);
  // A policy that sends the unanswered call elsewhere differs, and is marked.
  pbxsim_test::write_file(dir / "suite/policies/voicemail.lua", R"(local policy = extend "base"
policy.name = "voicemail"
policy.line_defaults = { cfna = "voicemail", no_answer = "12s" }
return policy
)");
  const Outcome differ = run_pbxsim("matrix calls.lua --policies policies/faster.lua,policies/voicemail.lua",
                                    dir / "suite");
  INFO(differ.output);
  CHECK(differ.output.find("\n* call-3") != std::string::npos);
  CHECK(differ.output.find("\n  call-1") != std::string::npos);
}

TEST_CASE("report --json: a stored run as the document run --json printed", "[results][cli]") {
  TempDir dir("report-json");
  write_vendor_suite(dir);
  const std::string suite = dir / "suite";
  const Outcome run = run_pbxsim("run . --db r.db --json", suite, false);
  REQUIRE(run.exit_code == 0);
  const Outcome report = run_pbxsim("report r.db --json", suite, false);
  REQUIRE(report.exit_code == 0);
  const auto stored = nlohmann::json::parse(report.output);
  const auto live = nlohmann::json::parse(run.output);
  REQUIRE(stored["scenarios"].size() == 2);
  CHECK(stored["summary"] == live["summary"]);
  CHECK(stored["scenarios"][0]["trace_hash"] == live["scenarios"][0]["trace_hash"]);
  CHECK(stored["scenarios"][0]["calls"][2]["outcome"] == "no-answer");
}

TEST_CASE("shards: 1/3, 2/3 and 3/3 merged equal a full run", "[results][cli]") {
  TempDir dir("shards");
  REQUIRE(run_pbxsim("run scenarios --db '" + (dir / "full.db") + "'").exit_code == 0);
  std::string inputs;
  std::size_t total = 0;
  for (int k = 1; k <= 3; ++k) {
    const std::string db = dir / ("shard" + std::to_string(k) + ".db");
    const Outcome shard = run_pbxsim("run scenarios --shard " + std::to_string(k) + "/3 --db '" + db + "'");
    INFO(shard.output);
    REQUIRE(shard.exit_code == 0);
    CHECK(shard.output.find("shard " + std::to_string(k) + "/3") != std::string::npos);
    const std::size_t scenarios = load(db).suite.scenarios.size();
    CHECK(scenarios > 0);
    total += scenarios;
    inputs += " '" + db + "'";
  }
  const Outcome merge = run_pbxsim("merge '" + (dir / "merged.db") + "'" + inputs);
  INFO(merge.output);
  REQUIRE(merge.exit_code == 0);

  const StoredRun full = load(dir / "full.db");
  const StoredRun merged = load(dir / "merged.db");
  CHECK(total == full.suite.scenarios.size());
  CHECK(fingerprint(merged) == fingerprint(full));
  const Outcome diff = run_pbxsim("diff '" + (dir / "full.db") + "' '" + (dir / "merged.db") + "'");
  CHECK(diff.exit_code == 0);
  CHECK(diff.output.empty());

  // Merging a shard twice is refused.
  const Outcome twice = run_pbxsim("merge '" + (dir / "twice.db") + "' '" + (dir / "shard1.db") + "' '" +
                                   (dir / "shard1.db") + "'");
  CHECK(twice.exit_code == 2);
  CHECK(twice.output.find("merge each shard once") != std::string::npos);

  // A missing shard is refused too, naming it: the merged run would pass as a smaller suite.
  const Outcome partial = run_pbxsim("merge '" + (dir / "partial.db") + "' '" + (dir / "shard1.db") + "' '" +
                                     (dir / "shard3.db") + "'");
  INFO(partial.output);
  CHECK(partial.exit_code == 2);
  CHECK(partial.output.find("shard(s) 2/3 missing") != std::string::npos);
}

TEST_CASE("shards: a bad --shard is a usage error", "[results][cli]") {
  for (const char* shard : {"0/3", "4/3", "3", "a/b", "1/0"}) {
    const Outcome outcome = run_pbxsim(std::string("run tests/inputs --shard ") + shard);
    INFO(shard << ": " << outcome.output);
    CHECK(outcome.exit_code == 2);
    CHECK(outcome.output.find("--shard") != std::string::npos);
  }
}

TEST_CASE("jobs: --jobs 2 prints and stores the same as --jobs 1", "[results][cli]") {
  TempDir dir("jobs");
  const Outcome serial = run_pbxsim("run scenarios --check-determinism --jobs 1 --db '" + (dir / "serial.db") + "'",
                                    kSource, false);
  const Outcome parallel = run_pbxsim(
      "run scenarios --check-determinism --jobs 2 --db '" + (dir / "parallel.db") + "'", kSource, false);
  REQUIRE(serial.exit_code == 0);
  CHECK(parallel.exit_code == 0);
  auto without_results_line = [](std::string text) {
    const std::size_t at = text.find("results: ");
    return at == std::string::npos ? text : text.erase(at, text.find('\n', at) - at + 1);
  };
  CHECK(without_results_line(parallel.output) == without_results_line(serial.output));
  CHECK(fingerprint(load(dir / "parallel.db")) == fingerprint(load(dir / "serial.db")));
  const Outcome diff = run_pbxsim("diff '" + (dir / "serial.db") + "' '" + (dir / "parallel.db") + "'");
  CHECK(diff.exit_code == 0);
  CHECK(diff.output.empty());
}

TEST_CASE("golden: --update-golden records calls, and a later change fails the scenario with a diff", "[golden][cli]") {
  TempDir dir("golden");
  write_vendor_suite(dir);
  const std::string suite = dir / "suite";
  const Outcome update = run_pbxsim("run . --update-golden", suite);
  INFO(update.output);
  REQUIRE(update.exit_code == 0);
  CHECK(update.output.find("golden: calls.lua.golden: recorded 2 scenario(s)") != std::string::npos);
  const std::string golden = pbxsim_test::read_file(dir / "suite/calls.lua.golden");
  CHECK(golden.find("scenario \"three calls, one answered\"\n  policy vendor\n  seed 1\n"
                    "  call-1 from +1555 to 1000\n    outcome answered at 4s: by desk\n    path 1000\n") !=
        std::string::npos);
  CHECK(golden.find("  call-3 from +1557 to 1000\n    outcome no-answer at 15s: line 1000\n") != std::string::npos);

  // Unchanged: the golden comparison passes.
  const Outcome same = run_pbxsim("run . -v", suite);
  CHECK(same.exit_code == 0);

  // A changed policy: the golden check fails and shows what changed.
  give_vendor_policy_a_cfna_default(dir);
  pbxsim_test::replace_in_file(dir / "suite/calls.lua", R"(expect(c.outcome, "the call nobody answers").is("no-answer"))",
                               R"(expect(c.outcome, "the call nobody answers").is_not(nil))");
  const Outcome changed = run_pbxsim("run .", suite);
  INFO(changed.output);
  CHECK(changed.exit_code == 1);
  CHECK(changed.output.find("calls.lua.golden:5: calls: expected as recorded in calls.lua.golden, got a difference") !=
        std::string::npos);
  CHECK(changed.output.find("      call-3 from +1557 to 1000\n") != std::string::npos);
  CHECK(changed.output.find("-     outcome no-answer at 15s: line 1000") != std::string::npos);
  CHECK(changed.output.find("+     outcome voicemail at 15s: voicemail of 1000") != std::string::npos);
  CHECK(changed.output.find("+     path 1000 > voicemail") != std::string::npos);
  CHECK(count_lines_with(changed.output, "call-1") == 0);

  // Re-recorded, it passes again; the other scenario's block is kept.
  REQUIRE(run_pbxsim("run . --update-golden --filter 'three*'", suite).exit_code == 0);
  CHECK(run_pbxsim("run .", suite).exit_code == 0);
  CHECK(pbxsim_test::read_file(dir / "suite/calls.lua.golden").find("scenario \"a call that is not affected\"") !=
        std::string::npos);
}

TEST_CASE("golden: a scenario may check its calls by golden file alone", "[golden][cli]") {
  TempDir dir("golden-only");
  pbxsim_test::write_file(dir / "only.lua", R"(scenario "no expect, only recorded outcomes" {
  lines = { ["1000"] = {} },
  devices = { desk = { kind = "deskphone", lines = { "1000" } } },
  steps = function(sim)
    sim:call_at("1s", "+1555", "1000")
    sim:run()
  end,
}
)");
  const Outcome unchecked = run_pbxsim("run only.lua", dir.str());
  CHECK(unchecked.exit_code == 1);
  CHECK(unchecked.output.find("a scenario that checks nothing cannot fail") != std::string::npos);
  REQUIRE(run_pbxsim("run only.lua --update-golden", dir.str()).exit_code == 1);
  const Outcome recorded = run_pbxsim("run only.lua", dir.str());
  INFO(recorded.output);
  CHECK(recorded.exit_code == 0);
}

TEST_CASE("matrix: the repository's policies side by side, with at least one real difference", "[matrix][cli]") {
  const Outcome text = run_pbxsim("matrix scenarios/matrix --policies base,cisco_cucm");
  INFO(text.output);
  REQUIRE(text.exit_code == 0);
  CHECK(text.output.find("policies base, cisco_cucm") != std::string::npos);
  CHECK(text.output.find("\n* call-1 +14085550100 -> 1000  no-answer ") != std::string::npos);
  CHECK(text.output.find("rows differ between the policies (marked *)") != std::string::npos);

  const Outcome markdown = run_pbxsim("matrix --format markdown");
  CHECK(markdown.exit_code == 0);
  CHECK(markdown.output.find("| | scenario | row | base | cisco\\_cucm |") != std::string::npos);
  CHECK(markdown.output.find("| ≠ |") != std::string::npos);

  const Outcome json = run_pbxsim("matrix --format json --policies cisco_cucm,base");
  CHECK(json.exit_code == 0);
  CHECK(json.output.find("\"differs\": true") != std::string::npos);
  CHECK(json.output.find("\"policies\": [\n    \"cisco_cucm\",\n    \"base\"\n  ]") != std::string::npos);

  const Outcome unknown = run_pbxsim("matrix --policies base,no_such_pbx");
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.output.find("unknown policy 'no_such_pbx'") != std::string::npos);
}

TEST_CASE("coverage --db: the same coverage from a stored run as from a live one", "[results][cli]") {
  TempDir dir("coverage");
  REQUIRE(run_pbxsim("run scenarios --db '" + (dir / "r.db") + "'").exit_code == 0);
  const Outcome live = run_pbxsim("coverage scenarios --json", kSource, false);
  const Outcome stored = run_pbxsim("coverage --db '" + (dir / "r.db") + "' --json", kSource, false);
  CHECK(stored.exit_code == 0);
  CHECK(stored.output == live.output);
}
