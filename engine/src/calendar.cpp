// Sections: civil dates · parsing · Calendar.
#include "pbxsim/engine/calendar.h"
#include "pbxsim/engine/text.h"

#include <array>
#include <cassert>
#include <cctype>
#include <cstdio>

namespace pbxsim {
namespace {

constexpr std::array<std::string_view, 7> kWeekdayNames = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr std::array<std::string_view, 7> kWeekdayLongNames = {"monday", "tuesday", "wednesday", "thursday",
                                                                "friday", "saturday", "sunday"};

std::nullopt_t refuse(std::string* error, std::string message) {
  if (error != nullptr) *error = std::move(message);
  return std::nullopt;
}

// Reads an unsigned number of at most max_digits digits at text[pos].
std::optional<int> read_number(std::string_view text, std::size_t& pos, std::size_t max_digits) {
  const std::size_t start = pos;
  int value = 0;
  while (pos < text.size() && pos - start < max_digits && std::isdigit(static_cast<unsigned char>(text[pos])) != 0) {
    value = value * 10 + (text[pos] - '0');
    ++pos;
  }
  if (pos == start) return std::nullopt;
  return value;
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

// ---------------------------------------------------------------- civil dates

// Howard Hinnant's days_from_civil: proleptic Gregorian calendar.
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) {
  year -= month <= 2 ? 1 : 0;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto year_of_era = static_cast<unsigned>(year - era * 400);
  const unsigned day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + static_cast<std::int64_t>(day_of_era) - 719468;
}

int weekday_of_civil_day(std::int64_t civil_day) {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  const std::int64_t weekday = (civil_day + 3) % 7;
  return static_cast<int>(weekday < 0 ? weekday + 7 : weekday);
}

std::string format_date(std::int64_t civil_day) {
  // civil_from_days, the inverse of days_from_civil.
  const std::int64_t z = civil_day + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto day_of_era = static_cast<unsigned>(z - era * 146097);
  const unsigned year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const unsigned day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const unsigned mp = (5 * day_of_year + 2) / 153;
  const unsigned day = day_of_year - (153 * mp + 2) / 5 + 1;
  const unsigned month = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t year = static_cast<std::int64_t>(year_of_era) + era * 400 + (month <= 2 ? 1 : 0);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02u", static_cast<long long>(year), month, day);
  return buffer;
}

std::string_view weekday_name(int weekday) {
  assert(weekday >= 0 && weekday < 7 && "weekdays are 0 (Monday) to 6 (Sunday)");
  return kWeekdayNames[static_cast<std::size_t>(weekday)];
}

std::string format_time_of_day(TimeUs time_of_day_us) {
  const TimeUs seconds = time_of_day_us / kUsPerSecond;
  char buffer[32];
  if (seconds % 60 == 0 && time_of_day_us % kUsPerSecond == 0) {
    std::snprintf(buffer, sizeof buffer, "%02lld:%02lld", static_cast<long long>(seconds / 3600),
                  static_cast<long long>(seconds / 60 % 60));
  } else {
    std::snprintf(buffer, sizeof buffer, "%02lld:%02lld:%02lld", static_cast<long long>(seconds / 3600),
                  static_cast<long long>(seconds / 60 % 60), static_cast<long long>(seconds % 60));
  }
  return buffer;
}

// -------------------------------------------------------------------- parsing

std::optional<int> parse_weekday(std::string_view text) {
  const std::string key = lower(text);
  for (std::size_t i = 0; i < 7; ++i) {
    if (key == lower(kWeekdayNames[i]) || key == kWeekdayLongNames[i]) return static_cast<int>(i);
  }
  return std::nullopt;
}

std::optional<TimeUs> parse_time_of_day(std::string_view text, std::string* error) {
  const std::string hint = "'" + std::string(text) + "' is not a time of day (write e.g. 08:00 or 17:30:15)";
  std::size_t pos = 0;
  const std::optional<int> hours = read_number(text, pos, 2);
  if (!hours || pos >= text.size() || text[pos] != ':') return refuse(error, hint);
  ++pos;
  const std::size_t minutes_start = pos;
  const std::optional<int> minutes = read_number(text, pos, 2);
  if (!minutes || pos - minutes_start != 2) return refuse(error, hint);
  int seconds = 0;
  if (pos < text.size() && text[pos] == ':') {
    ++pos;
    const std::size_t seconds_start = pos;
    const std::optional<int> parsed = read_number(text, pos, 2);
    if (!parsed || pos - seconds_start != 2) return refuse(error, hint);
    seconds = *parsed;
  }
  if (pos != text.size()) return refuse(error, hint);
  if (*hours > 23 || *minutes > 59 || seconds > 59) {
    return refuse(error, "'" + std::string(text) + "' is not a time of day: hours go to 23, minutes and seconds to 59");
  }
  return *hours * kUsPerHour + *minutes * kUsPerMinute + seconds * kUsPerSecond;
}

std::optional<std::int64_t> parse_date(std::string_view text, std::string* error) {
  const std::string hint = "'" + std::string(text) + "' is not a date (write YYYY-MM-DD, e.g. 2024-05-06)";
  std::size_t pos = 0;
  const std::optional<int> year = read_number(text, pos, 4);
  if (!year || pos != 4 || pos >= text.size() || text[pos] != '-') return refuse(error, hint);
  ++pos;
  const std::optional<int> month = read_number(text, pos, 2);
  if (!month || pos != 7 || pos >= text.size() || text[pos] != '-') return refuse(error, hint);
  ++pos;
  const std::optional<int> day = read_number(text, pos, 2);
  if (!day || pos != 10 || pos != text.size()) return refuse(error, hint);
  if (*month < 1 || *month > 12 || *day < 1) return refuse(error, hint);
  const std::int64_t civil = days_from_civil(*year, static_cast<unsigned>(*month), static_cast<unsigned>(*day));
  // A day past the month's end (2024-02-30) lands in the next month.
  if (format_date(civil) != text) return refuse(error, "'" + std::string(text) + "' is not a day of that month");
  return civil;
}

std::optional<CalendarSpec> parse_calendar_start(std::string_view text, std::string* error) {
  CalendarSpec spec;
  std::optional<int> weekday;
  std::optional<TimeUs> time_of_day;
  std::size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && text[pos] == ' ') ++pos;
    std::size_t end = text.find(' ', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(pos, end - pos);
    pos = end;
    if (word.empty()) continue;
    std::string why;
    if (auto day = parse_weekday(word); day && !weekday) {
      weekday = day;
    } else if (word.find('-') != std::string_view::npos && !spec.start_day) {
      spec.start_day = parse_date(word, &why);
      if (!spec.start_day) return refuse(error, why);
    } else if (word.find(':') != std::string_view::npos && !time_of_day) {
      time_of_day = parse_time_of_day(word, &why);
      if (!time_of_day) return refuse(error, why);
    } else {
      return refuse(error, "'" + std::string(text) + "': cannot read '" + std::string(word) +
                                  "' (write a weekday, a date and a time, e.g. \"Mon 2024-05-06 08:00\")");
    }
  }
  if (!weekday && !spec.start_day) {
    return refuse(error, "'" + std::string(text) + "' needs a weekday or a date (e.g. \"Mon 08:00\" or \"2024-05-06 08:00\")");
  }
  if (spec.start_day) {
    const int actual = weekday_of_civil_day(*spec.start_day);
    if (weekday && *weekday != actual) {
      return refuse(error, format_date(*spec.start_day) + " is a " + std::string(weekday_name(actual)) + ", not a " +
                                  std::string(weekday_name(*weekday)));
    }
    weekday = actual;
  }
  spec.start_weekday = *weekday;
  spec.start_time_of_day_us = time_of_day.value_or(0);
  return spec;
}

// ------------------------------------------------------------------- Calendar

CalendarMoment Calendar::at(TimeUs time_us) const {
  const TimeUs clock_us = spec_.start_time_of_day_us + time_us;
  const std::int64_t day_index = floor_div(clock_us, kUsPerDay);
  CalendarMoment moment;
  moment.day_index = day_index;
  moment.weekday = static_cast<int>(((spec_.start_weekday + day_index) % 7 + 7) % 7);
  moment.time_of_day_us = clock_us - day_index * kUsPerDay;
  if (spec_.start_day) moment.civil_day = *spec_.start_day + day_index;
  return moment;
}

std::optional<TimeUs> Calendar::next_time_of_day(TimeUs from_us, TimeUs time_of_day_us, WeekdayMask days) const {
  assert(time_of_day_us >= 0 && time_of_day_us < kUsPerDay && "a time of day lies within one day");
  if ((days & kEveryDay) == 0) return std::nullopt;
  const CalendarMoment from = at(from_us);
  // Eight days cover every weekday once more, including today's time if it has passed.
  for (std::int64_t offset = 0; offset <= 7; ++offset) {
    const std::int64_t day = from.day_index + offset;
    const int weekday = static_cast<int>(((spec_.start_weekday + day) % 7 + 7) % 7);
    if ((days & (1u << weekday)) == 0) continue;
    const TimeUs candidate = day * kUsPerDay + time_of_day_us - spec_.start_time_of_day_us;
    if (candidate >= from_us) return candidate;
  }
  return std::nullopt;
}

std::optional<TimeUs> Calendar::time_on_date(std::int64_t civil_day, TimeUs time_of_day_us) const {
  if (!spec_.start_day) return std::nullopt;
  return (civil_day - *spec_.start_day) * kUsPerDay + time_of_day_us - spec_.start_time_of_day_us;
}

std::optional<bool> Calendar::in_office_hours(TimeUs time_us) const {
  if (spec_.office_hours.empty()) return std::nullopt;
  const CalendarMoment moment = at(time_us);
  for (const OfficeHoursSpan& span : spec_.office_hours) {
    if ((span.days & (1u << moment.weekday)) == 0) continue;
    if (moment.time_of_day_us >= span.opens_us && moment.time_of_day_us < span.closes_us) return true;
  }
  return false;
}

std::string Calendar::describe(TimeUs time_us) const {
  const CalendarMoment moment = at(time_us);
  std::string text(weekday_name(moment.weekday));
  if (moment.civil_day) text += " " + format_date(*moment.civil_day);
  const TimeUs seconds = moment.time_of_day_us / kUsPerSecond;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, " %02lld:%02lld:%02lld", static_cast<long long>(seconds / 3600),
                static_cast<long long>(seconds / 60 % 60), static_cast<long long>(seconds % 60));
  return text + buffer;
}

}  // namespace pbxsim
