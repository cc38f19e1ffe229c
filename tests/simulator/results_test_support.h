// Helpers the results-database tests share: open a file, store a suite as a
// run, read a run back, run raw SQL against the file.
#pragma once

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <memory>
#include <optional>
#include <string>

#include "pbxsim/simulator/results_store.h"
#include "pbxsim/simulator/suite_runner.h"

namespace pbxsim_test {

inline std::unique_ptr<pbxsim::ResultsDb> open_db(const std::string& path, pbxsim::ResultsDb::Mode mode) {
  auto opened = pbxsim::ResultsDb::open(path, mode);
  if (auto* error = std::get_if<std::string>(&opened)) FAIL(*error);
  return std::move(std::get<std::unique_ptr<pbxsim::ResultsDb>>(opened));
}

inline std::int64_t write_run(pbxsim::ResultsDb& db, const pbxsim::SuiteReport& suite,
                              const pbxsim::SuiteOptions& options, bool full_trace) {
  pbxsim::RunInfo info;
  info.started_at = pbxsim::utc_now();
  info.pbxsim_version = "test";
  info.seed = options.seed;
  info.command_line = "pbxsim run (test)";
  info.full_trace = full_trace;
  auto begun = db.begin_run(info);
  REQUIRE(std::holds_alternative<std::int64_t>(begun));
  const std::int64_t run = std::get<std::int64_t>(begun);
  for (const pbxsim::ScenarioReport& report : suite.scenarios) {
    REQUIRE_FALSE(db.add_scenario(run, report, options, full_trace));
  }
  REQUIRE_FALSE(db.finish_run(run, suite, pbxsim::utc_now()));
  return run;
}

inline pbxsim::StoredRun load(pbxsim::ResultsDb& db, std::optional<std::int64_t> run, pbxsim::LoadParts parts = {}) {
  auto loaded = db.load_run(run, parts);
  if (auto* error = std::get_if<std::string>(&loaded)) FAIL(*error);
  return std::move(std::get<pbxsim::StoredRun>(loaded));
}

inline void exec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  char* error = nullptr;
  const int code = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  INFO((error ? error : ""));
  sqlite3_free(error);
  sqlite3_close(db);
  REQUIRE(code == SQLITE_OK);
}

// PRAGMA integrity_check's answer for the file: "ok" when it is consistent.
inline std::string integrity_check(const std::string& path) {
  sqlite3* handle = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &handle, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
  sqlite3_stmt* check = nullptr;
  REQUIRE(sqlite3_prepare_v2(handle, "PRAGMA integrity_check", -1, &check, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(check) == SQLITE_ROW);
  std::string answer = reinterpret_cast<const char*>(sqlite3_column_text(check, 0));
  sqlite3_finalize(check);
  sqlite3_close(handle);
  return answer;
}

}  // namespace pbxsim_test
