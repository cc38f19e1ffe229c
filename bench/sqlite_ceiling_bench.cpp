// The ceiling for the SQLite benchmarks in results_store_bench.cpp: a bare
// sqlite3 insert loop of exactly the rows the results store writes for the
// same scenario (read back from a database it wrote), bound in place
// (SQLITE_STATIC) into the same schema with the same settings, one
// transaction per scenario. Nothing is formatted, so the gap between these
// figures and the store's is what pbxsim itself costs; this figure is what
// SQLite on this machine allows.
#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <cstdint>
#include <ctime>
#include <filesystem>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "pbxsim/simulator/results_store.h"
#include "pbxsim/simulator/suite_runner.h"
#include "store_workload.h"

namespace {

using namespace pbxsim;

struct Cell {
  int type = SQLITE_NULL;
  std::int64_t integer = 0;
  std::string text;
};
using Row = std::vector<Cell>;

struct StoredRows {
  std::vector<Row> calls;             // as a run without --trace stores them, each with its events
  std::vector<Row> calls_full_trace;  // as a run with --trace stores them (their events are in events)
  std::vector<Row> events;
};

std::string temp_db(const char* name) {
  const std::string path = (std::filesystem::temp_directory_path() / name).string();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  return path;
}

void remove_db(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

std::vector<Row> read_rows(sqlite3* db, const char* sql) {
  sqlite3_stmt* query = nullptr;
  sqlite3_prepare_v2(db, sql, -1, &query, nullptr);
  std::vector<Row> rows;
  while (sqlite3_step(query) == SQLITE_ROW) {
    Row row(static_cast<std::size_t>(sqlite3_column_count(query)));
    for (int column = 0; column < sqlite3_column_count(query); ++column) {
      Cell& cell = row[static_cast<std::size_t>(column)];
      cell.type = sqlite3_column_type(query, column);
      if (cell.type == SQLITE_INTEGER) cell.integer = sqlite3_column_int64(query, column);
      if (cell.type == SQLITE_TEXT) {
        cell.text.assign(reinterpret_cast<const char*>(sqlite3_column_text(query, column)),
                         static_cast<std::size_t>(sqlite3_column_bytes(query, column)));
      }
    }
    rows.push_back(std::move(row));
  }
  sqlite3_finalize(query);
  return rows;
}

// The rows the results store writes for the scenario, as SQLite holds them.
const StoredRows& stored_rows() {
  static const StoredRows rows = [] {
    const std::string path = temp_db("pbxsim-bench-ceiling-reference.db");
    {
      auto db = std::move(std::get<std::unique_ptr<ResultsDb>>(ResultsDb::open(path, ResultsDb::Mode::Write)));
      for (const bool full_trace : {false, true}) {  // scenario 1 without --trace, scenario 2 with it
        RunInfo info;
        info.full_trace = full_trace;
        const std::int64_t run = std::get<std::int64_t>(db->begin_run(info));
        db->add_scenario(run, bench::ten_thousand_calls(), SuiteOptions{}, full_trace);
      }
    }
    sqlite3* handle = nullptr;
    sqlite3_open_v2(path.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr);
    StoredRows read;
    constexpr const char* kCallColumns =
        "SELECT scenario_id, call_id, caller, dialed, state, outcome, detail, path, forwards, alerted, silent, "
        "skipped, answered_by, events, offered_at_us, answered_at_us, ended_at_us, released_at_us FROM calls ";
    read.calls = read_rows(handle, (std::string(kCallColumns) + "WHERE scenario_id = 1 ORDER BY id").c_str());
    read.calls_full_trace = read_rows(handle, (std::string(kCallColumns) + "WHERE scenario_id = 2 ORDER BY id").c_str());
    read.events = read_rows(handle,
                            "SELECT scenario_id, seq, time_us, kind_code, subject, details, call_id, queue_depth "
                            "FROM events ORDER BY id");
    sqlite3_close(handle);
    remove_db(path);
    return read;
  }();
  return rows;
}

double process_cpu_s() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

void bind_row(sqlite3_stmt* insert, const Row& row, std::int64_t scenario) {
  sqlite3_bind_int64(insert, 1, scenario);
  for (std::size_t i = 1; i < row.size(); ++i) {
    const int index = static_cast<int>(i) + 1;
    const Cell& cell = row[i];
    if (cell.type == SQLITE_INTEGER) sqlite3_bind_int64(insert, index, cell.integer);
    else if (cell.type == SQLITE_TEXT) {
      sqlite3_bind_text(insert, index, cell.text.data(), static_cast<int>(cell.text.size()), SQLITE_STATIC);
    } else {
      sqlite3_bind_null(insert, index);
    }
  }
}

void ceiling(benchmark::State& state, bool full_trace) {
  const StoredRows& rows = stored_rows();
  const std::string path = temp_db("pbxsim-bench-ceiling.db");
  {
    // The schema and the file settings exactly as pbxsim creates them.
    auto created = ResultsDb::open(path, ResultsDb::Mode::Write);
    std::get<std::unique_ptr<ResultsDb>>(created)->begin_run(RunInfo{});
  }
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
  sqlite3_exec(db, kResultsWritePragmas, nullptr, nullptr, nullptr);
  sqlite3_stmt* scenario = nullptr;
  sqlite3_prepare_v2(db,
                     "INSERT INTO scenarios (run_id, file_ordinal, scenario_index, file, line, name, description, "
                     "declared_policy, policy, status, duration_us, trace_hash, trace_events, printed, reproduce) "
                     "VALUES (1, 0, ?1, 'f', 1, 'n', '', '', 'neutral', 'passed', 0, '0', 0, '', 'r')",
                     -1, &scenario, nullptr);
  sqlite3_stmt* call = nullptr;
  // Columns named, as stored_rows() selects them, so a schema that grows a column keeps this working.
  sqlite3_prepare_v2(db,
                     "INSERT INTO calls (id, caller, dialed, state, outcome, detail, path, forwards, alerted, silent, "
                     "skipped, answered_by, events, offered_at_us, answered_at_us, ended_at_us, released_at_us) "
                     "VALUES ((?1 << 32) + ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
                     "?18)",
                     -1, &call, nullptr);
  sqlite3_stmt* event = nullptr;
  sqlite3_prepare_v2(db,
                     "INSERT INTO events (id, time_us, kind_code, subject, details, call_id, queue_depth) "
                     "VALUES ((?1 << 32) + ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                     -1, &event, nullptr);
  if (scenario == nullptr || call == nullptr || event == nullptr) {
    state.SkipWithError(sqlite3_errmsg(db));  // the schema changed: update the statements above
    return;
  }
  std::int64_t index = 0;
  const double cpu_before_s = process_cpu_s();
  for (auto _ : state) {
    sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    sqlite3_bind_int64(scenario, 1, ++index);
    sqlite3_step(scenario);
    sqlite3_reset(scenario);
    const std::int64_t id = sqlite3_last_insert_rowid(db);
    for (const Row& row : full_trace ? rows.calls_full_trace : rows.calls) {
      bind_row(call, row, id);
      if (sqlite3_step(call) != SQLITE_DONE) state.SkipWithError(sqlite3_errmsg(db));
      sqlite3_reset(call);
    }
    if (full_trace) {
      for (const Row& row : rows.events) {
        bind_row(event, row, id);
        if (sqlite3_step(event) != SQLITE_DONE) state.SkipWithError(sqlite3_errmsg(db));
        sqlite3_reset(event);
      }
    }
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  }
  const auto items = full_trace ? rows.events.size() : rows.calls.size();
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(items));
  const double stored = static_cast<double>(state.iterations()) * static_cast<double>(items);
  state.counters["cpu_us_per_row"] = (process_cpu_s() - cpu_before_s) * 1e6 / stored;
  for (sqlite3_stmt* statement : {scenario, call, event}) sqlite3_finalize(statement);
  sqlite3_close(db);
  remove_db(path);
}

// Items are call rows, as BM_StoreCallSummaries counts them.
void BM_SqliteCeilingCallRows(benchmark::State& state) { ceiling(state, false); }
// Items are event rows (the call rows are written too), as BM_StoreFullTrace counts them.
void BM_SqliteCeilingFullTrace(benchmark::State& state) { ceiling(state, true); }
BENCHMARK(BM_SqliteCeilingCallRows)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_SqliteCeilingFullTrace)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
