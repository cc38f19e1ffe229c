// `pbxsim explore --pairs`: the feature-interaction matrix. For every pair
// of features and every policy, generate cases with just those two features
// (and the base calls), with stimuli on a few whole seconds so that the two
// features' stimuli meet at one instant; run each case, then run it again
// with the two features' same-instant stimuli in the other order.
//
// A cell reports the cases that broke an invariant (or crashed), and of the
// cases where the features met, those whose calls ended differently when
// only the order of the two features changed: the behaviours where the
// order of two features decides the outcome.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pbxsim/simulator/explore/case_runner.h"
#include "pbxsim/simulator/explore/explorer.h"

namespace pbxsim {

struct PairOptions {
  std::vector<std::string> policies;
  std::uint64_t first_seed = 1;
  std::uint64_t seeds_per_pair = 20;
  std::vector<std::string> features;  // empty: every feature
  CaseRunOptions run;
};

struct PairCell {
  std::string first;
  std::string second;
  int cases = 0;
  std::map<std::string, int> failures;  // code -> cases
  CaseVerdict worst = CaseVerdict::Passed;
  std::optional<std::uint64_t> failure_seed;
  std::string failure_message;
  int met = 0;            // cases in which the two features' stimuli fell on one instant
  int order_decides = 0;  // ... and the other order ended some call differently
  std::optional<std::uint64_t> order_seed;
  std::string order_example;
};

struct PairMatrix {
  std::string policy;
  std::uint64_t first_seed = 1;
  std::uint64_t seeds_per_pair = 0;
  std::vector<std::string> features;
  std::vector<PairCell> cells;  // first < second in feature order

  CaseVerdict worst() const;
  const PairCell* cell(const std::string& first, const std::string& second) const;
};

std::vector<PairMatrix> run_pairs(const PairOptions& options, const ExploreProgress& progress);

// The case with `first`'s and `second`'s same-instant stimuli swapped, or
// nullopt when no instant holds stimuli of both.
std::optional<ExploreCase> with_order_swapped(const ExploreCase& c, const std::string& first, const std::string& second);

void print_pairs(std::ostream& out, const std::vector<PairMatrix>& matrices);
std::string pairs_json(const std::vector<PairMatrix>& matrices);

}  // namespace pbxsim
