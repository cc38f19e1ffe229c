// The event queue: pending events ordered by (time, scheduling order), so
// events at the same time pop in the order they were scheduled.
//
// A multi-level radix heap, which works because simulated time never runs
// backwards: nothing is scheduled before the last popped time (asserted).
// Times are unsigned keys read as 6-bit digits. An entry sits at level l, the
// highest digit where its key differs from `base_key_`, in the bucket of its
// digit l: one bucket per level holds keys near the base, so level 0 holds
// single times, level 1 spans of 64 us, level 2 of 4 ms, level 3 of 262 ms.
// A pop takes the front of the base's level-0 bucket. When that is used up
// the base moves to the next filled level-0 bucket, or else to the start of
// the lowest filled bucket, whose entries then move down a level or more.
// An entry so moves at most once a level (three or four times for a timer a
// second away) by sequential copies of 16 bytes, and the slots of entries
// about to pop are prefetched: a million pending events cost no pointer
// chasing (a binary heap does about twenty cache misses a pop at that size).
//
// Equal times pop first-scheduled-first without a sequence number: entries
// of one time always share a bucket (the bucket is a function of key and
// base, and moving the base never splits a bucket), arrive there in
// scheduling order and move together, in order.
//
// next_time() advances the base too, so it can pass the clock of a caller
// that peeked and stopped (run_until). Events scheduled below the base after
// that go to `early_`, a small binary heap ordered by (time, sequence) that
// always pops first; it is empty in a steady run.
//
// Cancelling is O(1): the slot's generation moves on and the stale entry is
// skipped when it surfaces; when stale entries outnumber live ones they are
// filtered out of every bucket, so cancelled far-future timers cannot pile up.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
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
    const std::uint64_t key = to_key(time_us);
    assert(key >= popped_key_ && "an event was scheduled before the last popped time: schedule at now or later");
    std::uint32_t slot;
    if (!free_slots_.empty()) {
      slot = free_slots_.back();
      free_slots_.pop_back();
      slots_[slot].payload = std::move(payload);
    } else {
      slot = static_cast<std::uint32_t>(slots_.size());
      slots_.push_back(Slot{std::move(payload), 0});
    }
    if (stored_ >= 2 * live_count_ + kCompactSlack) compact();
    const Entry entry{key, slot, slots_[slot].generation};
    if (key >= base_key_) {
      file(entry);
    } else {
      early_.push_back(EarlyEntry{entry, next_early_sequence_++});
      std::push_heap(early_.begin(), early_.end(), EarlyEntry::later);
    }
    ++stored_;
    ++live_count_;
    if (live_count_ > peak_size_) peak_size_ = live_count_;
    return EventHandle{slot, entry.generation};
  }

  // Returns true when the event was still pending.
  bool cancel(EventHandle handle) {
    if (!handle.valid() || handle.slot >= slots_.size()) return false;
    if (slots_[handle.slot].generation != handle.generation) return false;
    release(handle.slot);
    --live_count_;
    return true;
  }

  // Time of the earliest live event, discarding cancelled entries on the way.
  std::optional<TimeUs> next_time() {
    const Entry* top = front();
    if (top == nullptr) return std::nullopt;
    return to_time(top->key);
  }

  // The payload of the earliest live event, without popping it (nullptr when
  // none): a hint for prefetching, so events scheduled meanwhile may come first.
  const Payload* peek() {
    const Entry* top = front();
    return top == nullptr ? nullptr : &slots_[top->slot].payload;
  }

  std::optional<Popped> pop() {
    const Entry* top = front();
    if (top == nullptr) return std::nullopt;
    const Entry entry = *top;
    drop_front();
    popped_key_ = entry.key;
    Popped popped{to_time(entry.key), std::move(slots_[entry.slot].payload)};
    release(entry.slot);
    --live_count_;
    return popped;
  }

  std::size_t size() const { return live_count_; }
  // The most events pending at once so far (the results database stores it per scenario).
  std::size_t peak_size() const { return peak_size_; }
  // Entries held, cancelled ones included: at most about twice size().
  std::size_t stored_entries() const { return stored_; }
  bool empty() const { return live_count_ == 0; }

 private:
  // 16 bytes: the payload stays in its slot, so moving entries between
  // buckets copies little.
  struct Entry {
    std::uint64_t key;
    std::uint32_t slot;
    std::uint32_t generation;
  };
  struct EarlyEntry {
    Entry entry;
    std::uint64_t sequence;
    static bool later(const EarlyEntry& a, const EarlyEntry& b) {
      return a.entry.key != b.entry.key ? a.entry.key > b.entry.key : a.sequence > b.sequence;
    }
  };
  struct Slot {
    Payload payload;
    std::uint32_t generation;
  };
  static constexpr std::size_t kCompactSlack = 64;
  static constexpr int kDigitBits = 6;  // 64 buckets a level: one 64-bit mask says which are filled
  static constexpr int kLevels = 11;    // ceil(64 / kDigitBits)

  // Signed times map to unsigned keys of the same order.
  static std::uint64_t to_key(TimeUs time_us) { return static_cast<std::uint64_t>(time_us) ^ (1ULL << 63); }
  static TimeUs to_time(std::uint64_t key) { return static_cast<TimeUs>(key ^ (1ULL << 63)); }

  bool stale(const Entry& entry) const { return slots_[entry.slot].generation != entry.generation; }

  static int digit(std::uint64_t key, int level) {
    return static_cast<int>((key >> (kDigitBits * level)) & ((1U << kDigitBits) - 1));
  }
  std::vector<Entry>& bucket(int level, int digit_value) {
    return buckets_[static_cast<std::size_t>((level << kDigitBits) + digit_value)];
  }

  void file(const Entry& entry) {
    // The level is the highest digit where the key differs from the base.
    const int level = std::bit_width((entry.key ^ base_key_) >> 1) / kDigitBits;
    const int value = digit(entry.key, level);
    bucket(level, value).push_back(entry);
    filled_[static_cast<std::size_t>(level)] |= 1ULL << value;
    filled_levels_ |= 1U << level;
  }

  // The earliest live entry, or nullptr when none is left.
  const Entry* front() {
    for (;;) {
      if (!early_.empty()) {
        if (!stale(early_.front().entry)) return &early_.front().entry;
      } else if (std::vector<Entry>& current = bucket(0, digit(base_key_, 0)); head_ < current.size()) {
        if (!stale(current[head_])) return &current[head_];
      } else if (!advance()) {
        return nullptr;
      } else {
        continue;
      }
      drop_front();
    }
  }

  void drop_front() {
    if (!early_.empty()) {
      std::pop_heap(early_.begin(), early_.end(), EarlyEntry::later);
      early_.pop_back();
    } else {
      ++head_;
    }
    --stored_;
  }

  // The base's bucket is used up: move the base to the next filled bucket of
  // level 0, or else to the start of the lowest filled bucket and spread that
  // bucket's entries over the levels below.
  bool advance() {
    const int current = digit(base_key_, 0);
    bucket(0, current).clear();
    head_ = 0;
    filled_[0] &= ~(1ULL << current);
    if (filled_[0] == 0) filled_levels_ &= ~1U;
    if (filled_levels_ == 0) return false;
    const int level = std::countr_zero(filled_levels_);
    const int value = std::countr_zero(filled_[static_cast<std::size_t>(level)]);
    const int shift = kDigitBits * level;
    const std::uint64_t above = shift + kDigitBits >= 64 ? 0 : ~0ULL << (shift + kDigitBits);
    base_key_ = (base_key_ & above) | (static_cast<std::uint64_t>(value) << shift);
    if (level == 0) return true;
    filled_[static_cast<std::size_t>(level)] &= ~(1ULL << value);
    if (filled_[static_cast<std::size_t>(level)] == 0) filled_levels_ &= ~(1U << level);
    std::vector<Entry>& spreading = bucket(level, value);
    const bool soon = level == 1;  // they all land in level 0 and pop next: fetch their slots now
    for (const Entry& entry : spreading) {
      file(entry);  // every one lands below level, never back in spreading
      if (soon) __builtin_prefetch(&slots_[entry.slot]);
    }
    spreading.clear();
    return true;
  }

  void compact() {
    auto is_stale = [this](const Entry& entry) { return stale(entry); };
    std::vector<Entry>& current = bucket(0, digit(base_key_, 0));
    current.erase(current.begin(), current.begin() + static_cast<std::ptrdiff_t>(head_));
    head_ = 0;
    stored_ = 0;
    filled_levels_ = 0;
    for (int level = 0; level < kLevels; ++level) {
      std::uint64_t& filled = filled_[static_cast<std::size_t>(level)];
      for (std::uint64_t rest = filled; rest != 0; rest &= rest - 1) {
        const int value = std::countr_zero(rest);
        std::vector<Entry>& entries = bucket(level, value);
        std::erase_if(entries, is_stale);  // keeps the order: equal times stay first-scheduled-first
        stored_ += entries.size();
        if (entries.empty()) filled &= ~(1ULL << value);
      }
      if (filled != 0) filled_levels_ |= 1U << level;
    }
    std::erase_if(early_, [this](const EarlyEntry& early) { return stale(early.entry); });
    std::make_heap(early_.begin(), early_.end(), EarlyEntry::later);
    stored_ += early_.size();
  }

  void release(std::uint32_t slot) {
    ++slots_[slot].generation;  // invalidates the handle and the stored entry
    free_slots_.push_back(slot);
  }

  std::array<std::vector<Entry>, kLevels << kDigitBits> buckets_;
  std::array<std::uint64_t, kLevels> filled_{};  // bit d of level l: bucket (l, d) is not empty
  std::uint32_t filled_levels_ = 0;              // bit l: filled_[l] != 0
  std::size_t head_ = 0;                         // the base's bucket's entries before head_ have popped
  std::uint64_t base_key_ = 0;                   // every key in the buckets is >= this
  std::uint64_t popped_key_ = 0;
  std::vector<EarlyEntry> early_;
  std::uint64_t next_early_sequence_ = 0;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_slots_;
  std::size_t stored_ = 0;
  std::size_t live_count_ = 0;
  std::size_t peak_size_ = 0;
};

}  // namespace pbxsim
