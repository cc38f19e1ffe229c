// Shrinking a failing case: remove steps (halves first, then one by one),
// devices, lines, users and externals; clear attributes back to their
// defaults; pull times earlier and closer; finally give everything plain
// names — keeping each change only while the case still fails the same way.
#pragma once

#include <functional>
#include <optional>

#include "pbxsim/simulator/explore/explore_case.h"

namespace pbxsim {

using StillFails = std::function<bool(const ExploreCase&)>;

struct ShrinkResult {
  ExploreCase smallest;
  int runs = 0;      // cases tried
  int accepted = 0;  // changes kept
};

ShrinkResult shrink_case(const ExploreCase& failing, const StillFails& still_fails, int max_runs);

// The edits the shrinker tries, exposed for tests. Each returns nullopt
// when it would change nothing.
std::optional<ExploreCase> without_steps(const ExploreCase& c, std::size_t first, std::size_t count);
std::optional<ExploreCase> without_device(const ExploreCase& c, std::size_t index);
std::optional<ExploreCase> without_line(const ExploreCase& c, std::size_t index);
std::optional<ExploreCase> without_user(const ExploreCase& c, std::size_t index);
std::optional<ExploreCase> without_group(const ExploreCase& c, std::size_t index);
std::optional<ExploreCase> with_group_calls_direct(const ExploreCase& c, std::size_t index);
std::optional<ExploreCase> without_profile(const ExploreCase& c, std::size_t index);
ExploreCase with_plain_names(const ExploreCase& c);

}  // namespace pbxsim
