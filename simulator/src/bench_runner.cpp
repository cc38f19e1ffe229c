// Sections: building the topology · the arrival driver · running and
// measuring · output.
#include "pbxsim/simulator/bench_runner.h"

#include <algorithm>
#include <limits>
#include <cassert>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <future>
#include <memory>
#include <nlohmann/json.hpp>

#include "pbxsim/engine/profile_service.h"
#include "pbxsim/scripting/lua_policy.h"
#include "pbxsim/simulator/process_memory.h"
#include "pbxsim/simulator/valid_utf8.h"

namespace pbxsim {
namespace {

// Arrivals are handed to the queue a window at a time, so the queue holds
// minutes of calls rather than the whole day.
constexpr TimeUs kArrivalWindowUs = kSoakStepUs;  // the soak samples at its windows

// prefix and seven digits ("u0001234"; more digits past 9 999 999). Called
// for every call placed, so no printf.
std::string numbered(char prefix, std::int64_t index) {
  assert(index >= 0 && "workload indexes are never negative");
  char text[24];
  int count = 0;
  for (auto rest = static_cast<std::uint64_t>(index); rest > 0 || count < 7; rest /= 10) {
    text[sizeof(text) - 1 - count++] = static_cast<char>('0' + rest % 10);
  }
  text[sizeof(text) - 1 - count] = prefix;
  return std::string(text + sizeof(text) - 1 - count, static_cast<std::size_t>(count) + 1);
}

std::string line_number(std::int64_t user) { return numbered('2', user); }
std::string group_number(std::int64_t group) { return numbered('3', group); }

// Users 0 .. group_members()-1 are group members, in groups of group_size.
std::int64_t group_members(const WorkloadSpec& spec) {
  const std::int64_t members = spec.users * spec.group_member_percent / 100;
  return members - members % spec.group_size;
}
std::int64_t group_count(const WorkloadSpec& spec) { return group_members(spec) / spec.group_size; }

// The profiles every user of the workload is offered (server-side profiles);
// a profile switch names one by its index here.
const std::string kProfileNames[] = {"office", "meeting", "away"};

std::vector<ProfileSpec> workload_profiles() {
  ProfileSpec office;
  office.name = kProfileNames[0];
  office.settings.dnd = false;
  office.settings.forward = Target::none();
  ProfileSpec meeting;
  meeting.name = kProfileNames[1];
  meeting.settings.dnd = true;
  ProfileSpec away;
  away.name = kProfileNames[2];
  away.settings.dnd = false;
  away.settings.forward = Target::voicemail();
  return {office, meeting, away};
}

// ------------------------------------------------------------ building the topology

Topology build_topology(const WorkloadSpec& spec, const PolicyDefaults& defaults, Prng lines_random) {
  Topology topology;
  apply_policy_settings(defaults, topology);
  topology.hop_limit = defaults.hop_limit;
  // A workload's events grow with its calls (a soak runs hundreds of
  // millions); the limit that catches a runaway is the one per instant.
  topology.max_events = std::numeric_limits<int>::max();
  const Target no_answer_target = spec.forward_no_answer == "none"        ? Target::none()
                                  : spec.forward_no_answer == "voicemail" ? Target::voicemail()
                                                                          : Target::external(spec.forward_no_answer);
  topology.users.reserve(static_cast<std::size_t>(spec.users));
  topology.lines.reserve(static_cast<std::size_t>(spec.users));
  topology.devices.reserve(static_cast<std::size_t>(spec.users * spec.phones_per_user));
  const int max_calls = std::max(defaults.max_calls, spec.busy_limit_per_user);
  const int busy_trigger = spec.busy_limit_per_user > 0 ? spec.busy_limit_per_user : std::min(defaults.busy_trigger, max_calls);
  for (std::int64_t user = 0; user < spec.users; ++user) {
    topology.users.push_back(UserSpec{numbered('u', user), UserMode::SoftPhone});
    LineSpec line;
    line.number = line_number(user);
    line.forward_no_answer = no_answer_target;
    if (static_cast<int>(lines_random.below(100)) < spec.forward_busy_percent) line.forward_busy = Target::voicemail();
    line.no_answer_timeout_us = spec.no_answer_us;
    topology.lines.push_back(std::move(line));
    for (const auto& [prefix, kind] : {std::pair{'d', DeviceKind::DeskPhone}, std::pair{'s', DeviceKind::SoftPhone}}) {
      if (kind == DeviceKind::SoftPhone && spec.phones_per_user < 2) break;
      DeviceSpec device;
      device.name = numbered(prefix, user);
      device.kind = kind;
      device.owner = topology.users.back().id;
      device.appearances.push_back(AppearanceSpec{topology.lines.back().number, max_calls, busy_trigger});
      topology.devices.push_back(std::move(device));
    }
  }
  for (std::int64_t group = 0; group < group_count(spec); ++group) {
    GroupSpec spec_of_group = defaults.group;
    spec_of_group.name = numbered('g', group);
    spec_of_group.number = group_number(group);
    spec_of_group.strategy = *parse_group_strategy(spec.group_strategy);
    spec_of_group.overflow = Target::voicemail();
    for (std::int64_t member = 0; member < spec.group_size; ++member) {
      spec_of_group.members.push_back(GroupMemberSpec{line_number(group * spec.group_size + member)});
    }
    topology.groups.push_back(std::move(spec_of_group));
  }
  if (spec.profile_switches_per_user > 0) topology.profiles = workload_profiles();
  return topology;
}

Stimulus device_stimulus(Stimulus::Kind kind, DeviceIndex device) {
  Stimulus stimulus{kind};
  stimulus.device = device;
  return stimulus;
}

// Devices were built user by user: with two phones desk 2u, soft 2u+1; with one, desk u.
DeviceIndex phone_of(const WorkloadSpec& spec, std::int64_t user, int phone) {
  assert(phone < spec.phones_per_user && "a workload user has phones_per_user phones");
  return DeviceIndex::at(spec.phones_per_user * user + phone);
}
DeviceIndex phone_of(const WorkloadSpec& spec, UserIndex user, int phone) {
  return phone_of(spec, std::int64_t{user.value()}, phone);
}
DeviceIndex desk_of(const WorkloadSpec& spec, UserIndex user) { return phone_of(spec, user, 0); }

// A change a user makes during the day. They are generated up front and
// handed to the queue a window at a time with the arrivals, so the queue
// holds minutes of the day rather than the whole day (a queue of half a
// million far-future entries costs a cache miss per level on every event).
struct DayChange {
  TimeUs at_us;
  UserIndex user;
  enum class Kind : std::uint8_t { Dnd, Profile } kind;
  DndMode dnd;           // Dnd: the new mode of the user's desk phone
  std::uint8_t profile;  // Profile: index into kProfileNames
};

// A user's phone goes into `mode`, set by that user.
Stimulus phone_dnd(DeviceIndex phone, UserIndex user, DndMode mode) {
  Stimulus stimulus = device_stimulus(Stimulus::Kind::SetDnd, phone);
  stimulus.user = user;
  stimulus.dnd = mode;
  return stimulus;
}

// `count` instants of the day at random, in order (into `times`, reused between users).
void random_sorted_times(const WorkloadSpec& spec, int count, Prng& random, std::vector<TimeUs>& times) {
  times.clear();
  for (int i = 0; i < count; ++i) times.push_back(random.between(1, spec.duration_us - 1));
  std::sort(times.begin(), times.end());
}

// A user in DND when the day starts.
struct DndAtStart {
  UserIndex user;
  DndMode mode;
  bool all_phones;  // else the desk phone only
};

// What the workload draws from the PRNG before the run: it depends on the
// spec and the seed alone, not on the Pbx, so it is drawn on the second core
// while the first builds the topology (each part from its own PRNG stream,
// so the plan is the same whichever thread draws it).
struct DayPlan {
  std::vector<DndAtStart> dnd_at_start;                 // by user, in user order
  std::vector<DayChange> changes;                       // in time order
  std::vector<std::uint64_t> arrivals_us;               // in time order; empty for Poisson arrivals
  std::int64_t dnd_changes = 0;
  std::int64_t profile_switches = 0;
};

// DND at the start and DND key presses through the day.
void plan_dnd(const WorkloadSpec& spec, Prng random, DayPlan& plan) {
  std::vector<TimeUs> times;
  for (std::int64_t user = 0; user < spec.users; ++user) {
    const int draw = static_cast<int>(random.below(100));
    if (draw < spec.dnd_reject_percent) {
      plan.dnd_at_start.push_back(DndAtStart{UserIndex::at(user), DndMode::Reject, false});
    } else if (draw < spec.dnd_reject_percent + spec.dnd_ringer_off_percent) {
      plan.dnd_at_start.push_back(DndAtStart{UserIndex::at(user), DndMode::RingerOff, false});
    } else if (draw < spec.dnd_reject_percent + spec.dnd_ringer_off_percent + spec.dnd_all_phones_percent) {
      plan.dnd_at_start.push_back(DndAtStart{UserIndex::at(user), DndMode::Reject, true});
    }
    random_sorted_times(spec, spec.dnd_toggles_per_user, random, times);
    for (std::size_t i = 0; i < times.size(); ++i) {
      plan.changes.push_back(DayChange{times[i], UserIndex::at(user), DayChange::Kind::Dnd,
                                       i % 2 == 0 ? DndMode::Reject : DndMode::Off, 0});
      ++plan.dnd_changes;
    }
  }
  plan.dnd_changes += static_cast<std::int64_t>(plan.dnd_at_start.size());
}

// Each user switches profile at random times, to a profile drawn at random
// (selecting the current one again is a no-op the engine traces).
void plan_profile_switches(const WorkloadSpec& spec, Prng random, DayPlan& plan) {
  std::vector<TimeUs> times;
  for (std::int64_t user = 0; user < spec.users; ++user) {
    random_sorted_times(spec, spec.profile_switches_per_user, random, times);
    for (TimeUs at_us : times) {
      plan.changes.push_back(DayChange{at_us, UserIndex::at(user), DayChange::Kind::Profile, DndMode::Off,
                                       static_cast<std::uint8_t>(random.below(3))});
      ++plan.profile_switches;
    }
  }
}

DayPlan plan_day(const WorkloadSpec& spec, Prng dnd_random, Prng profiles_random, Prng arrivals_random) {
  DayPlan plan;
  plan_dnd(spec, dnd_random, plan);
  plan_profile_switches(spec, profiles_random, plan);
  // In time order; changes at the same instant keep the order they were planned in.
  std::stable_sort(plan.changes.begin(), plan.changes.end(),
                   [](const DayChange& a, const DayChange& b) { return a.at_us < b.at_us; });
  if (spec.arrivals == WorkloadSpec::Arrivals::Poisson) return plan;  // drawn as the day goes (ArrivalDriver)
  // A Poisson process conditioned on its count: uniform times, sorted. They
  // are all drawn before the run (8 bytes a call); Poisson arrivals are not.
  plan.arrivals_us.reserve(static_cast<std::size_t>(spec.calls));
  for (std::int64_t i = 0; i < spec.calls; ++i) {
    plan.arrivals_us.push_back(arrivals_random.below(static_cast<std::uint64_t>(spec.duration_us)));
  }
  std::sort(plan.arrivals_us.begin(), plan.arrivals_us.end());
  return plan;
}

// ---------------------------------------------------------------- the arrival driver

class ArrivalDriver {
 public:
  ArrivalDriver(Pbx& pbx, const WorkloadSpec& spec, TimeUs member_ring_us, DayPlan plan, Prng calls_random,
                Prng arrivals_random, const BenchProgress& progress)
      : pbx_(pbx), spec_(spec), random_(calls_random), progress_(progress), groups_(group_count(spec)),
        hunt_(spec.group_strategy == "hunt"), member_ring_us_(std::max<TimeUs>(member_ring_us, 1)),
        arrivals_(std::move(plan.arrivals_us)), day_(std::move(plan.changes)),
        poisson_(spec.arrivals == WorkloadSpec::Arrivals::Poisson), gaps_(arrivals_random),
        mean_gap_us_(spec.calls > 0 ? std::max<TimeUs>(spec.duration_us / spec.calls, 1) : 1) {
    if (poisson_) poisson_next_us_ = draw_exponential_us(gaps_, mean_gap_us_);
  }

