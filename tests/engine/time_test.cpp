#include <catch2/catch.hpp>

#include "pbxsim/engine/time.h"

using pbxsim::format_duration;
using pbxsim::parse_duration;

TEST_CASE("time: durations parse exactly in microseconds", "[engine][time]") {
  std::string error;
  CHECK(parse_duration("2s", &error) == 2'000'000);
  CHECK(parse_duration("1m", &error) == 60'000'000);
  CHECK(parse_duration("1m30s", &error) == 90'000'000);
  CHECK(parse_duration("1.5s", &error) == 1'500'000);
  CHECK(parse_duration("500ms", &error) == 500'000);
  CHECK(parse_duration("250us", &error) == 250);
  CHECK(parse_duration("1h", &error) == 3'600'000'000LL);
  CHECK(parse_duration("0", &error) == 0);
  CHECK(parse_duration("12 s", &error) == 12'000'000);
}

TEST_CASE("time: nonsense is refused with a message that says how to fix it", "[engine][time]") {
  std::string error;
  REQUIRE_FALSE(parse_duration("5 parsecs", &error).has_value());
  CHECK(error.find("unknown unit 'parsecs'") != std::string::npos);
  CHECK(error.find("2s") != std::string::npos);
  REQUIRE_FALSE(parse_duration("", &error).has_value());
  REQUIRE_FALSE(parse_duration("12", &error).has_value());
  CHECK(error.find("no unit") != std::string::npos);
  REQUIRE_FALSE(parse_duration("s", &error).has_value());
  REQUIRE_FALSE(parse_duration("1.0000001s", &error).has_value());
  REQUIRE_FALSE(parse_duration("99999999999999999999h", &error).has_value());
}

TEST_CASE("time: formatting is the shortest exact form and parses back", "[engine][time]") {
  CHECK(format_duration(0) == "0s");
  CHECK(format_duration(250) == "250us");
  CHECK(format_duration(500'000) == "500ms");
  CHECK(format_duration(1'500'000) == "1.5s");
  CHECK(format_duration(90'000'000) == "1m30s");
  CHECK(format_duration(7'200'000'000LL) == "2h");
  for (pbxsim::TimeUs value : {1LL, 999LL, 1'000LL, 12'000'000LL, 3'723'000'001LL}) {
    std::string error;
    CHECK(parse_duration(format_duration(value), &error) == value);
  }
}
