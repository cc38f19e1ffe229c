// Golden outcomes: what each call of a scenario did (outcome, path, who was
// alerted), recorded by `pbxsim run --update-golden` in a readable file
// beside the scenario (x.lua -> x.lua.golden). Later runs compare each
// scenario with its recorded block and add a check that fails, showing the
// difference, when a call changed. A block belongs to one scenario, policy
// and seed: the same file can hold what several policies do.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pbxsim/scripting/scenario.h"

namespace pbxsim {

struct SuiteReport;

std::string golden_path(const std::string& scenario_file);  // "x.lua.golden"

struct GoldenBlock {
  std::string scenario;
  std::string policy;
  std::uint64_t seed = 1;
  int line = 0;                      // of its `scenario "..."` line in the golden file
  std::vector<std::string> facts;    // the calls, one fact per line, indented
};

// The block a run of a scenario would record.
GoldenBlock golden_block(const ScenarioRunResult& result, std::uint64_t seed);
std::vector<GoldenBlock> parse_golden(const std::string& text);
std::string render_golden(const std::string& scenario_file, const std::vector<GoldenBlock>& blocks);

// When the scenario's golden file has a block for this scenario, policy and
// seed, adds a check comparing the calls with it (and drops the "no checks"
// failure: recorded outcomes are checks).
void add_golden_check(const std::string& scenario_file, std::uint64_t seed, ScenarioRunResult& result);

struct GoldenUpdate {
  std::string path;
  int recorded = 0;                 // blocks written by this run
  std::vector<std::string> skipped; // scenarios not recorded because they could not run
  std::optional<std::string> error;
};

// Writes the golden file of every scenario file in the suite: this run's
// blocks replace those with the same scenario, policy and seed; blocks of
// scenarios the file no longer declares are dropped; the rest are kept.
std::vector<GoldenUpdate> update_golden_files(const SuiteReport& suite);

}  // namespace pbxsim