  void start() { schedule_window_callback(0); }
  std::int64_t group_calls() const { return group_calls_; }
  std::int64_t calls_placed() const { return placed_; }

  void on_window() {
    const TimeUs window_end = pbx_.now_us() + kArrivalWindowUs;
    while (next_day_ < day_.size() && day_[next_day_].at_us < window_end) {
      apply_later(day_[next_day_]);
      ++next_day_;
    }
    while (placed_ < spec_.calls && next_arrival_us() < window_end) {
      place(next_arrival_us());
      ++placed_;
      // Exponential gaps: the count per hour varies as a Poisson process's does.
      if (poisson_) poisson_next_us_ += draw_exponential_us(gaps_, mean_gap_us_);
    }
    if (placed_ < spec_.calls || next_day_ < day_.size()) schedule_window_callback(window_end);
    if (progress_) progress_(pbx_.now_us(), spec_.duration_us);
  }

 private:
  void apply_later(const DayChange& change) {
    if (change.kind == DayChange::Kind::Dnd) {
      pbx_.schedule(change.at_us, phone_dnd(desk_of(spec_, change.user), change.user, change.dnd));
      return;
    }
    // Two pointers: std::function keeps them inline, with no allocation per
    // switch (day_ does not change during the run).
    Pbx* pbx = &pbx_;
    const DayChange* profile_switch = &change;
    pbx_.schedule_timer(change.at_us,
                        [pbx, profile_switch] { pbx->profiles().select(profile_switch->user, kProfileNames[profile_switch->profile], {}); });
  }

