// The last net under the instruction budget: a CPU-time watchdog for one
// scenario run (its Lua, its policy's hooks and the engine's work between
// them), on the thread that runs it.
//
// The instruction budget is what stops a script, deterministically; the
// watchdog only catches work that the budget does not see. Past the limit the
// next budget tick in any sandbox on that thread fails with the watchdog's
// message (the run ends with its ScriptError, exit 2). If no tick comes (C++
// stuck between two Lua instructions) for a further grace period, the process
// prints "SUBJECT: stopped by the CPU watchdog ..." and exits 2.
#pragma once

#include <cstdint>
#include <string>

namespace pbxsim {

// Sanitizer builds run several times slower: the same runs get ten times the time.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr std::int64_t kDefaultCpuLimitSeconds = 100;
#else
inline constexpr std::int64_t kDefaultCpuLimitSeconds = 10;
#endif

class CpuWatch {
 public:
  // subject: what the messages name, e.g. the scenario's file:line.
  // cpu_limit_s <= 0: no watch.
  CpuWatch(std::string subject, std::int64_t cpu_limit_s);
  ~CpuWatch();
  CpuWatch(const CpuWatch&) = delete;
  CpuWatch& operator=(const CpuWatch&) = delete;

  // Whether the innermost watch of this thread ran out (read by the
  // sandbox's budget hook), and the message to fail with.
  static bool expired_on_this_thread();
  static std::string expired_message();

  struct Entry;

 private:
  Entry* entry_ = nullptr;
  CpuWatch* outer_ = nullptr;
};

}  // namespace pbxsim
