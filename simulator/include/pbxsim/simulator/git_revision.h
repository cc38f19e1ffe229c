// The git revision pbxsim was built from ("3f2c...", with "-dirty" when the
// tree had uncommitted changes), or empty when it was not built from a git
// checkout. Refreshed on every build; stored with each run in the results
// database.
#pragma once

#include <string>

namespace pbxsim {
std::string git_revision();
}
