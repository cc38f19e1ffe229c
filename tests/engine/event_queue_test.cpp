#include <catch2/catch.hpp>

#include <queue>
#include <set>
#include <utility>
#include <vector>

#include "pbxsim/engine/event_queue.h"
#include "pbxsim/engine/prng.h"

using pbxsim::EventQueue;

TEST_CASE("event queue: events pop in time order", "[engine][event_queue]") {
  EventQueue<int> queue;
  queue.schedule(30, 3);
  queue.schedule(10, 1);
  queue.schedule(20, 2);
  REQUIRE(queue.pop()->payload == 1);
  REQUIRE(queue.pop()->payload == 2);
  REQUIRE(queue.pop()->payload == 3);
  REQUIRE_FALSE(queue.pop().has_value());
}

TEST_CASE("event queue: ties at the same time pop in insertion order", "[engine][event_queue]") {
  EventQueue<int> queue;
  for (int i = 0; i < 100; ++i) queue.schedule(5, i);
  queue.schedule(4, -1);
  REQUIRE(queue.pop()->payload == -1);
  for (int i = 0; i < 100; ++i) REQUIRE(queue.pop()->payload == i);
}

TEST_CASE("event queue: a cancelled event never pops", "[engine][event_queue]") {
  EventQueue<int> queue;
  auto first = queue.schedule(10, 1);
  queue.schedule(20, 2);
  REQUIRE(queue.size() == 2);
  REQUIRE(queue.cancel(first));
  REQUIRE(queue.size() == 1);
  REQUIRE(queue.next_time() == 20);
  REQUIRE(queue.pop()->payload == 2);
  REQUIRE(queue.empty());
}

TEST_CASE("event queue: cancelling twice, or after the pop, does nothing", "[engine][event_queue]") {
  EventQueue<int> queue;
  auto handle = queue.schedule(10, 1);
  REQUIRE(queue.pop()->payload == 1);
  REQUIRE_FALSE(queue.cancel(handle));
  auto other = queue.schedule(15, 2);  // reuses the slot: the old handle must not cancel it
  REQUIRE_FALSE(queue.cancel(handle));
  REQUIRE(queue.cancel(other));
  REQUIRE_FALSE(queue.cancel(other));
  REQUIRE(queue.empty());
  REQUIRE_FALSE(queue.cancel(pbxsim::EventHandle{}));
}

TEST_CASE("event queue: order holds through interleaved schedules, pops and cancels", "[engine][event_queue]") {
  EventQueue<int> queue;
  std::vector<pbxsim::EventHandle> handles;
  for (int i = 0; i < 1000; ++i) handles.push_back(queue.schedule((i * 7919) % 1000, i));
  for (int i = 0; i < 1000; i += 3) queue.cancel(handles[static_cast<std::size_t>(i)]);
  pbxsim::TimeUs last_time = -1;
  int last_payload = -1;
  int popped = 0;
  while (auto event = queue.pop()) {
    REQUIRE(event->payload % 3 != 0);
    REQUIRE(event->time_us >= last_time);
    if (event->time_us == last_time) REQUIRE(event->payload > last_payload);
    last_time = event->time_us;
    last_payload = event->payload;
    ++popped;
  }
  REQUIRE(popped == 666);
}

