#include "pbxsim/simulator/sharding.h"

#include <charconv>
#include <cstdint>

namespace pbxsim {
namespace {

std::optional<int> parse_positive(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 1) return std::nullopt;
  return value;
}

}  // namespace

std::optional<Shard> parse_shard(std::string_view text, std::string* error) {
  const std::size_t slash = text.find('/');
  const auto index = slash == std::string_view::npos ? std::nullopt : parse_positive(text.substr(0, slash));
  const auto count = slash == std::string_view::npos ? std::nullopt : parse_positive(text.substr(slash + 1));
  if (!index || !count) {
    if (error) *error = "'" + std::string(text) + "' is not K/N (for example 2/3: the second of three shards)";
    return std::nullopt;
  }
  if (*index > *count) {
    if (error) *error = "shard " + std::string(text) + ": K must be between 1 and N";
    return std::nullopt;
  }
  return Shard{*index, *count};
}

int shard_of(std::string_view file, int count) {
  // FNV-1a: fixed by this code, unlike std::hash, so every machine and every
  // pbxsim build agrees on the split.
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (char c : file) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return static_cast<int>(hash % static_cast<std::uint64_t>(count)) + 1;
}

}  // namespace pbxsim
