// `explore --db FILE`: an exploration's reports (one per policy) in an
// SQLite file, so that the shards of an exploration run on many machines can
// be combined by `pbxsim merge` (merge_explore_reports). The file holds the
// counts (seeds, results and call outcomes, by feature and by pair) and
// every finding with its reproducer's text: the shrunk scenario is in the
// database, not only in the --out folder of the machine that found it.
//
// An exploration file is not a results database of `run --db` (its own
// application id, "PBXE"); docs/scaling.md has the tables.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "pbxsim/simulator/explore/explorer.h"

namespace pbxsim {

inline constexpr int kExplorationSchemaVersion = 1;

// Writes the reports (their reproducers with their text) into a new file;
// an existing exploration file is not overwritten (an error: give each
// shard its own file).
std::optional<std::string> store_exploration(const std::string& path, const std::vector<ExploreReport>& reports,
                                             const std::string& command_line);

// The reports of an exploration file, by policy in the order stored.
std::variant<std::vector<ExploreReport>, std::string> load_exploration(const std::string& path);

// Whether the file is an exploration file (for `merge`, which takes both kinds).
bool is_exploration_file(const std::string& path);

// `pbxsim merge OUT IN...` on exploration files: every policy's shards
// merged, written to OUT and printed as `explore` prints. Returns the exit
// status: 2 for files that are not shards of one exploration (a shard
// missing or given twice), else explore's (0 nothing found, 1, 3, 4).
int merge_explorations(const std::string& output, const std::vector<std::string>& inputs);

}  // namespace pbxsim
