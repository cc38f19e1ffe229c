#include <catch2/catch.hpp>

#include <vector>

#include "pbxsim/engine/call_log.h"

using pbxsim::CallLog;
using pbxsim::CallLogEntry;

namespace {

std::vector<pbxsim::CallId> calls_of(const std::vector<CallLogEntry>& entries) {
  std::vector<pbxsim::CallId> calls;
  for (const CallLogEntry& entry : entries) calls.push_back(entry.call);
  return calls;
}

}  // namespace

TEST_CASE("call log: devices alerted in turn each read only their own entries, oldest first", "[engine][call-log]") {
  CallLog log;
  CallLog::Position desk = CallLog::kEmpty;
  CallLog::Position soft = CallLog::kEmpty;
  CHECK(log.entries(desk).empty());
  log.append(desk, CallLogEntry{10, 1, false, false});
  log.append(soft, CallLogEntry{10, 1, true, false});
  log.append(desk, CallLogEntry{20, 2, false, false});
  log.append(desk, CallLogEntry{30, 3, false, false});
  log.append(soft, CallLogEntry{40, 4, false, false});
  CHECK(calls_of(log.entries(desk)) == std::vector<pbxsim::CallId>{1, 2, 3});
  CHECK(calls_of(log.entries(soft)) == std::vector<pbxsim::CallId>{1, 4});
  CHECK(log.entries(soft).front().silent);
}

TEST_CASE("call log: a visit goes newest first and stops where asked; marks stay", "[engine][call-log]") {
  CallLog log;
  CallLog::Position head = CallLog::kEmpty;
  for (pbxsim::CallId call = 1; call <= 4; ++call) log.append(head, CallLogEntry{call * 10, call, false, false});
  std::vector<pbxsim::CallId> seen;
  log.visit_newest_first(head, [&](CallLogEntry& entry) {
    if (entry.at_us < 30) return false;  // an answer looks back only to its call's offer
    seen.push_back(entry.call);
    entry.answered = entry.call == 3;
    return true;
  });
  CHECK(seen == std::vector<pbxsim::CallId>{4, 3});
  const std::vector<CallLogEntry> entries = log.entries(head);
  CHECK(entries[2].answered);
  CHECK_FALSE(entries[3].answered);
}

TEST_CASE("call log: a cleared log is empty and grows again from its next alert (EM-6)", "[engine][call-log]") {
  CallLog log;
  CallLog::Position head = CallLog::kEmpty;
  log.append(head, CallLogEntry{10, 1, false, false});
  head = CallLog::kEmpty;
  CHECK(log.entries(head).empty());
  log.append(head, CallLogEntry{20, 2, false, false});
  CHECK(calls_of(log.entries(head)) == std::vector<pbxsim::CallId>{2});
}

TEST_CASE("call log: a log that spans many chunks reads back whole", "[engine][call-log]") {
  CallLog log;
  CallLog::Position even = CallLog::kEmpty;
  CallLog::Position odd = CallLog::kEmpty;
  const pbxsim::CallId calls = 100'000;  // several chunks of the log's array
  for (pbxsim::CallId call = 1; call <= calls; ++call) {
    log.append(call % 2 == 0 ? even : odd, CallLogEntry{static_cast<pbxsim::TimeUs>(call), call, false, false});
  }
  const std::vector<CallLogEntry> entries = log.entries(odd);
  REQUIRE(entries.size() == calls / 2);
  CHECK(entries.front().call == 1);
  CHECK(entries.back().call == calls - 1);
  for (std::size_t i = 0; i < entries.size(); ++i) REQUIRE(entries[i].call == 2 * i + 1);
}

TEST_CASE("call log: forgetting calls drops the oldest chunks whose calls all ended, and the logs read down to them",
          "[engine][call-log]") {
  CallLog log;
  CallLog::Position even = CallLog::kEmpty;
  CallLog::Position odd = CallLog::kEmpty;
  const pbxsim::CallId calls = 100'000;  // six chunks of 16 384 entries
  for (pbxsim::CallId call = 1; call <= calls; ++call) {
    log.append(call % 2 == 0 ? even : odd, CallLogEntry{static_cast<pbxsim::TimeUs>(call), call, false, false});
  }
  log.forget_calls_before(50'000);  // calls 1 .. 49 999 have ended: the first three chunks (to 49 152) go
  const std::vector<CallLogEntry> entries = log.entries(odd);
  REQUIRE(!entries.empty());
  CHECK(entries.front().call == 49'153);  // the first entry of the first chunk kept
  CHECK(entries.back().call == calls - 1);
  for (std::size_t i = 1; i < entries.size(); ++i) REQUIRE(entries[i].call == entries[i - 1].call + 2);
}

TEST_CASE("call log: the chunk being filled is kept even when its calls have ended", "[engine][call-log]") {
  CallLog log;
  CallLog::Position desk = CallLog::kEmpty;
  log.append(desk, CallLogEntry{1, 1, false, false});
  log.forget_calls_before(1'000);
  CHECK(calls_of(log.entries(desk)) == std::vector<pbxsim::CallId>{1});
}

TEST_CASE("call log: a chunk that names a call in progress is kept, and so are the chunks after it", "[engine][call-log]") {
  CallLog log;
  CallLog::Position device = CallLog::kEmpty;
  const pbxsim::CallId calls = 40'000;
  // Call 1 (a long call, in the first chunk) has not ended: nothing can go.
  for (pbxsim::CallId call = 1; call <= calls; ++call) {
    log.append(device, CallLogEntry{static_cast<pbxsim::TimeUs>(call), call, false, false});
  }
  log.forget_calls_before(1);  // call 1 is still in progress
  CHECK(log.entries(device).size() == calls);
}
