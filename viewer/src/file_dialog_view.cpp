// The file dialog (file_browser.h) drawn with ImGui: a path box (a
// directory is listed, a file opened), Up, "all files", and the listing;
// a click on a directory enters it, on a file opens it. A file that cannot
// be opened leaves the open database as it was and says why.
#include <imgui.h>

#include <cstdio>

#include "views.h"

namespace pbxsim::viewer {
namespace {

std::string size_text(std::uintmax_t bytes) {
  char text[32];
  if (bytes >= (1u << 20)) std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / (1 << 20));
  else if (bytes >= 1024) std::snprintf(text, sizeof text, "%.1f kB", static_cast<double>(bytes) / 1024);
  else std::snprintf(text, sizeof text, "%ju B", bytes);
  return text;
}

// Opens `path` in a fresh model, so that a bad file leaves the open one alone.
void open_file(Model& model, ViewerUi& ui, const std::string& path) {
  Model fresh;
  if (!fresh.open(path)) {
    ui.file_error = fresh.error();
    return;
  }
  if (!fresh.visible().empty()) fresh.select_scenario(fresh.visible().front());
  model = std::move(fresh);
  ui.file_error.clear();
  ui.file_dialog = false;
  ui.view_span_us = 0;
  ui.diff_before = 0;
  ui.diff_error.clear();
}

}  // namespace

void draw_file_dialog(Model& model, ViewerUi& ui) {
  if (!ui.files) ui.files.emplace(ui.file_dialog_start);
  FileBrowser& files = *ui.files;
  if (ui.path_text.empty() || ui.path_shown != files.directory().string()) {
    ui.path_shown = files.directory().string();
    ui.path_text = ui.path_shown;
  }
  char path[1024];
  std::snprintf(path, sizeof path, "%s", ui.path_text.c_str());
  ImGui::SetNextItemWidth(-170);
  const bool entered = ImGui::InputText("##path", path, sizeof path, ImGuiInputTextFlags_EnterReturnsTrue);
  ui.path_text = path;
  ImGui::SameLine();
  if (ImGui::Button("Go") || entered) {
    if (auto file = files.enter(ui.path_text)) open_file(model, ui, *file);
    ui.path_shown.clear();
  }
  ImGui::SameLine();
  if (ImGui::Button("Up")) files.up();
  ImGui::SameLine();
  bool all = files.all_files();
  if (ImGui::Checkbox("all files", &all)) files.set_all_files(all);
  const std::string& file_error = ui.file_error;
  for (const std::string* message : {&files.error(), &file_error}) {
    if (message->empty()) continue;
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 120, 110, 255));
    ImGui::TextWrapped("%s", message->c_str());
    ImGui::PopStyleColor();
  }
  std::optional<std::string> chosen;
  if (ImGui::BeginTable("files", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY)) {
    ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("size", ImGuiTableColumnFlags_WidthFixed, 90);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (ImGui::Selectable("../", false, ImGuiSelectableFlags_SpanAllColumns)) chosen = "..";
    for (const FileEntry& entry : files.entries()) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      const std::string label = entry.directory ? entry.name + "/" : entry.name;
      if (ImGui::Selectable(label.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) chosen = entry.name;
      ImGui::TableNextColumn();
      if (!entry.directory) ImGui::TextDisabled("%s", size_text(entry.size_bytes).c_str());
    }
    ImGui::EndTable();
  }
  if (chosen) {
    if (*chosen == "..") files.up();
    else if (auto file = files.enter(*chosen)) open_file(model, ui, *file);
  }
}

}  // namespace pbxsim::viewer
