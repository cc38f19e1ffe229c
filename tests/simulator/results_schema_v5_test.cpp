// Results schema version 5: an undecided call's outcome is NULL (nil in Lua,
// null in JSON), no longer 'none'. A version-4 file, with its NOT NULL
// outcome column and 'none' rows, reads as it is and is rebuilt the first
// time pbxsim writes to it: the same calls, undecided as NULL, the views back.
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <string>
#include <vector>

#include "../pbxsim_process.h"
#include "results_test_support.h"
#include "pbxsim/simulator/results_store.h"
#include "pbxsim/simulator/suite_runner.h"

namespace {

using namespace pbxsim;
using pbxsim_test::TempDir;
using pbxsim_test::exec;
using pbxsim_test::load;
using pbxsim_test::open_db;
using pbxsim_test::write_run;

// The first column of each row of `sql`, NULL as "NULL".
std::vector<std::string> column(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* query = nullptr;
  INFO(sql);
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &query, nullptr) == SQLITE_OK);
  std::vector<std::string> rows;
  while (sqlite3_step(query) == SQLITE_ROW) {
    const auto* text = sqlite3_column_text(query, 0);
    rows.emplace_back(text ? reinterpret_cast<const char*>(text) : "NULL");
  }
  sqlite3_finalize(query);
  sqlite3_close(db);
  return rows;
}

SuiteReport call_fields_suite(SuiteOptions& options) {
  options.paths = {std::string(PBXSIM_SOURCE_DIR) + "/tests/simulator/call_fields.lua"};
  return run_suite(options, nullptr, nullptr);
}

// Turns a version-5 file into what a version-4 pbxsim wrote: outcome NOT NULL, 'none' when undecided.
void make_version_4(const std::string& path) {
  const std::string calls = column(path, "SELECT sql FROM sqlite_schema WHERE name = 'calls'").at(0);
  const std::vector<std::string> views = column(path, "SELECT sql FROM sqlite_schema WHERE type = 'view'");
  std::string v4_calls = calls;
  const std::string nullable = "outcome        TEXT,";
  REQUIRE(v4_calls.find(nullable) != std::string::npos);
  v4_calls.replace(v4_calls.find(nullable), nullable.size(), "outcome        TEXT NOT NULL,");
  std::string sql = "DROP VIEW trace; DROP VIEW call_events; ALTER TABLE calls RENAME TO calls_new; " + v4_calls +
                    "; INSERT INTO calls (id, caller, dialed, state, outcome, detail, path, forwards, alerted, silent, "
                    "skipped, answered_by, events, offered_at_us, answered_at_us, ended_at_us, released_at_us) "
                    "SELECT id, caller, dialed, state, coalesce(outcome, 'none'), detail, path, forwards, alerted, "
                    "silent, skipped, answered_by, events, offered_at_us, answered_at_us, ended_at_us, released_at_us "
                    "FROM calls_new; DROP TABLE calls_new; ";
  for (const std::string& view : views) sql += view + "; ";
  sql += "UPDATE meta SET value = '4' WHERE key = 'schema_version';";
  exec(path, sql);
}

}  // namespace

TEST_CASE("results db v5: an undecided call's outcome is stored as NULL and reads back undecided", "[results]") {
  TempDir dir("store-v5");
  SuiteOptions options;
  const SuiteReport suite = call_fields_suite(options);
  const std::string path = dir / "r.db";
  {
    auto db = open_db(path, ResultsDb::Mode::Write);
    write_run(*db, suite, options, false);
  }
  CHECK(column(path, "SELECT coalesce(outcome, 'NULL') FROM calls ORDER BY id") ==
        std::vector<std::string>{"answered", "NULL", "NULL"});
  CHECK(column(path, "SELECT \"notnull\" FROM pragma_table_info('calls') WHERE name = 'outcome'") ==
        std::vector<std::string>{"0"});
  auto db = open_db(path, ResultsDb::Mode::Read);
  const StoredRun stored = load(*db, std::nullopt);
  REQUIRE(stored.suite.scenarios.at(0).result.calls.size() == 3);
  CHECK(stored.suite.scenarios[0].result.calls[1].outcome == CallOutcome::None);
}

TEST_CASE("results db v5: a version-4 file reads as it is, and is rebuilt with NULL outcomes when written to",
          "[results]") {
  TempDir dir("store-v4-upgrade");
  SuiteOptions options;
  const SuiteReport suite = call_fields_suite(options);
  const std::string path = dir / "r.db";
  {
    auto db = open_db(path, ResultsDb::Mode::Write);
    write_run(*db, suite, options, false);
  }
  make_version_4(path);
  REQUIRE(column(path, "SELECT outcome FROM calls ORDER BY id") == std::vector<std::string>{"answered", "none", "none"});
  {
    auto db = open_db(path, ResultsDb::Mode::Read);  // reading never upgrades
    CHECK(db->schema_version() == 4);
    const StoredRun stored = load(*db, std::nullopt);
    CHECK(stored.suite.scenarios.at(0).result.calls.at(1).outcome == CallOutcome::None);
    CHECK(stored.suite.scenarios[0].result.calls.at(0).outcome == CallOutcome::Answered);
  }
  {
    auto db = open_db(path, ResultsDb::Mode::Write);
    CHECK(db->schema_version() == kResultsSchemaVersion);
    write_run(*db, suite, options, false);
  }
  CHECK(column(path, "SELECT value FROM meta WHERE key = 'schema_version'") ==
        std::vector<std::string>{std::to_string(kResultsSchemaVersion)});
  CHECK(column(path, "SELECT coalesce(outcome, 'NULL') FROM calls ORDER BY id") ==
        std::vector<std::string>{"answered", "NULL", "NULL", "answered", "NULL", "NULL"});
  CHECK(column(path, "SELECT \"notnull\" FROM pragma_table_info('calls') WHERE name = 'outcome'") ==
        std::vector<std::string>{"0"});
  // The views are back and read the rebuilt table.
  CHECK(column(path, "SELECT count(*) FROM call_events WHERE call_id = 1").at(0) != "0");
  CHECK(pbxsim_test::integrity_check(path) == "ok");
}
