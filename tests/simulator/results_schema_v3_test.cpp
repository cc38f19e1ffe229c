// Results schema version 3: calls and events keyed by one packed integer,
// trace kinds as codes. What a run stored reads back exactly (calls with
// their routes and times, a full trace with positions and queue depths); a
// version-2 file (tests/simulator/fixtures/results_v2.sql, written by a
// schema-2 pbxsim) reads as it is and reads back the same after pbxsim
// upgraded it; the queries in docs/results-schema.md run.
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <fstream>
#include <sstream>

#include "../pbxsim_process.h"
#include "results_test_support.h"
#include "pbxsim/simulator/call_summary.h"
#include "pbxsim/simulator/results_store.h"
#include "pbxsim/simulator/suite_runner.h"

namespace {

using namespace pbxsim;
using pbxsim_test::TempDir;
using pbxsim_test::exec;
using pbxsim_test::load;
using pbxsim_test::open_db;
using pbxsim_test::write_run;

const LoadParts kAllParts{true, true, true};

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every stored field of a call, in one comparable value.
auto stored_fields(const CallRecord& call) {
  return std::tuple(call.id, call.caller, call.dialed, call.state, call.outcome, call.outcome_detail,
                    call.offered_at_us, call.answered_at_us, call.outcome_at_us, call.released_at_us, call.path,
                    call.forwards, call.alerted_devices, call.silent_devices, call.skipped, call.answered_by);
}

auto event_fields(const TraceEvent& event) {
  return std::tuple(event.time_us, event.kind, event.subject, event.text, event.call);
}
// What schema 4 adds: the typed fields.
auto typed_fields(const TraceEvent& event) {
  return std::tuple(event.about, event.device, event.line, event.user, event.group, event.server, event.reason,
                    event.previous, event.target, event.caller, event.duration_us, event.count, event.note);
}

// The two runs read back alike: scenarios, checks, calls, events with their
// positions, queue depths and topology snapshots.
void check_same(const StoredRun& a, const StoredRun& b) {
  CHECK(a.info.full_trace == b.info.full_trace);
  REQUIRE(a.suite.scenarios.size() == b.suite.scenarios.size());
  for (std::size_t i = 0; i < a.suite.scenarios.size(); ++i) {
    const ScenarioReport& x = a.suite.scenarios[i];
    const ScenarioReport& y = b.suite.scenarios[i];
    INFO(x.result.decl.name);
    CHECK(x.result.trace_hash == y.result.trace_hash);
    CHECK(x.result.checks.size() == y.result.checks.size());
    REQUIRE(x.result.calls.size() == y.result.calls.size());
    for (std::size_t c = 0; c < x.result.calls.size(); ++c) {
      CHECK(stored_fields(x.result.calls[c]) == stored_fields(y.result.calls[c]));
    }
    REQUIRE(x.result.trace.size() == y.result.trace.size());
    for (std::size_t e = 0; e < x.result.trace.size(); ++e) {
      CHECK(event_fields(x.result.trace[e]) == event_fields(y.result.trace[e]));
    }
    CHECK(x.event_seq == y.event_seq);
    CHECK(x.result.queue_depths == y.result.queue_depths);
    CHECK(x.result.topology.has_value() == y.result.topology.has_value());
  }
}

SuiteReport run_files(const std::vector<std::string>& files, SuiteOptions& options) {
  for (const std::string& file : files) options.paths.push_back(std::string(PBXSIM_SOURCE_DIR) + "/" + file);
  return run_suite(options, nullptr, nullptr);
}

// Forwards, DND rejects, groups, pickups, logins: calls with long routes
// and every kind of event around them.
const std::vector<std::string> kRoutedFiles = {"scenarios/cisco/cuc5_shared_line_dnd_reject.lua",
                                               "scenarios/core/core3_forward_limit.lua",
                                               "scenarios/core/core6_groups.lua", "scenarios/cisco/em8_several_profiles.lua"};

// The first routed scenario stored twice in dir/r.db: run 1 calls only, run 2 with --trace.
std::string store_calls_only_and_full(const TempDir& dir) {
  SuiteOptions options;
  const SuiteReport suite = run_files({kRoutedFiles.front()}, options);
  const std::string path = dir / "r.db";
  auto db = open_db(path, ResultsDb::Mode::Write);
  write_run(*db, suite, options, false);
  write_run(*db, suite, options, true);
  return path;
}

}  // namespace

