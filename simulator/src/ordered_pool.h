// Runs work items on N threads and hands their results to the calling thread
// in item order, each as soon as every earlier one is done: `--jobs N` gives
// the same output, in the same order, as a serial run. With one job the work
// runs inline, on the calling thread, with no thread started, unless
// `beside_caller` asks for one worker thread so that slow delivery (writing
// results to a database) overlaps with the work.
#pragma once

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace pbxsim {

template <class Result>
void for_each_ordered(std::size_t count, int jobs, const std::function<Result(std::size_t)>& work,
                      const std::function<void(std::size_t, Result&&)>& deliver, bool beside_caller = false) {
  jobs = std::max(jobs, beside_caller ? 1 : 0);
  if ((jobs <= 1 && !beside_caller) || count == 0 || (count == 1 && !beside_caller)) {
    for (std::size_t i = 0; i < count; ++i) deliver(i, work(i));
    return;
  }
  struct Slot {
    std::optional<Result> result;
    std::exception_ptr failure;
    bool done = false;
  };
  std::vector<Slot> slots(count);
  std::mutex mutex;
  std::condition_variable finished;
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};

  auto worker = [&] {
    while (!stop.load()) {
      const std::size_t i = next.fetch_add(1);
      if (i >= count) return;
      Slot local;
      try {
        local.result.emplace(work(i));
      } catch (...) {
        local.failure = std::current_exception();
      }
      {
        std::lock_guard lock(mutex);
        slots[i].result = std::move(local.result);
        slots[i].failure = local.failure;
        slots[i].done = true;
      }
      finished.notify_all();
    }
  };
  std::vector<std::jthread> threads;
  const std::size_t thread_count = std::min<std::size_t>(static_cast<std::size_t>(jobs), count);
  threads.reserve(thread_count);
  for (std::size_t t = 0; t < thread_count; ++t) threads.emplace_back(worker);

  std::exception_ptr failure;
  for (std::size_t i = 0; i < count && !failure; ++i) {
    std::optional<Result> result;
    {
      std::unique_lock lock(mutex);
      finished.wait(lock, [&] { return slots[i].done; });
      failure = slots[i].failure;
      result = std::move(slots[i].result);
      slots[i].result.reset();
    }
    if (failure) break;
    try {
      deliver(i, std::move(*result));
    } catch (...) {
      failure = std::current_exception();
    }
  }
  if (failure) stop.store(true);
  threads.clear();  // joins
  if (failure) std::rethrow_exception(failure);
}

}  // namespace pbxsim
