#include "pbxsim/engine/time.h"
#include "pbxsim/engine/time_messages.h"

#include <array>
#include <cctype>
#include <limits>
#include <utility>

namespace pbxsim {
namespace {

struct Unit {
  std::string_view name;
  TimeUs size_us;
};

constexpr std::array<Unit, 9> kUnits{{
    {"us", 1},
    {"ms", kUsPerMs},
    {"s", kUsPerSecond},
    {"sec", kUsPerSecond},
    {"m", kUsPerMinute},
    {"min", kUsPerMinute},
    {"h", kUsPerHour},
    {"d", kUsPerDay},
    {"day", kUsPerDay},
}};

std::optional<TimeUs> unit_size(std::string_view name) {
  for (const Unit& unit : kUnits) {
    if (unit.name == name) return unit.size_us;
  }
  return std::nullopt;
}

bool fail(std::string* error, std::string_view text, std::string_view why) {
  if (error != nullptr) {
    // Appended piece by piece: GCC 12 at -O3 warns (-Wrestrict, a false
    // alarm) on the chained operator+ this replaced.
    std::string message = "'";
    message.append(text).append("' is not a time: ").append(why).append(" (write e.g. 500ms, 2s, 1m30s, 1.5h, 8:00)");
    *error = std::move(message);
  }
  return false;
}

// "H:MM" or "H:MM:SS", the clock notation vendor documents use for
// durations ("max_login_time 8:00" is eight hours).
std::optional<TimeUs> parse_clock_duration(std::string_view text, std::string* error) {
  TimeUs hours = 0;
  std::size_t pos = 0;
  while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])) && hours < 1'000'000) {
    hours = hours * 10 + (text[pos++] - '0');
  }
  if (pos == 0 || hours >= 1'000'000) {
    fail(error, text, "write hours before the colon, as in 8:00 or 1:30:00");
    return std::nullopt;
  }
  TimeUs total_us = hours * kUsPerHour;
  for (const TimeUs unit_us : {kUsPerMinute, kUsPerSecond}) {
    if (pos == text.size() && unit_us == kUsPerSecond) break;  // H:MM
    if (pos + 3 > text.size() || text[pos] != ':' || !std::isdigit(static_cast<unsigned char>(text[pos + 1])) ||
        !std::isdigit(static_cast<unsigned char>(text[pos + 2]))) {
      fail(error, text, "write H:MM or H:MM:SS with two digits after each colon");
      return std::nullopt;
    }
    const TimeUs value = (text[pos + 1] - '0') * 10 + (text[pos + 2] - '0');
    if (value >= 60) {
      fail(error, text, "minutes and seconds after a colon run from 00 to 59");
      return std::nullopt;
    }
    total_us += value * unit_us;
    pos += 3;
  }
  if (pos != text.size()) {
    fail(error, text, "write H:MM or H:MM:SS with two digits after each colon");
    return std::nullopt;
  }
  return total_us;
}

// Microseconds in the notation people type: "us", "µs" (micro sign) or
// "μs" (Greek mu). Returns the length of the unit at `text`, 0 if none.
std::size_t micro_unit_length(std::string_view text) {
  for (std::string_view unit : {std::string_view("\xC2\xB5s"), std::string_view("\xCE\xBCs")}) {
    if (text.starts_with(unit)) return unit.size();
  }
  return 0;
}

}  // namespace

std::string unitless_time_message(std::int64_t number) {
  return "a time needs a unit: write \"" + std::to_string(number) + "s\" for seconds (or \"" + std::to_string(number) +
         "ms\", \"" + std::to_string(number) + "us\"); a bare number is ambiguous";
}