TEST_CASE("results db: calls with their routes and times, and a full trace, read back exactly as written",
          "[results]") {
  TempDir dir("store-v3-lossless");
  SuiteOptions options;
  const SuiteReport suite = run_files(kRoutedFiles, options);
  auto db = open_db(dir / "r.db", ResultsDb::Mode::Write);
  CHECK(db->schema_version() == kResultsSchemaVersion);
  const std::int64_t calls_run = write_run(*db, suite, options, /*full_trace=*/false);
  const std::int64_t full_run = write_run(*db, suite, options, /*full_trace=*/true);
  const StoredRun calls_only = load(*db, calls_run, kAllParts);
  const StoredRun full = load(*db, full_run, kAllParts);
  REQUIRE(full.suite.scenarios.size() == suite.scenarios.size());
  REQUIRE(calls_only.suite.scenarios.size() == suite.scenarios.size());
  std::size_t calls = 0;
  for (std::size_t i = 0; i < suite.scenarios.size(); ++i) {
    const ScenarioRunResult& live = suite.scenarios[i].result;
    INFO(live.decl.name);
    for (const StoredRun* stored : {&calls_only, &full}) {
      const ScenarioRunResult& back = stored->suite.scenarios[i].result;
      REQUIRE(back.calls.size() == live.calls.size());
      for (std::size_t c = 0; c < live.calls.size(); ++c) CHECK(stored_fields(back.calls[c]) == stored_fields(live.calls[c]));
    }
    calls += live.calls.size();
    // The full trace: every event, at its position, with its queue depth.
    const ScenarioReport& whole = full.suite.scenarios[i];
    REQUIRE(whole.result.trace.size() == live.trace.size());
    for (std::size_t e = 0; e < live.trace.size(); ++e) {
      CHECK(event_fields(whole.result.trace[e]) == event_fields(live.trace[e]));
      CHECK(whole.event_seq[e] == e);
    }
    CHECK(whole.result.queue_depths == live.queue_depths);
    // Without --trace: exactly the events of the calls, in trace order, at their positions.
    const ScenarioReport& partial = calls_only.suite.scenarios[i];
    std::vector<std::uint64_t> positions;
    for (std::size_t e = 0; e < live.trace.size(); ++e) {
      const auto call = call_of_event(live.trace[e]);
      if (call && *call >= 1 && *call <= live.calls.size()) positions.push_back(e);
    }
    CHECK(partial.event_seq == positions);
    REQUIRE(partial.result.trace.size() == positions.size());
    for (std::size_t e = 0; e < positions.size(); ++e) {
      CHECK(event_fields(partial.result.trace[e]) == event_fields(live.trace[positions[e]]));
    }
  }
  CHECK(calls > 10);
}

TEST_CASE("results db: a version-2 file reads as it is, and the same once pbxsim has upgraded it to version 3",
          "[results]") {
  TempDir dir("store-v2-upgrade");
  const std::string path = dir / "r.db";
  exec(path, read_text(std::string(PBXSIM_SOURCE_DIR) + "/tests/simulator/fixtures/results_v2.sql"));
  std::vector<StoredRun> before;
  {
    auto db = open_db(path, ResultsDb::Mode::Read);
    CHECK(db->schema_version() == 2);
    for (std::int64_t run : {1, 2}) before.push_back(load(*db, run, kAllParts));
  }
  CHECK_FALSE(before[0].info.full_trace);
  CHECK(before[1].info.full_trace);
  std::size_t calls = 0;
  for (const ScenarioReport& report : before[0].suite.scenarios) calls += report.result.calls.size();
  CHECK(calls > 5);
  {
    auto db = open_db(path, ResultsDb::Mode::Write);
    CHECK(db->schema_version() == kResultsSchemaVersion);
    for (std::size_t i = 0; i < before.size(); ++i) {
      INFO("run " << i + 1);
      check_same(before[i], load(*db, static_cast<std::int64_t>(i + 1), kAllParts));
    }
  }
  CHECK(pbxsim_test::integrity_check(path) == "ok");
  const auto report = pbxsim_test::run_pbxsim("report '" + path + "' --run 2");
  CHECK(report.exit_code == 1);  // the stored run failed a check, as before the upgrade
  CHECK(report.output.find("who answers the call") != std::string::npos);
}

TEST_CASE("results db: the calls' events read the same through the call_events view with and without --trace",
          "[results]") {
  TempDir dir("store-v3-views");
  const std::string path = store_calls_only_and_full(dir);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  auto rows = [&](std::int64_t run) {
    sqlite3_stmt* query = nullptr;
    REQUIRE(sqlite3_prepare_v2(db,
                               "SELECT s.scenario_index, e.call_id, e.seq, e.time_us, e.kind, e.subject, e.details "
                               "FROM call_events e JOIN scenarios s ON s.id = e.scenario_id WHERE s.run_id = ?1 "
                               "ORDER BY s.scenario_index, e.call_id, e.seq",
                               -1, &query, nullptr) == SQLITE_OK);
    sqlite3_bind_int64(query, 1, run);
    std::vector<std::string> lines;
    while (sqlite3_step(query) == SQLITE_ROW) {
      std::string line;
      for (int column = 0; column < 7; ++column) {
        const auto* text = sqlite3_column_text(query, column);
        line += (text ? reinterpret_cast<const char*>(text) : "NULL") + std::string("|");
      }
      lines.push_back(line);
    }
    sqlite3_finalize(query);
    return lines;
  };
  const auto calls_only = rows(1);
  const auto full = rows(2);
  CHECK(calls_only.size() > 10);
  CHECK(calls_only == full);
  CHECK(calls_only.front().find("|offered|call-1|") != std::string::npos);
  sqlite3_close(db);
}

