// Where the timeline puts a call bar's label so that the time cursor never
// runs through it: at the bar's start, else just right of the cursor, else
// just left of it. Pure geometry (pixels), kept out of the drawing code so a
// test can check it for every cursor position.
#pragma once

namespace pbxsim::viewer {

struct PixelSpan {
  float left = 0;
  float right = 0;
  bool overlaps(const PixelSpan& other) const { return left < other.right && other.left < right; }
};

inline constexpr float kCursorHalfWidth = 1;  // the cursor is a 2-pixel line
inline constexpr float kLabelPadding = 2;     // backing around the text, each side
inline constexpr float kLabelCursorGap = 3;   // clear space between the cursor and a moved label

// The span the cursor line covers, with the gap a label keeps from it.
PixelSpan cursor_span(float cursor_x);

// The label's backing box (text_width + 2 * kLabelPadding wide) for a bar that
// starts at bar_left, in a plot from plot_left to plot_right. When the cursor
// crosses the box at the bar's start, the box moves beside the cursor on the
// side where it fits in the plot; when it fits on neither side it stays at the
// bar's start (it is drawn after the cursor, so it is still readable).
PixelSpan bar_label_box(float bar_left, float text_width, float plot_left, float plot_right, float cursor_x);

}  // namespace pbxsim::viewer
