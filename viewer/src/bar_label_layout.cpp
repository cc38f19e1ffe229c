#include "bar_label_layout.h"

#include <algorithm>

namespace pbxsim::viewer {

PixelSpan cursor_span(float cursor_x) {
  return {cursor_x - kCursorHalfWidth - kLabelCursorGap, cursor_x + kCursorHalfWidth + kLabelCursorGap};
}

PixelSpan bar_label_box(float bar_left, float text_width, float plot_left, float plot_right, float cursor_x) {
  const float width = text_width + 2 * kLabelPadding;
  const float start = std::max(plot_left, bar_left) + kLabelPadding;
  const PixelSpan at_start{start, start + width};
  const PixelSpan cursor = cursor_span(cursor_x);
  if (!at_start.overlaps(cursor)) return at_start;
  if (cursor.right + width <= plot_right) return {cursor.right, cursor.right + width};
  if (cursor.left - width >= plot_left) return {cursor.left - width, cursor.left};
  return at_start;
}

}  // namespace pbxsim::viewer
