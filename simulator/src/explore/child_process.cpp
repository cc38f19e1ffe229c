// Sections: helpers · one item in a fresh child · many items in a kept child ·
// many kept children, one thread.
#include "pbxsim/simulator/explore/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cassert>
#include <memory>
#include <optional>
#include <stdexcept>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>

namespace pbxsim {
namespace {

// ---------------------------------------------------------------------- helpers

bool write_all(int fd, const void* data, std::size_t size) {
  const char* bytes = static_cast<const char*>(data);
  std::size_t written = 0;
  while (written < size) {
    // send with MSG_NOSIGNAL on a socket: a dead peer is an error, not SIGPIPE.
    const ssize_t n = ::send(fd, bytes + written, size - written, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    written += static_cast<std::size_t>(n);
  }
  return true;
}

bool read_all(int fd, void* data, std::size_t size) {
  char* bytes = static_cast<char*>(data);
  std::size_t read = 0;
  while (read < size) {
    const ssize_t n = ::read(fd, bytes + read, size - read);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    read += static_cast<std::size_t>(n);
  }
  return true;
}

std::string last_lines(const std::string& text, int count) {
  std::size_t end = text.find_last_not_of("\n");
  if (end == std::string::npos) return {};
  std::size_t start = end + 1;
  for (int i = 0; i < count && start > 0; ++i) {
    const std::size_t newline = text.rfind('\n', start - 1);
    start = newline == std::string::npos ? 0 : newline;
    if (newline == std::string::npos) break;
  }
  std::string tail = text.substr(start, end + 1 - start);
  while (!tail.empty() && tail.front() == '\n') tail.erase(0, 1);
  for (char& c : tail) {
    if (c == '\n') c = ' ';
  }
  return tail;
}

// How a reaped child ended; `run.ending` stays Returned for a clean exit.
void classify_exit(int status, IsolatedRun& run) {
  if (WIFSIGNALED(status)) {
    const int signal = WTERMSIG(status);
    run.ending = signal == SIGALRM ? IsolatedRun::Ending::TimedOut : IsolatedRun::Ending::Crashed;
    run.output = std::string("killed by signal ") + std::to_string(signal) + " (" + ::strsignal(signal) + ")";
  } else if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
    run.ending = IsolatedRun::Ending::Crashed;
    run.output = "exited with status " + std::to_string(WEXITSTATUS(status));
  }
}

int reap(pid_t child) {
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

// In a child: closes every descriptor above stderr but `keep`. A child
// must not hold the other children's sockets: a child waits for its socket
// to close before it exits, and would wait for ever while a sibling (forked
// by another job's thread) held a copy of it.
void close_inherited_descriptors(int keep) {
  if ((keep == 3 || ::close_range(3, static_cast<unsigned>(keep) - 1, 0) == 0) &&
      ::close_range(static_cast<unsigned>(keep) + 1, ~0U, 0) == 0) {
    return;
  }
  const long most = std::min(::sysconf(_SC_OPEN_MAX), 65536L);  // a kernel without close_range
  for (int fd = 3; fd < most; ++fd) {
    if (fd != keep) ::close(fd);
  }
}

void flush_before_fork() {
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
}

// In the child: the work, with an alarm as its time limit; an exception is a
// crash with its message on stderr.
std::string work_in_child(const std::function<std::string()>& work, int timeout_seconds) {
  ::alarm(static_cast<unsigned>(timeout_seconds));
  std::string output;
  try {
    output = work();
  } catch (const std::exception& error) {
    std::fprintf(stderr, "uncaught exception: %s\n", error.what());
    std::fflush(stderr);
    ::_exit(70);
  }
  ::alarm(0);
  return output;
}

}  // namespace

// ------------------------------------------------------ one item in a fresh child

IsolatedRun run_isolated(const std::function<std::string()>& work, int timeout_seconds) {
  IsolatedRun run;
  int result_pipe[2];
  int error_pipe[2];
  if (::pipe(result_pipe) != 0 || ::pipe(error_pipe) != 0) {
    run.ending = IsolatedRun::Ending::Crashed;
    run.output = std::string("cannot create a pipe: ") + std::strerror(errno);
    return run;
  }
  flush_before_fork();
  const pid_t child = ::fork();
  if (child < 0) {
    run.ending = IsolatedRun::Ending::Crashed;
    run.output = std::string("cannot fork: ") + std::strerror(errno);
    return run;
  }
  if (child == 0) {
    ::close(result_pipe[0]);
    ::close(error_pipe[0]);
    ::dup2(error_pipe[1], STDERR_FILENO);
    close_inherited_descriptors(result_pipe[1]);
    const std::string output = work_in_child(work, timeout_seconds);
    std::size_t written = 0;
    while (written < output.size()) {
      const ssize_t n = ::write(result_pipe[1], output.data() + written, output.size() - written);
      if (n <= 0) break;
      written += static_cast<std::size_t>(n);
    }
    ::_exit(0);  // no atexit handlers or buffers of the parent's
  }
  ::close(result_pipe[1]);
  ::close(error_pipe[1]);
  std::string diagnostics;
  pollfd fds[2] = {{result_pipe[0], POLLIN, 0}, {error_pipe[0], POLLIN, 0}};
  int open_fds = 2;
  char buffer[4096];
  while (open_fds > 0) {
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (pollfd& fd : fds) {
      if (fd.fd < 0 || (fd.revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
      const ssize_t n = ::read(fd.fd, buffer, sizeof buffer);
      if (n <= 0) {
        ::close(fd.fd);
        fd.fd = -1;
        --open_fds;
        continue;
      }
      (fd.fd == result_pipe[0] ? run.output : diagnostics).append(buffer, static_cast<std::size_t>(n));
    }
  }
  const int status = reap(child);
  run.diagnostics = last_lines(diagnostics, 3);
  classify_exit(status, run);
  return run;
}

// ------------------------------------------------------ many items in a kept child

ChildWorker::ChildWorker(Work work, int timeout_seconds) : work_(std::move(work)), timeout_seconds_(timeout_seconds) {}

ChildWorker::~ChildWorker() { stop(); }

bool ChildWorker::start(IsolatedRun& failure) {
  int sockets[2];
  int error_pipe[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sockets) != 0) {
    failure = {IsolatedRun::Ending::Crashed, std::string("cannot create a socket pair: ") + std::strerror(errno), {}};
    return false;
  }
  if (::pipe2(error_pipe, O_CLOEXEC) != 0) {
    ::close(sockets[0]);
    ::close(sockets[1]);
    failure = {IsolatedRun::Ending::Crashed, std::string("cannot create a pipe: ") + std::strerror(errno), {}};
    return false;
  }
  flush_before_fork();
  const pid_t child = ::fork();
  if (child < 0) {
    for (int fd : {sockets[0], sockets[1], error_pipe[0], error_pipe[1]}) ::close(fd);
    failure = {IsolatedRun::Ending::Crashed, std::string("cannot fork: ") + std::strerror(errno), {}};
    return false;
  }
  if (child == 0) {
    ::close(sockets[0]);
    ::close(error_pipe[0]);
    ::dup2(error_pipe[1], STDERR_FILENO);
    close_inherited_descriptors(sockets[1]);
    const int requests = sockets[1];
    std::uint64_t item = 0;
    while (read_all(requests, &item, sizeof item)) {
      const std::string output = work_in_child([&] { return work_(item); }, timeout_seconds_);
      const std::uint64_t size = output.size();
      if (!write_all(requests, &size, sizeof size) || !write_all(requests, output.data(), output.size())) break;
    }
    ::_exit(0);  // the parent closed the socket: no more items
  }
  ::close(sockets[1]);
  ::close(error_pipe[1]);
  child_ = child;
  socket_ = sockets[0];
  errors_ = error_pipe[0];
  diagnostics_.clear();
  ++children_started_;
  return true;
}

void ChildWorker::stop() {
  if (child_ < 0) return;
  ::close(socket_);  // the child's read fails and it exits
  if (errors_ >= 0) ::close(errors_);
  reap(child_);
  child_ = -1;
  socket_ = errors_ = -1;
}

IsolatedRun ChildWorker::ended() {
  IsolatedRun run;
  // Drain what the child still wrote on stderr: the reason it died.
  char buffer[4096];
  while (errors_ >= 0) {
    const ssize_t n = ::read(errors_, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    diagnostics_.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(socket_);
  if (errors_ >= 0) ::close(errors_);
  const int status = reap(child_);
  child_ = -1;
  socket_ = errors_ = -1;
  run.diagnostics = last_lines(diagnostics_, 3);
  classify_exit(status, run);
  if (run.ending == IsolatedRun::Ending::Returned) {
    run.ending = IsolatedRun::Ending::Crashed;  // it left without answering
    run.output = "the worker exited without a result";
  }
  return run;
}

bool ChildWorker::send(std::uint64_t item, IsolatedRun& failure) {
  if (child_ < 0 && !start(failure)) return false;
  if (!write_all(socket_, &item, sizeof item)) {
    failure = ended();
    return false;
  }
  diagnostics_.clear();  // a stderr line belongs to the item running
  received_.clear();
  size_ = 0;
  have_size_ = false;
  return true;
}

std::optional<IsolatedRun> ChildWorker::advance(short socket_events, short error_events) {
  char buffer[65536];
  if (errors_ >= 0 && (error_events & (POLLIN | POLLHUP | POLLERR)) != 0) {
    // Drained as it comes, so the child never blocks on a full stderr pipe.
    const ssize_t n = ::read(errors_, buffer, sizeof buffer);
    if (n > 0) {
      diagnostics_.append(buffer, static_cast<std::size_t>(n));
    } else if (n == 0) {
      ::close(errors_);
      errors_ = -1;
    }
  }
  if ((socket_events & (POLLIN | POLLHUP | POLLERR)) == 0) return std::nullopt;
  const ssize_t n = ::read(socket_, buffer, sizeof buffer);
  if (n < 0 && errno == EINTR) return std::nullopt;
  if (n <= 0) return ended();
  received_.append(buffer, static_cast<std::size_t>(n));
  if (!have_size_ && received_.size() >= sizeof size_) {
    std::memcpy(&size_, received_.data(), sizeof size_);
    received_.erase(0, sizeof size_);
    have_size_ = true;
  }
  if (!have_size_ || received_.size() < size_) return std::nullopt;
  IsolatedRun run;
  run.output = std::move(received_);
  received_.clear();
  return run;
}

IsolatedRun ChildWorker::run(std::uint64_t item) {
  IsolatedRun failure;
  if (!send(item, failure)) return failure;
  for (;;) {
    pollfd fds[2] = {{socket_, POLLIN, 0}, {errors_, POLLIN, 0}};
    if (::poll(fds, errors_ >= 0 ? 2 : 1, -1) < 0) {
      if (errno == EINTR) continue;
      return ended();
    }
    if (std::optional<IsolatedRun> done = advance(fds[0].revents, errors_ >= 0 ? fds[1].revents : 0)) return *done;
  }
}

// ------------------------------------------------- many kept children, one thread

ChildPool::ChildPool(const ChildWorker::Work& work, int timeout_seconds, int children) {
  assert(children >= 1 && children <= kMaxChildren && "explore checks --jobs against kMaxChildren");
  for (int i = 0; i < children; ++i) workers_.push_back(std::make_unique<ChildWorker>(work, timeout_seconds));
}

std::vector<IsolatedRun> ChildPool::run(const std::vector<std::uint64_t>& items) {
  std::vector<IsolatedRun> results(items.size());
  constexpr std::size_t kIdle = static_cast<std::size_t>(-1);
  std::vector<std::size_t> running(workers_.size(), kIdle);  // the item each child works on
  std::size_t next = 0;
  std::size_t done = 0;
  std::vector<pollfd> fds;
  while (done < items.size()) {
    for (std::size_t w = 0; w < workers_.size() && next < items.size(); ++w) {
      if (running[w] != kIdle) continue;
      IsolatedRun failure;
      if (workers_[w]->send(items[next], failure)) {
        running[w] = next;
      } else {
        results[next] = std::move(failure);
        ++done;
      }
      ++next;
    }
    fds.clear();
    for (std::size_t w = 0; w < workers_.size(); ++w) {
      const bool busy = running[w] != kIdle;
      fds.push_back({busy ? workers_[w]->socket_ : -1, POLLIN, 0});  // poll skips a negative descriptor
      fds.push_back({busy ? workers_[w]->errors_ : -1, POLLIN, 0});
    }
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error(std::string("poll on the explore children failed: ") + std::strerror(errno));
    }
    for (std::size_t w = 0; w < workers_.size(); ++w) {
      if (running[w] == kIdle) continue;
      std::optional<IsolatedRun> result = workers_[w]->advance(fds[2 * w].revents, fds[2 * w + 1].revents);
      if (!result) continue;
      results[running[w]] = std::move(*result);
      running[w] = kIdle;
      ++done;
    }
  }
  return results;
}

int ChildPool::children_started() const {
  int started = 0;
  for (const std::unique_ptr<ChildWorker>& worker : workers_) started += worker->children_started();
  return started;
}

}  // namespace pbxsim
