#include <catch2/catch.hpp>

#include "pbxsim/engine/time.h"
#include "pbxsim/engine/time_messages.h"

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

TEST_CASE("time: the clock notation H:MM and H:MM:SS, as vendor documents write durations", "[engine][time]") {
  std::string error;
  CHECK(parse_duration("8:00", &error) == 8 * pbxsim::kUsPerHour);
  CHECK(parse_duration("0:15", &error) == 15 * pbxsim::kUsPerMinute);
  CHECK(parse_duration("1:30:05", &error) == pbxsim::kUsPerHour + 30 * pbxsim::kUsPerMinute + 5 * pbxsim::kUsPerSecond);
  REQUIRE_FALSE(parse_duration("8:0", &error).has_value());
  CHECK(error.find("H:MM") != std::string::npos);
  REQUIRE_FALSE(parse_duration("8:75", &error).has_value());
  CHECK(error.find("00 to 59") != std::string::npos);
  REQUIRE_FALSE(parse_duration(":30", &error).has_value());
  REQUIRE_FALSE(parse_duration("1:00:00:00", &error).has_value());
}

TEST_CASE("time: microseconds as us, µs (micro sign) or μs (Greek mu)", "[engine][time]") {
  std::string error;
  CHECK(parse_duration("15us", &error) == 15);
  CHECK(parse_duration("15\xC2\xB5s", &error) == 15);
  CHECK(parse_duration("15\xCE\xBCs", &error) == 15);
  CHECK(parse_duration("1s 15\xC2\xB5s", &error) == 1'000'015);
}

TEST_CASE("time: a number without a unit is refused with a suggestion of \"15s\"", "[engine][time]") {
  std::string error;
  REQUIRE_FALSE(parse_duration("15", &error).has_value());
  CHECK(error.find("\"15s\"") != std::string::npos);
  CHECK(pbxsim::unitless_time_message(15000).find("\"15000s\"") != std::string::npos);
}

TEST_CASE("time: a fraction of a day with many digits is exact or refused, never an overflow", "[engine][time]") {
  std::string error;
  CHECK(parse_duration("0.25d", &error) == 6 * 3600 * 1'000'000LL);
  CHECK(parse_duration("1.5d", &error) == 36 * 3600 * 1'000'000LL);
  // 0.888888886 of a day times 86 400 000 000 us overflowed a 64-bit product (fuzz_time_dial).
  CHECK_FALSE(parse_duration("1869.888888886d", &error).has_value());
  CHECK_THAT(error, Catch::Contains("finer than a microsecond"));
  CHECK(parse_duration("0.000000125d", &error) == 10'800);     // 10.8 ms
  CHECK_FALSE(parse_duration("0.000000001d", &error).has_value());  // 86.4 us
  CHECK(parse_duration("0.000003125d", &error) == 270'000);        // exact: 0.27 s
}
