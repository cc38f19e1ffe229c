// Checks a pbxsim-viewer screenshot by reading its pixels (stb_image from
// Debian's libstb):
//
//   viewer_png_check FILE.png --size WxH [--min-colours N] [--min-lanes N]
//                    [--failed-check yes|no] [--cursor-at-failed-check yes] [--diff-rows N]
//                    [--cursor-unbroken yes] [--event-kinds N] [--legend yes]
//
// --min-lanes counts the timeline's lanes down one pixel column inside the
// view (the lane backgrounds alternate between two exact colours of
// viewer/src/palette.h; marks and text on a lane do not split it).
// --failed-check looks for the failed-check marker colour.
// --diff-rows N: at least N rows of the run diff are highlighted as
// differing (counted down the middle of the view).
// --cursor-at-failed-check: the time cursor (the column with the most cursor
// pixels) stands where a failed check's marker is drawn on the timeline's
// axis, i.e. the view opened at the moment the check ran.
// --cursor-unbroken: the time cursor's column is the cursor's colour from its
// top to its bottom, so no call bar's label is drawn over it (labels are
// drawn after the cursor and move beside it).
// --event-kinds N: marks of at least N of the kinds alerted, skipped and
// answered are drawn on the lanes (rows with a lane background), i.e. the
// calls' events are in view, not off screen.
// --legend yes: the legend's swatches for the failed check and the cursor
// (a shade off the drawn colours) are there. Prints what it
// found; exits 1 when a condition does not hold, 2 for bad arguments.
#include <stb/stb_image.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>
#include <string>

#include "palette.h"

