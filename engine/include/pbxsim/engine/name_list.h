// Short lists of names packed into one string, each name followed by '\0'.
// A call's history (the lines it visited, the devices it alerted, the ones it
// skipped and why) is a few short names kept for every call of a run. As a
// vector of strings each list costs a heap block for the vector and one per
// name longer than the string's inline buffer; packed, a list takes no heap
// block while it fits that buffer (15 bytes) and one block otherwise. On a
// day of a million calls that is hundreds of MB the machine never has to
// touch. Names cannot contain '\0' (scenario names are Lua strings checked by
// the topology; the assertion documents it).
//
// Sections: NameList · SkipList (device, reason pairs) · comparisons for tests.
#pragma once

#include <cassert>
#include <cstddef>
#include <initializer_list>
#include <iterator>
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

  void push_back(std::string_view name) {
    assert(name.find('\0') == std::string_view::npos && "a name in a NameList cannot contain '\\0'");
    packed_.append(name);
    packed_.push_back('\0');
  }
  void clear() { packed_.clear(); }

  bool empty() const { return packed_.empty(); }
  std::size_t size() const {
    std::size_t names = 0;
    for (char c : packed_) names += c == '\0';
    return names;
  }
  bool contains(std::string_view name) const {
    for (std::string_view entry : *this) {
      if (entry == name) return true;
    }
    return false;
  }
  const_iterator begin() const { return const_iterator(packed_.data()); }
  const_iterator end() const { return const_iterator(packed_.data() + packed_.size()); }
  std::vector<std::string> to_vector() const { return {begin(), end()}; }

  bool operator==(const NameList& other) const = default;

 private:
  std::string packed_;
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
