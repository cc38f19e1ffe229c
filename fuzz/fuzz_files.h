// Files for the fuzz targets: the readers under test take paths (a scenario
// names its policy by path, the results database is a file), so each input
// is written to a directory of this process's own, removed at exit.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace pbxsim::fuzz {

// Writes `bytes` to NAME in this process's directory and returns its path.
std::string write_input_file(std::string_view name, std::string_view bytes);

// The input as text (libFuzzer hands over bytes).
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// A path inside the source tree (driver scenarios the targets run).
std::string source_path(std::string_view relative);

}  // namespace pbxsim::fuzz
