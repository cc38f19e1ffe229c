// The results database through its API: a run reads back as it was written,
// the schema version is checked, and files that are not pbxsim results
// databases are refused with a message.
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <map>

#include "../pbxsim_process.h"
#include "results_test_support.h"
#include "pbxsim/simulator/call_summary.h"
#include "pbxsim/simulator/results_store.h"
#include "pbxsim/simulator/suite_runner.h"
#include "pbxsim/simulator/testing/calls_to_shared_lines.h"

namespace {

using namespace pbxsim;
using pbxsim_test::TempDir;
using pbxsim_test::exec;
using pbxsim_test::load;
using pbxsim_test::open_db;
using pbxsim_test::write_run;

SuiteReport run_inputs(SuiteOptions& options) {
  options.paths = {std::string(PBXSIM_SOURCE_DIR) + "/scenarios/core/core5_one_outcome_per_call.lua"};
  return run_suite(options, nullptr, nullptr);
}

std::map<CallId, std::vector<std::string>> details_by_call(const std::vector<TraceEvent>& trace) {
  std::map<CallId, std::vector<std::string>> by_call;
  for (const TraceEvent& event : trace) {
    if (const auto call = call_of_event(event)) by_call[*call].push_back(event.text);
  }
  return by_call;
}

// Two scenarios of `calls` calls to ten shared lines, large enough to be
// stored in several parts (results_store.cpp stores 1 024 calls and 4 096
// trace events a part, 128 or 16 rows a statement).
SuiteReport many_calls(int calls) {
  ScenarioReport report = pbxsim::testing::calls_to_shared_lines(10, calls);
  report.result.decl.covers = {"CORE-5"};
  SuiteReport suite;
  suite.scenarios.push_back(report);
  suite.scenarios.push_back(report);
  suite.scenarios.back().index = 1;
  return suite;
}

}  // namespace

TEST_CASE("results db: a stored run reads back with its scenarios, checks, calls and call paths", "[results]") {
  TempDir dir("store-roundtrip");
  SuiteOptions options;
  const SuiteReport suite = run_inputs(options);
  REQUIRE(suite.scenarios.size() >= 5);
  auto db = open_db(dir / "r.db", ResultsDb::Mode::Write);
  const std::int64_t run = write_run(*db, suite, options, false);
  const StoredRun stored = load(*db, std::nullopt);

  CHECK(stored.info.id == run);
  CHECK(stored.info.finished());
  CHECK(stored.info.passed == suite.passed());
  REQUIRE(stored.suite.scenarios.size() == suite.scenarios.size());
  for (std::size_t i = 0; i < suite.scenarios.size(); ++i) {
    const ScenarioRunResult& live = suite.scenarios[i].result;
    const ScenarioRunResult& back = stored.suite.scenarios[i].result;
    INFO(live.decl.name);
    CHECK(back.decl.name == live.decl.name);
    CHECK(back.decl.covers == live.decl.covers);
    CHECK(back.policy == live.policy);
    CHECK(back.trace_hash == live.trace_hash);
    CHECK(back.trace_events == live.trace_events);
    REQUIRE(back.checks.size() == live.checks.size());
    for (std::size_t c = 0; c < live.checks.size(); ++c) {
      CHECK(back.checks[c].actual == live.checks[c].actual);
      CHECK(back.checks[c].line == live.checks[c].line);
    }
    REQUIRE(back.calls.size() == live.calls.size());
    for (std::size_t c = 0; c < live.calls.size(); ++c) {
      CHECK(call_facts(back.calls[c]) == call_facts(live.calls[c]));
      CHECK(events_of_call(back.trace, live.calls[c].id).size() == events_of_call(live.trace, live.calls[c].id).size());
    }
  }
}

TEST_CASE("results db: without --trace only the events of calls are stored, with it every event", "[results]") {
  TempDir dir("store-trace");
  SuiteOptions options;
  options.paths = {std::string(PBXSIM_SOURCE_DIR) + "/scenarios/core/core1_registration_lifetime.lua"};
  const SuiteReport suite = run_suite(options, nullptr, nullptr);
  auto db = open_db(dir / "r.db", ResultsDb::Mode::Write);
  const std::int64_t calls_only = write_run(*db, suite, options, false);
  const std::int64_t full = write_run(*db, suite, options, true);
  const StoredRun partial = load(*db, calls_only);
  const StoredRun whole = load(*db, full);
  const ScenarioRunResult& live = suite.scenarios.front().result;
  CHECK(whole.suite.scenarios.front().result.trace.size() == live.trace.size());
  const auto& stored = partial.suite.scenarios.front().result.trace;
  CHECK(stored.size() < live.trace.size());
  for (const TraceEvent& event : stored) CHECK(call_of_event(event).has_value());
}

