// The integer exponential draw of duration_distribution.h.
#include "pbxsim/engine/duration_distribution.h"

#include <array>
#include <bit>
#include <cassert>

namespace pbxsim {
namespace {

__extension__ typedef unsigned __int128 u128;  // -Wpedantic: a GCC and Clang extension

constexpr int kTableBits = 10;
constexpr std::uint64_t kTableSteps = std::uint64_t{1} << kTableBits;

// log2(v) for v in [1, 2], v given in Q62, result in Q32 (truncated): the
// binary logarithm by repeated squaring, one result bit per squaring.
constexpr std::uint64_t log2_q32(std::uint64_t v_q62) {
  constexpr std::uint64_t kTwoQ62 = std::uint64_t{1} << 63;
  if (v_q62 >= kTwoQ62) return std::uint64_t{1} << 32;
  std::uint64_t result = 0;
  for (int bit = 31; bit >= 0; --bit) {
    v_q62 = static_cast<std::uint64_t>((static_cast<u128>(v_q62) * v_q62) >> 62);
    if (v_q62 >= kTwoQ62) {
      result |= std::uint64_t{1} << bit;
      v_q62 >>= 1;
    }
  }
  return result;
}

// log2(1 + i / 1024) in Q32, for i = 0 .. 1024.
constexpr std::array<std::uint64_t, kTableSteps + 1> make_log2_table() {
  std::array<std::uint64_t, kTableSteps + 1> table{};
  for (std::uint64_t i = 0; i <= kTableSteps; ++i) {
    table[i] = log2_q32((std::uint64_t{1} << 62) + (i << (62 - kTableBits)));
  }
  return table;
}

constexpr std::array<std::uint64_t, kTableSteps + 1> kLog2Table = make_log2_table();
static_assert(kLog2Table[0] == 0 && kLog2Table[kTableSteps] == (std::uint64_t{1} << 32));

constexpr std::uint64_t kLn2Q32 = 2977044472u;  // ln 2 * 2^32, rounded

}  // namespace

TimeUs draw_exponential_us(Prng& random, TimeUs mean_us) {
  assert(mean_us >= 0 && mean_us <= kMaxExponentialMeanUs && "an exponential's mean is from 0 to kMaxExponentialMeanUs");
  std::uint64_t x = random.next_u64();
  if (x == 0) x = 1;  // u = x / 2^64 must not be 0
  const int shift = std::countl_zero(x);
  const std::uint64_t mantissa = x << shift;  // top bit set: mantissa / 2^63 is in [1, 2)
  const std::uint64_t index = (mantissa >> (63 - kTableBits)) & (kTableSteps - 1);
  const std::uint64_t between_steps = (mantissa >> (63 - kTableBits - 32)) & 0xFFFF'FFFFu;  // Q32 fraction of a step
  const std::uint64_t low = kLog2Table[index];
  const std::uint64_t fraction_q32 = low + (((kLog2Table[index + 1] - low) * between_steps) >> 32);
  // -log2(u) = 64 - log2(x) = 64 - (63 - shift) - log2(mantissa / 2^63), in Q32.
  const std::uint64_t minus_log2_u_q32 = ((static_cast<std::uint64_t>(shift) + 1) << 32) - fraction_q32;
  const u128 product = static_cast<u128>(minus_log2_u_q32) * kLn2Q32 * static_cast<std::uint64_t>(mean_us);
  return static_cast<TimeUs>((product + (static_cast<u128>(1) << 63)) >> 64);  // Q64 to whole µs, rounded
}

}  // namespace pbxsim
