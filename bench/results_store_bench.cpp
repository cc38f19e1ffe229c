// SQLite writes of a scenario's results through the path `pbxsim run --db`
// takes (ResultsDb::add_scenario, as RunRecorder calls it): the per-call
// summaries every `--db` run stores, and the full trace that `--trace` adds.
// The scenario is a real one: 10 000 calls to shared lines under the neutral
// policy (bench/store_workload.cpp).
//
// add_scenario encodes the rows and a writer thread stores them, so the
// figures are wall-clock (UseRealTime) and every iteration ends when its
// scenarios are committed (flush): items per second are rows in the database
// per second. sqlite_ceiling_bench.cpp inserts the same rows bare.
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <variant>

#include "pbxsim/simulator/results_store.h"
#include "pbxsim/simulator/suite_runner.h"
#include "store_workload.h"

namespace {

using namespace pbxsim;

constexpr int kScenariosPerIteration = 4;

double process_cpu_s() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

// CPU seconds of the store's own threads, by the names they give themselves
// (scenario_writer.h, wal_checkpointer.h), from /proc (clock ticks).
struct StoreThreadsCpu {
  double writer_s = 0;
  double checkpoint_s = 0;
};

StoreThreadsCpu store_threads_cpu() {
  StoreThreadsCpu cpu;
  const double tick_s = 1.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
  std::error_code error;
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task", error)) {
    std::ifstream stat(task.path() / "stat");
    std::string line;
    std::getline(stat, line);
    const std::size_t open = line.find('(');
    const std::size_t close = line.rfind(')');
    if (open == std::string::npos || close == std::string::npos) continue;
    const std::string name = line.substr(open + 1, close - open - 1);
    std::istringstream fields(line.substr(close + 2));
    std::string field;
    double ticks = 0;
    for (int i = 3; i <= 15 && fields >> field; ++i) {
      if (i == 14 || i == 15) ticks += std::stod(field);  // utime, stime
    }
    if (name == "pbxsim-db-write") cpu.writer_s += ticks * tick_s;
    if (name == "pbxsim-db-ckpt") cpu.checkpoint_s += ticks * tick_s;
  }
  return cpu;
}

void store(benchmark::State& state, bool full_trace) {
  ScenarioReport report = bench::ten_thousand_calls();
  const std::string path = (std::filesystem::temp_directory_path() / "pbxsim-bench-results.db").string();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  auto opened = ResultsDb::open(path, ResultsDb::Mode::Write);
  auto db = std::move(std::get<std::unique_ptr<ResultsDb>>(opened));
  RunInfo info;
  info.started_at = "bench";
  info.full_trace = full_trace;
  const std::int64_t run = std::get<std::int64_t>(db->begin_run(info));
  SuiteOptions options;
  // The threads start with the first scenario: one before timing, so that
  // their CPU is counted from the start.
  if (auto error = db->add_scenario(run, report, options, full_trace)) state.SkipWithError(error->c_str());
  if (auto error = db->flush()) state.SkipWithError(error->c_str());
  const StoreThreadsCpu threads_before = store_threads_cpu();
  const double cpu_before_s = process_cpu_s();
  for (auto _ : state) {
    for (int i = 0; i < kScenariosPerIteration; ++i) {
      ++report.index;  // each scenario of the run is another one
      if (auto error = db->add_scenario(run, report, options, full_trace)) state.SkipWithError(error->c_str());
    }
    if (auto error = db->flush()) state.SkipWithError(error->c_str());
  }
  const auto rows = full_trace ? report.result.trace.size() : report.result.calls.size();
  const std::int64_t stored = state.iterations() * kScenariosPerIteration * static_cast<std::int64_t>(rows);
  state.SetItemsProcessed(stored);
  // CPU of every thread (encoding, writer, checkpoints) per row: on a busy
  // machine the wall-clock rate says how much CPU the store got, this says
  // how much it needs.
  const double all_s = process_cpu_s() - cpu_before_s;
  const StoreThreadsCpu threads_after = store_threads_cpu();
  const double writer_s = threads_after.writer_s - threads_before.writer_s;
  const double checkpoint_s = threads_after.checkpoint_s - threads_before.checkpoint_s;
  const double per_row_us = 1e6 / static_cast<double>(stored);
  state.counters["cpu_us_per_row"] = all_s * per_row_us;
  // By thread (/proc's clock ticks: run a second or more for a steady split):
  // encoding on the caller's thread, the writer thread, the checkpoints.
  state.counters["caller_us"] = (all_s - writer_s - checkpoint_s) * per_row_us;
  state.counters["writer_us"] = writer_s * per_row_us;
  state.counters["ckpt_us"] = checkpoint_s * per_row_us;
  db.reset();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

// Items are call summary rows (each with the call's own events, as stored).
void BM_StoreCallSummaries(benchmark::State& state) { store(state, false); }
// Items are trace events: the call summaries and every event of the trace.
void BM_StoreFullTrace(benchmark::State& state) { store(state, true); }
BENCHMARK(BM_StoreCallSummaries)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_StoreFullTrace)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
