// Lookup of an entity's index by name: an open-addressing table of
// (32-bit hash, index) pairs, 8 bytes a slot, one probe sequence in one flat array, so a lookup
// among 100 000 names costs about one cache miss. Only searched, never
// iterated, so nothing about its layout can reach a trace.
#pragma once

#include <cassert>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "pbxsim/engine/prng.h"

namespace pbxsim {

class NameIndex {
 public:
  using NameOf = std::function<std::string_view(std::uint32_t)>;

  // name_of(i) must return the name of entry i for as long as the index lives.
  NameIndex(std::size_t count, NameOf name_of) : name_of_(std::move(name_of)) {
    std::size_t capacity = 16;
    while (capacity < count * 2) capacity *= 2;
    slots_.assign(capacity, Slot{0, kEmpty});
    for (std::size_t i = 0; i < count; ++i) insert(static_cast<std::uint32_t>(i));
  }
  NameIndex() : NameIndex(0, [](std::uint32_t) { return std::string_view(); }) {}

  std::optional<std::uint32_t> find(std::string_view name) const {
    const std::uint32_t hash = hash_of(name);
    for (std::size_t slot = hash & (slots_.size() - 1);; slot = (slot + 1) & (slots_.size() - 1)) {
      const Slot& entry = slots_[slot];
      if (entry.index == kEmpty) return std::nullopt;
      if (entry.hash == hash && name_of_(entry.index) == name) return entry.index;
    }
  }

  // The first entry whose hash is the name's, without comparing names (so
  // without touching the entries themselves: one probe of this table): a
  // guess the caller must check against the entry's name before using it.
  std::optional<std::uint32_t> guess(std::string_view name) const {
    const std::uint32_t hash = hash_of(name);
    for (std::size_t slot = hash & (slots_.size() - 1);; slot = (slot + 1) & (slots_.size() - 1)) {
      const Slot& entry = slots_[slot];
      if (entry.index == kEmpty) return std::nullopt;
      if (entry.hash == hash) return entry.index;
    }
  }

 private:
  static constexpr std::uint32_t kEmpty = UINT32_MAX;
  // Half of the 64-bit mix: the slot comes from its low bits (a table
  // holds at most 2^32 slots), equal halves only cost a name comparison.
  struct Slot {
    std::uint32_t hash;
    std::uint32_t index;
  };
  static std::uint32_t hash_of(std::string_view name) { return static_cast<std::uint32_t>(mix_bytes(name, 0)); }

  // A name given twice keeps its first index (validation reports duplicates).
  // One probe sequence: it ends at the name's first index or at the empty
  // slot the name goes into.
  void insert(std::uint32_t index) {
    const std::string_view name = name_of_(index);
    const std::uint32_t hash = hash_of(name);
    std::size_t slot = hash & (slots_.size() - 1);
    for (; slots_[slot].index != kEmpty; slot = (slot + 1) & (slots_.size() - 1)) {
      if (slots_[slot].hash == hash && name_of_(slots_[slot].index) == name) return;
    }
    slots_[slot] = Slot{hash, index};
  }

  NameOf name_of_;
  std::vector<Slot> slots_;  // capacity a power of two, at most half full
};

}  // namespace pbxsim
