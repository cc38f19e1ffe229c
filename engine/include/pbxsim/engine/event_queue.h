// The event queue: pending events ordered by (time, insertion sequence), so
// events at the same time pop in the order they were scheduled. A 4-ary heap
// (half the depth of a binary one: fewer cache misses on large queues).
// Cancelling is O(1): the slot's generation moves on and the stale heap entry
// is skipped when it surfaces; when stale entries outnumber live ones the heap
// is rebuilt without them, so cancelled far-future timers cannot pile up.
#pragma once

#include <cassert>
#include <cstdint>
#include <optional>
#include <vector>

#include "pbxsim/engine/time.h"

namespace pbxsim {

struct EventHandle {
  std::uint32_t slot = UINT32_MAX;
  std::uint32_t generation = 0;
  bool valid() const { return slot != UINT32_MAX; }
};

template <typename Payload>
class EventQueue {
 public:
  struct Popped {
    TimeUs time_us;
    Payload payload;
  };

  EventHandle schedule(TimeUs time_us, Payload payload) {
    std::uint32_t slot;
    if (!free_slots_.empty()) {
      slot = free_slots_.back();
      free_slots_.pop_back();
      slots_[slot].payload = std::move(payload);
    } else {
      slot = static_cast<std::uint32_t>(slots_.size());
      slots_.push_back(Slot{std::move(payload), 0});
    }
    if (heap_.size() >= 2 * live_count_ + kCompactSlack) compact();
    heap_.push_back(Entry{time_us, next_sequence_++, slot, slots_[slot].generation});
    sift_up(heap_.size() - 1);
    ++live_count_;
    if (live_count_ > peak_size_) peak_size_ = live_count_;
    return EventHandle{slot, slots_[slot].generation};
  }

  // Returns true when the event was still pending.
  bool cancel(EventHandle handle) {
    if (!handle.valid() || handle.slot >= slots_.size()) return false;
    Slot& slot = slots_[handle.slot];
    if (slot.generation != handle.generation) return false;
    release(handle.slot);
    --live_count_;
    return true;
  }

  // Time of the earliest live event, discarding cancelled entries on the way.
  std::optional<TimeUs> next_time() {
    drop_stale_top();
    if (heap_.empty()) return std::nullopt;
    return heap_.front().time_us;
  }

  std::optional<Popped> pop() {
    drop_stale_top();
    if (heap_.empty()) return std::nullopt;
    Entry top = heap_.front();
    remove_top();
    Popped popped{top.time_us, std::move(slots_[top.slot].payload)};
    release(top.slot);
    --live_count_;
    return popped;
  }

  std::size_t size() const { return live_count_; }
  // The most events pending at once so far (the results database stores it per scenario).
  std::size_t peak_size() const { return peak_size_; }
  // Heap entries held, cancelled ones included: at most about twice size().
  std::size_t stored_entries() const { return heap_.size(); }
  bool empty() const { return live_count_ == 0; }

 private:
  struct Entry {
    TimeUs time_us;
    std::uint64_t sequence;
    std::uint32_t slot;
    std::uint32_t generation;
    bool before(const Entry& other) const {
      return time_us != other.time_us ? time_us < other.time_us : sequence < other.sequence;
    }
  };
  struct Slot {
    Payload payload;
    std::uint32_t generation;
  };
  static constexpr std::size_t kArity = 4;
  static constexpr std::size_t kCompactSlack = 64;

  bool stale(const Entry& entry) const { return slots_[entry.slot].generation != entry.generation; }

  void compact() {
    std::erase_if(heap_, [this](const Entry& entry) { return stale(entry); });
    for (std::size_t i = heap_.size(); i-- > 0;) sift_down(i);
  }

  void release(std::uint32_t slot) {
    ++slots_[slot].generation;  // invalidates the handle and the heap entry
    free_slots_.push_back(slot);
  }

  void drop_stale_top() {
    while (!heap_.empty() && stale(heap_.front())) {
      remove_top();
    }
  }

  void remove_top() {
    heap_.front() = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(0);
  }

  void sift_up(std::size_t index) {
    Entry moving = heap_[index];
    while (index > 0) {
      std::size_t parent = (index - 1) / kArity;
      if (!moving.before(heap_[parent])) break;
      heap_[index] = heap_[parent];
      index = parent;
    }
    heap_[index] = moving;
  }

  void sift_down(std::size_t index) {
    Entry moving = heap_[index];
    const std::size_t count = heap_.size();
    for (;;) {
      const std::size_t first = kArity * index + 1;
      if (first >= count) break;
      std::size_t best = first;
      const std::size_t last = first + kArity < count ? first + kArity : count;
      for (std::size_t child = first + 1; child < last; ++child) {
        if (heap_[child].before(heap_[best])) best = child;
      }
      if (!heap_[best].before(moving)) break;
      heap_[index] = heap_[best];
      index = best;
    }
    heap_[index] = moving;
  }

  std::vector<Entry> heap_;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_slots_;
  std::uint64_t next_sequence_ = 0;
  std::size_t live_count_ = 0;
  std::size_t peak_size_ = 0;
};

}  // namespace pbxsim
