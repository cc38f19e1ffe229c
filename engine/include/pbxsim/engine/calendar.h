// The simulated calendar: simulation time 0 is a wall-clock moment (a
// weekday and a time of day, optionally a date), so time-of-day triggers
// (PAS-4) can be scheduled across days and weekends. Pure arithmetic on
// integer microseconds; no time zones, no daylight saving.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pbxsim/engine/time.h"

namespace pbxsim {

// Weekdays are numbered from Monday = 0 to Sunday = 6; a mask has bit d set
// for weekday d.
using WeekdayMask = std::uint8_t;
inline constexpr WeekdayMask kEveryDay = 0x7f;
inline constexpr WeekdayMask kWorkdays = 0x1f;  // Monday to Friday

// One span of the office hours a topology may declare: open from opens_us
// (inclusive) to closes_us (exclusive) on each weekday in `days`.
struct OfficeHoursSpan {
  WeekdayMask days = kEveryDay;
  TimeUs opens_us = 0;
  TimeUs closes_us = 0;
};

struct CalendarSpec {
  int start_weekday = 0;                  // of simulation time 0
  TimeUs start_time_of_day_us = 0;        // of simulation time 0
  std::optional<std::int64_t> start_day;  // days since 1970-01-01, when a date was given
  std::vector<OfficeHoursSpan> office_hours;  // empty: the topology declares none
};

// A moment on the calendar.
struct CalendarMoment {
  std::int64_t day_index;  // whole days since simulation day 0
  int weekday;             // 0 = Monday
  TimeUs time_of_day_us;
  std::optional<std::int64_t> civil_day;  // days since 1970-01-01, when the calendar has a date
};

class Calendar {
 public:
  explicit Calendar(CalendarSpec spec = {}) : spec_(spec) {}

  const CalendarSpec& spec() const { return spec_; }
  bool has_date() const { return spec_.start_day.has_value(); }
  CalendarMoment at(TimeUs time_us) const;

  // The earliest simulation time >= from_us at which the clock shows
  // time_of_day_us on a weekday in `days`; nullopt when `days` is empty.
  std::optional<TimeUs> next_time_of_day(TimeUs from_us, TimeUs time_of_day_us, WeekdayMask days) const;
  // The simulation time of time_of_day_us on a civil date (days since
  // 1970-01-01); nullopt without a calendar date.
  std::optional<TimeUs> time_on_date(std::int64_t civil_day, TimeUs time_of_day_us) const;
  // Whether time_us falls in one of the declared office-hours spans;
  // nullopt when the topology declares none (rules then decide by themselves).
  std::optional<bool> in_office_hours(TimeUs time_us) const;

  // "Mon 2024-05-06 08:00:00" (without the date when the calendar has none).
  std::string describe(TimeUs time_us) const;

 private:
  CalendarSpec spec_;
};

// "2024-05-06 08:00", "Mon 08:00", "Mon 2024-05-06 08:00:30". A weekday
// that contradicts the date is an error.
std::optional<CalendarSpec> parse_calendar_start(std::string_view text, std::string* error);
// "08:00", "8:05", "17:30:15".
std::optional<TimeUs> parse_time_of_day(std::string_view text, std::string* error);
// "mon", "Monday", "tue" ... (not case-sensitive).
std::optional<int> parse_weekday(std::string_view text);
// "2024-05-06" -> days since 1970-01-01.
std::optional<std::int64_t> parse_date(std::string_view text, std::string* error);

std::string_view weekday_name(int weekday);  // "Mon"
std::string format_time_of_day(TimeUs time_of_day_us);  // "08:00" or "08:00:30"
std::string format_date(std::int64_t civil_day);         // "2024-05-06"
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day);
int weekday_of_civil_day(std::int64_t civil_day);

}  // namespace pbxsim
