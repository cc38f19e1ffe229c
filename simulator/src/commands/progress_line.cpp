#include "progress_line.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

namespace pbxsim {

ProgressLine::ProgressLine() {
  const char* ci = std::getenv("CI");
  shown_ = ::isatty(STDOUT_FILENO) == 1 && ::isatty(STDERR_FILENO) == 1 && (ci == nullptr || *ci == '\0');
  started_ = last_ = std::chrono::steady_clock::now();
}

ProgressLine::~ProgressLine() { clear(); }

void ProgressLine::seeds(const std::string& what, std::uint64_t done, std::uint64_t total, std::size_t findings) {
  if (!shown_) return;
  const auto now = std::chrono::steady_clock::now();
  if (done != total && now - last_ < std::chrono::milliseconds(200)) return;
  last_ = now;
  const double seconds = std::chrono::duration<double>(now - started_).count();
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
  std::fprintf(stderr, "\r\033[K%s: seeds %llu/%llu, %.0f seeds/s, %zu finding(s)", what.c_str(),
               static_cast<unsigned long long>(done), static_cast<unsigned long long>(total), rate, findings);
  std::fflush(stderr);
  dirty_ = true;
}

void ProgressLine::clear() {
  if (!dirty_) return;
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
  dirty_ = false;
}

}  // namespace pbxsim
