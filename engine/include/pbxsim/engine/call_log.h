// Every device's "recent calls" in one append-only array. An alert appends
// where the previous alert did (a cache line already in use), instead of to
// a vector of the device's own somewhere in the heap, and each entry links to
// the previous entry of its device, so a device still reads its log newest
// first. Entries are never removed: clearing a log (EM-6) forgets its head.
// The array grows in fixed chunks, never by copying: a day's log is tens of
// MB, and a doubling vector would touch twice that in fresh memory.
#pragma once

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
    if (size_ % kChunkEntries == 0) chunks_.push_back(std::make_unique<Linked[]>(kChunkEntries));
    at(size_) = Linked{entry, head};
    head = size_++;
  }

  // Visits the log at `head` newest first while `visit` returns true.
  template <typename Visit>
  void visit_newest_first(Position head, Visit visit) {
    for (Position position = head; position != kEmpty; position = at(position).previous) {
      if (!visit(at(position).entry)) return;
    }
  }

  // Bytes the entries take, by whole chunks (kept_memory.h).
  std::size_t kept_bytes() const { return chunks_.size() * sizeof(Linked) * kChunkEntries; }

  // The log at `head`, oldest first.
  std::vector<CallLogEntry> entries(Position head) const {
    std::vector<CallLogEntry> log;
    for (Position position = head; position != kEmpty; position = at(position).previous) {
      log.push_back(at(position).entry);
    }
    return {log.rbegin(), log.rend()};
  }

 private:
  struct Linked {
    CallLogEntry entry;
    Position previous;  // the same device's previous entry, or kEmpty
  };
  static constexpr Position kChunkEntries = 1u << 14;  // 384 KiB a chunk
  Linked& at(Position position) { return chunks_[position / kChunkEntries][position % kChunkEntries]; }
  const Linked& at(Position position) const { return chunks_[position / kChunkEntries][position % kChunkEntries]; }

  std::vector<std::unique_ptr<Linked[]>> chunks_;
  Position size_ = 0;
};

}  // namespace pbxsim
