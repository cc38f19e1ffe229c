// The project's own seeded PRNG (xoshiro256**, seeded through splitmix64).
// std:: distributions are avoided on purpose: their output differs between
// standard library versions, and a trace must not.
//
// Streams: child("device:desk") derives a stream from this stream's *seed*
// and the name, not from its current state, so creating or drawing from one
// stream never shifts another's numbers.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "pbxsim/engine/time.h"

namespace pbxsim {

std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t hash = 0xcbf29ce484222325ULL);

// A fast 64-bit mix of bytes into a running hash, eight bytes a step, read
// little-endian whatever the machine, so hashes agree across machines.
std::uint64_t mix_bytes(std::string_view bytes, std::uint64_t hash);

class Prng {
 public:
  explicit Prng(std::uint64_t seed);

  Prng child(std::string_view name) const;
  std::uint64_t seed() const { return seed_; }

  std::uint64_t next_u64();
  // Uniform in [0, bound), without modulo bias. bound must be > 0.
  std::uint64_t below(std::uint64_t bound);
  // Uniform in [low, high], inclusive.
  std::int64_t between(std::int64_t low, std::int64_t high);
  TimeUs duration_between(TimeUs low_us, TimeUs high_us) { return between(low_us, high_us); }

 private:
  std::uint64_t seed_;
  std::array<std::uint64_t, 4> state_;
};

}  // namespace pbxsim
