// The timeline's call-bar labels and the time cursor: for every cursor
// position, the cursor line never runs through a label (the label moves
// beside it), and a label stays inside the plot.
#include <catch2/catch.hpp>

#include <algorithm>

#include "bar_label_layout.h"

using namespace pbxsim::viewer;

namespace {

constexpr float kPlotLeft = 530;   // the timeline's plot in a 1280-pixel window
constexpr float kPlotRight = 1270;

}  // namespace

TEST_CASE("viewer timeline: the time cursor never runs through a call bar's label, wherever it stands") {
  for (const float bar_left : {400.0f, kPlotLeft, 700.0f, 1000.0f, 1200.0f}) {  // 400: the bar began left of the view
    for (const float text_width : {30.0f, 180.0f, 320.0f}) {
      for (float cursor_x = kPlotLeft; cursor_x <= kPlotRight; cursor_x += 0.5f) {
        const PixelSpan box = bar_label_box(bar_left, text_width, kPlotLeft, kPlotRight, cursor_x);
        INFO("bar at " << bar_left << ", label " << text_width << " px, cursor at " << cursor_x << ": label "
                       << box.left << ".." << box.right);
        CHECK_FALSE(box.overlaps(cursor_span(cursor_x)));
        CHECK(box.left >= kPlotLeft);
        CHECK(box.right - box.left == Approx(text_width + 2 * kLabelPadding));
        CHECK((box.right <= kPlotRight || box.left == std::max(bar_left, kPlotLeft) + kLabelPadding));  // only a label at its bar may run off
      }
    }
  }
}

TEST_CASE("viewer timeline: a label the cursor does not touch stays at its bar's start") {
  const PixelSpan box = bar_label_box(700, 100, kPlotLeft, kPlotRight, 900);
  CHECK(box.left == 700 + kLabelPadding);
  CHECK(box.right == 700 + kLabelPadding + 100 + 2 * kLabelPadding);
  // A bar that began before the view: its label starts at the plot's edge.
  CHECK(bar_label_box(100, 100, kPlotLeft, kPlotRight, 1200).left == kPlotLeft + kLabelPadding);
}

TEST_CASE("viewer timeline: a label the cursor crosses moves right of it, or left when the right has no room") {
  const PixelSpan right = bar_label_box(700, 100, kPlotLeft, kPlotRight, 720);
  CHECK(right.left == cursor_span(720).right);
  const PixelSpan left = bar_label_box(1200, 100, kPlotLeft, kPlotRight, 1210);
  CHECK(left.right == cursor_span(1210).left);
}

TEST_CASE("viewer timeline: a label wider than the room on either side of the cursor stays at its bar, drawn over it") {
  const PixelSpan box = bar_label_box(kPlotLeft, 700, kPlotLeft, kPlotRight, 900);
  CHECK(box.left == kPlotLeft + kLabelPadding);
}
