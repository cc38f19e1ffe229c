// Stores encoded scenarios on a thread of its own, one transaction each, in
// the order they were submitted: the thread that runs or collects scenarios
// only encodes rows (RowBuffer) and goes on while SQLite writes the previous
// scenario on the other core. The database holds the same rows in the same
// order as a serial write; only when they land differs.
//
// At most kQueued scenarios wait, so a slow disk slows the producer rather
// than growing memory; their buffers are handed back for reuse.
#pragma once

#include <pthread.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

namespace pbxsim {

template <class Rows>
class ScenarioWriter {
 public:
  // Stores one scenario; returns why it could not.
  using Store = std::function<std::optional<std::string>(const Rows&)>;
  static constexpr std::size_t kQueued = 2;

  explicit ScenarioWriter(Store store) : store_(std::move(store)) {}
  ~ScenarioWriter() { drain(); stop(); }
  ScenarioWriter(const ScenarioWriter&) = delete;
  ScenarioWriter& operator=(const ScenarioWriter&) = delete;

  // An empty buffer to encode the next scenario into (one that was stored
  // before, when there is one).
  std::unique_ptr<Rows> buffer() {
    std::lock_guard lock(mutex_);
    if (spare_.empty()) return std::make_unique<Rows>();
    std::unique_ptr<Rows> rows = std::move(spare_.back());
    spare_.pop_back();
    return rows;
  }

  // Queues the scenario (waiting while kQueued others wait). Returns the
  // error of an earlier scenario, if one failed since the last drain; after a
  // failure nothing more is stored.
  std::optional<std::string> submit(std::unique_ptr<Rows> rows) {
    std::unique_lock lock(mutex_);
    if (!thread_.joinable() && !on_caller_thread_) {
      try {
        thread_ = std::thread([this] { work(); });
        pthread_setname_np(thread_.native_handle(), "pbxsim-db-write");  // as top and perf show it
      } catch (const std::system_error&) {
        on_caller_thread_ = true;  // no thread to be had (an address-space limit): store here, serially
      }
    }
    if (on_caller_thread_) {
      if (!error_) error_ = store_(*rows);
      spare_.push_back(std::move(rows));
      return error_;
    }
    room_.wait(lock, [&] { return queue_.size() < kQueued; });
    if (!error_) {
      queue_.push_back(std::move(rows));
      ready_.notify_one();
    }
    return error_;
  }

  // Waits until every queued scenario is stored; the first error, if any.
  // The connection is then free for the caller's thread until the next submit.
  std::optional<std::string> drain() {
    std::unique_lock lock(mutex_);
    room_.wait(lock, [&] { return queue_.empty() && !busy_; });
    return error_;
  }

 private:
  void work() {
    std::unique_lock lock(mutex_);
    while (true) {
      ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      std::unique_ptr<Rows> rows = std::move(queue_.front());
      queue_.pop_front();
      busy_ = true;
      lock.unlock();
      std::optional<std::string> error = store_(*rows);
      lock.lock();
      busy_ = false;
      if (error && !error_) error_ = std::move(error);
      if (error_) queue_.clear();
      spare_.push_back(std::move(rows));
      room_.notify_all();
    }
  }

  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    ready_.notify_one();
    if (thread_.joinable()) thread_.join();
  }

  Store store_;
  std::mutex mutex_;
  std::condition_variable ready_;  // a scenario is queued, or stop
  std::condition_variable room_;   // a scenario was stored
  std::deque<std::unique_ptr<Rows>> queue_;
  std::vector<std::unique_ptr<Rows>> spare_;
  std::optional<std::string> error_;
  bool busy_ = false;
  bool stopping_ = false;
  bool on_caller_thread_ = false;  // the thread could not be started
  std::thread thread_;
};

}  // namespace pbxsim