TEST_CASE("results db: the example queries of docs/results-schema.md run on a version-3 file", "[results]") {
  TempDir dir("store-v3-queries");
  const std::string path = store_calls_only_and_full(dir);
  const std::string doc = read_text(std::string(PBXSIM_SOURCE_DIR) + "/docs/results-schema.md");
  const std::size_t section = doc.find("## Queries");
  REQUIRE(section != std::string::npos);
  const std::size_t begin = doc.find("```sql\n", section);
  const std::size_t end = doc.find("```", begin + 7);
  REQUIRE(begin != std::string::npos);
  const std::string queries = doc.substr(begin + 7, end - begin - 7);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  int ran = 0;
  int with_rows = 0;
  const char* tail = queries.c_str();
  while (*tail != '\0') {
    sqlite3_stmt* query = nullptr;
    const char* start = tail;
    const int code = sqlite3_prepare_v2(db, start, -1, &query, &tail);
    INFO(std::string(start, tail) << "\n" << sqlite3_errmsg(db));
    REQUIRE(code == SQLITE_OK);
    if (query == nullptr) continue;  // comments and blanks at the end
    int step = 0;
    bool any = false;
    while ((step = sqlite3_step(query)) == SQLITE_ROW) any = true;
    CHECK(step == SQLITE_DONE);
    sqlite3_finalize(query);
    ++ran;
    with_rows += any ? 1 : 0;
  }
  sqlite3_close(db);
  CHECK(ran >= 8);
  CHECK(with_rows >= 2);  // the others look for failures or scenario 42, which these runs do not have
}

TEST_CASE("results db: texts with quotes, backslashes, control characters and UTF-8 read back exactly", "[results]") {
  TempDir dir("store-v3-texts");
  // Longer than 16 characters before, between and after the characters JSON escapes.
  const std::string awkward = "thirty-two plain characters here a \"quoted\" name, a back\\slash, tab\there, newline\nthere, \x01\x1f control, "
                              "Zürich 日本 and a tail longer than sixteen characters";
  ScenarioReport report;
  report.file = "texts.lua";
  report.result.decl.name = "awkward texts";
  report.result.policy = "neutral";
  CallRecord call;
  call.id = 1;
  call.caller = awkward;
  call.dialed = "1000";
  call.state = CallState::Ended;
  call.outcome = CallOutcome::Voicemail;
  call.outcome_detail = awkward;
  call.path = {awkward, "voicemail"};
  call.alerted_devices = {awkward};
  call.silent_devices = {awkward};
  call.skipped = {{awkward, awkward}};
  call.offered_at_us = 5;
  call.outcome_at_us = 7;
  report.result.calls.push_back(call);
  report.result.trace = {
      TraceEvent::of(0, TraceKind::Registered, {.about = TraceAbout::Device, .device = awkward, .line = awkward}),
      TraceEvent::of(5, TraceKind::CallOffered,
                     {.about = TraceAbout::Call, .call = 1, .line = "1000", .caller = awkward, .count = 0}),
      TraceEvent::of(6, TraceKind::Skipped,
                     {.about = TraceAbout::Device, .call = 1, .device = awkward, .line = "1000", .reason = awkward}),
      TraceEvent::of(7, TraceKind::Outcome,
                     {.about = TraceAbout::Call, .call = 1, .reason = "voicemail", .note = awkward})};
  report.result.trace_events = report.result.trace.size();
  SuiteReport suite;
  suite.scenarios.push_back(report);
  SuiteOptions options;
  auto db = open_db(dir / "r.db", ResultsDb::Mode::Write);
  for (const bool full_trace : {false, true}) {
    INFO("full trace " << full_trace);
    const StoredRun stored = load(*db, write_run(*db, suite, options, full_trace), kAllParts);
    REQUIRE(stored.suite.scenarios.size() == 1);
    const ScenarioRunResult& back = stored.suite.scenarios.front().result;
    REQUIRE(back.calls.size() == 1);
    CHECK(stored_fields(back.calls.front()) == stored_fields(call));
    const std::size_t first = full_trace ? 0 : 1;  // without --trace, only the call's events
    REQUIRE(back.trace.size() == report.result.trace.size() - first);
    for (std::size_t e = 0; e < back.trace.size(); ++e) {
      CHECK(event_fields(back.trace[e]) == event_fields(report.result.trace[e + first]));
      CHECK(typed_fields(back.trace[e]) == typed_fields(report.result.trace[e + first]));
    }
  }
}
