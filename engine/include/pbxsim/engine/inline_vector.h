// A short list kept inside its owner: up to N elements live in the object,
// more move to one heap array. The calls on an appearance, the appearances of
// a device or a line, a call's alerting appearances are almost always one or
// two; holding them inline saves the cache miss of following a heap pointer
// on every offer, answer and hangup of a large run, and the object stays
// small (N 32-bit ids in a union with the pointer, then size and capacity:
// 16 bytes for N = 2, 24 for N = 3), so more of a large run's entities fit
// in the cache.
#pragma once

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <cstring>
#include <type_traits>

namespace pbxsim {

template <typename T, std::uint32_t N>
class InlineVector {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>,
                "InlineVector holds plain values (ids, indexes)");
  static_assert(N > 0, "an InlineVector keeps at least one element inline");

 public:
  InlineVector() = default;
  InlineVector(const InlineVector& other) { assign(other); }
  InlineVector(InlineVector&& other) noexcept { take(other); }
  InlineVector& operator=(const InlineVector& other) {
    if (this != &other) {
      size_ = 0;
      assign(other);
    }
    return *this;
  }
  InlineVector& operator=(InlineVector&& other) noexcept {
    if (this != &other) {
      free_heap();
      take(other);
    }
    return *this;
  }
  ~InlineVector() { free_heap(); }

  const T* begin() const { return data(); }
  const T* end() const { return data() + size_; }
  T* begin() { return data(); }
  T* end() { return data() + size_; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T& operator[](std::size_t i) const {
    assert(i < size_ && "InlineVector index out of range");
    return data()[i];
  }
  const T& front() const {
    assert(size_ > 0 && "front() of an empty InlineVector");
    return data()[0];
  }

  void push_back(const T& value) {
    if (size_ == capacity_) grow(capacity_ * 2);
    data()[size_++] = value;
  }

  // Removes every element equal to value, keeping the others' order (std::erase for this type).
  void erase_value(const T& value) {
    T* first = data();
    size_ = static_cast<std::uint32_t>(std::remove(first, first + size_, value) - first);
  }

  // Keeps a heap array for reuse; assigning InlineVector() gives it back.
  void clear() { size_ = 0; }

 private:
  bool on_heap() const { return capacity_ > N; }
  T* data() { return on_heap() ? storage_.heap : storage_.inline_values; }
  const T* data() const { return on_heap() ? storage_.heap : storage_.inline_values; }

  void grow(std::uint32_t capacity) {
    assert(capacity > capacity_ && "InlineVector only grows");
    T* heap = new T[capacity];
    if (size_ > 0) std::memcpy(heap, data(), size_ * sizeof(T));
    free_heap();
    storage_.heap = heap;
    capacity_ = capacity;
  }

  // Copies other's elements into this (empty, inline or with a heap array).
  void assign(const InlineVector& other) {
    if (other.size_ > capacity_) grow(other.size_);
    if (other.size_ > 0) std::memcpy(data(), other.data(), other.size_ * sizeof(T));
    size_ = other.size_;
  }

  // Takes other's elements (its heap array, if any), leaving it empty and inline.
  void take(InlineVector& other) {
    storage_ = other.storage_;
    size_ = other.size_;
    capacity_ = other.capacity_;
    other.size_ = 0;
    other.capacity_ = N;
  }

  void free_heap() {
    if (on_heap()) delete[] storage_.heap;
    capacity_ = N;
  }

  union Storage {
    T inline_values[N];
    T* heap;
  };
  Storage storage_{};
  std::uint32_t size_ = 0;
  std::uint32_t capacity_ = N;  // more than N: the elements are in storage_.heap
};

}  // namespace pbxsim
