// The workload distributions (engine duration_distribution.h): the integer
// exponential has an exponential's mean and tail and the same microseconds
// for a seed everywhere; the uniform draws exactly as Prng::between did, so
// workloads written before the distributions keep their traces.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "pbxsim/engine/duration_distribution.h"

using namespace pbxsim;

TEST_CASE("exponential draws have the mean and the tail of an exponential", "[distribution]") {
  Prng random(11);
  const TimeUs mean_us = 8 * kUsPerSecond;
  constexpr int kDraws = 200'000;
  double sum = 0;
  int above_mean = 0;
  int above_three_means = 0;
  for (int i = 0; i < kDraws; ++i) {
    const TimeUs draw = draw_exponential_us(random, mean_us);
    REQUIRE(draw >= 0);
    sum += static_cast<double>(draw);
    above_mean += draw > mean_us ? 1 : 0;
    above_three_means += draw > 3 * mean_us ? 1 : 0;
  }
  // Five standard errors: the mean's is mean / sqrt(n), a share's sqrt(p (1 - p) / n).
  CHECK(std::abs(sum / kDraws / static_cast<double>(mean_us) - 1) < 5 / std::sqrt(kDraws));
  CHECK(std::abs(above_mean / double(kDraws) - std::exp(-1.0)) < 5 * std::sqrt(0.233 / kDraws));
  CHECK(std::abs(above_three_means / double(kDraws) - std::exp(-3.0)) < 5 * std::sqrt(0.047 / kDraws));
}

TEST_CASE("exponential draws: a seed gives the same microseconds on every machine", "[distribution]") {
  // Integer arithmetic only: these values hold for any compiler and CPU.
  Prng random(42);
  std::vector<TimeUs> draws;
  for (int i = 0; i < 5; ++i) draws.push_back(draw_exponential_us(random, 180 * kUsPerSecond));
  CHECK(draws == std::vector<TimeUs>{446142800, 174648821, 69407765, 14092843, 1481378});
}

TEST_CASE("exponential draws with a mean of 0 are 0", "[distribution]") {
  Prng random(3);
  for (int i = 0; i < 100; ++i) CHECK(draw_exponential_us(random, 0) == 0);
}

TEST_CASE("uniform draws are Prng::between's, so older workloads keep their traces", "[distribution]") {
  Prng by_distribution(5);
  Prng by_between(5);
  const DurationDistribution uniform = DurationDistribution::uniform(2 * kUsPerSecond, 20 * kUsPerSecond);
  for (int i = 0; i < 1000; ++i) CHECK(uniform.draw_us(by_distribution) == by_between.between(2 * kUsPerSecond, 20 * kUsPerSecond));
}
