// Short lists of names packed into one heap block, each name followed by '\0'.
// A call's history (the lines it visited, the devices it alerted, the ones it
// skipped and why) is a few short names kept for every call of a run. As a
// vector of strings each list costs 24 bytes in the record, a heap block for
// the vector and one per name longer than a string's inline buffer; packed,
// a list is a pointer in the record (null while empty) and one block that
// grows in place. On a day of a million calls that is hundreds of MB the
// machine never has to touch. Names cannot contain '\0' (scenario names are
// checked by the topology; the assertion documents it).
//
// Sections: NameList · SkipList (device, reason pairs) · comparisons for tests.
#pragma once

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <iterator>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pbxsim {

// -------------------------------------------------------------------- NameList

class NameList {
 public:
  // Forward iteration over the names, as views into the list.
  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = std::string_view;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = std::string_view;

    const_iterator() = default;
    explicit const_iterator(const char* at) : at_(at) {}
    std::string_view operator*() const { return std::string_view(at_); }  // stops at the name's '\0'
    const_iterator& operator++() {
      at_ += std::string_view(at_).size() + 1;
      return *this;
    }
    const_iterator operator++(int) {
      const_iterator before = *this;
      ++*this;
      return before;
    }
    bool operator==(const const_iterator& other) const { return at_ == other.at_; }

   private:
    const char* at_ = nullptr;
  };

  NameList() = default;
  NameList(std::initializer_list<std::string_view> names) {
    for (std::string_view name : names) push_back(name);
  }
  explicit NameList(const std::vector<std::string>& names) {
    for (const std::string& name : names) push_back(name);
  }
  NameList(const NameList& other) {
    if (other.block_ == nullptr) return;
    const std::uint32_t used_bytes = other.used();
    block_ = allocate(nullptr, block_size_for(used_bytes));
    std::memcpy(block_ + kHeaderBytes, other.block_ + kHeaderBytes, used_bytes);
    set_used(used_bytes);
  }
  NameList(NameList&& other) noexcept : block_(std::exchange(other.block_, nullptr)) {}
  NameList& operator=(NameList other) noexcept {
    std::swap(block_, other.block_);
    return *this;
  }
  ~NameList() { std::free(block_); }

  void push_back(std::string_view name) {
    assert(name.find('\0') == std::string_view::npos && "a name in a NameList cannot contain '\\0'");
    const std::size_t used_before = used();
    const std::size_t used_after = used_before + name.size() + 1;
    assert(used_after <= UINT32_MAX && "a NameList holds at most 4 GiB of names");
    const std::size_t block_bytes = block_ == nullptr ? 0 : kHeaderBytes + capacity();
    if (block_bytes < kHeaderBytes + used_after) {
      // Doubling keeps a long list (a big hunt group's skips) linear to build.
      block_ = allocate(block_, std::max(block_size_for(used_after), 2 * block_bytes));
    }
    char* at = block_ + kHeaderBytes + used_before;
    std::memcpy(at, name.data(), name.size());
    at[name.size()] = '\0';
    set_used(static_cast<std::uint32_t>(used_after));
  }
  void clear() {
    std::free(block_);
    block_ = nullptr;
  }

  bool empty() const { return block_ == nullptr; }
  std::size_t size() const {
    std::size_t names = 0;
    for (char c : packed()) names += c == '\0';
    return names;
  }
  bool contains(std::string_view name) const {
    for (std::string_view entry : *this) {
      if (entry == name) return true;
    }
    return false;
  }
  const_iterator begin() const { return const_iterator(block_ == nullptr ? nullptr : block_ + kHeaderBytes); }
  const_iterator end() const { return const_iterator(block_ == nullptr ? nullptr : block_ + kHeaderBytes + used()); }
  std::vector<std::string> to_vector() const { return {begin(), end()}; }

  bool operator==(const NameList& other) const { return packed() == other.packed(); }

 private:
  // The list is one heap block, or none while empty: the bytes of names it
  // uses (4 bytes), the bytes it has room for (4 bytes), then the names.
  // Blocks are whole multiples of 16 bytes, the size classes of the
  // allocators we link (glibc, jemalloc), so a call's short lists (a line and
  // "voicemail"; a desk and a soft phone) take one 32-byte block and the
  // record holds only the pointer.
  static constexpr std::size_t kHeaderBytes = 2 * sizeof(std::uint32_t);
  static constexpr std::size_t kBlockGrain = 16;

  static std::size_t block_size_for(std::size_t used_bytes) {
    return (kHeaderBytes + used_bytes + kBlockGrain - 1) / kBlockGrain * kBlockGrain;
  }
  // Grows (or makes) the block to `bytes` and records its capacity; the used
  // count of a fresh block is 0.
  static char* allocate(char* block, std::size_t bytes) {
    assert(bytes - kHeaderBytes <= UINT32_MAX && "a NameList holds at most 4 GiB of names");
    const bool fresh = block == nullptr;
    auto* grown = static_cast<char*>(std::realloc(block, bytes));
    if (grown == nullptr) throw std::bad_alloc();
    if (fresh) std::memset(grown, 0, sizeof(std::uint32_t));  // nothing used yet
    const auto capacity_bytes = static_cast<std::uint32_t>(bytes - kHeaderBytes);
    std::memcpy(grown + sizeof(std::uint32_t), &capacity_bytes, sizeof(std::uint32_t));
    return grown;
  }
  std::uint32_t used() const {
    std::uint32_t bytes = 0;
    if (block_ != nullptr) std::memcpy(&bytes, block_, sizeof(bytes));
    return bytes;
  }
  std::uint32_t capacity() const {
    std::uint32_t bytes = 0;
    std::memcpy(&bytes, block_ + sizeof(std::uint32_t), sizeof(bytes));
    return bytes;
  }
  void set_used(std::uint32_t bytes) { std::memcpy(block_, &bytes, sizeof(bytes)); }
  std::string_view packed() const {
    return block_ == nullptr ? std::string_view() : std::string_view(block_ + kHeaderBytes, used());
  }

  char* block_ = nullptr;
};

