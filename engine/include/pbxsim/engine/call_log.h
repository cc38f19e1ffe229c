// Every device's "recent calls" in one append-only array. An alert appends
// where the previous alert did (a cache line already in use), instead of to
// a vector of the device's own somewhere in the heap, and each entry links to
// the previous entry of its device, so a device still reads its log newest
// first. Entries are never removed: clearing a log (EM-6) forgets its head.
#pragma once

#include <cassert>
#include <cstdint>
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
    assert(entries_.size() < kEmpty && "the call log is full: more than four billion alerts in one run");
    entries_.push_back(Linked{entry, head});
    head = static_cast<Position>(entries_.size() - 1);
  }

  // Visits the log at `head` newest first while `visit` returns true.
  template <typename Visit>
  void visit_newest_first(Position head, Visit visit) {
    for (Position at = head; at != kEmpty; at = entries_[at].previous) {
      if (!visit(entries_[at].entry)) return;
    }
  }

  // The log at `head`, oldest first.
  std::vector<CallLogEntry> entries(Position head) const {
    std::vector<CallLogEntry> log;
    for (Position at = head; at != kEmpty; at = entries_[at].previous) log.push_back(entries_[at].entry);
    return {log.rbegin(), log.rend()};
  }

 private:
  struct Linked {
    CallLogEntry entry;
    Position previous;  // the same device's previous entry, or kEmpty
  };
  std::vector<Linked> entries_;
};

}  // namespace pbxsim
