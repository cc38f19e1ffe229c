// `pbxsim diff`: what changed between two stored runs. Scenarios are matched
// by file and name, checks by where they stand and what they check, calls by
// their id within the scenario. A regression is a scenario that stopped
// passing (or is new and does not pass), a check whose actual value changed,
// a call whose outcome or path changed (hops, alerted devices), or a new
// input error; a check that started passing is an improvement, a call whose
// steps only moved in time a timing change. This is what a vendor's CI calls on every
// change; it exits 1 when there is a regression.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "pbxsim/simulator/results_store.h"

namespace pbxsim {

struct DiffEntry {
  // Timing: a call took the same steps at other times.
  enum class Kind { Regression, Improvement, Timing, Change };
  Kind kind = Kind::Change;
  std::string scenario;              // "file:line  name"; empty for the run itself
  std::vector<std::string> lines;    // the first says what changed, the rest show it
};

struct RunDiff {
  std::vector<DiffEntry> entries;    // by scenario, in B's order, then those only in A
  int count(DiffEntry::Kind kind) const;
  bool empty() const { return entries.empty(); }
};

RunDiff diff_runs(const StoredRun& before, const StoredRun& after);

// What diff_runs compares, for views that show both sides (the viewer's run
// diff): a scenario's label ("file:line  name", DiffEntry::scenario) and the
// steps that decide a call's route, with times ("2s alerted desk: audible").
std::string scenario_label(const ScenarioReport& report);
std::vector<std::string> call_route(const std::vector<TraceEvent>& trace, CallId id);

// Prints nothing when there is no difference (like diff(1)); otherwise the
// two runs, the changes grouped by scenario, and a closing count.
void print_diff(std::ostream& out, const RunDiff& diff, const std::string& before_label,
                const std::string& after_label);
// `diff --json`: each entry with its kind (regression, improvement, timing,
// change), scenario and lines, and the counts.
std::string diff_json(const RunDiff& diff, const std::string& before_label, const std::string& after_label);
std::string_view diff_kind_name(DiffEntry::Kind kind);

}  // namespace pbxsim
