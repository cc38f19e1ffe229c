// Results schema version 2: when each expect ran, the topology snapshot and
// the event queue's depth read back as written; a version-1 file is read as
// it is and upgraded when pbxsim writes to it.
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <fstream>
#include <sstream>

#include "../pbxsim_process.h"
#include "results_test_support.h"
#include "pbxsim/simulator/results_store.h"
#include "pbxsim/simulator/suite_runner.h"
#include "pbxsim/simulator/routing_graph.h"
#include "pbxsim/simulator/topology_snapshot.h"

namespace {

using namespace pbxsim;
using pbxsim_test::TempDir;
using pbxsim_test::exec;
using pbxsim_test::load;
using pbxsim_test::open_db;
using pbxsim_test::write_run;

// Everything a run stored, the topology snapshots included.
const LoadParts kAllParts{true, true, true};

SuiteReport run_file(const std::string& file, SuiteOptions& options) {
  options.paths = {std::string(PBXSIM_SOURCE_DIR) + "/" + file};
  return run_suite(options, nullptr, nullptr);
}

}  // namespace

TEST_CASE("results db: each check's simulated time, the topology and the queue depths read back", "[results]") {
  TempDir dir("store-v2");
  SuiteOptions options;
  const SuiteReport suite = run_file("scenarios/dee/pp7_pp8_pp9_devices.lua", options);
  REQUIRE_FALSE(suite.scenarios.empty());
  auto db = open_db(dir / "r.db", ResultsDb::Mode::Write);
  CHECK(db->schema_version() == kResultsSchemaVersion);
  write_run(*db, suite, options, /*full_trace=*/true);
  const StoredRun stored = load(*db, std::nullopt, kAllParts);
  REQUIRE(stored.suite.scenarios.size() == suite.scenarios.size());
  for (std::size_t i = 0; i < suite.scenarios.size(); ++i) {
    const ScenarioRunResult& live = suite.scenarios[i].result;
    const ScenarioRunResult& back = stored.suite.scenarios[i].result;
    INFO(live.decl.name);
    REQUIRE(back.checks.size() == live.checks.size());
    for (std::size_t c = 0; c < live.checks.size(); ++c) CHECK(back.checks[c].time_us == live.checks[c].time_us);
    CHECK(live.checks.front().time_us >= 0);  // an expect in the steps ran at a simulated time
    REQUIRE(live.topology);
    REQUIRE(back.topology);
    CHECK(topology_snapshot(*back.topology) == topology_snapshot(*live.topology));
    CHECK(back.peak_queue_depth == live.peak_queue_depth);
    CHECK(live.peak_queue_depth > 0);
    CHECK(back.queue_depths == live.queue_depths);
    CHECK(live.queue_depths.size() == live.trace.size());
    // Every kind reads back as itself, those after ScenarioNote (login, group, profile, setting) too.
    REQUIRE(back.trace.size() == live.trace.size());
    for (std::size_t e = 0; e < live.trace.size(); ++e) CHECK(back.trace[e].kind == live.trace[e].kind);
  }
}

TEST_CASE("topology snapshot: reading it back and snapshotting again gives the same text and routing graph",
          "[results]") {
  for (const char* file : {"scenarios/cisco/cuc5_shared_line_dnd_reject.lua", "scenarios/core/core3_forward_limit.lua",
                           "scenarios/core/core6_groups.lua", "scenarios/cisco/em8_several_profiles.lua",
                           "scenarios/dee/pp1_pp2_profiles.lua"}) {
    INFO(file);
    ScenarioRunOptions options;
    options.validate_only = true;
    const ScenarioRunResult loaded = run_scenario(std::string(PBXSIM_SOURCE_DIR) + "/" + file, 0, options);
    REQUIRE(loaded.topology);
    const std::string text = topology_snapshot(*loaded.topology);
    auto back = topology_from_snapshot(text);
    REQUIRE(std::holds_alternative<Topology>(back));
    const Topology& topology = std::get<Topology>(back);
    CHECK(topology_snapshot(topology) == text);
    CHECK(routing_graph_dot(build_routing_graph(topology)) == routing_graph_dot(build_routing_graph(*loaded.topology)));
  }
  CHECK(std::holds_alternative<std::string>(topology_from_snapshot("[1, 2]")));
  CHECK(std::holds_alternative<std::string>(topology_from_snapshot("{\"lines\": [{\"cfa\": 3}]}")));
}