TEST_CASE("results db: a scenario larger than one part reads back whole, every call with its own events",
          "[results]") {
  TempDir dir("store-parts");
  // 2 500 calls: two whole parts and one of 452 (3 statements of 128 rows,
  // 4 of 16, 4 single rows); 17 trace events a call, over ten parts.
  const SuiteReport suite = many_calls(2500);
  const ScenarioRunResult& live = suite.scenarios.front().result;
  REQUIRE(live.calls.size() == 2500);
  REQUIRE(live.trace.size() > 3 * 4096);
  SuiteOptions options;
  auto db = open_db(dir / "r.db", ResultsDb::Mode::Write);
  for (const bool full_trace : {false, true}) {
    INFO("full trace: " << full_trace);
    const StoredRun stored = load(*db, write_run(*db, suite, options, full_trace));
    REQUIRE(stored.suite.scenarios.size() == 2);
    for (const ScenarioReport& scenario : stored.suite.scenarios) {
      const ScenarioRunResult& back = scenario.result;
      CHECK(back.decl.covers == live.decl.covers);
      REQUIRE(back.checks.size() == 1);
      REQUIRE(back.calls.size() == live.calls.size());
      for (std::size_t c = 0; c < live.calls.size(); ++c) {
        INFO("call " << live.calls[c].id);
        CHECK(call_facts(back.calls[c]) == call_facts(live.calls[c]));
      }
      // Each call's events, in trace order (one pass over each trace).
      const auto back_events = details_by_call(back.trace);
      CHECK(back_events.size() == live.calls.size());
      CHECK(back_events == details_by_call(live.trace));
      if (full_trace) CHECK(back.trace.size() == live.trace.size());
    }
  }
  db.reset();
  CHECK(pbxsim_test::integrity_check(dir / "r.db") == "ok");
}

TEST_CASE("results db: a file written by a newer pbxsim is refused, naming both schema versions", "[results]") {
  TempDir dir("store-newer");
  const std::string path = dir / "r.db";
  { open_db(path, ResultsDb::Mode::Write); }
  exec(path, "UPDATE meta SET value = '99' WHERE key = 'schema_version'");
  for (auto mode : {ResultsDb::Mode::Read, ResultsDb::Mode::Write}) {
    auto opened = ResultsDb::open(path, mode);
    REQUIRE(std::holds_alternative<std::string>(opened));
    CHECK(std::get<std::string>(opened) == path + ": results schema version 99 is newer than this pbxsim understands (" +
                                               std::to_string(kResultsSchemaVersion) + "); read it with a newer pbxsim");
  }
  const auto report = pbxsim_test::run_pbxsim("report '" + path + "'");
  CHECK(report.exit_code == 2);
  CHECK(report.output.find("results schema version 99 is newer") != std::string::npos);
  const auto run = pbxsim_test::run_pbxsim("run tests/inputs --db '" + path + "'");
  CHECK(run.exit_code == 2);
  CHECK(run.output.find("results schema version 99 is newer") != std::string::npos);
}

TEST_CASE("results db: other SQLite files and other files are refused, not overwritten", "[results]") {
  TempDir dir("store-foreign");
  const std::string other = dir / "other.db";
  exec(other, "CREATE TABLE notes (text TEXT)");
  auto opened = ResultsDb::open(other, ResultsDb::Mode::Write);
  REQUIRE(std::holds_alternative<std::string>(opened));
  CHECK(std::get<std::string>(opened).find("not a pbxsim results database") != std::string::npos);

  const std::string text = dir / "text.db";
  pbxsim_test::write_file(text, "this is not a database at all, just some words to fill a page of text\n");
  opened = ResultsDb::open(text, ResultsDb::Mode::Write);
  REQUIRE(std::holds_alternative<std::string>(opened));
  CHECK(std::get<std::string>(opened).find("not a pbxsim results database") != std::string::npos);
  CHECK(pbxsim_test::read_file(text).starts_with("this is not a database"));

  opened = ResultsDb::open(dir / "missing.db", ResultsDb::Mode::Read);
  REQUIRE(std::holds_alternative<std::string>(opened));
  CHECK(std::get<std::string>(opened) == dir / "missing.db" + std::string(": no such results database"));
}

TEST_CASE("results db: FILE:RUN names a run, unless the whole text is a file", "[results]") {
  CHECK(parse_run_ref("a.db").path == "a.db");
  CHECK_FALSE(parse_run_ref("a.db").run);
  CHECK(parse_run_ref("a.db:3").path == "a.db");
  CHECK(parse_run_ref("a.db:3").run == 3);
  CHECK_FALSE(parse_run_ref("a.db:x").run);
  TempDir dir("store-ref");
  const std::string odd = dir / "odd:7";
  pbxsim_test::write_file(odd, "");
  CHECK(parse_run_ref(odd).path == odd);
  CHECK_FALSE(parse_run_ref(odd).run);
}

