// The ladder (sequence) diagram of one call: a column per party (caller,
// each line in path order, each device, voicemail or an external number),
// one row per event of the call with its time, and on each arrow what the
// policy decided: alerted (audible or silent), or skipped and why (dnd-reject,
// busy, unregistered ...).
#include <imgui.h>

#include <algorithm>

#include "pbxsim/simulator/call_summary.h"
#include "views.h"

namespace pbxsim::viewer {
namespace {

constexpr float kTimeWidth = 70;
constexpr float kHeaderHeight = 40;
constexpr float kRowHeight = 30;

ImU32 tone_colour(LadderStep::Tone tone) {
  switch (tone) {
    case LadderStep::Tone::Good: return IM_COL32(110, 220, 110, 255);
    case LadderStep::Tone::Bad: return IM_COL32(240, 140, 60, 255);
    case LadderStep::Tone::Forward: return IM_COL32(250, 220, 80, 255);
    case LadderStep::Tone::Plain: break;
  }
  return IM_COL32(200, 200, 200, 255);
}

}  // namespace

void draw_ladder(Model& model, ViewerUi&) {
  const ScenarioReport* scenario = model.scenario();
  if (!scenario) return;
  const auto& calls = scenario->result.calls;
  if (calls.empty()) {
    ImGui::TextUnformatted("This scenario places no call.");
    return;
  }
  model.selected_call = std::min(model.selected_call, calls.size() - 1);
  const std::string current = call_heading(calls[model.selected_call]);
  if (ImGui::BeginCombo("call", current.c_str())) {
    for (std::size_t i = 0; i < calls.size(); ++i) {
      if (ImGui::Selectable(call_heading(calls[i]).c_str(), i == model.selected_call)) model.selected_call = i;
    }
    ImGui::EndCombo();
  }
  const Ladder ladder = build_ladder(scenario->result, model.selected_call);
  ImGui::Text("outcome: %s", ladder.outcome.c_str());

  ImGui::BeginChild("ladder", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = std::max(ImGui::GetContentRegionAvail().x, 140.0f * static_cast<float>(ladder.columns.size()));
  const float column_width = (width - kTimeWidth) / static_cast<float>(std::max<std::size_t>(1, ladder.columns.size()));
  const float height = kHeaderHeight + kRowHeight * static_cast<float>(ladder.steps.size() + 1);
  ImGui::Dummy(ImVec2(width, height));

  auto column_x = [&](const std::string& name) {
    const auto it = std::find(ladder.columns.begin(), ladder.columns.end(), name);
    const auto index = static_cast<float>(it - ladder.columns.begin());
    return origin.x + kTimeWidth + column_width * (index + 0.5f);
  };
  for (const std::string& column : ladder.columns) {
    const float x = column_x(column);
    const ImVec2 size = ImGui::CalcTextSize(column.c_str());
    draw->AddRectFilled(ImVec2(x - size.x / 2 - 6, origin.y + 4), ImVec2(x + size.x / 2 + 6, origin.y + 28),
                        IM_COL32(50, 70, 100, 255), 4);
    draw->AddText(ImVec2(x - size.x / 2, origin.y + 8), IM_COL32(240, 240, 240, 255), column.c_str());
    draw->AddLine(ImVec2(x, origin.y + 28), ImVec2(x, origin.y + height), IM_COL32(90, 90, 110, 255));
  }
  for (std::size_t i = 0; i < ladder.steps.size(); ++i) {
    const LadderStep& step = ladder.steps[i];
    const float y = origin.y + kHeaderHeight + kRowHeight * (static_cast<float>(i) + 0.7f);
    draw->AddText(ImVec2(origin.x + 2, y - 14), IM_COL32(200, 200, 200, 255), format_duration(step.time_us).c_str());
    const ImU32 colour = tone_colour(step.tone);
    const float x0 = column_x(step.from);
    const float x1 = column_x(step.to);
    // The rule behind the step follows its label; hovering the row shows the facts it read.
    const float label_x = step.from == step.to ? x0 + 8 : std::min(x0, x1) + 6;
    const float label_y = step.from == step.to ? y - 14 : y - 16;
    if (!step.rule.empty()) {
      const float after_label = label_x + ImGui::CalcTextSize(step.label.c_str()).x + 10;
      draw->AddText(ImVec2(after_label, label_y), IM_COL32(150, 170, 210, 255), step.rule.c_str());
      const float row_end = after_label + ImGui::CalcTextSize(step.rule.c_str()).x;
      if (ImGui::IsMouseHoveringRect(ImVec2(std::min(x0, label_x) - 4, y - 18),
                                     ImVec2(std::max({x0, x1, row_end}) + 4, y + 6))) {
        std::string tip = step.rule + (step.facts.empty() ? "\nread no facts" : "\nread:");
        for (const std::string& fact : step.facts) tip += "\n  " + fact;
        ImGui::SetTooltip("%s", tip.c_str());
      }
    }
    if (step.from == step.to) {
      draw->AddCircleFilled(ImVec2(x0, y), 4, colour);
      draw->AddText(ImVec2(label_x, label_y), colour, step.label.c_str());
      continue;
    }
    draw->AddLine(ImVec2(x0, y), ImVec2(x1, y), colour, step.tone == LadderStep::Tone::Bad ? 1.0f : 2.0f);
    const float direction = x1 > x0 ? 1.0f : -1.0f;
    draw->AddTriangleFilled(ImVec2(x1, y), ImVec2(x1 - 8 * direction, y - 4), ImVec2(x1 - 8 * direction, y + 4), colour);
    if (step.tone == LadderStep::Tone::Bad) {
      draw->AddLine(ImVec2(x1 - 5, y - 5), ImVec2(x1 + 5, y + 5), colour, 2);
      draw->AddLine(ImVec2(x1 - 5, y + 5), ImVec2(x1 + 5, y - 5), colour, 2);
    }
    draw->AddText(ImVec2(label_x, label_y), colour, step.label.c_str());
  }
  const float outcome_y = origin.y + kHeaderHeight + kRowHeight * static_cast<float>(ladder.steps.size()) + 8;
  draw->AddText(ImVec2(origin.x + kTimeWidth, outcome_y), IM_COL32(255, 255, 255, 255),
                ("outcome: " + ladder.outcome).c_str());
  ImGui::EndChild();
}

}  // namespace pbxsim::viewer
