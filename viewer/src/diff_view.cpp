// Two runs side by side: an earlier run of the same database (run A) and the
// one being browsed (run B), one row per scenario with its status in each,
// and under a scenario that changed its changed checks and calls — each
// call's facts (outcome, path, ...) and route steps with their times, run
// A's beside run B's — as `pbxsim diff` compares them (side_by_side.h).
// Rows that differ are highlighted. Both runs are read in full, so this is
// computed on request (Compare); a list clipper draws only visible rows.
#include <imgui.h>

#include "palette.h"
#include "views.h"

namespace pbxsim::viewer {
namespace {

ImU32 tone_colour(DiffEntry::Kind kind) {
  return kind == DiffEntry::Kind::Regression    ? IM_COL32(255, 120, 110, 255)
         : kind == DiffEntry::Kind::Improvement ? IM_COL32(120, 220, 120, 255)
                                                : IM_COL32(240, 210, 120, 255);
}

constexpr ImU32 kDiffersBackground = IM_COL32(palette::kDiffers.r, palette::kDiffers.g, palette::kDiffers.b, 255);
constexpr ImU32 kScenarioBackground = IM_COL32(45, 55, 80, 255);

void draw_row(const SideRow& row) {
  ImGui::TableNextRow();
  const bool scenario = row.kind == SideRow::Kind::Scenario;
  if (scenario) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, kScenarioBackground);
  else if (row.differs) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, kDiffersBackground);
  ImGui::TableNextColumn();
  const float indent = scenario ? 0.0f : row.kind == SideRow::Kind::Check || row.kind == SideRow::Kind::Call ? 12.0f : 24.0f;
  if (indent > 0) ImGui::Indent(indent);
  if (scenario && row.differs) ImGui::PushStyleColor(ImGuiCol_Text, tone_colour(row.tone));
  ImGui::TextUnformatted(row.label.c_str());
  if (scenario && row.differs) ImGui::PopStyleColor();
  if (indent > 0) ImGui::Unindent(indent);
  const ImU32 side = row.differs && !scenario ? IM_COL32(255, 230, 160, 255) : IM_COL32(220, 220, 220, 255);
  for (const std::string* text : {&row.before, &row.after}) {
    ImGui::TableNextColumn();
    ImGui::PushStyleColor(ImGuiCol_Text, side);
    ImGui::TextUnformatted(text->c_str());
    ImGui::PopStyleColor();
  }
}

}  // namespace

void draw_diff(Model& model, ViewerUi& ui) {
  const StoredRun* run = model.run();
  if (!run) return;
  if (model.runs().size() < 2) {
    ImGui::TextWrapped("This database holds one run: run the suite again with --db into the same file to compare.");
    return;
  }
  if (ui.diff_before == 0) ui.diff_before = model.runs().front().id;
  const std::string label = "run " + std::to_string(ui.diff_before);
  ImGui::SetNextItemWidth(260);
  if (ImGui::BeginCombo("run A", label.c_str())) {
    for (const RunInfo& info : model.runs()) {
      if (info.id == run->info.id) continue;
      if (ImGui::Selectable(info.describe().c_str(), info.id == ui.diff_before)) ui.diff_before = info.id;
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  if (ImGui::Button("Compare")) ui.diff_error = model.diff_against(ui.diff_before).value_or("");
  ImGui::SameLine();
  bool only_changed = model.diff_only_changed();
  if (ImGui::Checkbox("only changed scenarios", &only_changed)) model.set_diff_only_changed(only_changed);
  if (!ui.diff_error.empty()) ImGui::TextWrapped("%s", ui.diff_error.c_str());
  const auto& diff = model.diff();
  const auto& table = model.side_by_side();
  if (!diff || !table) return;
  ImGui::Text("run A = run %lld, run B = run %lld (browsed): %d regressions, %d improvements, %d changes in %zu "
              "scenario(s)",
              static_cast<long long>(model.diff_before), static_cast<long long>(run->info.id),
              diff->count(DiffEntry::Kind::Regression), diff->count(DiffEntry::Kind::Improvement),
              diff->count(DiffEntry::Kind::Change) + diff->count(DiffEntry::Kind::Timing), table->changed_scenarios);
  for (const DiffEntry& entry : diff->entries) {
    if (entry.scenario.empty() && !entry.lines.empty()) ImGui::BulletText("the run: %s", entry.lines.front().c_str());
  }
  if (diff->empty()) ImGui::TextUnformatted("No difference.");
  const ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable;
  if (ImGui::BeginTable("side by side", 3, flags)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("scenario / check / call", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    const std::string a = "run A (run " + std::to_string(model.diff_before) + ")";
    const std::string b = "run B (run " + std::to_string(run->info.id) + ")";
    ImGui::TableSetupColumn(a.c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(b.c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(table->rows.size()));
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) draw_row(table->rows[static_cast<std::size_t>(i)]);
    }
    ImGui::EndTable();
  }
}

}  // namespace pbxsim::viewer