  TimeUs next_arrival_us() const {
    return poisson_ ? poisson_next_us_ : static_cast<TimeUs>(arrivals_[static_cast<std::size_t>(placed_)]);
  }

  void schedule_window_callback(TimeUs at_us) {
    Stimulus stimulus{Stimulus::Kind::Callback};
    pbx_.schedule(at_us, stimulus);
  }

  void place(TimeUs at_us) {
    const auto users = static_cast<std::uint64_t>(spec_.users);
    const auto callee = static_cast<std::int64_t>(random_.below(users));
    std::string caller;
    if (static_cast<int>(random_.below(100)) < spec_.external_caller_percent) {
      caller = "+1408" + std::to_string(5'000'000 + random_.below(5'000'000));
    } else {
      caller = line_number(static_cast<std::int64_t>(random_.below(users)));
    }
    std::int64_t group = -1;
    if (groups_ > 0 && static_cast<int>(random_.below(100)) < spec_.group_call_percent) {
      group = static_cast<std::int64_t>(random_.below(static_cast<std::uint64_t>(groups_)));
      pbx_.schedule_call(at_us, std::move(caller), group_number(group));
      ++group_calls_;
    } else {
      pbx_.schedule_call(at_us, std::move(caller), line_number(callee));
    }
    if (static_cast<int>(random_.below(100)) >= spec_.answer_percent) return;
    const TimeUs answer_after_us = spec_.answer_after.draw_us(random_);
    // A group call is answered by a member it rings: with a hunt, the one the
    // hunt has reached by then (when a member before it was skipped, the
    // answer finds nothing ringing and the hunt goes on, as it would in life).
    std::int64_t answerer = callee;
    if (group >= 0) {
      const std::int64_t member = hunt_ ? std::min(spec_.group_size - 1, answer_after_us / member_ring_us_)
                                        : static_cast<std::int64_t>(random_.below(static_cast<std::uint64_t>(spec_.group_size)));
      answerer = group * spec_.group_size + member;
    }
    const int phone = spec_.phones_per_user > 1 ? static_cast<int>(random_.below(2)) : 0;
    const DeviceIndex device = phone_of(spec_, answerer, phone);
    const TimeUs answer_at_us = at_us + answer_after_us;
    pbx_.schedule(answer_at_us, device_stimulus(Stimulus::Kind::Answer, device));
    pbx_.schedule(answer_at_us + spec_.holding.draw_us(random_), device_stimulus(Stimulus::Kind::DeviceHangup, device));
  }

