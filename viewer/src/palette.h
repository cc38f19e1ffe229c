// Colours the viewer draws with. The lane backgrounds and the failed-check
// marker are exact colours no other element uses, so the screenshot tests
// (tests/viewer/png_check.cpp) can find them by reading pixels.
#pragma once

#include <cstdint>

namespace pbxsim::viewer::palette {

struct Rgb {
  std::uint8_t r, g, b;
};

inline constexpr Rgb kLaneEven{38, 50, 72};
inline constexpr Rgb kLaneOdd{30, 40, 58};
inline constexpr Rgb kFailedCheck{200, 40, 40};
inline constexpr Rgb kCursor{255, 230, 0};  // the timeline's time cursor
inline constexpr Rgb kDiffers{92, 62, 22};   // a run diff row that differs between the runs

}  // namespace pbxsim::viewer::palette
