#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "pbxsim/engine/name_index.h"

using pbxsim::NameIndex;

namespace {

NameIndex index_of(const std::vector<std::string>& names) {
  return NameIndex(names.size(), [&names](std::uint32_t i) { return std::string_view(names[i]); });
}

}  // namespace

TEST_CASE("name index: short names are found by their index, others are not", "[engine][name-index]") {
  const std::vector<std::string> names{"1000", "2000", "desk", "", "12345678901"};
  const NameIndex index = index_of(names);
  for (std::uint32_t i = 0; i < names.size(); ++i) CHECK(index.find(names[i]) == i);
  CHECK_FALSE(index.find("100"));
  CHECK_FALSE(index.find("10000"));
  CHECK_FALSE(index.find("Desk"));
  CHECK_FALSE(index.find("123456789012"));
}

TEST_CASE("name index: long names that share their first bytes are told apart in full", "[engine][name-index]") {
  const std::vector<std::string> names{"alice-desk-phone", "alice-desk-phone-2", "alice-desk-pho", "alice-desk-"};
  const NameIndex index = index_of(names);
  for (std::uint32_t i = 0; i < names.size(); ++i) CHECK(index.find(names[i]) == i);
  CHECK_FALSE(index.find("alice-desk-phone-3"));
  CHECK_FALSE(index.find("alice-desk-phonE"));
}

TEST_CASE("name index: a name given twice keeps its first index", "[engine][name-index]") {
  const std::vector<std::string> names{"soft", "desk", "soft", "a-very-long-device-name", "a-very-long-device-name"};
  const NameIndex index = index_of(names);
  CHECK(index.find("soft") == 0u);
  CHECK(index.find("a-very-long-device-name") == 3u);
}

TEST_CASE("name index: 100 000 line numbers, each found, none of the missing", "[engine][name-index]") {
  std::vector<std::string> names;
  for (int i = 0; i < 100'000; ++i) names.push_back(std::to_string(100'000 + i));
  const NameIndex index = index_of(names);
  for (std::uint32_t i = 0; i < names.size(); ++i) REQUIRE(index.find(names[i]) == i);
  for (int i = 200'000; i < 201'000; ++i) REQUIRE_FALSE(index.find(std::to_string(i)));
}

TEST_CASE("name index: an empty index finds nothing", "[engine][name-index]") {
  const NameIndex index;
  CHECK_FALSE(index.find(""));
  CHECK_FALSE(index.find("1000"));
}

TEST_CASE("name index: a guess finds every name's index by its hash and reads no name", "[engine][name-index]") {
  std::vector<std::string> names;
  for (int i = 0; i < 10'000; ++i) names.push_back(std::to_string(100'000 + i));
  int names_read = 0;
  const NameIndex index(names.size(), [&](std::uint32_t i) {
    ++names_read;
    return std::string_view(names[i]);
  });
  names_read = 0;
  for (std::uint32_t i = 0; i < names.size(); ++i) REQUIRE(index.guess(names[i]) == i);
  CHECK(names_read == 0);
  // A name that is not there: nothing, or (on a hash collision) an index the caller's check refuses.
  for (int i = 200'000; i < 201'000; ++i) {
    const std::optional<std::uint32_t> guessed = index.guess(std::to_string(i));
    REQUIRE((!guessed || names[*guessed] != std::to_string(i)));
  }
  CHECK_FALSE(NameIndex().guess("1000"));
}