  Pbx& pbx_;
  const WorkloadSpec& spec_;
  Prng random_;
  const BenchProgress& progress_;
  const std::int64_t groups_;
  const bool hunt_;
  const TimeUs member_ring_us_;  // how long a hunt rings each member
  std::vector<std::uint64_t> arrivals_;  // uniform arrivals, drawn before the run
  std::int64_t placed_ = 0;
  std::vector<DayChange> day_;
  const bool poisson_;
  Prng gaps_;                  // Poisson: the gaps, drawn as the day goes (no memory per call)
  const TimeUs mean_gap_us_;
  TimeUs poisson_next_us_ = 0;
  std::int64_t group_calls_ = 0;
  std::size_t next_day_ = 0;
};

// Why a call reached voicemail, for comparing the bench with other models of
// the same day: its line was busy (a forward on busy), it rang unanswered, or
// nothing rang (DND, unregistered).
void count_voicemail(const CallRecord& call, BenchFigures& figures) {
  if (call.forward_reasons.contains("cfb")) {
    ++figures.voicemail_busy;
  } else if (call.alerted_devices.empty()) {
    ++figures.voicemail_not_rung;
  } else {
    ++figures.voicemail_no_answer;
  }
}

}  // namespace

// ----------------------------------------------------------- running and measuring

std::variant<BenchFigures, ScriptError> run_workload(const WorkloadSpec& spec, std::uint64_t seed,
                                                     const BenchProgress& progress, TimeUs soak_every_us,
                                                     DecisionCacheMode decision_cache) {
  assert(soak_every_us % kArrivalWindowUs == 0 && "soak samples are taken at the arrival windows");
  using Clock = std::chrono::steady_clock;
  const auto setup_started = Clock::now();
  const Prng root(seed);
  const std::string dir = std::filesystem::path(spec.file).parent_path().string();
  auto loaded = LuaPolicy::load(spec.policy, dir, policy_sandbox_limits(), root.child("lua:policy"));
  if (auto* error = std::get_if<ScriptError>(&loaded)) {
    ScriptError located = *error;
    if (located.file.empty()) {
      located.file = spec.file;
      located.line = spec.line;
    }
    return located;
  }
  std::unique_ptr<LuaPolicy> policy = std::move(std::get<std::unique_ptr<LuaPolicy>>(loaded));
  policy->set_decision_cache(decision_cache);
  std::future<DayPlan> day_plan = std::async(std::launch::async, plan_day, std::cref(spec), root.child("workload:dnd"),
                                             root.child("workload:profiles"), root.child("workload:arrivals"));
  auto topology = std::make_unique<Topology>(build_topology(spec, policy->defaults(), root.child("workload:lines")));
  Pbx pbx(std::move(*topology), *policy, seed, /*keep_trace_events=*/false);  // frees the lines as it takes them
  topology.reset();  // the Pbx keeps what it needs; a day's topology is ~150 MB the calls can reuse
  BenchFigures figures;
  // Each call is counted as it ends, and then forgotten: the day holds the
  // calls in progress, not a million records.
  auto count_call = [&](const CallRecord& call) {
    ++figures.outcomes[static_cast<std::size_t>(call.outcome)];
    if (call.outcome == CallOutcome::Voicemail) count_voicemail(call, figures);
    if (call.outcome != CallOutcome::Answered || call.answered_by.empty()) return;
    if (call.group != kNoIndex) ++figures.group_calls_answered;
    const DeviceIndex device = call.answered_device;
    if (device != kNoIndex && pbx.devices()[device].kind == DeviceKind::SoftPhone) ++figures.answered_on_soft_phones;
  };
  pbx.forget_ended_calls(count_call);
  DayPlan plan = day_plan.get();
  for (const DndAtStart& dnd : plan.dnd_at_start) {
    for (int phone = 0; phone < (dnd.all_phones ? spec.phones_per_user : 1); ++phone) {
      pbx.schedule(0, phone_dnd(phone_of(spec, dnd.user, phone), dnd.user, dnd.mode));
    }
  }
  figures.dnd_changes = plan.dnd_changes;
  figures.profile_switches = plan.profile_switches;
  // The soak samples: resident memory and progress at every soak_every_us of simulated time.
  const ArrivalDriver* placed = nullptr;
  Clock::time_point run_started;
  auto sample = [&](TimeUs now_us) {
    std::int64_t counted = 0;
    for (std::int64_t count : figures.outcomes) counted += count;
    figures.soak.push_back(SoakSample{now_us, placed->calls_placed(), counted, resident_bytes(),
                                      std::chrono::duration<double>(Clock::now() - run_started).count()});
  };
  const BenchProgress on_window = [&](TimeUs now_us, TimeUs end_us) {
    if (progress) progress(now_us, end_us);
    if (soak_every_us > 0 && now_us % soak_every_us == 0) sample(now_us);
  };
  ArrivalDriver driver(pbx, spec, policy->defaults().group.member_ring_us, std::move(plan),
                       root.child("workload:calls"), root.child("workload:arrivals"), on_window);
  placed = &driver;
  pbx.set_callback_handler([&](std::uint32_t) { driver.on_window(); });
  driver.start();

  run_started = Clock::now();
  try {
    pbx.run_until_idle(spec.duration_us + kUsPerDay);
  } catch (const PolicyError& error) {
    return ScriptError{ScriptError::Kind::Runtime, spec.file, spec.line, error.what()};
  } catch (const EventLimitError& error) {
    return ScriptError{ScriptError::Kind::Runtime, spec.file, spec.line, error.what()};
  }
  const auto run_finished = Clock::now();
  if (soak_every_us > 0) sample(pbx.now_us());

  figures.workload = spec.name;
  figures.policy = std::string(policy->name());
  figures.seed = seed;
  figures.users = spec.users;
  figures.calls = spec.calls;
  figures.simulated_us = spec.duration_us;
  figures.setup_seconds = std::chrono::duration<double>(run_started - setup_started).count();
  figures.run_seconds = std::chrono::duration<double>(run_finished - run_started).count();
  figures.events = pbx.events_processed();
  figures.trace_hash = pbx.trace().hash();
  figures.group_calls = driver.group_calls();
  for (CallId id = 1; id <= pbx.call_count(); ++id) {
    if (pbx.has_call(id)) count_call(pbx.call(id));  // still in progress when the day ended
  }
  figures.peak_rss_bytes = peak_resident_bytes();
  figures.decisions_asked = policy->decisions_asked();
  figures.decisions_from_cache = policy->decisions_from_cache();
  return figures;
}

// ------------------------------------------------------------------------- output

namespace {

// The soak table, and how RSS and µs per call moved from the first quarter of
// the samples to the last: flat is what a long run should show.
std::string soak_text(const std::vector<SoakSample>& samples) {
  std::string out = "soak          simulated   calls placed   in progress   RSS MiB   us/call since the last sample\n";
  char line[160];
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const SoakSample& s = samples[i];
    const std::int64_t new_calls = s.calls_placed - (i > 0 ? samples[i - 1].calls_placed : 0);
    const double seconds = s.run_seconds - (i > 0 ? samples[i - 1].run_seconds : 0);
    std::snprintf(line, sizeof(line), "              %9s %14lld %13lld %9.0f   %s\n", format_duration(s.simulated_us).c_str(),
                  static_cast<long long>(s.calls_placed), static_cast<long long>(s.calls_placed - s.calls_ended),
                  static_cast<double>(s.resident_bytes) / (1 << 20),
                  new_calls > 0 ? std::to_string(seconds * 1e6 / static_cast<double>(new_calls)).substr(0, 5).c_str() : "-");
    out += line;
  }
  if (samples.size() >= 4) {
    const SoakSample& quarter = samples[samples.size() / 4];
    const SoakSample& last = samples.back();
    std::snprintf(line, sizeof(line), "soak RSS      %.0f MiB at %s, %.0f MiB at the end (%+.1f %%)\n",
                  static_cast<double>(quarter.resident_bytes) / (1 << 20), format_duration(quarter.simulated_us).c_str(),
                  static_cast<double>(last.resident_bytes) / (1 << 20),
                  100.0 * (static_cast<double>(last.resident_bytes) / static_cast<double>(quarter.resident_bytes) - 1));
    out += line;
  }
  return out;
}

}  // namespace

