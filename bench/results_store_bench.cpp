// SQLite writes of a scenario's results: the per-call summaries every
// `--db` run stores, and the full trace that `--trace` adds. The scenario is
// a real one: 10 000 calls to shared lines under the neutral policy.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <memory>
#include <variant>

#include "pbxsim/engine/neutral_policy.h"
#include "pbxsim/engine/pbx.h"
#include "pbxsim/simulator/results_store.h"

namespace {

using namespace pbxsim;

ScenarioReport ten_thousand_calls() {
  Topology topology;
  for (int user = 0; user < 100; ++user) {
    const std::string number = std::to_string(1000 + user);
    LineSpec line;
    line.number = number;
    line.forward_no_answer = Target::voicemail();
    topology.lines.push_back(line);
    for (const char* prefix : {"desk", "soft"}) {
      DeviceSpec device;
      device.name = std::string(prefix) + std::to_string(user);
      device.appearances.push_back({number, 4, 2});
      topology.devices.push_back(device);
    }
  }
  NeutralPolicy policy;
  Pbx pbx(topology, policy, 1);
  for (int call = 0; call < 10'000; ++call) {
    const TimeUs at = call * kUsPerSecond;
    pbx.schedule_call(at, "+14085550100", std::to_string(1000 + call % 100));
    if (call % 2 == 0) {
      Stimulus answer{Stimulus::Kind::Answer};
      answer.device = static_cast<Index>(2 * (call % 100));
      pbx.schedule(at + 3 * kUsPerSecond, answer);
      Stimulus hangup{Stimulus::Kind::DeviceHangup};
      hangup.device = answer.device;
      pbx.schedule(at + 30 * kUsPerSecond, hangup);
    }
  }
  pbx.run_until_idle(kUsPerDay);
  ScenarioReport report;
  report.file = "bench/results_store_bench.lua";
  report.result.decl.name = "10 000 calls";
  report.result.policy = "neutral";
  report.result.trace_hash = pbx.trace().hash();
  report.result.trace_events = pbx.trace().count();
  report.result.trace = pbx.trace().events();
  for (std::size_t i = 0; i < pbx.call_count(); ++i) report.result.calls.push_back(pbx.call(static_cast<CallId>(i + 1)));
  report.result.checks.push_back(CheckResult{true, report.file, 1, "outcome", "is", "\"answered\"", "\"answered\""});
  return report;
}

void store(benchmark::State& state, bool full_trace) {
  static ScenarioReport report = ten_thousand_calls();
  const std::string path = (std::filesystem::temp_directory_path() / "pbxsim-bench-results.db").string();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  auto opened = ResultsDb::open(path, ResultsDb::Mode::Write);
  auto db = std::move(std::get<std::unique_ptr<ResultsDb>>(opened));
  RunInfo info;
  info.started_at = "bench";
  info.full_trace = full_trace;
  const std::int64_t run = std::get<std::int64_t>(db->begin_run(info));
  SuiteOptions options;
  for (auto _ : state) {
    ++report.index;  // each iteration stores another scenario of the run
    if (auto error = db->add_scenario(run, report, options, full_trace)) state.SkipWithError(error->c_str());
  }
  const auto rows = full_trace ? report.result.trace.size() : report.result.calls.size();
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(rows));
  db.reset();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

// Items are call summary rows (each with the call's own events, as stored).
void BM_StoreCallSummaries(benchmark::State& state) { store(state, false); }
// Items are trace events: the call summaries and every event of the trace.
void BM_StoreFullTrace(benchmark::State& state) { store(state, true); }
BENCHMARK(BM_StoreCallSummaries)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_StoreFullTrace)->Unit(benchmark::kMillisecond);

}  // namespace
