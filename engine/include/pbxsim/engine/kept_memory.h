// What a run keeps for its results, counted, and its limit. A scenario's run
// keeps every trace record (the decision record's included), the record of
// every call that ended, and every device's recent calls; none of it is freed
// before the run ends, so a long run (a CTI outage retried every minute for
// years of simulated time) would grow until the machine refuses memory. The
// count is bytes by a fixed formula of what is kept (the records' sizes and
// their strings' lengths), never the allocator's statistics, so the same run
// stops at the same record on every machine and every time.
//
// Memory that is given back while the run goes on is not counted: the calls
// in progress (a run that forgets ended calls, such as the bench, keeps none),
// pending events and timers. The scenario's own stimuli are counted where the
// script makes them (--lua-kept-mib).
//
// The decision record (run --decisions, TraceKind::Decided) is counted apart,
// against a limit of its own of the same size: a run keeps the same records
// and stops at the same event with or without it, and the record of a run
// that asks its policy very often cannot grow past the limit either.
//
// The limit is checked between events (Pbx::run_next), where the engine's
// state is whole, so a run may keep one event's records past it; once past,
// every later event is refused too, so a script that catches the error cannot
// run on.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace pbxsim {

struct TraceEvent;
struct CallRecord;

// A run went past its kept-memory limit: the message names the limit, what
// was kept and how to raise it.
struct KeptMemoryError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class KeptMemory {
 public:
  static constexpr std::size_t kNoLimit = SIZE_MAX;
  // The scenario runner's default (pbxsim run --engine-kept-mib).
  static constexpr std::size_t kDefaultLimitMib = 128;
  // The range of a limit in MiB, for --engine-kept-mib and a scenario's
  // engine_kept_mib: 1 MiB to 1 TiB.
  static constexpr std::size_t kMinLimitMib = 1;
  static constexpr std::size_t kMaxLimitMib = std::size_t{1} << 20;

  // Bytes a kept record is counted as.
  static std::size_t bytes_of(const TraceEvent& event);
  static std::size_t bytes_of(const CallRecord& call);

  void set_limit(std::size_t limit_bytes) { limit_bytes_ = limit_bytes; }
  std::size_t limit_bytes() const { return limit_bytes_; }

  void keep_trace_record(const TraceEvent& event) {
    trace_bytes_ += bytes_of(event);
    ++trace_records_;
  }
  void keep_decision_record(const TraceEvent& event) {
    decision_bytes_ += bytes_of(event);
    ++decision_records_;
  }
  void keep_ended_call(const CallRecord& call) {
    call_bytes_ += bytes_of(call);
    ++calls_;
  }

  // The bytes counted so far, with `call_log_bytes` (CallLog::kept_bytes);
  // the decision record's are counted apart (decision_bytes).
  std::size_t kept_bytes(std::size_t call_log_bytes) const { return trace_bytes_ + call_bytes_ + call_log_bytes; }
  std::size_t decision_bytes() const { return decision_bytes_; }
  // Throws KeptMemoryError when the run, or its decision record, keeps more
  // than the limit.
  void check(std::size_t call_log_bytes) const {
    if (kept_bytes(call_log_bytes) > limit_bytes_) [[unlikely]] fail(call_log_bytes);
    if (decision_bytes_ > limit_bytes_) [[unlikely]] fail_decisions();
  }

 private:
  [[noreturn]] void fail(std::size_t call_log_bytes) const;
  [[noreturn]] void fail_decisions() const;
  // How to raise the limit, the end of either message.
  static std::string how_to_raise();

  std::size_t limit_bytes_ = kNoLimit;
  std::size_t trace_bytes_ = 0;
  std::size_t call_bytes_ = 0;
  std::uint64_t trace_records_ = 0;
  std::uint64_t calls_ = 0;
  std::size_t decision_bytes_ = 0;
  std::uint64_t decision_records_ = 0;
};

}  // namespace pbxsim
