// A short list kept inside its owner: the first N elements live in the
// object, more spill to a std::vector. The calls on an appearance are almost
// always one or two; holding them inline saves the cache miss of following a
// heap pointer on every offer, answer and hangup of a large run.
#pragma once

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <type_traits>
#include <vector>

namespace pbxsim {

template <typename T, std::uint32_t N>
class InlineVector {
  static_assert(std::is_trivially_copyable_v<T>, "InlineVector holds plain values (ids, indexes)");

 public:
  const T* begin() const { return spilled() ? spill_.data() : inline_; }
  const T* end() const { return begin() + size_; }
  T* begin() { return spilled() ? spill_.data() : inline_; }
  T* end() { return begin() + size_; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T& front() const {
    assert(size_ > 0 && "front() of an empty InlineVector");
    return begin()[0];
  }
  const T& operator[](std::size_t i) const {
    assert(i < size_ && "InlineVector index out of range");
    return begin()[i];
  }

  void push_back(const T& value) {
    if (size_ < N && !spilled()) {
      inline_[size_++] = value;
      return;
    }
    if (!spilled()) spill_.assign(inline_, inline_ + size_);
    spill_.push_back(value);
    ++size_;
  }

  // Removes every element equal to value, keeping the others' order (std::erase for this type).
  void erase_value(const T& value) {
    if (spilled()) {
      std::erase(spill_, value);
      size_ = static_cast<std::uint32_t>(spill_.size());
      return;
    }
    size_ = static_cast<std::uint32_t>(std::remove(inline_, inline_ + size_, value) - inline_);
  }

  void clear() {
    size_ = 0;
    spill_.clear();
  }

 private:
  // Once spilled, every element lives in spill_ until the list is cleared.
  bool spilled() const { return !spill_.empty(); }

  T inline_[N] = {};
  std::uint32_t size_ = 0;
  std::vector<T> spill_;
};

}  // namespace pbxsim