// ------------------------------------------------------------------- SkipList

// (who, why) pairs: a device or group member and the first reason it was
// skipped, in the order they were skipped.
class SkipList {
 public:
  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = std::pair<std::string_view, std::string_view>;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = value_type;

    const_iterator() = default;
    explicit const_iterator(NameList::const_iterator at) : at_(at) {}
    value_type operator*() const {
      NameList::const_iterator reason = at_;
      ++reason;
      return {*at_, *reason};
    }
    const_iterator& operator++() {
      ++at_;
      ++at_;
      return *this;
    }
    bool operator==(const const_iterator& other) const { return at_ == other.at_; }

   private:
    NameList::const_iterator at_;
  };

  SkipList() = default;
  SkipList(std::initializer_list<std::pair<std::string_view, std::string_view>> entries) {
    for (const auto& [who, why] : entries) emplace_back(who, why);
  }

  void emplace_back(std::string_view who, std::string_view why) {
    names_.push_back(who);
    names_.push_back(why);
  }
  bool empty() const { return names_.empty(); }
  std::size_t size() const { return names_.size() / 2; }
  bool contains(std::string_view who) const {
    for (const auto& [entry, why] : *this) {
      if (entry == who) return true;
    }
    return false;
  }
  const_iterator begin() const { return const_iterator(names_.begin()); }
  const_iterator end() const { return const_iterator(names_.end()); }
  std::vector<std::pair<std::string, std::string>> to_vector() const {
    std::vector<std::pair<std::string, std::string>> entries;
    for (const auto& [who, why] : *this) entries.emplace_back(who, why);
    return entries;
  }

  bool operator==(const SkipList& other) const = default;

 private:
  NameList names_;  // who, why, who, why ...
};

// ------------------------------------------------- comparisons for tests

inline bool operator==(const NameList& list, const std::vector<std::string>& names) { return list.to_vector() == names; }
inline bool operator==(const SkipList& list, const std::vector<std::pair<std::string, std::string>>& entries) {
  return list.to_vector() == entries;
}

}  // namespace pbxsim
