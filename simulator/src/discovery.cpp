#include "pbxsim/simulator/discovery.h"

#include <algorithm>
#include <filesystem>
#include <set>

namespace pbxsim {

Discovery discover_scenario_files(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  Discovery discovery;
  std::set<std::string> seen;
  for (const std::string& path : paths) {
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (error || !fs::exists(status)) {
      discovery.errors.push_back(ScriptError{ScriptError::Kind::Config, path, 0, "no such file or directory"});
      continue;
    }
    std::vector<std::string> found;
    if (fs::is_directory(status)) {
      // The error_code forms throughout: a symbolic link loop or an
      // unreadable entry is reported, never thrown (std::terminate).
      for (fs::recursive_directory_iterator it(path, error), end; it != end; it.increment(error)) {
        if (error) break;
        std::error_code entry_error;
        // Policies that scenarios name by path live in policies/ folders;
        // bench/ folders hold throughput workloads for `pbxsim bench`.
        if (it->is_directory(entry_error) &&
            (it->path().filename() == "policies" || it->path().filename() == "bench")) {
          it.disable_recursion_pending();
          continue;
        }
        if (it->path().extension() != ".lua") continue;
        const bool regular = it->is_regular_file(entry_error);
        if (entry_error) {
          discovery.errors.push_back(ScriptError{ScriptError::Kind::Config, it->path().generic_string(), 0,
                                                 entry_error == std::errc::too_many_symbolic_link_levels
                                                     ? "a loop of symbolic links"
                                                     : "cannot read: " + entry_error.message()});
        } else if (regular) {
          found.push_back(it->path().lexically_normal().generic_string());
        }
      }
      if (error) {
        discovery.errors.push_back(ScriptError{ScriptError::Kind::Config, path, 0,
                                               "cannot list the folder: " + error.message()});
      }
      if (found.empty()) {
        discovery.errors.push_back(ScriptError{ScriptError::Kind::Config, path, 0, "no scenario files (*.lua) here"});
      }
      std::sort(found.begin(), found.end());
    } else {
      found.push_back(fs::path(path).lexically_normal().generic_string());
    }
    for (std::string& file : found) {
      if (seen.insert(file).second) discovery.files.push_back(std::move(file));
    }
  }
  return discovery;
}

}  // namespace pbxsim
