#include <catch2/catch.hpp>

#include <string>

#include "pbxsim/engine/boxed.h"

using pbxsim::Boxed;

TEST_CASE("boxed: an unset value reads as the default, and a copy owns its own value", "[engine][boxed]") {
  Boxed<std::string> gateway;
  CHECK(gateway.get().empty());
  gateway.edit() = "MG-3000";
  Boxed<std::string> copy = gateway;
  copy.edit() += "-B";
  CHECK(gateway.get() == "MG-3000");  // the original is not changed through the copy
  CHECK(copy.get() == "MG-3000-B");
  Boxed<std::string> unset;
  copy = unset;
  CHECK(copy.get().empty());
  Boxed<std::string> moved = std::move(gateway);
  CHECK(moved.get() == "MG-3000");
}