std::string bench_text(const BenchFigures& f) {
  char text[1024];
  std::snprintf(text, sizeof(text),
                "workload      %s (policy %s, seed %llu)\n"
                "size          %lld users, %lld calls over %s simulated\n"
                "setup         %.2f s (topology, policy, arrivals)\n"
                "run           %.2f s wall\n"
                "events        %llu (%.2f M events/s)\n"
                "calls         %.0f k calls/s\n"
                "simulated     %.0fx faster than the wall clock\n"
                "peak RSS      %.0f MiB\n"
                "mix           %lld DND changes, %lld profile switches, %lld group calls (%lld answered), %lld calls answered on soft phones\n",
                f.workload.c_str(), f.policy.c_str(), static_cast<unsigned long long>(f.seed),
                static_cast<long long>(f.users), static_cast<long long>(f.calls), format_duration(f.simulated_us).c_str(),
                f.setup_seconds, f.run_seconds, static_cast<unsigned long long>(f.events), f.events_per_second() / 1e6,
                f.calls_per_second() / 1e3, f.simulated_to_wall(), static_cast<double>(f.peak_rss_bytes) / (1 << 20),
                static_cast<long long>(f.dnd_changes), static_cast<long long>(f.profile_switches),
                static_cast<long long>(f.group_calls), static_cast<long long>(f.group_calls_answered),
                static_cast<long long>(f.answered_on_soft_phones));
  std::string out = text;
  out += "outcomes     ";
  for (std::size_t i = 1; i < f.outcomes.size(); ++i) {
    if (f.outcomes[i] == 0) continue;
    out += " " + std::string(call_outcome_name(static_cast<CallOutcome>(i))) + " " + std::to_string(f.outcomes[i]);
  }
  if (f.outcomes[0] > 0) out += " undecided " + std::to_string(f.outcomes[0]);
  out += "\nvoicemail     " + std::to_string(f.voicemail_no_answer) + " rang unanswered, " +
         std::to_string(f.voicemail_busy) + " busy, " + std::to_string(f.voicemail_not_rung) + " rang nowhere (DND, unregistered)";
  out += "\ndecisions     " + std::to_string(f.decisions_from_cache) + " of " + std::to_string(f.decisions_asked) +
         " policy answers from the decision cache (--decision-cache off: none; the trace is the same)";
  out += "\ntrace         " + format_hash(f.trace_hash) + "\n";
  if (!f.soak.empty()) out += soak_text(f.soak);
  return out;
}

