// The process's resident memory, read from /proc/self/status: now (VmRSS) and
// its peak (VmHWM). VmHWM belongs to this program's own address space, unlike
// getrusage's ru_maxrss, which Linux carries across exec and so also counts
// the parent that started it (a Python harness's 13 MiB, for one).
#pragma once

#include <cstdint>

namespace pbxsim {

std::uint64_t resident_bytes();       // 0 when /proc is not there
std::uint64_t peak_resident_bytes();  // falls back to ru_maxrss when /proc is not there

}  // namespace pbxsim
