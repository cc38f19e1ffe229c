// "Did you mean": the known name nearest to a misspelt one, for errors about
// unknown names (policy hooks and settings, fields).
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace pbxsim {

// The candidate with the smallest edit distance (insertions, deletions,
// substitutions and swaps of neighbours) to `misspelt`, when that distance
// is at most max(2, length / 3); ties go to the earlier candidate.
std::optional<std::string_view> closest_name(std::string_view misspelt, std::span<const std::string_view> candidates);

}  // namespace pbxsim
