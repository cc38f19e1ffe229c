#include "new_command.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace pbxsim {
namespace {

// @NAME@ is replaced by the policy's name.
constexpr const char* kPolicyTemplate = R"lua(-- @NAME@.lua: a pbxsim policy. Hooks and settings: scripting/policies/README.md;
-- editor completion: scripting/types/policy.lua (lua-language-server).
-- Check it: pbxsim check --policy @NAME@.lua
-- Run scenarios under it: pbxsim run scenarios/ --policy @NAME@.lua
local policy = extend "base"   -- start from the neutral rules; a hook left out keeps base's

policy.name = "@NAME@"

-- Your site's data: names starting with "_" are the policy's own.
policy._night_service = nil     -- e.g. "+18005550199"

-- Should this appearance of the called line ring? "alert", "silent", or "skip" with a reason.
local base_appearance = policy.appearance
function policy.appearance(call, app)
  return base_appearance(call, app)
end

-- Nothing rang. A kind of divert ("cfna", "cfb", "busy", ...) or a destination:
-- to(number), voicemail(line), reject(cause).
function policy.none_alerted(call, line)
  if policy._night_service and not call.internal and call.time >= "18:00" then
    return to(policy._night_service)
  end
  if line.busy > 0 and line.busy + line.unregistered == line.appearances then
    return line.has_cfb and "cfb" or "busy"
  end
  return line.has_cfna and "cfna" or "rejected"
end

-- The line rang and nobody answered.
function policy.no_answer(call, line)
  log("debug", "no answer on", line.number)  -- shown with pbxsim run -v
  return line.has_cfna and "cfna" or "no-answer"
end

return policy
)lua";

}  // namespace

CLI::App* add_new_command(CLI::App& app, NewFlags& flags) {
  CLI::App* command = app.add_subcommand("new", "Write a commented starting file: pbxsim new policy NAME");
  command->add_option("what", flags.what, "What to write: policy")->required()->check(CLI::IsMember({"policy"}));
  command->add_option("name", flags.name, "Its name (letters, digits, _)")->required();
  command->add_option("--dir", flags.dir, "Where to write NAME.lua (default: here)");
  return command;
}

int new_command(const NewFlags& flags) {
  const bool name_ok = !flags.name.empty() && std::all_of(flags.name.begin(), flags.name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
  });
  if (!name_ok) {
    std::cerr << "pbxsim: new policy: '" << flags.name << "': a name is letters, digits and _\n";
    return 2;
  }
  const std::filesystem::path path = std::filesystem::path(flags.dir) / (flags.name + ".lua");
  if (std::filesystem::exists(path)) {
    std::cerr << "pbxsim: new policy: " << path.string() << " exists; not overwritten\n";
    return 2;
  }
  std::string text = kPolicyTemplate;
  for (std::size_t at = text.find("@NAME@"); at != std::string::npos; at = text.find("@NAME@", at)) {
    text.replace(at, 6, flags.name);
  }
  std::ofstream out(path);
  out << text;
  if (!out) {
    std::cerr << "pbxsim: new policy: cannot write " << path.string() << "\n";
    return 2;
  }
  std::cout << "wrote " << path.string() << " (check it: pbxsim check --policy " << path.string() << ")\n";
  return 0;
}

}  // namespace pbxsim
