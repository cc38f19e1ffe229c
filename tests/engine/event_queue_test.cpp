#include <catch2/catch.hpp>

#include "pbxsim/engine/event_queue.h"

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
