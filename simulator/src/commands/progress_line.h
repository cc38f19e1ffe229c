// The line a long command keeps rewriting on a terminal ("seeds 1200/2000,
// 950 seeds/s, 0 findings"): only when both stdout and stderr are terminals
// and no CI variable is set, so logs and pipes never see it. At most five
// updates a second; wall time here is for the person watching, it never
// reaches a result.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace pbxsim {

class ProgressLine {
 public:
  ProgressLine();  // decides from the environment whether to show anything
  ~ProgressLine();  // clears the line
  bool shown() const { return shown_; }
  void seeds(const std::string& what, std::uint64_t done, std::uint64_t total, std::size_t findings);
  void clear();

 private:
  bool shown_ = false;
  bool dirty_ = false;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace pbxsim
