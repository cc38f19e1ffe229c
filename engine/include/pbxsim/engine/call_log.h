// Every device's "recent calls" in one append-only array. An alert appends
// where the previous alert did (a cache line already in use), instead of to
// a vector of the device's own somewhere in the heap, and each entry links to
// the previous entry of its device, so a device still reads its log newest
// first. Clearing a log (EM-6) forgets its head.
// The array grows in fixed chunks, never by copying: a day's log is tens of
// MB, and a doubling vector would touch twice that in fresh memory.
// A run that forgets its ended calls (the bench) also forgets the log's
// oldest chunks once every call they name has ended (forget_calls_before),
// and reuses their memory, so a long run keeps the entries since the oldest
// call in progress, not 24 bytes for every alert of the day. Entries are
// dropped oldest chunk first, so every entry from the first kept one on is
// still there and a device's log reads newest first down to it.
#pragma once

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <memory>
#include <vector>

#include "pbxsim/engine/ids.h"
#include "pbxsim/engine/time.h"

namespace pbxsim {

// One "recent calls" entry; who called is the call's caller (call(call).caller).
struct CallLogEntry {
  TimeUs at_us;
  CallId call;
  bool silent;
  bool answered;
};

class CallLog {
 public:
  using Position = std::uint32_t;
  static constexpr Position kEmpty = UINT32_MAX;  // the head of a log with no entries

  // Appends to the log whose newest entry is at `head` and moves `head` to it.
  void append(Position& head, const CallLogEntry& entry) {
    assert(size_ < kEmpty && "the call log is full: more than four billion alerts in one run");
    if (size_ % kChunkEntries == 0) {
      chunks_.push_back(take_chunk());
      newest_call_.push_back(0);
    }
    at(size_) = Linked{entry, head};
    newest_call_.back() = std::max(newest_call_.back(), entry.call);
    head = size_++;
  }

  // Visits the log at `head` newest first while `visit` returns true.
  template <typename Visit>
  void visit_newest_first(Position head, Visit visit) {
    for (Position position = head; kept(position); position = at(position).previous) {
      if (!visit(at(position).entry)) return;
    }
  }

  // Bytes the entries take, by whole chunks (kept_memory.h).
  std::size_t kept_bytes() const { return chunks_.size() * sizeof(Linked) * kChunkEntries; }

  // The log at `head`, oldest first.
  std::vector<CallLogEntry> entries(Position head) const {
    std::vector<CallLogEntry> log;
    for (Position position = head; kept(position); position = at(position).previous) {
      log.push_back(at(position).entry);
    }
    return {log.rbegin(), log.rend()};
  }

  // Forgets the oldest chunks whose calls all have ids below `oldest_live_call`
  // (so have ended and been forgotten). The chunk being filled stays.
  void forget_calls_before(CallId oldest_live_call) {
    while (first_kept_chunk_ + 1 < chunks_.size() && newest_call_[first_kept_chunk_] < oldest_live_call) {
      if (spare_.size() < kSpareChunks) spare_.push_back(std::move(chunks_[first_kept_chunk_]));
      chunks_[first_kept_chunk_].reset();
      ++first_kept_chunk_;
    }
  }

 private:
  struct Linked {
    CallLogEntry entry;
    Position previous;  // the same device's previous entry, or kEmpty
  };
  static constexpr Position kChunkEntries = 1u << 14;  // 384 KiB a chunk
  static constexpr std::size_t kSpareChunks = 4;       // forgotten chunks kept for the next ones
  bool kept(Position position) const {
    return position != kEmpty && position / kChunkEntries >= first_kept_chunk_;
  }
  std::unique_ptr<Linked[]> take_chunk() {
    if (spare_.empty()) return std::make_unique<Linked[]>(kChunkEntries);
    std::unique_ptr<Linked[]> chunk = std::move(spare_.back());
    spare_.pop_back();
    return chunk;
  }
  Linked& at(Position position) { return chunks_[position / kChunkEntries][position % kChunkEntries]; }
  const Linked& at(Position position) const { return chunks_[position / kChunkEntries][position % kChunkEntries]; }

  std::vector<std::unique_ptr<Linked[]>> chunks_;  // by position / kChunkEntries; null once forgotten
  std::vector<CallId> newest_call_;                // by chunk: the highest call id it names
  std::vector<std::unique_ptr<Linked[]>> spare_;
  std::size_t first_kept_chunk_ = 0;
  Position size_ = 0;
};

}  // namespace pbxsim
