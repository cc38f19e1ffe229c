// `pbxsim completion bash|zsh`: pbxsim's commands and options read off the
// CLI11 app, written by the shared completion writer.
#include "completion_command.h"

#include <ostream>
#include <vector>

#include "pbxsim/simulator/shell_completion.h"

namespace pbxsim {
namespace {

std::vector<CompletionOption> option_words(const CLI::App& command) {
  std::vector<CompletionOption> words;
  for (const CLI::Option* option : command.get_options()) {
    if (option->get_positional() && option->get_lnames().empty() && option->get_snames().empty()) continue;
    const bool takes_value = option->get_items_expected_min() > 0;
    for (const std::string& name : option->get_lnames()) {
      words.push_back({"--" + name, option->get_description(), takes_value, {}});
    }
    for (const std::string& name : option->get_snames()) {
      words.push_back({"-" + name, option->get_description(), takes_value, {}});
    }
  }
  return words;
}

CompletionSpec completion_spec(const CLI::App& app) {
  CompletionSpec spec{app.get_name(), {}, option_words(app)};
  for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; })) {
    spec.commands.push_back({command->get_name(), command->get_description(), option_words(*command)});
  }
  return spec;
}

}  // namespace

CLI::App* add_completion_command(CLI::App& app, CompletionFlags& flags) {
  CLI::App* command = app.add_subcommand("completion", "Print a shell completion script (bash or zsh)");
  command->add_option("shell", flags.shell, "bash or zsh")->required()->check(CLI::IsMember({"bash", "zsh"}));
  return command;
}

int completion_command(const CLI::App& app, const CompletionFlags& flags, std::ostream& out) {
  if (flags.shell == "zsh") write_zsh_completion(completion_spec(app), out);
  else write_bash_completion(completion_spec(app), out);
  return 0;
}

}  // namespace pbxsim
