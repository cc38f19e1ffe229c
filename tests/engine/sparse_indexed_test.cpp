#include <catch2/catch.hpp>

#include <string>

#include "pbxsim/engine/ids.h"
#include "pbxsim/engine/sparse_indexed.h"

using pbxsim::SparseIndexed;
using pbxsim::UserIndex;

TEST_CASE("sparse indexed: a user that set a value reads it, every other user reads the default", "[engine][sparse]") {
  SparseIndexed<UserIndex, std::string> pins;
  pins.set(UserIndex(2), "1234");
  pins.set(UserIndex(7), "9999");
  CHECK(pins[UserIndex(2)] == "1234");
  CHECK(pins[UserIndex(7)] == "9999");
  CHECK(pins[UserIndex(0)].empty());
  CHECK(pins[UserIndex(3)].empty());
  CHECK(pins[UserIndex(1000000)].empty());
  REQUIRE(pins.entries().size() == 2);  // only what was set is stored
  CHECK(pins.entries()[0].first == UserIndex(2));
  CHECK(pins.entries()[1].first == UserIndex(7));
}

TEST_CASE("sparse indexed: nothing set, every index reads the default", "[engine][sparse]") {
  const SparseIndexed<UserIndex, std::string> none;
  CHECK(none[UserIndex(0)].empty());
  CHECK(none.entries().empty());
}
