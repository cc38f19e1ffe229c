// `pbxsim bench`: expands a workload natively into a topology and a stream
// of stimuli, runs it without keeping trace events (the hash is still kept),
// and measures it.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <variant>

#include "pbxsim/engine/pbx.h"
#include "pbxsim/results/script_error.h"
#include "pbxsim/scripting/workload.h"

namespace pbxsim {

struct BenchFigures {
  std::string workload;
  std::string policy;
  std::uint64_t seed = 0;
  std::int64_t users = 0;
  std::int64_t calls = 0;
  TimeUs simulated_us = 0;
  double setup_seconds = 0;  // topology, policy and arrivals
  double run_seconds = 0;    // the event loop
  std::uint64_t events = 0;
  std::uint64_t peak_rss_bytes = 0;
  std::uint64_t trace_hash = 0;
  std::array<std::int64_t, 9> outcomes{};  // by CallOutcome
  // The feature mix the workload scheduled, and a check that soft phones took part.
  std::int64_t dnd_changes = 0;
  std::int64_t profile_switches = 0;
  std::int64_t group_calls = 0;
  std::int64_t group_calls_answered = 0;
  std::int64_t answered_on_soft_phones = 0;

  double events_per_second() const { return run_seconds > 0 ? static_cast<double>(events) / run_seconds : 0; }
  double calls_per_second() const { return run_seconds > 0 ? static_cast<double>(calls) / run_seconds : 0; }
  double simulated_to_wall() const {
    return run_seconds > 0 ? static_cast<double>(simulated_us) / 1e6 / run_seconds : 0;
  }
};

using BenchProgress = std::function<void(TimeUs now_us, TimeUs end_us)>;

std::variant<BenchFigures, ScriptError> run_workload(const WorkloadSpec& spec, std::uint64_t seed,
                                                     const BenchProgress& progress);

std::string bench_text(const BenchFigures& figures);
std::string bench_json(const BenchFigures& figures);

}  // namespace pbxsim
