// Finding scenario files: each path is a file, or a directory searched
// recursively for *.lua (skipping folders named policies/, which hold
// policies that scenarios name by path, and bench/, which holds workloads
// for `pbxsim bench`), in sorted order.
#pragma once

#include <string>
#include <vector>

#include "pbxsim/results/script_error.h"

namespace pbxsim {

struct Discovery {
  std::vector<std::string> files;
  std::vector<ScriptError> errors;  // paths that do not exist or hold no scenarios
};

Discovery discover_scenario_files(const std::vector<std::string>& paths);

}  // namespace pbxsim