TEST_CASE("event queue: cancelled far-future timers do not pile up", "[engine][event_queue]") {
  EventQueue<int> queue;
  queue.schedule(0, -1);
  pbxsim::EventHandle timer;
  for (int i = 0; i < 100'000; ++i) {
    queue.cancel(timer);
    timer = queue.schedule(1'000'000'000 + i, i);
  }
  REQUIRE(queue.size() == 2);
  REQUIRE(queue.stored_entries() < 200);
  REQUIRE(queue.pop()->payload == -1);
  REQUIRE(queue.pop()->payload == 99'999);
  REQUIRE(queue.empty());
}

TEST_CASE("event queue: equal times stay first-scheduled-first however far ahead they were scheduled",
          "[engine][event_queue]") {
  // The same time, scheduled while it was hours, seconds, milliseconds and
  // microseconds ahead of the clock, so the entries sit at different levels
  // of the radix heap when they are scheduled and meet in one bucket.
  EventQueue<int> queue;
  const pbxsim::TimeUs target_us = 3 * pbxsim::kUsPerHour;
  int payload = 0;
  queue.schedule(target_us, payload++);
  for (pbxsim::TimeUs step_us : {pbxsim::kUsPerHour, pbxsim::kUsPerSecond, pbxsim::TimeUs{4'000}, pbxsim::TimeUs{1}}) {
    queue.schedule(target_us - step_us, -1);  // a stepping stone: popping it moves the queue's base close to the target
    while (queue.next_time() < target_us) {
      REQUIRE(queue.pop()->payload == -1);
      queue.schedule(target_us, payload++);
    }
  }
  queue.schedule(target_us, payload++);
  for (int expected = 0; expected < payload; ++expected) {
    auto popped = queue.pop();
    REQUIRE(popped->time_us == target_us);
    REQUIRE(popped->payload == expected);
  }
  REQUIRE(queue.empty());
}

TEST_CASE("event queue: events scheduled below a peeked time still pop first, in order", "[engine][event_queue]") {
  // run_until peeks at the next time, stops before it and moves the clock to
  // its end; what is scheduled then may lie before the peeked event.
  EventQueue<int> queue;
  queue.schedule(1'000, 1);
  queue.schedule(5'000'000, 9);
  REQUIRE(queue.pop()->payload == 1);
  REQUIRE(queue.next_time() == 5'000'000);
  queue.schedule(2'000, 2);
  queue.schedule(3'000, 4);
  queue.schedule(2'000, 3);
  queue.schedule(5'000'000, 10);
  REQUIRE(queue.next_time() == 2'000);
  auto first = queue.schedule(2'500, -1);
  REQUIRE(queue.cancel(first));
  for (int expected : {2, 3, 4, 9, 10}) REQUIRE(queue.pop()->payload == expected);
  REQUIRE(queue.empty());
}

TEST_CASE("event queue: cancelled far-future events never pop, whatever their distance", "[engine][event_queue]") {
  EventQueue<int> queue;
  std::vector<pbxsim::EventHandle> far;
  for (int i = 0; i < 40; ++i) {
    const pbxsim::TimeUs at_us = pbxsim::TimeUs{1} << i;
    far.push_back(queue.schedule(at_us, -1));
    queue.schedule(at_us, i);
  }
  for (auto handle : far) REQUIRE(queue.cancel(handle));
  REQUIRE(queue.size() == 40);
  for (int expected = 0; expected < 40; ++expected) REQUIRE(queue.pop()->payload == expected);
  REQUIRE(queue.empty());
  REQUIRE_FALSE(queue.next_time().has_value());
}

TEST_CASE("event queue: times before zero order like any other", "[engine][event_queue]") {
  EventQueue<int> queue;
  queue.schedule(5, 3);
  queue.schedule(-7, 1);
  queue.schedule(0, 2);
  queue.schedule(-7'000'000'000, 0);
  for (int expected = 0; expected < 4; ++expected) REQUIRE(queue.pop()->payload == expected);
}

namespace {

// The reference: a binary heap of (time, sequence) with a set of cancelled
// sequence numbers, the plainest queue with the required order.
class ReferenceQueue {
 public:
  std::uint64_t schedule(pbxsim::TimeUs time_us) {
    heap_.push({time_us, next_sequence_});
    pending_.insert(next_sequence_);
    return next_sequence_++;
  }
  bool cancel(std::uint64_t sequence) { return pending_.erase(sequence) == 1; }
  std::optional<std::pair<pbxsim::TimeUs, std::uint64_t>> pop() {
    while (!heap_.empty() && !pending_.contains(heap_.top().second)) heap_.pop();
    if (heap_.empty()) return std::nullopt;
    auto top = heap_.top();
    heap_.pop();
    pending_.erase(top.second);
    return top;
  }
  std::optional<pbxsim::TimeUs> next_time() {
    while (!heap_.empty() && !pending_.contains(heap_.top().second)) heap_.pop();
    if (heap_.empty()) return std::nullopt;
    return heap_.top().first;
  }
  std::size_t size() const { return pending_.size(); }

 private:
  using Entry = std::pair<pbxsim::TimeUs, std::uint64_t>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap_;
  std::set<std::uint64_t> pending_;
  std::uint64_t next_sequence_ = 0;
};

// A delay like the engine's: often none, often short, sometimes minutes or days.
pbxsim::TimeUs random_delay_us(pbxsim::Prng& prng) {
  switch (prng.below(6)) {
    case 0: return 0;
    case 1: return prng.between(0, 70);
    case 2: return prng.between(0, 5'000);
    case 3: return prng.between(0, 2 * pbxsim::kUsPerSecond);
    case 4: return prng.between(0, 30 * pbxsim::kUsPerSecond);
    default: return prng.between(0, 2 * pbxsim::kUsPerDay);
  }
}

}  // namespace

TEST_CASE("event queue: matches a reference priority queue over random schedules, pops, peeks and cancels",
          "[engine][event_queue]") {
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    CAPTURE(seed);
    pbxsim::Prng prng(seed);
    EventQueue<std::uint64_t> queue;
    ReferenceQueue reference;
    std::vector<std::pair<pbxsim::EventHandle, std::uint64_t>> handles;  // queue handle, reference sequence
    pbxsim::TimeUs clock_us = 0;  // the last popped time, or where a peek stopped
    const int operations = seed <= 20 ? 20'000 : 2'000;
    for (int op = 0; op < operations; ++op) {
      const std::uint64_t choice = prng.below(100);
      if (choice < 45) {
        const pbxsim::TimeUs at_us = clock_us + random_delay_us(prng);
        const std::uint64_t sequence = reference.schedule(at_us);
        handles.emplace_back(queue.schedule(at_us, sequence), sequence);
        REQUIRE(queue.stored_entries() <= 2 * queue.size() + 64);  // cancelled entries do not pile up
      } else if (choice < 60 && !handles.empty()) {
        const auto& [handle, sequence] = handles[prng.below(handles.size())];
        REQUIRE(queue.cancel(handle) == reference.cancel(sequence));
      } else if (choice < 70) {
        // run_until's pattern: peek, and stop short of the next event.
        const auto next = queue.next_time();
        REQUIRE(next == reference.next_time());
        if (next && *next > clock_us) clock_us += prng.between(0, *next - clock_us - 1);
      } else {
        const auto popped = queue.pop();
        const auto expected = reference.pop();
        REQUIRE(popped.has_value() == expected.has_value());
        if (popped) {
          REQUIRE(popped->time_us == expected->first);
          REQUIRE(popped->payload == expected->second);
          clock_us = popped->time_us;
        }
      }
      REQUIRE(queue.size() == reference.size());
      if (handles.size() > 4'000) handles.erase(handles.begin(), handles.begin() + 2'000);
    }
    while (auto expected = reference.pop()) {
      const auto popped = queue.pop();
      REQUIRE(popped->time_us == expected->first);
      REQUIRE(popped->payload == expected->second);
    }
    REQUIRE(queue.empty());
    REQUIRE_FALSE(queue.pop().has_value());
  }
}
