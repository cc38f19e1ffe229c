#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "pbxsim/engine/record_store.h"

using pbxsim::RecordStore;

namespace {

struct Named {
  std::string name;
};

// Counts the records alive, so a test sees every one destroyed exactly once.
struct Tracked {
  static inline int alive = 0;
  Tracked() { ++alive; }
  ~Tracked() { --alive; }
  Tracked(const Tracked&) = delete;
  Tracked& operator=(const Tracked&) = delete;
  std::string name;
};

}  // namespace

TEST_CASE("record store: ids count from 1 in the order records are added, across chunks", "[engine][record-store]") {
  RecordStore<Named, 4> store;
  for (int i = 1; i <= 10; ++i) {
    Named& record = store.emplace_back();
    record.name = "call-" + std::to_string(i);
    CHECK(store.size() == static_cast<std::size_t>(i));
  }
  for (std::uint32_t id = 1; id <= 10; ++id) CHECK(store[id].name == "call-" + std::to_string(id));
  CHECK_FALSE(store.live(0));
  CHECK_FALSE(store.live(11));
  CHECK(store.find(11) == nullptr);
}

TEST_CASE("record store: a reference stays valid while records are added", "[engine][record-store]") {
  RecordStore<Named, 4> store;
  Named& first = store.emplace_back();
  first.name = "first";
  for (int i = 0; i < 1000; ++i) store.emplace_back();
  CHECK(&store[1] == &first);
  CHECK(first.name == "first");
}

TEST_CASE("record store: a retired record is destroyed, and the others stay", "[engine][record-store]") {
  Tracked::alive = 0;
  {
    RecordStore<Tracked, 4> store;
    for (int i = 1; i <= 6; ++i) store.emplace_back().name = std::to_string(i);
    store.retire(2);
    store.retire(5);
    CHECK(Tracked::alive == 4);
    CHECK_FALSE(store.live(2));
    CHECK(store.find(5) == nullptr);
    std::vector<std::string> live;
    store.visit_live([&](Tracked& record) {
      live.push_back(record.name);
      return true;
    });
    CHECK(live == std::vector<std::string>{"1", "3", "4", "6"});
    CHECK(store.size() == 6);
  }
  CHECK(Tracked::alive == 0);  // the store destroys what was never retired
}

TEST_CASE("record store: visiting stops when the visitor says so", "[engine][record-store]") {
  RecordStore<Named, 4> store;
  for (int i = 1; i <= 9; ++i) store.emplace_back().name = std::to_string(i);
  std::vector<std::string> seen;
  store.visit_live([&](Named& record) {
    seen.push_back(record.name);
    return record.name != "6";
  });
  CHECK(seen == std::vector<std::string>{"1", "2", "3", "4", "5", "6"});
}

TEST_CASE("record store: records added and retired in a rolling window reuse the chunks", "[engine][record-store]") {
  Tracked::alive = 0;
  RecordStore<Tracked, 8> store;
  // A run that keeps about 20 records in progress over 10 000: every record is
  // retired 20 ids after it was added, the way calls end after their offer.
  for (std::uint32_t id = 1; id <= 10'000; ++id) {
    store.emplace_back().name = std::to_string(id);
    if (id > 20) {
      REQUIRE(store[id - 20].name == std::to_string(id - 20));
      store.retire(id - 20);
    }
    REQUIRE(Tracked::alive == static_cast<int>(std::min<std::uint32_t>(id, 20)));
  }
  CHECK(store.size() == 10'000);
  CHECK(store.live(10'000));
  CHECK(store[9'981].name == "9981");
  CHECK_FALSE(store.live(9'980));
}

TEST_CASE("record store: the oldest live id moves on as the oldest records retire, in any order", "[engine][record-store]") {
  RecordStore<Named, 4> store;
  CHECK(store.oldest_live() == 1);  // none yet: size() + 1
  for (int i = 0; i < 10; ++i) store.emplace_back();
  CHECK(store.oldest_live() == 1);
  store.retire(2);
  CHECK(store.oldest_live() == 1);
  store.retire(1);
  CHECK(store.oldest_live() == 3);
  for (RecordStore<Named, 4>::Id id = 3; id <= 8; ++id) store.retire(id);  // whole chunks go back
  CHECK(store.oldest_live() == 9);
  store.retire(10);
  store.retire(9);
  CHECK(store.oldest_live() == 11);  // none live: size() + 1
  store.emplace_back();
  CHECK(store.oldest_live() == 11);
}
