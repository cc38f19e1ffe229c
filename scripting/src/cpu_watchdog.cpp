// CpuWatch (cpu_watchdog.h): one monitor thread for the process polls the
// CPU clock of every thread that runs a watched scenario.
#include "pbxsim/scripting/cpu_watchdog.h"

#include <pthread.h>
#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

namespace pbxsim {

struct CpuWatch::Entry {
  std::string subject;
  std::int64_t limit_s = 0;
  clockid_t clock{};
  std::int64_t start_ns = 0;
  std::atomic<bool> expired{false};
  std::int64_t expired_at_ns = 0;  // the thread's CPU clock when it expired (monitor only)
};

namespace {

constexpr auto kPollInterval = std::chrono::milliseconds(200);
// CPU seconds a thread may go on after its watch expired without reaching a
// budget tick (which would end the run with the error) before the process
// is stopped.
constexpr std::int64_t kGraceSeconds = 2;
constexpr std::int64_t kNsPerSecond = 1'000'000'000;

std::int64_t cpu_ns(clockid_t clock) {
  timespec now{};
  if (clock_gettime(clock, &now) != 0) return 0;
  return static_cast<std::int64_t>(now.tv_sec) * kNsPerSecond + now.tv_nsec;
}

struct Monitor {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<CpuWatch::Entry*> entries;
  bool running = false;
  Monitor* parents = nullptr;  // the monitors of the processes this one was forked from
};

// Never destroyed (a detached thread uses it until the process ends). A
// forked child gets a new one: the parent's monitor thread is not in it, and
// its mutex may have been copied locked. The parent's stays reachable, so
// LeakSanitizer does not report it when a child exits.
Monitor* g_monitor = nullptr;
std::once_flag g_fork_handler;

Monitor& monitor() {
  std::call_once(g_fork_handler, [] {
    g_monitor = new Monitor;
    pthread_atfork(nullptr, nullptr, [] {
      auto* fresh = new Monitor;
      fresh->parents = g_monitor;
      g_monitor = fresh;
    });
  });
  return *g_monitor;
}

std::string message_for(const CpuWatch::Entry& entry) {
  return "CPU watchdog: the run used more than " + std::to_string(entry.limit_s) +
         " s of CPU time (work the instruction budget does not count; --cpu-limit-s raises the limit)";
}

[[noreturn]] void stop_process(const CpuWatch::Entry& entry) {
  const std::string text = entry.subject + ": stopped by the " + message_for(entry) + "\n";
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
  std::fflush(stdout);
  std::_Exit(2);
}

void watch_loop(Monitor* self) {
  std::unique_lock lock(self->mutex);
  while (true) {
    self->changed.wait_for(lock, kPollInterval);
    for (CpuWatch::Entry* entry : self->entries) {
      const std::int64_t now_ns = cpu_ns(entry->clock);
      if (!entry->expired.load(std::memory_order_relaxed)) {
        if (now_ns - entry->start_ns > entry->limit_s * kNsPerSecond) {
          entry->expired_at_ns = now_ns;
          entry->expired.store(true, std::memory_order_relaxed);
        }
      } else if (now_ns - entry->expired_at_ns > kGraceSeconds * kNsPerSecond) {
        stop_process(*entry);
      }
    }
  }
}

thread_local CpuWatch* t_innermost = nullptr;
thread_local CpuWatch::Entry* t_innermost_entry = nullptr;

}  // namespace

CpuWatch::CpuWatch(std::string subject, std::int64_t cpu_limit_s) : outer_(t_innermost) {
  if (cpu_limit_s <= 0) return;
  entry_ = new Entry;
  entry_->subject = std::move(subject);
  entry_->limit_s = cpu_limit_s;
  if (pthread_getcpuclockid(pthread_self(), &entry_->clock) != 0) {
    delete entry_;
    entry_ = nullptr;
    return;
  }
  entry_->start_ns = cpu_ns(entry_->clock);
  Monitor& self = monitor();
  {
    std::lock_guard lock(self.mutex);
    self.entries.push_back(entry_);
    if (!self.running) {
      self.running = true;
      std::thread(watch_loop, &self).detach();
    }
  }
  t_innermost = this;
  t_innermost_entry = entry_;
}

CpuWatch::~CpuWatch() {
  if (entry_ == nullptr) return;
  Monitor& self = monitor();
  {
    std::lock_guard lock(self.mutex);
    std::erase(self.entries, entry_);
  }
  delete entry_;
  t_innermost = outer_;
  t_innermost_entry = outer_ != nullptr ? outer_->entry_ : nullptr;
}

bool CpuWatch::expired_on_this_thread() {
  return t_innermost_entry != nullptr && t_innermost_entry->expired.load(std::memory_order_relaxed);
}

std::string CpuWatch::expired_message() {
  return t_innermost_entry != nullptr ? message_for(*t_innermost_entry) : std::string();
}

}  // namespace pbxsim
