// Where the viewer's windows stand: the scenario browser and the metrics on
// the left, the failed checks above the selected view on the right. Fixed
// positions keep screenshots comparable from one run to the next.
#include <imgui.h>

#include <string>

#include "palette.h"
#include "views.h"

namespace pbxsim::viewer {
namespace {

constexpr float kBrowserWidth = 380;
constexpr float kMetricsHeight = 116;
constexpr ImGuiWindowFlags kFixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                    ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;

}  // namespace

void draw_metrics(const Model& model, const ViewerUi& ui) {
  ImGui::Text("frame %.2f ms (mean %.2f ms)", ui.last_frame_ms, ui.mean_frame_ms);
  const StoredRun* run = model.run();
  ImGui::Text("scenarios %zu, shown %zu", run ? run->suite.scenarios.size() : 0, model.visible().size());
  ImGui::Text("events loaded %zu, lanes %zu", model.events_loaded(), model.timeline().lanes.size());
  // The simulation's pending events: the scenario's peak, and at the cursor
  // when every event was stored (run --trace) with its depth.
  if (const ScenarioReport* scenario = model.scenario()) {
    const auto depth = queue_depth_at(scenario->result, model.cursor_us);
    // A peak of 0: not stored (a file from before results schema 2).
    const std::uint64_t peak = scenario->result.peak_queue_depth;
    ImGui::Text("queue depth peak %s, at cursor %s", peak > 0 ? std::to_string(peak).c_str() : "-",
                depth ? std::to_string(*depth).c_str() : "- (needs run --trace)");
  } else {
    ImGui::TextUnformatted("queue depth: select a scenario");
  }
  ImGui::Text("opened in %.0f ms", model.open_ms);
}

void draw_open_error(Model& model, ViewerUi& ui) {
  if (!model.error().empty()) {
    ImGui::TextWrapped("The results database could not be opened.");
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 120, 110, 255));
    ImGui::TextWrapped("%s", model.error().c_str());
    ImGui::PopStyleColor();
  }
  ImGui::TextWrapped("Choose one below. Make one with: pbxsim run scenarios --db results.db --trace");
  ImGui::Spacing();
  draw_file_dialog(model, ui);
}

void draw_viewer(Model& model, ViewerUi& ui, float width, float height) {
  if (!model.is_open()) {
    ImGui::SetNextWindowPos(ImVec2(width * 0.15f, height * 0.15f));
    ImGui::SetNextWindowSize(ImVec2(width * 0.7f, height * 0.7f));
    ImGui::Begin("pbxsim-viewer: open a results database", nullptr, kFixed);
    draw_open_error(model, ui);
    ImGui::End();
    return;
  }

  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(kBrowserWidth, height - kMetricsHeight));
  ImGui::Begin("Scenarios", nullptr, kFixed);
  if (ImGui::SmallButton("Open...")) ui.file_dialog = true;
  ImGui::SameLine();
  draw_browser(model, ui);
  ImGui::End();

  ImGui::SetNextWindowPos(ImVec2(0, height - kMetricsHeight));
  ImGui::SetNextWindowSize(ImVec2(kBrowserWidth, kMetricsHeight));
  ImGui::Begin("Metrics", nullptr, kFixed);
  draw_metrics(model, ui);
  ImGui::End();

  float top = 0;
  const ScenarioReport* scenario = model.scenario();
  int failed = 0;
  if (scenario) {
    for (const CheckResult& check : scenario->result.checks) failed += check.passed ? 0 : 1;
  }
  if (scenario && (failed > 0 || scenario->result.error)) {
    const float checks_height = 170;
    ImGui::SetNextWindowPos(ImVec2(kBrowserWidth, 0));
    ImGui::SetNextWindowSize(ImVec2(width - kBrowserWidth, checks_height));
    ImGui::Begin("Failed checks", nullptr, kFixed);
    draw_failed_checks(model, ui);
    ImGui::End();
    top = checks_height;
  }

  ImGui::SetNextWindowPos(ImVec2(kBrowserWidth, top));
  ImGui::SetNextWindowSize(ImVec2(width - kBrowserWidth, height - top));
  ImGui::Begin("View", nullptr, kFixed);
  if (!scenario) {
    ImGui::TextWrapped("Select a scenario on the left.");
  } else {
    ImGui::Text("%s:%d  %s", scenario->file.c_str(), scenario->result.decl.line, scenario->result.decl.name.c_str());
    if (ImGui::BeginTabBar("views")) {
      struct Tab {
        const char* name;
        View view;
        void (*draw)(Model&, ViewerUi&);
      };
      static constexpr Tab kTabs[] = {{"Timeline", View::Timeline, draw_timeline},
                                      {"Ladder", View::Ladder, draw_ladder},
                                      {"State", View::State, draw_state},
                                      {"Forwarding graph", View::Graph, draw_graph},
                                      {"Run diff", View::Diff, draw_diff}};
      for (const Tab& tab : kTabs) {
        const ImGuiTabItemFlags flags =
            ui.forced_view && *ui.forced_view == tab.view ? ImGuiTabItemFlags_SetSelected : 0;
        if (ImGui::BeginTabItem(tab.name, nullptr, flags)) {
          ui.view = tab.view;
          tab.draw(model, ui);
          ImGui::EndTabItem();
        }
      }
      ImGui::EndTabBar();
    }
  }
  ImGui::End();

  if (ui.file_dialog) {
    ImGui::SetNextWindowPos(ImVec2(width * 0.2f, height * 0.15f), ImGuiCond_Appearing);
    ImGui::SetNextWindowSize(ImVec2(width * 0.6f, height * 0.6f), ImGuiCond_Appearing);
    ImGui::SetNextWindowFocus();
    ImGui::SetNextWindowBgAlpha(1.0f);  // the views behind it would show through
    if (ImGui::Begin("Open a results database", &ui.file_dialog, ImGuiWindowFlags_NoCollapse |
                                                                     ImGuiWindowFlags_NoSavedSettings)) {
      draw_file_dialog(model, ui);
    }
    ImGui::End();
  }
}

}  // namespace pbxsim::viewer
