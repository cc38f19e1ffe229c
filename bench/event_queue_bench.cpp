// The event queue under a "hold" workload (pop one, schedule one later) at
// several queue sizes, with a bare std::priority_queue as the baseline.
#include <benchmark/benchmark.h>

#include <queue>
#include <vector>

#include "pbxsim/engine/event_queue.h"
#include "pbxsim/engine/prng.h"

namespace {

void BM_EventQueueHold(benchmark::State& state) {
  const auto pending = static_cast<std::size_t>(state.range(0));
  pbxsim::EventQueue<std::uint32_t> queue;
  pbxsim::Prng prng(1);
  for (std::size_t i = 0; i < pending; ++i) queue.schedule(prng.between(0, 1'000'000), static_cast<std::uint32_t>(i));
  for (auto _ : state) {
    auto popped = queue.pop();
    queue.schedule(popped->time_us + prng.between(1, 1'000'000), popped->payload);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EventQueueHold)->Arg(1'000)->Arg(100'000)->Arg(1'000'000);

void BM_PriorityQueueHoldBaseline(benchmark::State& state) {
  struct Entry {
    std::int64_t time;
    std::uint64_t sequence;
    bool operator>(const Entry& other) const {
      return time != other.time ? time > other.time : sequence > other.sequence;
    }
  };
  const auto pending = static_cast<std::size_t>(state.range(0));
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
  pbxsim::Prng prng(1);
  std::uint64_t sequence = 0;
  for (std::size_t i = 0; i < pending; ++i) queue.push({prng.between(0, 1'000'000), sequence++});
  for (auto _ : state) {
    Entry top = queue.top();
    queue.pop();
    queue.push({top.time + prng.between(1, 1'000'000), sequence++});
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PriorityQueueHoldBaseline)->Arg(1'000)->Arg(100'000)->Arg(1'000'000);

}  // namespace
