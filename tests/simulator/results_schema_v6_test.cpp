// Results schema 6: policy decisions (kind decided, fields rule and facts)
// are stored with their calls and read back exactly; a version-5 file is read
// as it is and upgraded when written to.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "../pbxsim_process.h"
#include "results_test_support.h"
#include "pbxsim/simulator/results_store.h"
#include "pbxsim/simulator/suite_runner.h"

namespace {

using namespace pbxsim;
using pbxsim_test::exec;
using pbxsim_test::load;
using pbxsim_test::open_db;
using pbxsim_test::TempDir;
using pbxsim_test::write_run;

SuiteReport run_with_decisions(SuiteOptions& options) {
  options.paths.push_back(std::string(PBXSIM_SOURCE_DIR) + "/scenarios/cisco/cuc5_explained_voicemail.lua");
  options.record_decisions = true;
  return run_suite(options, nullptr, nullptr);
}

std::vector<TraceEvent> decisions(const std::vector<TraceEvent>& trace) {
  std::vector<TraceEvent> decided;
  for (const TraceEvent& event : trace) {
    if (event.kind == TraceKind::Decided) decided.push_back(event);
  }
  return decided;
}

auto decision_fields(const TraceEvent& event) {
  return std::tuple(event.time_us, event.call, event.about, event.device, event.line, event.reason, event.target,
                    event.rule, event.facts);
}

}  // namespace

TEST_CASE("results db v6: decisions are stored with their calls and read back with rule and facts",
          "[results]") {
  TempDir dir("store-v6-decisions");
  SuiteOptions options;
  const SuiteReport suite = run_with_decisions(options);
  REQUIRE(suite.scenarios.size() == 2);
  auto db = open_db(dir / "r.db", ResultsDb::Mode::Write);
  CHECK(db->schema_version() == 6);
  for (const bool full_trace : {false, true}) {
    INFO("full trace " << full_trace);
    const StoredRun stored = load(*db, write_run(*db, suite, options, full_trace));
    for (std::size_t i = 0; i < suite.scenarios.size(); ++i) {
      const std::vector<TraceEvent> live = decisions(suite.scenarios[i].result.trace);
      const std::vector<TraceEvent> back = decisions(stored.suite.scenarios[i].result.trace);
      // Without the full trace only the calls' decisions are stored (DND propagation is no call's).
      std::vector<TraceEvent> expected;
      for (const TraceEvent& event : live) {
        if (full_trace || event.call != 0) expected.push_back(event);
      }
      REQUIRE_FALSE(expected.empty());
      REQUIRE(back.size() == expected.size());
      for (std::size_t d = 0; d < back.size(); ++d) CHECK(decision_fields(back[d]) == decision_fields(expected[d]));
      CHECK(stored.suite.scenarios[i].result.trace_hash == suite.scenarios[i].result.trace_hash);
    }
  }
}

TEST_CASE("results db v6: a version-5 file is read as it is and upgraded when written to", "[results]") {
  TempDir dir("store-v5-upgrade");
  SuiteOptions options;
  const SuiteReport suite = run_with_decisions(options);
  const std::string path = dir / "old.db";
  {
    auto db = open_db(path, ResultsDb::Mode::Write);
    SuiteOptions plain;
    SuiteReport without = suite;
    for (ScenarioReport& report : without.scenarios) std::erase_if(report.result.trace, [](const TraceEvent& e) {
      return e.kind == TraceKind::Decided;
    });
    write_run(*db, without, plain, false);
  }
  // What a version-5 pbxsim wrote: the same tables, no 'decided' kind.
  exec(path, "UPDATE meta SET value = '5' WHERE key = 'schema_version'; DELETE FROM trace_kinds WHERE name = 'decided'");
  {
    auto db = open_db(path, ResultsDb::Mode::Read);
    CHECK(db->schema_version() == 5);
    CHECK(load(*db, std::nullopt).suite.scenarios.size() == 2);
  }
  auto db = open_db(path, ResultsDb::Mode::Write);
  CHECK(db->schema_version() == 6);
  const StoredRun stored = load(*db, write_run(*db, suite, options, false));
  CHECK_FALSE(decisions(stored.suite.scenarios[0].result.trace).empty());
  const StoredRun first = load(*db, 1);
  CHECK(decisions(first.suite.scenarios[0].result.trace).empty());
  CHECK(first.suite.scenarios[0].result.calls.size() == suite.scenarios[0].result.calls.size());
}
