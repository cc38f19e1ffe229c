// Two runs side by side for the viewer's run diff: one row per scenario
// (its status in run A and in run B), and under a scenario that changed, a
// row per changed check and, per changed call, its facts (outcome, path,
// alerted, skipped ...) and the steps of its route with their times (hop
// times), run A's beside run B's. The comparison is pbxsim diff's
// (run_diff.h): the same matching, call_facts and call_route.
#pragma once

#include <string>
#include <vector>

#include "pbxsim/simulator/run_diff.h"

namespace pbxsim::viewer {

struct SideRow {
  enum class Kind { Scenario, Check, Call, Fact, Step } kind = Kind::Scenario;
  std::string label;   // the scenario, the check, the call, or the fact's name / step number
  std::string before;  // run A's side; "-" when it has none
  std::string after;   // run B's side
  bool differs = false;
  DiffEntry::Kind tone = DiffEntry::Kind::Change;  // a scenario row: the gravest of its diff entries
};

struct SideBySide {
  std::vector<SideRow> rows;
  std::size_t scenarios = 0;          // scenario rows
  std::size_t changed_scenarios = 0;  // ... with an entry in pbxsim diff
};

// only_changed: only the scenarios pbxsim diff names (else every scenario,
// changed ones with their details).
SideBySide side_by_side(const StoredRun& before, const StoredRun& after, const RunDiff& diff, bool only_changed);

}  // namespace pbxsim::viewer
