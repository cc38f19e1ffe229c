// The event queue under a "hold" workload (pop the earliest event, schedule
// one later) at 1 k, 100 k and 1 M pending events, with and without cancels,
// and a bare std::priority_queue doing the same as the baseline. The
// MixedDelays cases draw the delay from a PBX-like mix instead of uniformly
// over a second: signalling steps of milliseconds, ringing and answer delays
// of seconds, holding times of minutes.
#include <benchmark/benchmark.h>

#include <queue>
#include <vector>

#include "pbxsim/engine/event_queue.h"
#include "pbxsim/engine/prng.h"

namespace {

constexpr std::int64_t kHorizonUs = 1'000'000;

std::int64_t uniform_delay_us(pbxsim::Prng& prng) { return prng.between(1, kHorizonUs); }

std::int64_t mixed_delay_us(pbxsim::Prng& prng) {
  const std::uint64_t kind = prng.below(10);
  if (kind < 4) return prng.between(1, 100'000);                 // 40 %: signalling, up to 100 ms
  if (kind < 8) return prng.between(1'000'000, 30'000'000);      // 40 %: ringing, answering, 1-30 s
  return prng.between(60'000'000, 600'000'000);                  // 20 %: holding times, 1-10 min
}

using DelayUs = std::int64_t (*)(pbxsim::Prng&);

// Pop the earliest event, schedule it again `delay` later.
void hold_event_queue(benchmark::State& state, DelayUs delay) {
  const auto pending = static_cast<std::size_t>(state.range(0));
  pbxsim::EventQueue<std::uint32_t> queue;
  pbxsim::Prng prng(1);
  for (std::size_t i = 0; i < pending; ++i) queue.schedule(delay(prng), static_cast<std::uint32_t>(i));
  for (auto _ : state) {
    auto popped = queue.pop();
    queue.schedule(popped->time_us + delay(prng), popped->payload);
  }
  state.SetItemsProcessed(state.iterations());
}

// The same with a bare std::priority_queue; a sequence number keeps equal times first-in-first-out, as the queue does.
void hold_priority_queue(benchmark::State& state, DelayUs delay) {
  struct Entry {
    std::int64_t time;
    std::uint64_t sequence;
    std::uint32_t payload;
    bool operator>(const Entry& other) const {
      return time != other.time ? time > other.time : sequence > other.sequence;
    }
  };
  const auto pending = static_cast<std::size_t>(state.range(0));
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
  pbxsim::Prng prng(1);
  std::uint64_t sequence = 0;
  for (std::size_t i = 0; i < pending; ++i) queue.push({delay(prng), sequence++, static_cast<std::uint32_t>(i)});
  for (auto _ : state) {
    Entry top = queue.top();
    queue.pop();
    queue.push({top.time + delay(prng), sequence++, top.payload});
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_EventQueueHold(benchmark::State& state) { hold_event_queue(state, uniform_delay_us); }
BENCHMARK(BM_EventQueueHold)->Arg(1'000)->Arg(100'000)->Arg(1'000'000);

// Every pop also schedules a timer and cancels the one scheduled before it,
// the pattern of no-answer timers that an answer cancels.
void BM_EventQueueHoldWithCancels(benchmark::State& state) {
  const auto pending = static_cast<std::size_t>(state.range(0));
  pbxsim::EventQueue<std::uint32_t> queue;
  pbxsim::Prng prng(1);
  for (std::size_t i = 0; i < pending; ++i) queue.schedule(prng.between(0, kHorizonUs), static_cast<std::uint32_t>(i));
  pbxsim::EventHandle timer;
  for (auto _ : state) {
    auto popped = queue.pop();
    queue.schedule(popped->time_us + prng.between(1, kHorizonUs), popped->payload);
    queue.cancel(timer);
    timer = queue.schedule(popped->time_us + 12 * kHorizonUs, 0);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EventQueueHoldWithCancels)->Arg(1'000)->Arg(100'000)->Arg(1'000'000);

void BM_PriorityQueueHoldBaseline(benchmark::State& state) { hold_priority_queue(state, uniform_delay_us); }
BENCHMARK(BM_PriorityQueueHoldBaseline)->Arg(1'000)->Arg(100'000)->Arg(1'000'000);

void BM_EventQueueHoldMixedDelays(benchmark::State& state) { hold_event_queue(state, mixed_delay_us); }
BENCHMARK(BM_EventQueueHoldMixedDelays)->Arg(100'000)->Arg(1'000'000);

void BM_PriorityQueueHoldMixedDelaysBaseline(benchmark::State& state) { hold_priority_queue(state, mixed_delay_us); }
BENCHMARK(BM_PriorityQueueHoldMixedDelaysBaseline)->Arg(100'000)->Arg(1'000'000);

}  // namespace
