// Shell completion scripts from a program's commands and options. Sections:
// shared · bash · zsh.
#include "pbxsim/simulator/shell_completion.h"

#include <ostream>

namespace pbxsim {
namespace {

// ------------------------------------------------------------------------ shared

// A description inside a single-quoted zsh spec: no quote, no brackets, no colon.
std::string zsh_text(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\'' || c == '[' || c == ']' || c == ':' || c == '\\' || c == '`' || c == '$') continue;
    out += c;
  }
  return out;
}

// The shell function's name: "_" and the program's, '-' as '_' ("_pbxsim_viewer").
std::string function_name(const std::string& program) {
  std::string name = "_" + program;
  for (char& c : name) {
    if (c == '-') c = '_';
  }
  return name;
}

std::string joined_names(const std::vector<CompletionOption>& options, bool valued_only) {
  std::string words;
  for (const CompletionOption& option : options) {
    if (!valued_only || option.takes_value) words += option.name + " ";
  }
  return words;
}

// bash: `case "$prev"` arms for the options whose values are a fixed list.
void write_bash_value_lists(const std::vector<CompletionOption>& options, std::ostream& out) {
  for (const CompletionOption& option : options) {
    if (option.values.empty()) continue;
    out << "    " << option.name << ") COMPREPLY=($(compgen -W \"";
    for (const std::string& value : option.values) out << value << " ";
    out << "\" -- \"$cur\")); return ;;\n";
  }
}

}  // namespace

// -------------------------------------------------------------------------- bash

void write_bash_completion(const CompletionSpec& spec, std::ostream& out) {
  const std::string& program = spec.program;
  const std::string function = function_name(program);
  out << "# bash completion for " << program << " (generated from its command line; do not edit)\n";
  out << function << "() {\n"
      << "  local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\" command=\"\" word\n";
  // Options with a fixed list of values complete to it, whatever the command.
  out << "  case \"$prev\" in\n";
  write_bash_value_lists(spec.options, out);
  for (const CompletionCommand& command : spec.commands) write_bash_value_lists(command.options, out);
  out << "  esac\n";
  std::string top_words;
  for (const CompletionCommand& command : spec.commands) top_words += command.name + " ";
  top_words += joined_names(spec.options, false);
  if (spec.commands.empty()) {
    // No commands: every word is an option, an option's value or a file.
    out << "  local words=\"" << top_words << "\" valued=\"" << joined_names(spec.options, true) << "\"\n"
        << "  if [[ -n \"$prev\" && \" $valued \" == *\" $prev \"* ]]; then\n"
        << "    COMPREPLY=($(compgen -f -- \"$cur\"))\n"
        << "  elif [[ \"$cur\" == -* ]]; then\n"
        << "    COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n"
        << "  else\n"
        << "    COMPREPLY=($(compgen -f -- \"$cur\"))\n"
        << "  fi\n";
  } else {
    out << "  for word in \"${COMP_WORDS[@]:1:COMP_CWORD-1}\"; do\n"
        << "    case \"$word\" in -*) ;; *) command=\"$word\"; break ;; esac\n"
        << "  done\n"
        << "  local words=\"\" valued=\"\"\n"
        << "  case \"$command\" in\n";
    out << "    \"\") words=\"" << top_words << "\"; valued=\"" << joined_names(spec.options, true) << "\" ;;\n";
    for (const CompletionCommand& command : spec.commands) {
      out << "    " << command.name << ") words=\"" << joined_names(command.options, false) << "\"; valued=\""
          << joined_names(command.options, true) << "\" ;;\n";
    }
    out << "  esac\n"
        << "  # After an option that takes a value: a file name (most values are files).\n"
        << "  if [[ -n \"$prev\" && \" $valued \" == *\" $prev \"* ]]; then\n"
        << "    COMPREPLY=($(compgen -f -- \"$cur\"))\n"
        << "  elif [[ \"$cur\" == -* || -z \"$command\" ]]; then\n"
        << "    COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n"
        << "  else\n"
        << "    COMPREPLY=($(compgen -f -- \"$cur\"))\n"
        << "  fi\n";
  }
  out << "}\n"
      << "complete -o filenames -o bashdefault -F " << function << " " << program << "\n";
}

// --------------------------------------------------------------------------- zsh

namespace {

void write_zsh_arguments(const std::vector<CompletionOption>& options, std::ostream& out) {
  out << "_arguments";
  for (const CompletionOption& option : options) {
    out << " \\\n        '" << option.name << "[" << zsh_text(option.description) << "]";
    if (!option.values.empty()) {
      out << ":value:(";
      for (std::size_t i = 0; i < option.values.size(); ++i) out << (i ? " " : "") << zsh_text(option.values[i]);
      out << ")";
    } else if (option.takes_value) {
      out << ":value:_files";
    }
    out << "'";
  }
  out << " \\\n        '*:file:_files'";
}

}  // namespace

void write_zsh_completion(const CompletionSpec& spec, std::ostream& out) {
  const std::string& program = spec.program;
  const std::string function = function_name(program);
  out << "#compdef " << program << "\n"
      << "# zsh completion for " << program << " (generated from its command line; do not edit)\n"
      << function << "() {\n";
  if (spec.commands.empty()) {
    out << "  ";
    write_zsh_arguments(spec.options, out);
    out << "\n}\n" << function << " \"$@\"\n";
    return;
  }
  out << "  local -a commands\n"
      << "  commands=(\n";
  for (const CompletionCommand& command : spec.commands) {
    out << "    '" << command.name << ":" << zsh_text(command.description) << "'\n";
  }
  out << "  )\n"
      << "  if (( CURRENT == 2 )); then\n"
      << "    _describe 'command' commands\n"
      << "    return\n"
      << "  fi\n"
      << "  local command=$words[2]\n"
      << "  shift words; (( CURRENT-- ))\n"
      << "  case $command in\n";
  for (const CompletionCommand& command : spec.commands) {
    out << "    " << command.name << ")\n      ";
    write_zsh_arguments(command.options, out);
    out << " ;;\n";
  }
  out << "  esac\n"
      << "}\n"
      << function << " \"$@\"\n";
}

}  // namespace pbxsim
