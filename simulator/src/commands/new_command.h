// `pbxsim new policy NAME`: writes a commented starting policy that passes
// `pbxsim check --policy`.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace pbxsim {

struct NewFlags {
  std::string what;  // "policy"
  std::string name;
  std::string dir = ".";
};

CLI::App* add_new_command(CLI::App& app, NewFlags& flags);
int new_command(const NewFlags& flags);

}  // namespace pbxsim
