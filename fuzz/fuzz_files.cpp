#include "fuzz_files.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace pbxsim::fuzz {
namespace {

const std::filesystem::path& own_directory() {
  static const std::filesystem::path directory = [] {
    auto path = std::filesystem::temp_directory_path() / ("pbxsim-fuzz-" + std::to_string(getpid()));
    std::filesystem::create_directories(path);
    std::atexit([] {
      std::error_code ignored;
      std::filesystem::remove_all(own_directory(), ignored);
    });
    return path;
  }();
  return directory;
}

}  // namespace

std::string write_input_file(std::string_view name, std::string_view bytes) {
  auto path = own_directory() / std::string(name);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  // The harness's own failure, not the input's: stop loudly.
  if (!out) throw std::runtime_error("fuzz: cannot write " + path.string());
  return path.string();
}

std::string source_path(std::string_view relative) {
  return (std::filesystem::path(PBXSIM_SOURCE_DIR) / std::string(relative)).string();
}

}  // namespace pbxsim::fuzz
