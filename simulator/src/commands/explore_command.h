// `pbxsim explore` (explorer.h) and `pbxsim explore --pairs` (feature_matrix.h).
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pbxsim {

struct ExploreFlags {
  std::vector<std::string> policies;  // --policy, repeatable; default every standard policy
  std::optional<std::uint64_t> seed;
  std::optional<std::uint64_t> seeds;
  std::vector<std::string> features;
  std::string out_dir = "explore-repro";
  std::string emit_dir;
  bool pairs = false;
  bool ties = false;
  bool no_shrink = false;
  bool no_isolation = false;
  bool json = false;
  int max_shrink_runs = 1500;
  std::string shard;    // --shard K/N | auto | auto/N
  int jobs = 1;
  std::string db_path;  // --db: findings and statistics
  std::string command_line;  // as run, stored with --db
};

CLI::App* add_explore_command(CLI::App& app, ExploreFlags& flags);
int explore_command(const ExploreFlags& flags);

}  // namespace pbxsim
