// Random durations for load generators (`pbxsim bench` workloads): uniform
// or exponential, drawn from the project's Prng, in whole microseconds.
//
// The exponential is drawn by inverting its CDF, -mean * ln(u), in integer
// arithmetic only: ln(u) = -ln 2 * (64 - log2 x) for the 64-bit draw x, with
// log2 of x's mantissa read from a 1 024-step table of log2 (built at compile
// time by repeated squaring, no floating point) and interpolated linearly
// (error below 2e-7 of the mean). So a seed gives the same microseconds on
// every machine and compiler, which a floating-point log does not promise.
// The draw is capped at 64 ln 2 ≈ 44.4 means (x = 1), once in 2^64.
#pragma once

#include <cstdint>

#include "pbxsim/engine/prng.h"
#include "pbxsim/engine/time.h"

namespace pbxsim {

// -mean_us * ln(u) for u uniform in (0, 1], rounded to the nearest microsecond.
// mean_us must be from 0 to kMaxExponentialMeanUs.
TimeUs draw_exponential_us(Prng& random, TimeUs mean_us);
inline constexpr TimeUs kMaxExponentialMeanUs = TimeUs{1} << 40;  // about 12.7 days

struct DurationDistribution {
  enum class Kind : std::uint8_t { Uniform, Exponential };
  Kind kind = Kind::Uniform;
  TimeUs low_us = 0;   // Uniform: from low_us to high_us, both included
  TimeUs high_us = 0;
  TimeUs mean_us = 0;  // Exponential: its mean

  static DurationDistribution uniform(TimeUs low_us, TimeUs high_us) { return {Kind::Uniform, low_us, high_us, 0}; }
  static DurationDistribution exponential(TimeUs mean_us) { return {Kind::Exponential, 0, 0, mean_us}; }

  TimeUs draw_us(Prng& random) const {
    return kind == Kind::Uniform ? random.between(low_us, high_us) : draw_exponential_us(random, mean_us);
  }
};

}  // namespace pbxsim
