// The indices the engine names its entities by, one type per kind of entity,
// so that one cannot be passed for another: a UserIndex where a DeviceIndex
// is wanted does not compile. An index is a 32-bit number in a class of its
// own (no cost at run time: it is passed and stored as the number); it is
// made from a number only explicitly, read back with value(), and subscripts
// only the container of its kind (IndexedVector<LineIndex, LineState>).
// Each kind has a "none" (`LineIndex::none()`, or the kNoIndex that compares
// and converts to every kind), the default of a fresh index.
//
// Sections: TypedIndex and the kinds · kNoIndex · IndexedVector · IndexRange.
#pragma once

#include <cassert>
#include <compare>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <utility>
#include <vector>

namespace pbxsim {

using CallId = std::uint32_t;

// ------------------------------------------------ TypedIndex and the kinds

template <typename Tag>
class TypedIndex {
 public:
  using Value = std::uint32_t;
  static constexpr Value kNoneValue = UINT32_MAX;

  constexpr TypedIndex() = default;  // none
  constexpr explicit TypedIndex(Value value) : value_(value) {}
  // From a position in a container (a std::size_t loop counter, say).
  template <std::integral Integer>
  static constexpr TypedIndex at(Integer position) {
    assert(position >= 0 && static_cast<std::uint64_t>(position) < kNoneValue &&
           "an entity index is below 2^32 - 1: the model has at most that many of each kind");
    return TypedIndex(static_cast<Value>(position));
  }
  static constexpr TypedIndex none() { return TypedIndex(); }

  constexpr Value value() const { return value_; }
  constexpr bool is_none() const { return value_ == kNoneValue; }

  friend constexpr bool operator==(TypedIndex, TypedIndex) = default;
  friend constexpr auto operator<=>(TypedIndex, TypedIndex) = default;

 private:
  Value value_ = kNoneValue;
};

// Users, devices, lines, appearances (a line on a device), hunt and pickup
// groups, servers, extension mobility's device profiles, a user's client
// (in Clients), a member's position in its group.
using UserIndex = TypedIndex<struct UserIndexTag>;
using DeviceIndex = TypedIndex<struct DeviceIndexTag>;
using LineIndex = TypedIndex<struct LineIndexTag>;
using AppearanceIndex = TypedIndex<struct AppearanceIndexTag>;
using GroupIndex = TypedIndex<struct GroupIndexTag>;
using MemberIndex = TypedIndex<struct MemberIndexTag>;
using ServerIndex = TypedIndex<struct ServerIndexTag>;
using ProfileIndex = TypedIndex<struct ProfileIndexTag>;
using ClientIndex = TypedIndex<struct ClientIndexTag>;

// ------------------------------------------------------------------ kNoIndex

// "No entity", of whichever kind: `device.owner == kNoIndex`,
// `LineIndex line = kNoIndex`. It is no index itself, so it can never
// subscript anything.
struct NoIndex {
  template <typename Tag>
  constexpr operator TypedIndex<Tag>() const {  // NOLINT(google-explicit-constructor): "none" of any kind
    return TypedIndex<Tag>::none();
  }
};
inline constexpr NoIndex kNoIndex{};

template <typename Tag>
constexpr bool operator==(TypedIndex<Tag> index, NoIndex) {
  return index.is_none();
}

// ------------------------------------------------------------- IndexedVector

// A std::vector subscripted by one kind of index only.
template <typename IndexT, typename T>
class IndexedVector {
 public:
  using value_type = T;
  using iterator = typename std::vector<T>::iterator;
  using const_iterator = typename std::vector<T>::const_iterator;

  IndexedVector() = default;
  explicit IndexedVector(std::vector<T> items) : items_(std::move(items)) {}
  IndexedVector(std::size_t count, const T& value) : items_(count, value) {}

  using reference = typename std::vector<T>::reference;  // a proxy for bool
  using const_reference = typename std::vector<T>::const_reference;

  reference operator[](IndexT index) { return items_[index.value()]; }
  const_reference operator[](IndexT index) const { return items_[index.value()]; }
  reference at(IndexT index) { return items_.at(index.value()); }
  const_reference at(IndexT index) const { return items_.at(index.value()); }
  bool contains(IndexT index) const { return index.value() < items_.size(); }  // none is never contained

  std::size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }
  IndexT next_index() const { return IndexT::at(items_.size()); }  // what the next push_back gets
  iterator begin() { return items_.begin(); }
  iterator end() { return items_.end(); }
  const_iterator begin() const { return items_.begin(); }
  const_iterator end() const { return items_.end(); }
  reference back() { return items_.back(); }
  const_reference back() const { return items_.back(); }

  void reserve(std::size_t count) { items_.reserve(count); }
  void resize(std::size_t count) { items_.resize(count); }
  void assign(std::size_t count, const T& value) { items_.assign(count, value); }
  void clear() { items_.clear(); }
  IndexT push_back(T item) {
    const IndexT index = next_index();
    items_.push_back(std::move(item));
    return index;
  }
  template <typename... Args>
  reference emplace_back(Args&&... args) {
    return items_.emplace_back(std::forward<Args>(args)...);
  }

  // Every index of the container, in order: `for (LineIndex line : lines.indices())`.
  class Indices;
  Indices indices() const { return Indices(items_.size()); }

  const std::vector<T>& items() const { return items_; }

 private:
  std::vector<T> items_;
};

template <typename IndexT, typename T>
class IndexedVector<IndexT, T>::Indices {
 public:
  class iterator {
   public:
    using value_type = IndexT;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    explicit iterator(typename IndexT::Value at) : at_(at) {}
    IndexT operator*() const { return IndexT(at_); }
    iterator& operator++() {
      ++at_;
      return *this;
    }
    iterator operator++(int) {
      iterator before = *this;
      ++at_;
      return before;
    }
    bool operator==(const iterator&) const = default;

   private:
    typename IndexT::Value at_ = 0;
  };
  explicit Indices(std::size_t count) : count_(static_cast<typename IndexT::Value>(count)) {}
  iterator begin() const { return iterator(0); }
  iterator end() const { return iterator(count_); }

 private:
  typename IndexT::Value count_;
};

}  // namespace pbxsim

// Hashable, for the few maps keyed by an entity.
template <typename Tag>
struct std::hash<pbxsim::TypedIndex<Tag>> {
  std::size_t operator()(pbxsim::TypedIndex<Tag> index) const noexcept { return std::hash<std::uint32_t>{}(index.value()); }
};
