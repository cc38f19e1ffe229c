// The runs -> scenarios browser: pick a run, filter by name, status and
// catalogue ID, and select a scenario (failed ones are listed first). A
// list clipper draws only the visible rows, so 10 000 scenarios scroll at
// the same frame time as ten.
#include <imgui.h>

#include <cstdio>

#include "palette.h"
#include "pbxsim/simulator/call_summary.h"
#include "views.h"

namespace pbxsim::viewer {
namespace {

const char* status_text(ScenarioReport::Status status) {
  switch (status) {
    case ScenarioReport::Status::Passed: return "pass";
    case ScenarioReport::Status::Failed: return "FAIL";
    case ScenarioReport::Status::Error: return "ERROR";
  }
  return "?";
}

ImU32 status_colour(ScenarioReport::Status status) {
  return status == ScenarioReport::Status::Passed ? IM_COL32(120, 200, 120, 255) : IM_COL32(255, 110, 100, 255);
}

}  // namespace

void draw_browser(Model& model, ViewerUi&) {
  const StoredRun* run = model.run();
  if (!run) return;
  ImGui::TextWrapped("%s", model.path().c_str());

  std::string current = run->info.describe();
  if (ImGui::BeginCombo("run", current.c_str())) {
    for (const RunInfo& info : model.runs()) {
      const std::string label = info.describe();
      if (ImGui::Selectable(label.c_str(), info.id == run->info.id)) {
        model.select_run(info.id);
        break;
      }
    }
    ImGui::EndCombo();
  }
  run = model.run();
  ImGui::Text("passed %d  failed %d  errors %d", run->info.passed, run->info.failed, run->info.errors);

  ScenarioFilter& filter = model.filter();
  char name[128];
  std::snprintf(name, sizeof name, "%s", filter.name.c_str());
  bool changed = false;
  if (ImGui::InputText("name", name, sizeof name)) {
    filter.name = name;
    changed = true;
  }
  char behaviour[64];
  std::snprintf(behaviour, sizeof behaviour, "%s", filter.behaviour.c_str());
  if (ImGui::InputText("covers", behaviour, sizeof behaviour)) {
    filter.behaviour = behaviour;
    changed = true;
  }
  changed |= ImGui::Combo("status", &filter.status, "any\0passed\0failed\0error\0not passed\0");
  if (changed) model.refilter();

  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV |
                                ImGuiTableFlags_Resizable;
  if (ImGui::BeginTable("scenarios", 4, flags)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("status", ImGuiTableColumnFlags_WidthFixed, 44);
    ImGui::TableSetupColumn("scenario", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("policy", ImGuiTableColumnFlags_WidthFixed, 80);
    ImGui::TableSetupColumn("trace", ImGuiTableColumnFlags_WidthFixed, 60);
    ImGui::TableHeadersRow();
    const auto& visible = model.visible();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(visible.size()));
    std::optional<std::size_t> clicked;
    while (clipper.Step()) {
      for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
        const std::size_t position = visible[static_cast<std::size_t>(row)];
        const ScenarioReport& report = model.run()->suite.scenarios[position];
        ImGui::TableNextRow();
        ImGui::PushID(row);
        ImGui::TableNextColumn();
        ImGui::PushStyleColor(ImGuiCol_Text, status_colour(report.status));
        ImGui::TextUnformatted(status_text(report.status));
        ImGui::PopStyleColor();
        ImGui::TableNextColumn();
        const bool selected = model.selected() == position;
        if (ImGui::Selectable(report.result.decl.name.c_str(), selected, ImGuiSelectableFlags_SpanAllColumns)) {
          clicked = position;
        }
        if (ImGui::IsItemHovered()) {
          ImGui::SetTooltip("%s:%d\nseed %llu\ncovers %zu IDs", report.file.c_str(), report.result.decl.line,
                            static_cast<unsigned long long>(model.run()->info.seed),
                            report.result.decl.covers.size());
        }
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(report.result.policy.c_str());
        ImGui::TableNextColumn();
        char hash[20] = "-";  // a scenario that did not load has no trace (hash 0; an empty trace's is not 0)
        if (report.result.trace_hash != 0) {
          std::snprintf(hash, sizeof hash, "%08llx", static_cast<unsigned long long>(report.result.trace_hash >> 32));
        }
        ImGui::TextUnformatted(hash);
        ImGui::PopID();
      }
    }
    ImGui::EndTable();
    // Failed checks first: a failing scenario opens at the moment its first failed check ran.
    if (clicked && model.select_scenario(*clicked)) model.jump_to_first_failed_check();
  }
}

void draw_failed_checks(Model& model, ViewerUi& ui) {
  const ScenarioReport* scenario = model.scenario();
  if (!scenario) return;
  const auto& result = scenario->result;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImU32 marker = IM_COL32(palette::kFailedCheck.r, palette::kFailedCheck.g, palette::kFailedCheck.b, 255);
  if (result.error) {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    draw->AddRectFilled(at, ImVec2(at.x + 14, at.y + 14), marker);
    ImGui::Indent(20);
    ImGui::TextWrapped("error (%s:%d): %s", result.error->file.c_str(), result.error->line,
                       result.error->message.c_str());
    ImGui::Unindent(20);
  }
  std::optional<std::size_t> jump;
  if (ImGui::BeginTable("failed", 5, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                         ImGuiTableFlags_Resizable)) {
    ImGui::TableSetupColumn("when", ImGuiTableColumnFlags_WidthFixed, 70);
    ImGui::TableSetupColumn("where", ImGuiTableColumnFlags_WidthFixed, 200);
    ImGui::TableSetupColumn("check", ImGuiTableColumnFlags_WidthFixed, 220);
    ImGui::TableSetupColumn("expected", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("actual", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    for (std::size_t i = 0; i < result.checks.size(); ++i) {
      const CheckResult& check = result.checks[i];
      if (check.passed) continue;
      ImGui::TableNextRow();
      ImGui::PushID(static_cast<int>(i));
      ImGui::TableNextColumn();
      // The moment the check ran: a click shows it on the timeline.
      if (check.time_us >= 0) {
        if (ImGui::SmallButton(format_duration(check.time_us).c_str())) jump = i;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("show this moment on the timeline");
      } else {
        ImGui::TextDisabled("-");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("no time: a generated check, or a file from before results schema 2");
      }
      ImGui::TableNextColumn();
      const ImVec2 at = ImGui::GetCursorScreenPos();
      ImGui::GetWindowDrawList()->AddRectFilled(at, ImVec2(at.x + 14, at.y + 14), marker);
      ImGui::Indent(20);
      ImGui::Text("%s:%d", check.file.c_str(), check.line);
      ImGui::Unindent(20);
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s %s", check.subject.empty() ? "value" : check.subject.c_str(), check.relation.c_str());
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", check.expected.c_str());
      ImGui::TableNextColumn();
      ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 150, 140, 255));
      ImGui::TextWrapped("%s", check.actual.c_str());
      ImGui::PopStyleColor();
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  if (jump && model.selected() && model.jump_to_check(*model.selected(), *jump)) ui.forced_view = View::Timeline;
}

}  // namespace pbxsim::viewer
