// The toy day (toy_day.lua) as a bare C++ event loop: a std::priority_queue
// of arrivals and releases, counters, no PBX model and no trace. It is the
// floor a simulator of this day cannot beat, written as a C++ programmer
// would write it (std::mt19937_64 and the standard distributions), so its
// numbers are not pbxsim's but agree with them within sampling error.
//
//   toy_day_loop [--users N] [--calls N] [--seed N]   prints one JSON object
//
// The keys are those of `pbxsim bench --json` that bench/peers/compare.py reads.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <queue>
#include <random>
#include <vector>

namespace {

constexpr std::int64_t kUsPerSecond = 1'000'000;
constexpr std::int64_t kDayUs = 8 * 3600 * kUsPerSecond;
constexpr double kDndShare = 0.10;
constexpr int kBusyLimit = 2;
constexpr double kAnswerMeanSeconds = 8;
constexpr std::int64_t kNoAnswerUs = 12 * kUsPerSecond;
constexpr double kTalkMeanSeconds = 180;

struct Event {
  std::int64_t at_us;
  std::int32_t user;  // -1: the next arrival
  bool operator>(const Event& other) const { return at_us > other.at_us; }
};

struct Counts {
  std::int64_t answered = 0, voicemail_no_answer = 0, voicemail_busy = 0, voicemail_not_rung = 0;
};

// VmHWM: this process's own peak resident memory (ru_maxrss would also count
// the parent that started it). Standalone on purpose: the loop links nothing of pbxsim.
long long peak_resident_bytes() {
  std::FILE* status = std::fopen("/proc/self/status", "r");
  long long kib = 0;
  char line[256];
  while (status != nullptr && std::fgets(line, sizeof(line), status) != nullptr) {
    if (std::sscanf(line, "VmHWM: %lld", &kib) == 1) break;
  }
  if (status != nullptr) std::fclose(status);
  return kib * 1024;
}

std::int64_t option(int argc, char** argv, const char* name, std::int64_t fallback) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], name) == 0) return std::strtoll(argv[i + 1], nullptr, 10);
  }
  return fallback;
}

}  // namespace

int main(int argc, char** argv) {
  const std::int64_t users = option(argc, argv, "--users", 100'000);
  const std::int64_t calls = option(argc, argv, "--calls", 1'000'000);
  const auto seed = static_cast<std::uint64_t>(option(argc, argv, "--seed", 1));
  if (users < 1 || users > INT32_MAX || calls < 1) {
    std::fprintf(stderr, "toy_day_loop: --users from 1 to %d, --calls at least 1\n", INT32_MAX);
    return 2;
  }
  std::mt19937_64 random(seed);
  std::uniform_int_distribution<std::int32_t> pick_user(0, static_cast<std::int32_t>(users - 1));
  std::exponential_distribution<double> gap(static_cast<double>(calls) / (static_cast<double>(kDayUs) / kUsPerSecond));
  std::exponential_distribution<double> answer_after(1 / kAnswerMeanSeconds);
  std::exponential_distribution<double> talk(1 / kTalkMeanSeconds);
  auto to_us = [](double seconds) { return static_cast<std::int64_t>(seconds * kUsPerSecond + 0.5); };

  std::bernoulli_distribution in_dnd(kDndShare);
  std::vector<bool> dnd(static_cast<std::size_t>(users));
  for (std::int64_t user = 0; user < users; ++user) dnd[static_cast<std::size_t>(user)] = in_dnd(random);
  std::vector<std::uint8_t> active(static_cast<std::size_t>(users), 0);  // calls ringing or talking
  Counts counts;

  const auto started = std::chrono::steady_clock::now();
  std::priority_queue<Event, std::vector<Event>, std::greater<>> queue;
  std::int64_t arrived = 0;
  queue.push(Event{to_us(gap(random)), -1});
  while (!queue.empty()) {
    const Event event = queue.top();
    queue.pop();
    if (event.user >= 0) {  // a call ends: the phone is free again
      --active[static_cast<std::size_t>(event.user)];
      continue;
    }
    if (++arrived < calls) queue.push(Event{event.at_us + to_us(gap(random)), -1});
    const std::int32_t user = pick_user(random);
    if (dnd[static_cast<std::size_t>(user)]) {
      ++counts.voicemail_not_rung;
    } else if (active[static_cast<std::size_t>(user)] >= kBusyLimit) {
      ++counts.voicemail_busy;
    } else {
      ++active[static_cast<std::size_t>(user)];
      const std::int64_t answer_us = to_us(answer_after(random));
      if (answer_us < kNoAnswerUs) {
        ++counts.answered;
        queue.push(Event{event.at_us + answer_us + to_us(talk(random)), user});
      } else {
        ++counts.voicemail_no_answer;
        queue.push(Event{event.at_us + kNoAnswerUs, user});
      }
    }
  }
  const double loop_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  const std::int64_t voicemail = counts.voicemail_no_answer + counts.voicemail_busy + counts.voicemail_not_rung;
  std::printf(
      "{\n  \"workload\": \"toy day (bare C++ loop)\",\n  \"users\": %lld,\n  \"calls\": %lld,\n  \"seed\": %llu,\n"
      "  \"run_seconds\": %.6f,\n  \"calls_per_second\": %.1f,\n  \"peak_rss_bytes\": %lld,\n"
      "  \"outcomes\": {\"answered\": %lld, \"voicemail\": %lld},\n"
      "  \"voicemail_reasons\": {\"no_answer\": %lld, \"busy\": %lld, \"not_rung\": %lld}\n}\n",
      static_cast<long long>(users), static_cast<long long>(calls), static_cast<unsigned long long>(seed), loop_seconds,
      static_cast<double>(calls) / loop_seconds, peak_resident_bytes(),
      static_cast<long long>(counts.answered), static_cast<long long>(voicemail),
      static_cast<long long>(counts.voicemail_no_answer), static_cast<long long>(counts.voicemail_busy),
      static_cast<long long>(counts.voicemail_not_rung));
  return 0;
}
