// Simulated time: integer microseconds since the start of a simulation.
// Floating point never reaches scheduling; durations are parsed exactly.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pbxsim {

using TimeUs = std::int64_t;

inline constexpr TimeUs kUsPerMs = 1'000;
inline constexpr TimeUs kUsPerSecond = 1'000'000;
inline constexpr TimeUs kUsPerMinute = 60 * kUsPerSecond;
inline constexpr TimeUs kUsPerHour = 60 * kUsPerMinute;
inline constexpr TimeUs kUsPerDay = 24 * kUsPerHour;

// Parses "2s", "500ms", "1m30s", "1.5s", "1h", "250us" (or "250µs"), "0", and "8:00" (H:MM) or
// "1:30:00" (H:MM:SS). Returns microseconds, or nullopt with a message that says how to fix it.
std::optional<TimeUs> parse_duration(std::string_view text, std::string* error);

// Shortest exact rendering: 0s, 250us, 1.5s, 1m30s, 2h.
std::string format_duration(TimeUs duration_us);

}  // namespace pbxsim