std::optional<TimeUs> parse_duration(std::string_view text, std::string* error) {
  constexpr TimeUs kMax = std::numeric_limits<TimeUs>::max() / 4;
  std::size_t pos = 0;
  auto skip_spaces = [&] {
    while (pos < text.size() && text[pos] == ' ') ++pos;
  };
  skip_spaces();
  if (pos == text.size()) {
    fail(error, text, "it is empty");
    return std::nullopt;
  }
  if (text.substr(pos) == "0") return 0;
  if (text.find(':') != std::string_view::npos) return parse_clock_duration(text.substr(pos), error);

  TimeUs total_us = 0;
  while (pos < text.size()) {
    // Number: digits with an optional fraction, kept exact as integer/scale.
    const std::size_t number_start = pos;
    TimeUs whole = 0;
    TimeUs fraction = 0;
    TimeUs fraction_scale = 1;
    std::size_t digits = 0;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
      if (whole > (kMax - 9) / 10) {
        fail(error, text, "it is too large");
        return std::nullopt;
      }
      whole = whole * 10 + (text[pos] - '0');
      ++pos;
      ++digits;
    }
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
        if (fraction_scale < 1'000'000'000) {
          fraction = fraction * 10 + (text[pos] - '0');
          fraction_scale *= 10;
        }
        ++pos;
        ++digits;
      }
    }
    if (digits == 0) {
      fail(error, text, "a number must come before each unit");
      return std::nullopt;
    }
    skip_spaces();
    std::size_t unit_start = pos;
    std::optional<TimeUs> size_us;
    std::string_view unit_name;
    if (const std::size_t micro = micro_unit_length(text.substr(pos)); micro > 0) {
      pos += micro;
      unit_name = text.substr(unit_start, micro);
      size_us = 1;
    } else {
      while (pos < text.size() && std::isalpha(static_cast<unsigned char>(text[pos]))) ++pos;
      unit_name = text.substr(unit_start, pos - unit_start);
      if (unit_name.empty()) {
        fail(error, text, "the number has no unit (write e.g. \"" + std::string(text.substr(number_start, unit_start - number_start)) + "s\")");
        return std::nullopt;
      }
      size_us = unit_size(unit_name);
    }
    if (!size_us) {
      fail(error, text, "unknown unit '" + std::string(unit_name) + "'");
      return std::nullopt;
    }
    if (whole > kMax / *size_us) {
      fail(error, text, "it is too large");
      return std::nullopt;
    }
    TimeUs part_us = whole * *size_us;
    // fraction * size_us / scale without forming the product, which
    // overflows for a day's microseconds: size_us = q * scale + r, and
    // fraction < scale <= 1e9 keeps both terms in range.
    const TimeUs q = *size_us / fraction_scale;
    const TimeUs r = *size_us % fraction_scale;
    if ((r * fraction) % fraction_scale != 0) {
      fail(error, text, "it is finer than a microsecond");
      return std::nullopt;
    }
    TimeUs fraction_us = q * fraction + r * fraction / fraction_scale;
    total_us += part_us + fraction_us;
    if (total_us > kMax) {
      fail(error, text, "it is too large");
      return std::nullopt;
    }
    skip_spaces();
  }
  return total_us;
}

std::string format_duration(TimeUs duration_us) {
  if (duration_us == 0) return "0s";
  std::string sign = duration_us < 0 ? "-" : "";
  TimeUs rest = duration_us < 0 ? -duration_us : duration_us;
  if (rest < kUsPerMs) return sign + std::to_string(rest) + "us";
  if (rest < kUsPerSecond && rest % kUsPerMs == 0) return sign + std::to_string(rest / kUsPerMs) + "ms";
  std::string out = sign;
  if (rest >= kUsPerHour) {
    out += std::to_string(rest / kUsPerHour) + "h";
    rest %= kUsPerHour;
  }
  if (rest >= kUsPerMinute) {
    out += std::to_string(rest / kUsPerMinute) + "m";
    rest %= kUsPerMinute;
  }
  if (rest > 0) {
    out += std::to_string(rest / kUsPerSecond);
    TimeUs micros = rest % kUsPerSecond;
    if (micros != 0) {
      std::string digits = std::to_string(micros);
      digits.insert(0, 6 - digits.size(), '0');
      while (!digits.empty() && digits.back() == '0') digits.pop_back();
      out += "." + digits;
    }
    out += "s";
  }
  return out;
}

}  // namespace pbxsim
