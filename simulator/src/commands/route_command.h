// `pbxsim route FILE --from X --to Y [--at T]` (route_analysis.h).
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>

namespace pbxsim {

struct RouteFlags {
  std::string file;
  std::string scenario;  // glob on the scenario name; empty: the file's first
  std::string from = "+10000000000";
  std::string to;
  std::string at;        // a time such as "90s"; empty: any time
  std::string policy;
  std::size_t max_paths = 64;
  bool json = false;
  bool dot = false;
};

CLI::App* add_route_command(CLI::App& app, RouteFlags& flags);
int route_command(const RouteFlags& flags);

}  // namespace pbxsim
