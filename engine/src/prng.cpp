#include "pbxsim/engine/prng.h"

#include <bit>
#include <cassert>
#include <cstring>

namespace pbxsim {
namespace {

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t hash) {
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::uint64_t mix_bytes(std::string_view bytes, std::uint64_t hash) {
  constexpr std::uint64_t kMultiplier = 0x9e3779b97f4a7c15ULL;
  auto mix = [&](std::uint64_t word) {
    hash ^= word;
    hash *= kMultiplier;
    hash ^= hash >> 32;
  };
  std::size_t pos = 0;
  for (; pos + 8 <= bytes.size(); pos += 8) {
    std::uint64_t word;
    std::memcpy(&word, bytes.data() + pos, sizeof(word));
    if constexpr (std::endian::native == std::endian::big) word = __builtin_bswap64(word);
    mix(word);
  }
  // The last 0-7 bytes as a little-endian number. With eight bytes or more
  // in all, one load of the last eight and a shift gives it without a loop.
  std::uint64_t tail = 0;
  const std::size_t rest = bytes.size() - pos;
  if (rest > 0 && bytes.size() >= 8 && std::endian::native == std::endian::little) {
    std::memcpy(&tail, bytes.data() + bytes.size() - 8, sizeof(tail));
    tail >>= 8 * (8 - rest);
  } else {
    for (std::size_t i = bytes.size(); i > pos; --i) tail = (tail << 8) | static_cast<unsigned char>(bytes[i - 1]);
  }
  mix(tail ^ (static_cast<std::uint64_t>(bytes.size()) << 56));  // the length keeps "a"+"" apart from ""+"a"
  return hash;
}

Prng::Prng(std::uint64_t seed) : seed_(seed) {
  std::uint64_t mix = seed;
  for (std::uint64_t& word : state_) word = splitmix64(mix);
}

Prng Prng::child(std::string_view name) const {
  std::uint64_t mix = seed_ ^ fnv1a64(name);
  return Prng(splitmix64(mix));
}

std::uint64_t Prng::next_u64() {
  const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
  const std::uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = rotl(state_[3], 45);
  return result;
}

std::uint64_t Prng::below(std::uint64_t bound) {
  assert(bound > 0 && "Prng::below needs a positive bound");
  // Rejection sampling: draws in the incomplete last block are redrawn.
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
  std::uint64_t draw;
  do {
    draw = next_u64();
  } while (draw >= limit);
  return draw % bound;
}

std::int64_t Prng::between(std::int64_t low, std::int64_t high) {
  assert(low <= high && "Prng::between needs low <= high");
  const std::uint64_t span = static_cast<std::uint64_t>(high) - static_cast<std::uint64_t>(low);
  if (span == UINT64_MAX) return static_cast<std::int64_t>(next_u64());
  return low + static_cast<std::int64_t>(below(span + 1));
}

}  // namespace pbxsim
