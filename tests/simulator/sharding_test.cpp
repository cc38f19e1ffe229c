#include <catch2/catch.hpp>

#include <condition_variable>
#include <map>
#include <mutex>
#include <set>

#include "../../simulator/src/ordered_pool.h"
#include "pbxsim/simulator/sharding.h"

using namespace pbxsim;

TEST_CASE("shard: K/N parses for 1 <= K <= N, anything else says what is wrong", "[shard]") {
  const auto shard = parse_shard("2/3", nullptr);
  REQUIRE(shard);
  CHECK(shard->index == 2);
  CHECK(shard->count == 3);
  CHECK(shard->text() == "2/3");
  std::string error;
  for (const char* bad : {"0/3", "4/3", "3", "/3", "1/", "a/b", "1/0", "-1/3", "1/3x"}) {
    INFO(bad);
    CHECK_FALSE(parse_shard(bad, &error));
    CHECK_FALSE(error.empty());
  }
}

TEST_CASE("shard: every file is in exactly one shard, and adding files moves no other file", "[shard]") {
  std::vector<std::string> files;
  for (int i = 0; i < 200; ++i) files.push_back("scenarios/vendor" + std::to_string(i % 7) + "/s" + std::to_string(i) + ".lua");
  std::vector<int> before;
  std::set<int> used;
  for (const std::string& file : files) {
    const int shard = shard_of(file, 4);
    CHECK(shard >= 1);
    CHECK(shard <= 4);
    used.insert(shard);
    before.push_back(shard);
  }
  CHECK(used.size() == 4);
  files.push_back("scenarios/new.lua");
  for (std::size_t i = 0; i < before.size(); ++i) CHECK(shard_of(files[i], 4) == before[i]);
  CHECK(shard_of("anything.lua", 1) == 1);
}

TEST_CASE("jobs: results reach the caller in item order even when later items finish first", "[jobs]") {
  // Item 0 waits until every other item has finished: the pool must still
  // deliver 0 first.
  constexpr std::size_t kItems = 12;
  std::mutex mutex;
  std::condition_variable changed;
  std::size_t finished_others = 0;
  std::vector<std::size_t> delivered;
  for_each_ordered<std::size_t>(
      kItems, 4,
      [&](std::size_t i) {
        std::unique_lock lock(mutex);
        if (i == 0) {
          changed.wait(lock, [&] { return finished_others == kItems - 1; });
        } else {
          ++finished_others;
          changed.notify_all();
        }
        return i * 10;
      },
      [&](std::size_t i, std::size_t&& result) {
        CHECK(result == i * 10);
        delivered.push_back(i);
      });
  std::vector<std::size_t> expected(kItems);
  for (std::size_t i = 0; i < kItems; ++i) expected[i] = i;
  CHECK(delivered == expected);
}

TEST_CASE("jobs: an exception in a work item reaches the caller", "[jobs]") {
  auto run = [] {
    for_each_ordered<int>(
        5, 3, [](std::size_t i) -> int { if (i == 3) throw std::runtime_error("item 3"); return 0; },
        [](std::size_t, int&&) {});
  };
  CHECK_THROWS_WITH(run(), "item 3");
}

namespace {

Environment environment_of(std::map<std::string, std::string> variables) {
  return [variables](const char* name) -> std::optional<std::string> {
    const auto found = variables.find(name);
    if (found == variables.end()) return std::nullopt;
    return found->second;
  };
}

}  // namespace

TEST_CASE("shard auto: K and N from PBXSIM_SHARD, GitLab's CI_NODE_INDEX/TOTAL or a Kubernetes index with auto/N",
          "[shard]") {
  std::string error;
  const auto explicit_shard = resolve_shard("auto", environment_of({{"PBXSIM_SHARD", "3/5"}}), &error);
  REQUIRE(explicit_shard);
  CHECK(explicit_shard->text() == "3/5");
  const auto gitlab = resolve_shard("auto", environment_of({{"CI_NODE_INDEX", "2"}, {"CI_NODE_TOTAL", "4"}}), &error);
  REQUIRE(gitlab);
  CHECK(gitlab->text() == "2/4");
  // Kubernetes counts from 0; the Job's size comes from auto/N.
  const auto kubernetes = resolve_shard("auto/8", environment_of({{"JOB_COMPLETION_INDEX", "0"}}), &error);
  REQUIRE(kubernetes);
  CHECK(kubernetes->text() == "1/8");
  CHECK(resolve_shard("auto/8", environment_of({{"JOB_COMPLETION_INDEX", "7"}}), &error)->text() == "8/8");
  // K/N as before, whatever the environment says.
  CHECK(resolve_shard("1/2", environment_of({{"PBXSIM_SHARD", "3/5"}}), &error)->text() == "1/2");
}

TEST_CASE("shard auto: a missing or wrong variable is an error that says which", "[shard]") {
  std::string error;
  CHECK_FALSE(resolve_shard("auto", environment_of({}), &error));
  CHECK(error.find("JOB_COMPLETION_INDEX") != std::string::npos);
  CHECK_FALSE(resolve_shard("auto", environment_of({{"JOB_COMPLETION_INDEX", "1"}}), &error));
  CHECK(error.find("auto/N") != std::string::npos);
  CHECK_FALSE(resolve_shard("auto/4", environment_of({{"JOB_COMPLETION_INDEX", "4"}}), &error));
  CHECK(error.find("between 0 and 3") != std::string::npos);
  CHECK_FALSE(resolve_shard("auto", environment_of({{"CI_NODE_INDEX", "5"}, {"CI_NODE_TOTAL", "4"}}), &error));
  CHECK(error.find("CI_NODE_INDEX") != std::string::npos);
  CHECK_FALSE(resolve_shard("auto/x", environment_of({}), &error));
  CHECK_FALSE(resolve_shard("auto", environment_of({{"PBXSIM_SHARD", "two"}}), &error));
  CHECK(error.find("PBXSIM_SHARD") != std::string::npos);
}

TEST_CASE("shard: every seed is in exactly one shard, whatever the range", "[shard]") {
  std::map<int, int> per_shard;
  for (std::uint64_t seed = 1; seed <= 1000; ++seed) ++per_shard[shard_of_seed(seed, 4)];
  CHECK(per_shard.size() == 4);
  for (const auto& [shard, seeds] : per_shard) CHECK(seeds > 150);
}
