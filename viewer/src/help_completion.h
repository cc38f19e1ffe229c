// The viewer's shell completion, read off its own --help text (the one place
// its options are described; the man page is made from the same text).
#pragma once

#include <string_view>

#include "pbxsim/simulator/shell_completion.h"

namespace pbxsim::viewer {

// Every option line of HELP ("  -h, --help   what it does", "  --run ID   ...":
// a word in capitals after the names is the value it takes) becomes an
// option of the spec. Lines that do not start with "  -" are left out.
CompletionSpec completion_spec_from_help(std::string_view program, std::string_view help);

}  // namespace pbxsim::viewer
