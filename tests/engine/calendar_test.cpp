// The simulated calendar: parsing a start, naming moments, and the next time
// a time of day comes round on chosen weekdays (PAS-4 triggers).
#include <catch2/catch.hpp>

#include "pbxsim/engine/calendar.h"

using namespace pbxsim;

namespace {

Calendar calendar_from(const char* start) {
  std::string error;
  const std::optional<CalendarSpec> spec = parse_calendar_start(start, &error);
  INFO(error);
  REQUIRE(spec.has_value());
  return Calendar(*spec);
}

}  // namespace

TEST_CASE("calendar: a start is a weekday, a date and a time, or any of them with a weekday or date", "[engine][calendar]") {
  std::string error;
  const auto dated = parse_calendar_start("2024-05-06 08:00", &error);
  REQUIRE(dated);
  CHECK(dated->start_weekday == 0);  // a Monday
  CHECK(dated->start_day == days_from_civil(2024, 5, 6));
  CHECK(dated->start_time_of_day_us == 8 * kUsPerHour);
  const auto weekday_only = parse_calendar_start("Sat 23:59:30", &error);
  REQUIRE(weekday_only);
  CHECK(weekday_only->start_weekday == 5);
  CHECK_FALSE(weekday_only->start_day.has_value());
  CHECK(weekday_only->start_time_of_day_us == 23 * kUsPerHour + 59 * kUsPerMinute + 30 * kUsPerSecond);
  CHECK(parse_calendar_start("Monday 2024-05-06", &error));
}

TEST_CASE("calendar: a weekday that contradicts the date, or nonsense, is refused with the reason", "[engine][calendar]") {
  std::string error;
  CHECK_FALSE(parse_calendar_start("Tue 2024-05-06 08:00", &error));
  CHECK(error == "2024-05-06 is a Mon, not a Tue");
  CHECK_FALSE(parse_calendar_start("08:00", &error));
  CHECK(error.find("needs a weekday or a date") != std::string::npos);
  CHECK_FALSE(parse_calendar_start("Mon 24:00", &error));
  CHECK_FALSE(parse_calendar_start("2023-02-29 08:00", &error));
  CHECK(error.find("not a day of that month") != std::string::npos);
  CHECK(parse_calendar_start("2024-02-29 08:00", &error));  // a leap day
  CHECK_FALSE(parse_time_of_day("8", &error));
  CHECK_FALSE(parse_time_of_day("08:5", &error));
  CHECK(parse_time_of_day("8:05", &error) == 8 * kUsPerHour + 5 * kUsPerMinute);
}

TEST_CASE("calendar: moments carry weekday, time of day and date across midnight", "[engine][calendar]") {
  const Calendar calendar = calendar_from("Sun 2024-05-05 23:30");
  CHECK(calendar.describe(0) == "Sun 2024-05-05 23:30:00");
  CHECK(calendar.describe(30 * kUsPerMinute) == "Mon 2024-05-06 00:00:00");
  CHECK(calendar.describe(7 * kUsPerDay + 45 * kUsPerMinute) == "Mon 2024-05-13 00:15:00");
  const CalendarMoment moment = calendar.at(kUsPerHour);
  CHECK(moment.weekday == 0);
  CHECK(moment.day_index == 1);
  CHECK(moment.time_of_day_us == 30 * kUsPerMinute);
  CHECK(calendar_from("Wed 12:00").describe(kUsPerDay) == "Thu 12:00:00");
}

TEST_CASE("calendar: the next time of day on weekdays skips the weekend", "[engine][calendar]") {
  const Calendar friday_evening = calendar_from("Fri 17:00");
  // Monday 08:00 is 2 days and 15 hours after Friday 17:00.
  CHECK(friday_evening.next_time_of_day(0, 8 * kUsPerHour, kWorkdays) == 63 * kUsPerHour);
  // Every day: Saturday 08:00.
  CHECK(friday_evening.next_time_of_day(0, 8 * kUsPerHour, kEveryDay) == 15 * kUsPerHour);
  // Sundays only.
  CHECK(friday_evening.next_time_of_day(0, 8 * kUsPerHour, 1u << 6) == 39 * kUsPerHour);
  // Later today.
  CHECK(friday_evening.next_time_of_day(0, 18 * kUsPerHour, kWorkdays) == kUsPerHour);
  // Exactly now counts; a microsecond later it is next week's Friday.
  CHECK(friday_evening.next_time_of_day(0, 17 * kUsPerHour, 1u << 4) == 0);
  CHECK(friday_evening.next_time_of_day(1, 17 * kUsPerHour, 1u << 4) == 7 * kUsPerDay);
  CHECK_FALSE(friday_evening.next_time_of_day(0, 8 * kUsPerHour, 0).has_value());
}

TEST_CASE("calendar: a time on a civil date, only when the calendar has a date", "[engine][calendar]") {
  const Calendar dated = calendar_from("2024-05-06 08:00");
  CHECK(dated.time_on_date(days_from_civil(2024, 5, 7), 9 * kUsPerHour) == 25 * kUsPerHour);
  CHECK(dated.time_on_date(days_from_civil(2024, 5, 6), 7 * kUsPerHour) == -kUsPerHour);
  CHECK_FALSE(calendar_from("Mon 08:00").time_on_date(0, 0).has_value());
  CHECK(format_date(days_from_civil(2000, 2, 29)) == "2000-02-29");
  CHECK(weekday_of_civil_day(0) == 3);  // 1970-01-01 was a Thursday
}

TEST_CASE("calendar: office hours are open from the opening time up to, not including, the closing time",
          "[engine][calendar]") {
  std::string error;
  CalendarSpec spec = parse_calendar_start("Fri 07:59", &error).value();
  CHECK_FALSE(Calendar(spec).in_office_hours(0).has_value());  // none declared: rules decide by themselves
  spec.office_hours = {OfficeHoursSpan{kWorkdays, 8 * 3600 * kUsPerSecond, 18 * 3600 * kUsPerSecond},
                       OfficeHoursSpan{1u << 5, 9 * 3600 * kUsPerSecond, 12 * 3600 * kUsPerSecond}};
  const Calendar calendar(spec);
  const TimeUs minute = 60 * kUsPerSecond;
  CHECK(calendar.in_office_hours(0) == false);                        // Fri 07:59
  CHECK(calendar.in_office_hours(minute) == true);                    // Fri 08:00
  CHECK(calendar.in_office_hours(601 * minute - 1) == true);          // Fri 17:59:59.999999
  CHECK(calendar.in_office_hours(601 * minute) == false);             // Fri 18:00
  CHECK(calendar.in_office_hours((24 * 60 + 61) * minute) == true);   // Sat 09:00
  CHECK(calendar.in_office_hours((24 * 60 + 241) * minute) == false); // Sat 12:00
  CHECK(calendar.in_office_hours((48 * 60 + 121) * minute) == false); // Sun 10:00
}
