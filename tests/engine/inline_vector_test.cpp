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

TEST_CASE("inline vector: copies and moves keep the elements, inline or on the heap", "[engine]") {
  for (std::uint32_t count : {0u, 1u, 2u, 3u, 9u}) {
    InlineVector<std::uint32_t, 2> list;
    std::vector<std::uint32_t> reference;
    for (std::uint32_t i = 0; i < count; ++i) {
      list.push_back(i * 10);
      reference.push_back(i * 10);
    }
    InlineVector<std::uint32_t, 2> copied(list);
    CHECK(std::vector<std::uint32_t>(copied.begin(), copied.end()) == reference);
    InlineVector<std::uint32_t, 2> moved(std::move(copied));
    CHECK(std::vector<std::uint32_t>(moved.begin(), moved.end()) == reference);
    CHECK(copied.empty());  // NOLINT(bugprone-use-after-move): a moved-from list is empty and usable
    copied.push_back(5);
    CHECK(copied.size() == 1);

    InlineVector<std::uint32_t, 2> assigned;
    for (int i = 0; i < 5; ++i) assigned.push_back(99);  // on the heap before the copy
    assigned = list;
    CHECK(std::vector<std::uint32_t>(assigned.begin(), assigned.end()) == reference);
    assigned = InlineVector<std::uint32_t, 2>();  // gives the heap array back
    CHECK(assigned.empty());
    list.clear();
    CHECK(list.empty());
    list.push_back(7);
    CHECK(list.front() == 7);
  }
}
