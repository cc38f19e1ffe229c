// Shell completion scripts (bash, zsh) from a program's words: its commands,
// each command's options, and the options it takes before any command. Both
// programs fill this from the definition they parse their command line with
// (pbxsim: its CLI11 app; pbxsim-viewer: the options of its --help), so a
// script never falls behind an option.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace pbxsim {

struct CompletionOption {
  std::string name;  // "--seed", "-v"
  std::string description;
  bool takes_value = false;
  std::vector<std::string> values;  // the values it takes, when they are a fixed list; else files
};

struct CompletionCommand {
  std::string name;
  std::string description;
  std::vector<CompletionOption> options;
};

struct CompletionSpec {
  std::string program;
  std::vector<CompletionCommand> commands;  // none: a program of options and files only
  std::vector<CompletionOption> options;    // before a command (or all of them, without commands)
};

void write_bash_completion(const CompletionSpec& spec, std::ostream& out);
void write_zsh_completion(const CompletionSpec& spec, std::ostream& out);

}  // namespace pbxsim