TEST_CASE("results db: scenarios are committed in the order given, readable by another connection after flush",
          "[results]") {
  TempDir dir("store-writer");
  SuiteOptions options;
  const SuiteReport suite = run_inputs(options);
  auto db = open_db(dir / "r.db", ResultsDb::Mode::Write);
  RunInfo info;
  info.command_line = "pbxsim run (test)";
  const std::int64_t run = std::get<std::int64_t>(db->begin_run(info));
  for (const ScenarioReport& report : suite.scenarios) REQUIRE_FALSE(db->add_scenario(run, report, options, true));
  REQUIRE_FALSE(db->flush());

  sqlite3* reader = nullptr;
  REQUIRE(sqlite3_open_v2((dir / "r.db").c_str(), &reader, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* names = nullptr;
  REQUIRE(sqlite3_prepare_v2(reader, "SELECT name FROM scenarios ORDER BY id", -1, &names, nullptr) == SQLITE_OK);
  std::vector<std::string> stored;
  while (sqlite3_step(names) == SQLITE_ROW) stored.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(names, 0)));
  sqlite3_finalize(names);
  sqlite3_close(reader);
  std::vector<std::string> given;
  for (const ScenarioReport& report : suite.scenarios) given.push_back(report.result.decl.name);
  CHECK(stored == given);
}

TEST_CASE("results db: a scenario that cannot be stored is reported, and nothing after it is stored", "[results]") {
  TempDir dir("store-writer-failure");
  SuiteOptions options;
  const SuiteReport suite = run_inputs(options);
  auto db = open_db(dir / "r.db", ResultsDb::Mode::Write);
  RunInfo info;
  info.command_line = "pbxsim run (test)";
  const std::int64_t run = std::get<std::int64_t>(db->begin_run(info));
  const ScenarioReport& first = suite.scenarios.at(0);
  REQUIRE_FALSE(db->add_scenario(run, first, options, false));
  // The same scenario again breaks UNIQUE (run_id, file, scenario_index).
  static_cast<void>(db->add_scenario(run, first, options, false));
  static_cast<void>(db->add_scenario(run, suite.scenarios.at(1), options, false));
  const auto error = db->flush();
  REQUIRE(error);
  CHECK(error->find("recording scenario " + first.result.decl.name) != std::string::npos);
  CHECK(db->add_scenario(run, suite.scenarios.at(2), options, false) == error);
  CHECK(load(*db, run).suite.scenarios.size() == 1);
}

TEST_CASE("results db: a scenario whose calls fail to store in a later part leaves none of its rows", "[results]") {
  TempDir dir("store-parts-failure");
  SuiteReport suite = many_calls(1500);
  SuiteOptions options;
  auto db = open_db(dir / "r.db", ResultsDb::Mode::Write);
  RunInfo info;
  info.command_line = "pbxsim run (test)";
  const std::int64_t run = std::get<std::int64_t>(db->begin_run(info));
  REQUIRE_FALSE(db->add_scenario(run, suite.scenarios.at(0), options, false));
  REQUIRE_FALSE(db->flush());
  // A call number given twice breaks the calls table's key in the second
  // part, in the middle of a statement of 128 rows.
  ScenarioReport broken = suite.scenarios.at(1);
  broken.result.calls.at(1100).id = broken.result.calls.at(1050).id;
  static_cast<void>(db->add_scenario(run, broken, options, false));
  const auto error = db->flush();
  REQUIRE(error);
  CHECK(error->find("recording calls") != std::string::npos);
  const StoredRun stored = load(*db, run);
  REQUIRE(stored.suite.scenarios.size() == 1);
  CHECK(stored.suite.scenarios.front().result.calls.size() == 1500);
  db.reset();
  CHECK(pbxsim_test::integrity_check(dir / "r.db") == "ok");
  sqlite3* reader = nullptr;
  REQUIRE(sqlite3_open_v2((dir / "r.db").c_str(), &reader, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* count = nullptr;
  REQUIRE(sqlite3_prepare_v2(reader, "SELECT count(*) FROM calls", -1, &count, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(count) == SQLITE_ROW);
  CHECK(sqlite3_column_int64(count, 0) == 1500);  // none of the broken scenario's first part
  sqlite3_finalize(count);
  sqlite3_close(reader);
}

TEST_CASE("call_of_event: a record belongs to the call its call field names, whatever its text says", "[results]") {
  CHECK(call_of_event(TraceEvent::of(0, TraceKind::Alerted, {.about = TraceAbout::Device, .call = 7, .device = "d"})) ==
        CallId{7});
  CHECK_FALSE(call_of_event(TraceEvent::of(0, TraceKind::Ignored, {.about = TraceAbout::Device, .note = "call-7 x"})));
  CHECK_FALSE(call_of_event(TraceEvent::of(0, TraceKind::Registered, {.device = "call-12", .line = "1000"})));
}
