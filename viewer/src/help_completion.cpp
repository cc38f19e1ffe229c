#include "help_completion.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

namespace pbxsim::viewer {
namespace {

std::string_view trim_left(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  return text;
}

// The next word of text (up to a space), removed from it.
std::string_view take_word(std::string_view& text) {
  const std::size_t end = std::min(text.find(' '), text.size());
  const std::string_view word = text.substr(0, end);
  text = trim_left(text.substr(end));
  return word;
}

}  // namespace

CompletionSpec completion_spec_from_help(std::string_view program, std::string_view help) {
  CompletionSpec spec{std::string(program), {}, {}};
  while (!help.empty()) {
    const std::size_t newline = std::min(help.find('\n'), help.size());
    std::string_view line = help.substr(0, newline);
    help.remove_prefix(std::min(newline + 1, help.size()));
    if (!line.starts_with("  -")) continue;
    line = trim_left(line);
    std::vector<std::string> names;
    while (line.starts_with("-")) {
      std::string_view name = take_word(line);
      if (name.ends_with(",")) name.remove_suffix(1);
      names.emplace_back(name);
    }
    const bool takes_value = !line.empty() && std::isupper(static_cast<unsigned char>(line.front()));
    if (takes_value) take_word(line);
    for (const std::string& name : names) spec.options.push_back({name, std::string(line), takes_value, {}});
  }
  return spec;
}

}  // namespace pbxsim::viewer
