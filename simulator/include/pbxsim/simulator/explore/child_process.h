// Running work in a child process, so that a crash or a hang in the work is
// a result instead of the end of the caller: once (run_isolated), or many
// items in one long-lived child that is started again only after it crashed
// or hung (ChildWorker) — a fork per item costs more than a small case.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pbxsim {

// What the work returned, or how the child ended: crashed (a signal or a
// non-zero exit: the stderr tail says why) or timed out.
struct IsolatedRun {
  enum class Ending : std::uint8_t { Returned, Crashed, TimedOut } ending = Ending::Returned;
  std::string output;
  std::string diagnostics;  // the child's stderr, last lines
};

IsolatedRun run_isolated(const std::function<std::string()>& work, int timeout_seconds);

// A child process that runs `work(item)` for item after item. The child is
// forked on the first run() and kept; when an item crashes it or runs longer
// than `timeout_seconds`, that item's result says so and the next run()
// forks a fresh child. Results are the same as run_isolated's, item by item,
// as long as `work` keeps no state between items.
class ChildWorker {
 public:
  using Work = std::function<std::string(std::uint64_t item)>;
  ChildWorker(Work work, int timeout_seconds);
  ~ChildWorker();
  ChildWorker(const ChildWorker&) = delete;
  ChildWorker& operator=(const ChildWorker&) = delete;

  IsolatedRun run(std::uint64_t item);
  int children_started() const { return children_started_; }

  // run() in two halves, for a caller that polls many children: send hands
  // the child an item (false: `failure` says why); advance reads what poll
  // found ready and returns the result once it is whole.
  bool send(std::uint64_t item, IsolatedRun& failure);
  std::optional<IsolatedRun> advance(short socket_events, short error_events);

 private:
  friend class ChildPool;  // polls socket_ and errors_
  bool start(IsolatedRun& failure);
  IsolatedRun ended();  // reaps the child after its socket closed
  void stop();

  Work work_;
  int timeout_seconds_;
  pid_t child_ = -1;
  int socket_ = -1;  // requests out, results in
  int errors_ = -1;  // the child's stderr
  std::string diagnostics_;
  std::string received_;      // the running item's answer so far
  std::uint64_t size_ = 0;    // its length, once received
  bool have_size_ = false;
  int children_started_ = 0;
};

// `--jobs N`: N kept children driven from the calling thread alone. A fork
// while another thread of the parent runs copies that thread's locks held
// (GCC 12's AddressSanitizer allocator has no fork handler, and a child hung
// on its lock), so the parent runs no thread of its own while it forks.
// Results come back in the items' order, whatever child ran them.
class ChildPool {
 public:
  static constexpr int kMaxChildren = 256;
  ChildPool(const ChildWorker::Work& work, int timeout_seconds, int children);
  std::vector<IsolatedRun> run(const std::vector<std::uint64_t>& items);
  int children_started() const;

 private:
  std::vector<std::unique_ptr<ChildWorker>> workers_;
};

}  // namespace pbxsim
