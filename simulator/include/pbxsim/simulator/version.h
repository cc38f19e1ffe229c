// The version of pbxsim, from the project's CMake version (PBXSIM_VERSION is
// set by simulator/CMakeLists.txt), and the line both programs print for
// --version.
#pragma once

#include <string>

#include "pbxsim/simulator/git_revision.h"

namespace pbxsim {
inline constexpr const char* kPbxsimVersion = PBXSIM_VERSION;

// "pbxsim 0.1.0 (git 3f2c...)", or "(git revision unknown)" outside a checkout.
inline std::string version_text(const std::string& program) {
  const std::string revision = git_revision();
  return program + " " + kPbxsimVersion + " (" + (revision.empty() ? "git revision unknown" : "git " + revision) + ")";
}
}  // namespace pbxsim
