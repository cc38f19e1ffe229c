#include "pbxsim/simulator/process_memory.h"

#include <sys/resource.h>

#include <cstdio>
#include <cstring>

namespace pbxsim {
namespace {

// The "Name:   1234 kB" line of /proc/self/status, in bytes; 0 when absent.
std::uint64_t status_kib_field(const char* name) {
  std::FILE* status = std::fopen("/proc/self/status", "r");
  if (status == nullptr) return 0;
  char line[256];
  unsigned long long kib = 0;
  const std::size_t length = std::strlen(name);
  while (std::fgets(line, sizeof(line), status) != nullptr) {
    if (std::strncmp(line, name, length) == 0 && line[length] == ':') {
      std::sscanf(line + length + 1, "%llu", &kib);
      break;
    }
  }
  std::fclose(status);
  return static_cast<std::uint64_t>(kib) * 1024;
}

}  // namespace

std::uint64_t resident_bytes() { return status_kib_field("VmRSS"); }

std::uint64_t peak_resident_bytes() {
  if (const std::uint64_t peak = status_kib_field("VmHWM"); peak > 0) return peak;
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<std::uint64_t>(usage.ru_maxrss) * 1024;  // Linux reports KiB
}

}  // namespace pbxsim
