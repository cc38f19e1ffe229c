// `pbxsim completion bash|zsh`: a shell completion script made from the
// command line's own definition (the same CLI11 app that parses and prints
// --help), so it never falls behind an option. The build writes both and
// `cmake --install` puts them where bash-completion and zsh look.
#pragma once

#include <CLI/CLI.hpp>

#include <iosfwd>
#include <string>

namespace pbxsim {

struct CompletionFlags {
  std::string shell;
};

CLI::App* add_completion_command(CLI::App& app, CompletionFlags& flags);
// Prints the script for `flags.shell` about `app` (every subcommand and option).
int completion_command(const CLI::App& app, const CompletionFlags& flags, std::ostream& out);

}  // namespace pbxsim
