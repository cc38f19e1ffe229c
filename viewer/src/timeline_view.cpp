// The timeline: one lane per device, user or server that appears in the
// trace, then one lane per call with a bar from offer to outcome (or
// release). Events are marks; hovering one shows it. The wheel zooms around
// the mouse, dragging with the right button pans, a left click moves the
// time cursor (which the state view reads).
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "bar_label_layout.h"
#include "palette.h"
#include "pbxsim/simulator/call_summary.h"
#include "views.h"

namespace pbxsim::viewer {
namespace {

constexpr float kLabelWidth = 150;
constexpr float kLaneHeight = 24;
constexpr float kAxisHeight = 22;

ImU32 lane_colour(std::size_t lane) {
  const palette::Rgb rgb = lane % 2 == 0 ? palette::kLaneEven : palette::kLaneOdd;
  return IM_COL32(rgb.r, rgb.g, rgb.b, 255);
}

ImU32 mark_colour(TraceKind kind) {
  switch (kind) {
    case TraceKind::Alerted: return IM_COL32(110, 220, 110, 255);
    case TraceKind::Skipped: return IM_COL32(240, 140, 60, 255);
    case TraceKind::Answered: return IM_COL32(60, 255, 160, 255);
    case TraceKind::Registered:
    case TraceKind::RegistrationRefreshed: return IM_COL32(90, 160, 255, 255);
    case TraceKind::Unregistered:
    case TraceKind::RegistrationExpired:
    case TraceKind::RegistrationReplaced: return IM_COL32(150, 110, 255, 255);
    case TraceKind::DndChanged: return IM_COL32(230, 110, 230, 255);
    case TraceKind::Outcome: return IM_COL32(250, 250, 250, 255);
    case TraceKind::Forwarded: return IM_COL32(250, 220, 80, 255);
    default: return IM_COL32(170, 170, 170, 255);
  }
}

ImU32 outcome_colour(CallOutcome outcome) {
  switch (outcome) {
    case CallOutcome::Answered: return IM_COL32(60, 150, 90, 255);
    case CallOutcome::Voicemail: return IM_COL32(70, 110, 190, 255);
    case CallOutcome::None: return IM_COL32(110, 110, 110, 255);
    default: return IM_COL32(190, 120, 50, 255);
  }
}

void swatch(ImU32 colour, const char* name) {
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float size = ImGui::GetTextLineHeight() * 0.7f;
  const float top = at.y + (ImGui::GetTextLineHeight() - size) / 2;
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(at.x, top), ImVec2(at.x + size, top + size), colour);
  ImGui::Dummy(ImVec2(size, ImGui::GetTextLineHeight()));
  ImGui::SameLine(0, 4);
  ImGui::TextUnformatted(name);
  ImGui::SameLine(0, 12);
}

// What the marks, bars and lines mean. The failed-check and cursor swatches
// are a shade off the drawn colours, which the screenshot tests look for
// (tests/viewer/png_check.cpp) and only the drawn elements may use.
void draw_legend() {
  ImGui::TextDisabled("marks:");
  ImGui::SameLine();
  swatch(mark_colour(TraceKind::Alerted), "alerted");
  swatch(mark_colour(TraceKind::Skipped), "skipped");
  swatch(mark_colour(TraceKind::Answered), "answered");
  swatch(mark_colour(TraceKind::Forwarded), "forwarded");
  swatch(mark_colour(TraceKind::Outcome), "outcome");
  swatch(mark_colour(TraceKind::Registered), "registered");
  swatch(mark_colour(TraceKind::Unregistered), "unregistered, expired");
  swatch(mark_colour(TraceKind::DndChanged), "DND");
  swatch(mark_colour(TraceKind::Released), "other");
  ImGui::NewLine();
  ImGui::TextDisabled("calls: ");
  ImGui::SameLine();
  swatch(outcome_colour(CallOutcome::Answered), "answered");
  swatch(outcome_colour(CallOutcome::Voicemail), "voicemail");
  swatch(outcome_colour(CallOutcome::Busy), "busy, no answer, rejected ...");
  swatch(outcome_colour(CallOutcome::None), "undecided");
  swatch(IM_COL32(palette::kFailedCheck.r - 30, palette::kFailedCheck.g, palette::kFailedCheck.b, 255),
         "failed check (on the axis)");
  swatch(IM_COL32(palette::kCursor.r - 25, palette::kCursor.g - 25, palette::kCursor.b, 255), "time cursor");
  ImGui::NewLine();
}

}  // namespace

