// Per-entity settings that most entities leave unset (a user's PIN, roles,
// personal profiles): only the entities that set something are stored, in
// index order, and every other entity reads one default value. A million
// users with no PIN cost nothing here instead of a copy of the empty spec
// each. Looked up by binary search: for settings read on rare events (a
// login, a profile decision), not per call.
#pragma once

#include <algorithm>
#include <cassert>
#include <utility>
#include <vector>

namespace pbxsim {

template <typename IndexT, typename T>
class SparseIndexed {
 public:
  // Entities are added in increasing index order (as a topology is read).
  void set(IndexT index, T value) {
    assert((entries_.empty() || entries_.back().first < index) &&
           "SparseIndexed is filled in increasing index order: set each entity once, in order");
    entries_.emplace_back(index, std::move(value));
  }

  // The entity's value, or the default (a value-initialised T) when it set none.
  const T& operator[](IndexT index) const {
    const auto found = std::lower_bound(entries_.begin(), entries_.end(), index,
                                        [](const std::pair<IndexT, T>& entry, IndexT wanted) { return entry.first < wanted; });
    if (found != entries_.end() && found->first == index) return found->second;
    static const T kUnset{};
    return kUnset;
  }

  // The entities that set something, in index order.
  const std::vector<std::pair<IndexT, T>>& entries() const { return entries_; }

 private:
  std::vector<std::pair<IndexT, T>> entries_;
};

}  // namespace pbxsim
