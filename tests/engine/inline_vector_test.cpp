#include <catch2/catch.hpp>

#include <vector>

#include "pbxsim/engine/inline_vector.h"
#include "pbxsim/engine/prng.h"

using pbxsim::InlineVector;

TEST_CASE("inline vector: behaves like std::vector across the inline and spilled forms", "[engine]") {
  // Random pushes and erases (values repeat, so erase removes several) checked against a std::vector.
  pbxsim::Prng random(11);
  for (int round = 0; round < 200; ++round) {
    InlineVector<std::uint32_t, 3> small;
    std::vector<std::uint32_t> reference;
    for (int step = 0; step < 40; ++step) {
      const auto value = static_cast<std::uint32_t>(random.below(6));
      if (random.below(3) == 0) {
        small.erase_value(value);
        std::erase(reference, value);
      } else {
        small.push_back(value);
        reference.push_back(value);
      }
      REQUIRE(small.size() == reference.size());
      REQUIRE(std::vector<std::uint32_t>(small.begin(), small.end()) == reference);
    }
    const InlineVector<std::uint32_t, 3> copy = small;
    CHECK(std::vector<std::uint32_t>(copy.begin(), copy.end()) == reference);
    small.clear();
    CHECK(small.empty());
    small.push_back(7);
    CHECK(small[0] == 7);
  }
}