void draw_timeline(Model& model, ViewerUi& ui) {
  const ScenarioReport* scenario = model.scenario();
  if (!scenario) return;
  const ScenarioRunResult& result = scenario->result;
  const Timeline& timeline = model.timeline();
  const double end_us = static_cast<double>(timeline.end_us) * 1.05;
  if (ui.view_span_us <= 0 || ui.view_span_us > end_us * 4) {
    ui.view_start_us = 0;
    ui.view_span_us = end_us;
  }
  if (model.focus) {  // a failed check or a call was chosen: show its span
    ui.view_start_us = model.focus->start_us;
    ui.view_span_us = model.focus->span_us;
    model.focus.reset();
  }
  ImGui::Text("cursor %s   %zu lanes, %zu events   wheel: zoom, right drag: pan, click: cursor",
              format_duration(model.cursor_us).c_str(), timeline.lanes.size(), result.trace.size());
  ImGui::SameLine();
  if (ImGui::SmallButton("fit")) {
    ui.view_start_us = 0;
    ui.view_span_us = end_us;
  }
  draw_legend();

  ImGui::BeginChild("lanes", ImVec2(0, 0), false, ImGuiWindowFlags_NoMove);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const float plot_x = origin.x + kLabelWidth;
  const float plot_width = std::max(1.0f, width - kLabelWidth);
  const float lanes_top = origin.y + kAxisHeight;
  const float total_height = kAxisHeight + kLaneHeight * static_cast<float>(timeline.lanes.size());
  ImGui::InvisibleButton("plot", ImVec2(width, std::max(total_height, 1.0f)),
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
  const bool hovered = ImGui::IsItemHovered();

  auto x_of = [&](double time_us) {
    return plot_x + static_cast<float>((time_us - ui.view_start_us) / ui.view_span_us) * plot_width;
  };
  auto time_of = [&](float x) { return ui.view_start_us + (x - plot_x) / plot_width * ui.view_span_us; };

  // Zoom, pan and the cursor.
  const ImGuiIO& io = ImGui::GetIO();
  if (hovered && io.MouseWheel != 0 && io.MousePos.x > plot_x) {
    const double at = time_of(io.MousePos.x);
    const double factor = std::pow(0.85, io.MouseWheel);
    ui.view_span_us = std::clamp(ui.view_span_us * factor, 1000.0, end_us * 4);
    ui.view_start_us = at - (at - ui.view_start_us) * factor;
  }
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Right)) {
    ui.view_start_us -= io.MouseDelta.x / plot_width * ui.view_span_us;
  }
  if (ImGui::IsItemClicked(ImGuiMouseButton_Left) && io.MousePos.x > plot_x) {
    model.cursor_us = std::max<TimeUs>(0, static_cast<TimeUs>(time_of(io.MousePos.x)));
  }

  draw->PushClipRect(origin, ImVec2(origin.x + width, origin.y + total_height), true);
  // Axis with ticks at a round step.
  double step = 1;  // 1, 2, 5, 10, 20, 50 ... microseconds
  for (int k = 0; ui.view_span_us / step > 10; ++k) step *= k % 3 == 1 ? 2.5 : 2;
  for (double t = std::floor(ui.view_start_us / step) * step; t <= ui.view_start_us + ui.view_span_us; t += step) {
    if (t < 0) continue;
    const float x = x_of(t);
    draw->AddLine(ImVec2(x, origin.y + kAxisHeight - 6), ImVec2(x, origin.y + kAxisHeight), IM_COL32(200, 200, 200, 255));
    draw->AddText(ImVec2(x + 2, origin.y + 2), IM_COL32(200, 200, 200, 255),
                  format_duration(static_cast<TimeUs>(t)).c_str());
  }

  // Lanes and their labels.
  for (std::size_t lane = 0; lane < timeline.lanes.size(); ++lane) {
    const float y = lanes_top + kLaneHeight * static_cast<float>(lane);
    draw->AddRectFilled(ImVec2(origin.x, y), ImVec2(origin.x + width, y + kLaneHeight), lane_colour(lane));
    draw->AddText(ImVec2(origin.x + 4, y + 4), IM_COL32(230, 230, 230, 255), timeline.lanes[lane].name.c_str());
  }
  draw->PopClipRect();
  draw->PushClipRect(ImVec2(plot_x, origin.y), ImVec2(origin.x + width, origin.y + total_height), true);

  // Calls as bars.
  for (std::size_t lane = 0; lane < timeline.lanes.size(); ++lane) {
    if (timeline.lanes[lane].kind != Lane::Kind::Call) continue;
    const CallRecord& call = result.calls[timeline.lanes[lane].call];
    if (call.offered_at_us < 0) continue;
    const TimeUs until = call.released_at_us >= 0 ? call.released_at_us
                         : call.outcome_at_us >= 0 ? call.outcome_at_us : timeline.end_us;
    const float y = lanes_top + kLaneHeight * static_cast<float>(lane);
    const float x0 = x_of(static_cast<double>(call.offered_at_us));
    const float x1 = std::max(x0 + 3, x_of(static_cast<double>(until)));
    draw->AddRectFilled(ImVec2(x0, y + 4), ImVec2(x1, y + kLaneHeight - 4), outcome_colour(call.outcome), 3);
  }

  // Events as marks; the hovered one gets a tooltip.
  const TraceEvent* hovered_event = nullptr;
  for (const Mark& mark : timeline.marks) {
    const TraceEvent& event = result.trace[mark.event];
    const float x = x_of(static_cast<double>(event.time_us));
    if (x < plot_x - 4 || x > origin.x + width + 4) continue;
    const float y = lanes_top + kLaneHeight * static_cast<float>(mark.lane);
    const bool on_bar = timeline.lanes[mark.lane].kind == Lane::Kind::Call;
    const ImVec2 a(x - 3, on_bar ? y + 1 : y + 5);
    const ImVec2 b(x + 3, on_bar ? y + 5 : y + kLaneHeight - 5);
    draw->AddRectFilled(a, b, mark_colour(event.kind));
    if (hovered && io.MousePos.x >= a.x - 1 && io.MousePos.x <= b.x + 1 && io.MousePos.y >= y &&
        io.MousePos.y < y + kLaneHeight) {
      hovered_event = &event;
    }
  }

  // Failed checks: a red triangle on the axis at the moment each ran.
  for (const CheckResult& check : result.checks) {
    if (check.passed || check.time_us < 0) continue;
    const float x = x_of(static_cast<double>(check.time_us));
    draw->AddTriangleFilled(ImVec2(x - 6, origin.y + kAxisHeight - 12), ImVec2(x + 6, origin.y + kAxisHeight - 12),
                            ImVec2(x, origin.y + kAxisHeight), IM_COL32(palette::kFailedCheck.r, palette::kFailedCheck.g,
                                                                        palette::kFailedCheck.b, 255));
  }

  // The time cursor.
  const float cursor_x = x_of(static_cast<double>(model.cursor_us));
  draw->AddLine(ImVec2(cursor_x, origin.y), ImVec2(cursor_x, origin.y + total_height), IM_COL32(palette::kCursor.r, palette::kCursor.g, palette::kCursor.b, 255), 2);

  // The bars' labels last, on a backing of the bar's colour, beside the
  // cursor when it would run through them (bar_label_layout.h).
  for (std::size_t lane = 0; lane < timeline.lanes.size(); ++lane) {
    if (timeline.lanes[lane].kind != Lane::Kind::Call) continue;
    const CallRecord& call = result.calls[timeline.lanes[lane].call];
    if (call.offered_at_us < 0) continue;
    const float y = lanes_top + kLaneHeight * static_cast<float>(lane);
    const std::string outcome = call.outcome == CallOutcome::None ? "undecided" : std::string(call_outcome_name(call.outcome));
    const std::string label = outcome + "  " + format_path(call);
    const ImVec2 size = ImGui::CalcTextSize(label.c_str());
    const PixelSpan box = bar_label_box(x_of(static_cast<double>(call.offered_at_us)), size.x, plot_x,
                                        origin.x + width, cursor_x);
    draw->AddRectFilled(ImVec2(box.left, y + 6), ImVec2(box.right, y + 6 + size.y - 2), outcome_colour(call.outcome), 2);
    draw->AddText(ImVec2(box.left + kLabelPadding, y + 5), IM_COL32(255, 255, 255, 255), label.c_str());
  }
  draw->PopClipRect();

  if (hovered_event) {
    ImGui::SetTooltip("%s  %s %s\n%s", format_duration(hovered_event->time_us).c_str(),
                      std::string(trace_kind_name(hovered_event->kind)).c_str(), hovered_event->subject.c_str(),
                      hovered_event->text.c_str());
  }
  ImGui::EndChild();
}

}  // namespace pbxsim::viewer