TEST_CASE("results db: a version-1 file reads as it is, and upgrades to the current version when written to",
          "[results]") {
  TempDir dir("store-v1");
  const std::string path = dir / "r.db";
  SuiteOptions options;
  const SuiteReport suite = run_file("tests/viewer/fails_on_purpose.lua", options);
  // A version-2 file as a schema-2 pbxsim wrote it (its first run: fails_on_purpose.lua and cuc5 without
  // --trace, the second with), made a version-1 file: version 2's columns dropped, the version put back.
  std::ifstream fixture(std::string(PBXSIM_SOURCE_DIR) + "/tests/simulator/fixtures/results_v2.sql");
  std::stringstream v2;
  v2 << fixture.rdbuf();
  exec(path, v2.str());
  exec(path,
       "ALTER TABLE scenarios DROP COLUMN topology; ALTER TABLE scenarios DROP COLUMN peak_queue_depth;"
       "ALTER TABLE checks DROP COLUMN time_us; ALTER TABLE events DROP COLUMN queue_depth;"
       "UPDATE meta SET value = '1' WHERE key = 'schema_version'");
  std::size_t stored_events = 0;
  {
    auto db = open_db(path, ResultsDb::Mode::Read);
    CHECK(db->schema_version() == 1);
    const StoredRun old = load(*db, 2, kAllParts);
    REQUIRE_FALSE(old.suite.scenarios.empty());
    const ScenarioRunResult& result = old.suite.scenarios.front().result;
    CHECK(result.decl.name == suite.scenarios.front().result.decl.name);
    CHECK(result.checks.size() == suite.scenarios.front().result.checks.size());
    for (const CheckResult& check : result.checks) CHECK(check.time_us == -1);
    CHECK_FALSE(result.topology);
    CHECK(result.queue_depths.empty());
    CHECK_FALSE(result.trace.empty());
    stored_events = result.trace.size();
  }
  {
    auto db = open_db(path, ResultsDb::Mode::Write);
    CHECK(db->schema_version() == kResultsSchemaVersion);
    write_run(*db, suite, options, /*full_trace=*/true);
    const StoredRun old = load(*db, 2, kAllParts);
    const StoredRun added = load(*db, 3, kAllParts);
    CHECK_FALSE(old.suite.scenarios.front().result.topology);
    CHECK(old.suite.scenarios.front().result.trace.size() == stored_events);
    CHECK(added.suite.scenarios.front().result.topology);
    CHECK(added.suite.scenarios.front().result.checks.front().time_us >= 0);
  }
  const auto report = pbxsim_test::run_pbxsim("report '" + path + "' --run 1");
  CHECK(report.exit_code == 1);  // the stored run failed a check, as before the upgrade
  CHECK(report.output.find("who answers the call") != std::string::npos);
}

TEST_CASE("results db: merge keeps the check times, topology snapshots and queue depths of its inputs", "[results]") {
  TempDir dir("store-v2-merge");
  const auto run = pbxsim_test::run_pbxsim("run scenarios/cisco/cuc5_shared_line_dnd_reject.lua --trace --db '" +
                                           (dir / "a.db") + "'");
  REQUIRE(run.exit_code == 0);
  const auto merge = pbxsim_test::run_pbxsim("merge '" + (dir / "m.db") + "' '" + (dir / "a.db") + "'");
  INFO(merge.output);
  REQUIRE(merge.exit_code == 0);
  auto source = open_db(dir / "a.db", ResultsDb::Mode::Read);
  auto merged = open_db(dir / "m.db", ResultsDb::Mode::Read);
  const StoredRun a = load(*source, std::nullopt, kAllParts);
  const StoredRun m = load(*merged, std::nullopt, kAllParts);
  REQUIRE(a.suite.scenarios.size() == m.suite.scenarios.size());
  for (std::size_t i = 0; i < a.suite.scenarios.size(); ++i) {
    const ScenarioRunResult& before = a.suite.scenarios[i].result;
    const ScenarioRunResult& after = m.suite.scenarios[i].result;
    REQUIRE(before.topology);
    REQUIRE(after.topology);
    CHECK(topology_snapshot(*after.topology) == topology_snapshot(*before.topology));
    CHECK(after.checks.front().time_us == before.checks.front().time_us);
    CHECK(after.peak_queue_depth == before.peak_queue_depth);
    CHECK(after.queue_depths == before.queue_depths);
  }
}
