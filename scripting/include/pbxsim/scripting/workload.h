// Throughput workloads: a scenario file may declare `workload "name" { ... }`
// with declarative distributions that pbxsim expands natively (generation
// stays out of the hot path). `pbxsim bench` runs them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "pbxsim/engine/duration_distribution.h"
#include "pbxsim/engine/time.h"
#include "pbxsim/scripting/sandbox.h"
#include "pbxsim/results/script_error.h"

namespace pbxsim {

struct WorkloadSpec {
  std::string file;
  std::string name;
  int line = 0;
  std::string policy = "base";
  std::int64_t users = 1000;         // each with a desk phone and a soft phone on one shared line
  int phones_per_user = 2;           // 1: a desk phone only
  std::int64_t calls = 10'000;
  TimeUs duration_us = 8 * kUsPerHour;
  // Uniform: `calls` instants drawn uniformly over the duration and sorted (a
  // Poisson process conditioned on its count). Poisson: exponential gaps of
  // mean duration / calls from time 0, so the last call arrives near the end.
  enum class Arrivals : std::uint8_t { Uniform, Poisson } arrivals = Arrivals::Uniform;
  int dnd_reject_percent = 0;        // users whose desk phone starts in DND call-reject
  int dnd_all_phones_percent = 0;    // users whose every phone starts in DND call-reject
  int busy_limit_per_user = 0;       // calls a user's phone takes before the next is busy; 0: the policy's busy trigger
  int dnd_ringer_off_percent = 0;    // users whose desk phone starts with the ringer off
  int forward_busy_percent = 0;      // lines with CFB to voicemail
  std::string forward_no_answer = "voicemail";  // CFNA target of every line ("none" for none)
  TimeUs no_answer_us = 12 * kUsPerSecond;
  int answer_percent = 70;           // calls someone tries to answer
  DurationDistribution answer_after = DurationDistribution::uniform(2 * kUsPerSecond, 20 * kUsPerSecond);
  DurationDistribution holding = DurationDistribution::uniform(30 * kUsPerSecond, 5 * kUsPerMinute);
  int external_caller_percent = 50;  // calls from outside; the rest from another user
  int dnd_toggles_per_user = 0;      // DND changes spread over the day
  // Groups: this share of the users, taken in order, form groups of group_size
  // members each; group_call_percent of the calls dial a group's number.
  int group_member_percent = 0;
  std::int64_t group_size = 10;
  std::string group_strategy = "hunt";  // or "ring-all"
  int group_call_percent = 0;
  // Profiles: every user is offered "office" (no DND, no forward), "meeting"
  // (DND) and "away" (forward to voicemail) and switches this many times a day.
  int profile_switches_per_user = 0;
};

// The fields a workload declaration may have, for the unknown-field check and the docs.
const std::vector<std::string_view>& workload_fields();

// Reads the first workload declared in `path`.
std::variant<WorkloadSpec, ScriptError> load_workload(const std::string& path, const SandboxLimits& limits);

}  // namespace pbxsim
