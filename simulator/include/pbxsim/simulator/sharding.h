// `--shard K/N`: a stable split of a suite's scenario files over N machines.
// A file belongs to the shard its path hashes to, so adding or removing a
// file moves no other file to another shard, and every machine agrees on
// the split without talking to the others.
#pragma once

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

}  // namespace pbxsim
