#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "pbxsim/engine/name_list.h"

using pbxsim::NameList;
using pbxsim::SkipList;

TEST_CASE("name list: names come back in the order they were added, long ones too", "[engine][name-list]") {
  NameList path;
  CHECK(path.empty());
  CHECK(path.size() == 0);
  const std::string long_name = "a-device-name-longer-than-any-inline-string-buffer";
  path.push_back("1000");
  path.push_back(long_name);
  path.push_back("voicemail");
  CHECK(path.size() == 3);
  CHECK(path.to_vector() == std::vector<std::string>{"1000", long_name, "voicemail"});
  CHECK(path.contains(long_name));
  CHECK_FALSE(path.contains("100"));  // a prefix of a name is not the name
  CHECK_FALSE(path.contains(""));
}

TEST_CASE("name list: an empty name is a name", "[engine][name-list]") {
  NameList names{"", "b"};
  CHECK(names.size() == 2);
  CHECK(names.contains(""));
  CHECK(names == std::vector<std::string>{"", "b"});
}

TEST_CASE("skip list: pairs keep who and why apart and in order", "[engine][name-list]") {
  SkipList skipped;
  skipped.emplace_back("desk", "dnd-reject");
  skipped.emplace_back("2000", "logged-out");
  CHECK(skipped.size() == 2);
  CHECK(skipped.contains("desk"));
  CHECK_FALSE(skipped.contains("dnd-reject"));  // a reason is not a device
  CHECK(skipped == std::vector<std::pair<std::string, std::string>>{{"desk", "dnd-reject"}, {"2000", "logged-out"}});
  CHECK(skipped == SkipList{{"desk", "dnd-reject"}, {"2000", "logged-out"}});
}

TEST_CASE("name list: a copy is its own list, a moved-from list is empty", "[engine][name-list]") {
  NameList original{"1000", "voicemail"};
  NameList copy = original;
  copy.push_back("2000");
  CHECK(original == std::vector<std::string>{"1000", "voicemail"});
  CHECK(copy == std::vector<std::string>{"1000", "voicemail", "2000"});
  CHECK_FALSE(copy == original);
  NameList moved = std::move(copy);
  CHECK(moved.size() == 3);
  CHECK(copy.empty());  // NOLINT(bugprone-use-after-move): a moved-from list is documented empty
  copy = moved;
  CHECK(copy == moved);
  copy.clear();
  CHECK(copy.empty());
  CHECK(copy == NameList{});
}

TEST_CASE("name list: a big hunt group's thousands of names grow one list", "[engine][name-list]") {
  NameList members;
  std::vector<std::string> expected;
  for (int i = 0; i < 5000; ++i) {
    expected.push_back("member-" + std::to_string(i));
    members.push_back(expected.back());
  }
  CHECK(members.size() == 5000);
  CHECK(members.to_vector() == expected);
  CHECK(members.contains("member-4999"));
}
