// `pbxsim bench`: expands a workload natively into a topology and a stream
// of stimuli, runs it without keeping trace events (the hash is still kept),
// and measures it.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "pbxsim/engine/pbx.h"
#include "pbxsim/results/script_error.h"
#include "pbxsim/scripting/decision_cache_mode.h"
#include "pbxsim/scripting/workload.h"

namespace pbxsim {

// Taken during a soak (run_workload's soak_every_us): memory and progress so far.
struct SoakSample {
  TimeUs simulated_us = 0;
  std::int64_t calls_placed = 0;  // handed to the Pbx
  std::int64_t calls_ended = 0;   // counted and forgotten
  std::uint64_t resident_bytes = 0;
  double run_seconds = 0;         // wall time of the event loop so far
};

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
  // Voicemail calls by why they went there (bench_runner.cpp count_voicemail).
  std::int64_t voicemail_no_answer = 0;
  std::int64_t voicemail_busy = 0;
  std::int64_t voicemail_not_rung = 0;
  // Policy questions the decision cache could answer, and answered (scripting/src/decision_cache.h).
  std::int64_t decisions_asked = 0;
  std::int64_t decisions_from_cache = 0;
  std::vector<SoakSample> soak;  // empty unless asked for

  double events_per_second() const { return run_seconds > 0 ? static_cast<double>(events) / run_seconds : 0; }
  double calls_per_second() const { return run_seconds > 0 ? static_cast<double>(calls) / run_seconds : 0; }
  double simulated_to_wall() const {
    return run_seconds > 0 ? static_cast<double>(simulated_us) / 1e6 / run_seconds : 0;
  }
};

using BenchProgress = std::function<void(TimeUs now_us, TimeUs end_us)>;

// Every kSoakStepUs: the soak samples' spacing is a multiple of it.
inline constexpr TimeUs kSoakStepUs = 10 * kUsPerSecond;

// soak_every_us > 0 (a multiple of kSoakStepUs): samples resident memory and
// progress at every soak_every_us of simulated time, and at the end.
std::variant<BenchFigures, ScriptError> run_workload(const WorkloadSpec& spec, std::uint64_t seed,
                                                     const BenchProgress& progress, TimeUs soak_every_us = 0,
                                                     DecisionCacheMode decision_cache = DecisionCacheMode::AfterWarmUp);

std::string bench_text(const BenchFigures& figures);
std::string bench_json(const BenchFigures& figures);

}  // namespace pbxsim
