// `--shard K/N`: a stable split of a suite's scenario files over N machines.
// A file belongs to the shard its path hashes to, so adding or removing a
// file moves no other file to another shard, and every machine agrees on
// the split without talking to the others.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace pbxsim {

struct Shard {
  int index = 1;  // 1-based, as written: 2/3 is the second of three
  int count = 1;
  bool whole() const { return count == 1; }
  std::string text() const { return std::to_string(index) + "/" + std::to_string(count); }
};

// Parses "K/N" (1 <= K <= N); nullopt with a message saying what is wrong.
std::optional<Shard> parse_shard(std::string_view text, std::string* error);

// The 1-based shard of N that a scenario file belongs to.
int shard_of(std::string_view file, int count);

// The 1-based shard of N that an exploration seed belongs to (the same hash
// of its decimal text): a seed never moves when the range grows.
int shard_of_seed(std::uint64_t seed, int count);

// What `--shard` takes: "K/N", or "auto" / "auto/N" for K and N from the
// environment a scheduler sets, first found of:
//   PBXSIM_SHARD=K/N                       any scheduler, set by hand
//   CI_NODE_INDEX, CI_NODE_TOTAL           GitLab CI `parallel:` (1-based)
//   JOB_COMPLETION_INDEX                   Kubernetes Indexed Job (0-based), N from "auto/N"
// `environment` looks a variable up (std::getenv in the program; a map in tests).
using Environment = std::function<std::optional<std::string>(const char* name)>;
std::optional<Shard> resolve_shard(std::string_view text, const Environment& environment, std::string* error);
Environment process_environment();

}  // namespace pbxsim