namespace {

nlohmann::json soak_json(const std::vector<SoakSample>& samples) {
  nlohmann::json out = nlohmann::json::array();
  for (const SoakSample& s : samples) {
    out.push_back({{"simulated_us", s.simulated_us},
                   {"calls_placed", s.calls_placed},
                   {"calls_ended", s.calls_ended},
                   {"resident_bytes", s.resident_bytes},
                   {"run_seconds", s.run_seconds}});
  }
  return out;
}

}  // namespace

std::string bench_json(const BenchFigures& f) {
  nlohmann::json outcomes = nlohmann::json::object();
  for (std::size_t i = 0; i < f.outcomes.size(); ++i) {
    if (f.outcomes[i] > 0) outcomes[std::string(call_outcome_name(static_cast<CallOutcome>(i)))] = f.outcomes[i];
  }
  return json_text(nlohmann::json{{"workload", f.workload},
                        {"policy", f.policy},
                        {"seed", f.seed},
                        {"users", f.users},
                        {"calls", f.calls},
                        {"simulated_us", f.simulated_us},
                        {"setup_seconds", f.setup_seconds},
                        {"run_seconds", f.run_seconds},
                        {"events", f.events},
                        {"events_per_second", f.events_per_second()},
                        {"calls_per_second", f.calls_per_second()},
                        {"simulated_to_wall", f.simulated_to_wall()},
                        {"peak_rss_bytes", f.peak_rss_bytes},
                        {"trace_hash", format_hash(f.trace_hash)},
                        {"dnd_changes", f.dnd_changes},
                        {"profile_switches", f.profile_switches},
                        {"group_calls", f.group_calls},
                        {"group_calls_answered", f.group_calls_answered},
                        {"answered_on_soft_phones", f.answered_on_soft_phones},
                        {"outcomes", outcomes},
                        {"soak", soak_json(f.soak)},
                        {"decisions_asked", f.decisions_asked},
                        {"decisions_from_cache", f.decisions_from_cache},
                        {"voicemail_reasons", {{"no_answer", f.voicemail_no_answer},
                                               {"busy", f.voicemail_busy},
                                               {"not_rung", f.voicemail_not_rung}}}},
                   2) +
         "\n";
}

}  // namespace pbxsim