namespace {

using pbxsim::viewer::palette::Rgb;

bool near(const unsigned char* pixel, Rgb colour) {
  return std::abs(pixel[0] - colour.r) <= 2 && std::abs(pixel[1] - colour.g) <= 2 && std::abs(pixel[2] - colour.b) <= 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: viewer_png_check FILE.png --size WxH [--min-colours N] [--min-lanes N] "
                         "[--failed-check yes|no]\n");
    return 2;
  }
  int want_width = 0, want_height = 0, min_colours = 0, min_lanes = 0;
  std::string failed_check;
  bool cursor_at_failed_check = false;
  bool cursor_unbroken = false;
  bool legend = false;
  int min_event_kinds = 0;
  int min_diff_rows = 0;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string option = argv[i];
    const char* value = argv[i + 1];
    if (option == "--size") std::sscanf(value, "%dx%d", &want_width, &want_height);
    else if (option == "--min-colours") min_colours = std::atoi(value);
    else if (option == "--min-lanes") min_lanes = std::atoi(value);
    else if (option == "--failed-check") failed_check = value;
    else if (option == "--diff-rows") min_diff_rows = std::atoi(value);
    else if (option == "--cursor-at-failed-check") cursor_at_failed_check = std::string(value) == "yes";
    else if (option == "--cursor-unbroken") cursor_unbroken = std::string(value) == "yes";
    else if (option == "--legend") legend = std::string(value) == "yes";
    else if (option == "--event-kinds") min_event_kinds = std::atoi(value);
    else {
      std::fprintf(stderr, "%s: unknown option\n", option.c_str());
      return 2;
    }
  }
  int width = 0, height = 0, channels = 0;
  unsigned char* pixels = stbi_load(argv[1], &width, &height, &channels, 3);
  if (pixels == nullptr) {
    std::fprintf(stderr, "%s: cannot read the PNG (%s)\n", argv[1], stbi_failure_reason());
    return 1;
  }
  auto at = [&](int x, int y) { return pixels + (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) * 3; };
  bool ok = true;
  std::printf("%s: %dx%d\n", argv[1], width, height);
  if (want_width != 0 && (width != want_width || height != want_height)) {
    std::printf("  wrong size: expected %dx%d\n", want_width, want_height);
    ok = false;
  }

  std::set<unsigned> colours;
  long failed_pixels = 0;
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      const unsigned char* p = at(x, y);
      colours.insert(static_cast<unsigned>(p[0]) << 16 | static_cast<unsigned>(p[1]) << 8 | p[2]);
      if (near(p, pbxsim::viewer::palette::kFailedCheck)) ++failed_pixels;
    }
  }
  std::printf("  %zu colours, %ld failed-check marker pixels\n", colours.size(), failed_pixels);
  if (static_cast<int>(colours.size()) < min_colours) {
    std::printf("  blank or nearly: fewer than %d colours\n", min_colours);
    ok = false;
  }
  if (failed_check == "yes" && failed_pixels < 100) {
    std::printf("  no failed check drawn\n");
    ok = false;
  }
  if (failed_check == "no" && failed_pixels > 0) {
    std::printf("  a failed check is drawn where none failed\n");
    ok = false;
  }

  if (min_event_kinds > 0) {
    // The mark colours of viewer/src/timeline_view.cpp (mark_colour).
    const Rgb kinds[] = {{110, 220, 110}, {240, 140, 60}, {60, 255, 160}};
    bool seen[3] = {false, false, false};
    for (int y = 0; y < height; ++y) {
      bool lane_row = false;
      for (int x = 0; x < width && !lane_row; ++x) {
        lane_row = near(at(x, y), pbxsim::viewer::palette::kLaneEven) || near(at(x, y), pbxsim::viewer::palette::kLaneOdd);
      }
      for (int x = 0; lane_row && x < width; ++x) {
        for (int k = 0; k < 3; ++k) seen[k] = seen[k] || near(at(x, y), kinds[k]);
      }
    }
    const int found = int{seen[0]} + int{seen[1]} + int{seen[2]};
    std::printf("  event marks on the lanes: alerted %s, skipped %s, answered %s\n", seen[0] ? "yes" : "no",
                seen[1] ? "yes" : "no", seen[2] ? "yes" : "no");
    if (found < min_event_kinds) {
      std::printf("  expected marks of at least %d of these kinds in view\n", min_event_kinds);
      ok = false;
    }
  }
  if (legend) {
    const Rgb failed_swatch{static_cast<std::uint8_t>(pbxsim::viewer::palette::kFailedCheck.r - 30),
                            pbxsim::viewer::palette::kFailedCheck.g, pbxsim::viewer::palette::kFailedCheck.b};
    const Rgb cursor_swatch{static_cast<std::uint8_t>(pbxsim::viewer::palette::kCursor.r - 25),
                            static_cast<std::uint8_t>(pbxsim::viewer::palette::kCursor.g - 25),
                            pbxsim::viewer::palette::kCursor.b};
    long failed_pixels_swatch = 0, cursor_pixels_swatch = 0;
    for (int y = 0; y < height; ++y) {
      for (int x = 0; x < width; ++x) {
        failed_pixels_swatch += near(at(x, y), failed_swatch) ? 1 : 0;
        cursor_pixels_swatch += near(at(x, y), cursor_swatch) ? 1 : 0;
      }
    }
    std::printf("  legend swatches: failed check %ld pixels, time cursor %ld pixels\n", failed_pixels_swatch,
                cursor_pixels_swatch);
    if (failed_pixels_swatch < 20 || cursor_pixels_swatch < 20) {
      std::printf("  the legend of marks and colours is missing\n");
      ok = false;
    }
  }

  // The time cursor: the pixel column with the most cursor-coloured pixels.
  int cursor_x = -1, cursor_pixels = 0;
  for (int x = 0; x < width; ++x) {
    int count = 0;
    for (int y = 0; y < height; ++y) count += near(at(x, y), pbxsim::viewer::palette::kCursor) ? 1 : 0;
    if (count > cursor_pixels) {
      cursor_pixels = count;
      cursor_x = x;
    }
  }
  if (cursor_unbroken) {
    int first = -1, last = -1, other = 0;
    for (int y = 0; cursor_x >= 0 && y < height; ++y) {
      if (!near(at(cursor_x, y), pbxsim::viewer::palette::kCursor)) continue;
      if (first < 0) first = y;
      last = y;
    }
    for (int y = first; first >= 0 && y <= last; ++y) other += near(at(cursor_x, y), pbxsim::viewer::palette::kCursor) ? 0 : 1;
    std::printf("  time cursor at x=%d from y=%d to y=%d, %d pixels of it covered\n", cursor_x, first, last, other);
    if (cursor_pixels < 50 || other > 0) {
      std::printf("  the time cursor is missing or something (a label) is drawn over it\n");
      ok = false;
    }
  }
  if (cursor_at_failed_check) {
    // A failed-check marker pixel within a few pixels of the cursor's column.
    bool marker_at_cursor = false;
    for (int x = std::max(0, cursor_x - 4); cursor_x >= 0 && x <= std::min(width - 1, cursor_x + 4); ++x) {
      for (int y = 0; y < height; ++y) marker_at_cursor = marker_at_cursor || near(at(x, y), pbxsim::viewer::palette::kFailedCheck);
    }
    std::printf("  time cursor at x=%d (%d pixels), failed-check marker there: %s\n", cursor_x, cursor_pixels,
                marker_at_cursor ? "yes" : "no");
    if (cursor_pixels < 50 || !marker_at_cursor) {
      std::printf("  the time cursor does not stand at the failed check\n");
      ok = false;
    }
  }

  if (min_diff_rows > 0) {
    // Highlighted rows down one column in the view's run A side.
    int rows = 0;
    bool inside = false;
    const int x = width * 3 / 4;
    for (int y = 0; y < height; ++y) {
      const bool differs = near(at(x, y), pbxsim::viewer::palette::kDiffers);
      if (differs && !inside) ++rows;
      inside = differs;
    }
    std::printf("  %d highlighted diff rows\n", rows);
    if (rows < min_diff_rows) {
      std::printf("  expected at least %d highlighted diff rows\n", min_diff_rows);
      ok = false;
    }
  }

  if (min_lanes > 0) {
    // The most lanes found down any column in the right half (the view).
    int best = 0;
    for (int x = width / 2; x < width; x += 7) {
      int lanes = 0;
      int last = -1;  // 0 even, 1 odd
      for (int y = 0; y < height; ++y) {
        const unsigned char* p = at(x, y);
        const int kind = near(p, pbxsim::viewer::palette::kLaneEven) ? 0 : near(p, pbxsim::viewer::palette::kLaneOdd) ? 1 : -1;
        if (kind >= 0 && kind != last) {
          ++lanes;
          last = kind;
        }
      }
      if (lanes > best) best = lanes;
    }
    std::printf("  %d timeline lanes\n", best);
    if (best < min_lanes) {
      std::printf("  expected at least %d lanes\n", min_lanes);
      ok = false;
    }
  }
  stbi_image_free(pixels);
  return ok ? 0 : 1;
}
