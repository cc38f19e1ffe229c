// A value kept on the heap and copied with its owner. For fields that most
// records leave empty: a record of a large run carries one pointer for them
// instead of the values, and the few that set them pay for one block.
#pragma once

#include <memory>

namespace pbxsim {

template <typename T>
class Boxed {
 public:
  Boxed() = default;
  Boxed(const Boxed& other) : value_(other.value_ ? std::make_unique<T>(*other.value_) : nullptr) {}
  Boxed(Boxed&&) noexcept = default;
  Boxed& operator=(const Boxed& other) {
    if (this != &other) value_ = other.value_ ? std::make_unique<T>(*other.value_) : nullptr;
    return *this;
  }
  Boxed& operator=(Boxed&&) noexcept = default;

  // The value, or a default-made T when none was ever set.
  const T& get() const {
    static const T kUnset{};
    return value_ ? *value_ : kUnset;
  }
  // The value to change, made on the first call.
  T& edit() {
    if (!value_) value_ = std::make_unique<T>();
    return *value_;
  }

 private:
  std::unique_ptr<T> value_;
};

}  // namespace pbxsim
