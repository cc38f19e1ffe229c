// Two runs side by side: what changed from an earlier run of the same
// database to the one being browsed, as `pbxsim diff` says it (regressions,
// improvements and changes by scenario), with the scenario's status in each
// run. Both runs are read in full, so this is computed on request.
#include <imgui.h>

#include "views.h"

namespace pbxsim::viewer {

void draw_diff(Model& model, ViewerUi& ui) {
  const StoredRun* run = model.run();
  if (!run) return;
  if (model.runs().size() < 2) {
    ImGui::TextWrapped("This database holds one run: run the suite again with --db into the same file to compare.");
    return;
  }
  if (ui.diff_before == 0) ui.diff_before = model.runs().front().id;
  const std::string label = "run " + std::to_string(ui.diff_before);
  if (ImGui::BeginCombo("before", label.c_str())) {
    for (const RunInfo& info : model.runs()) {
      if (info.id == run->info.id) continue;
      if (ImGui::Selectable(info.describe().c_str(), info.id == ui.diff_before)) ui.diff_before = info.id;
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  if (ImGui::Button("Compare")) ui.diff_error = model.diff_against(ui.diff_before).value_or("");
  if (!ui.diff_error.empty()) ImGui::TextWrapped("%s", ui.diff_error.c_str());
  const auto& diff = model.diff();
  if (!diff) return;
  ImGui::Text("run %lld -> run %lld: %d regressions, %d improvements, %d changes",
              static_cast<long long>(model.diff_before), static_cast<long long>(run->info.id),
              diff->count(DiffEntry::Kind::Regression), diff->count(DiffEntry::Kind::Improvement),
              diff->count(DiffEntry::Kind::Change));
  if (diff->empty()) ImGui::TextUnformatted("No difference.");
  if (ImGui::BeginTable("diff", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY)) {
    ImGui::TableSetupColumn("scenario", ImGuiTableColumnFlags_WidthFixed, 300);
    ImGui::TableSetupColumn("what changed");
    ImGui::TableHeadersRow();
    for (const DiffEntry& entry : diff->entries) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      const ImU32 colour = entry.kind == DiffEntry::Kind::Regression    ? IM_COL32(255, 120, 110, 255)
                           : entry.kind == DiffEntry::Kind::Improvement ? IM_COL32(120, 220, 120, 255)
                                                                        : IM_COL32(230, 230, 230, 255);
      ImGui::PushStyleColor(ImGuiCol_Text, colour);
      ImGui::TextWrapped("%s", entry.scenario.empty() ? "(the run)" : entry.scenario.c_str());
      ImGui::PopStyleColor();
      ImGui::TableNextColumn();
      for (const std::string& line : entry.lines) ImGui::TextWrapped("%s", line.c_str());
    }
    ImGui::EndTable();
  }
}

}  // namespace pbxsim::viewer
