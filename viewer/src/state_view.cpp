// The state at the time cursor, replayed from the stored events: each
// device's registrations, DND, extension mobility user and calls; users'
// modes; each call's latest state. Registrations and DND are only stored
// with `run --trace`, so a calls-only run says so instead of showing them.
#include <imgui.h>

#include "pbxsim/simulator/call_summary.h"
#include "views.h"

namespace pbxsim::viewer {

void draw_state(Model& model, ViewerUi&) {
  const ScenarioReport* scenario = model.scenario();
  const StoredRun* run = model.run();
  if (!scenario || !run) return;
  double seconds = static_cast<double>(model.cursor_us) / 1e6;
  if (ImGui::InputDouble("cursor (s)", &seconds, 0.5, 5, "%.3f")) {
    model.cursor_us = std::max<TimeUs>(0, static_cast<TimeUs>(seconds * 1e6));
  }
  const StateAt state = state_at(scenario->result, model.cursor_us, run->info.full_trace);
  ImGui::Text("state at %s", format_duration(model.cursor_us).c_str());
  if (!state.full_trace) {
    ImGui::TextWrapped("This run stored only the calls' events: registrations and DND need `pbxsim run --trace`.");
  }
  if (ImGui::BeginTable("devices", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) {
    ImGui::TableSetupColumn("device");
    ImGui::TableSetupColumn("registered");
    ImGui::TableSetupColumn("DND");
    ImGui::TableSetupColumn("user");
    ImGui::TableSetupColumn("calls");
    ImGui::TableHeadersRow();
    for (const DeviceState& device : state.devices) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(device.name.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(device.registered_lines.empty() ? "-" : join(device.registered_lines, ", ").c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(device.dnd.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(device.logged_in.empty() ? "-" : device.logged_in.c_str());
      ImGui::TableNextColumn();
      std::string calls;
      for (const std::string& call : device.alerting) calls += (calls.empty() ? "" : "; ") + ("ringing " + call);
      for (const std::string& call : device.connected) calls += (calls.empty() ? "" : "; ") + ("connected " + call);
      ImGui::TextUnformatted(calls.empty() ? "-" : calls.c_str());
    }
    ImGui::EndTable();
  }
  if (!state.user_modes.empty()) {
    ImGui::Separator();
    ImGui::TextUnformatted("users");
  }
  for (const auto& [user, mode] : state.user_modes) ImGui::BulletText("%s: %s", user.c_str(), mode.c_str());
  ImGui::Separator();
  ImGui::TextUnformatted("calls");
  for (const std::string& call : state.calls) ImGui::BulletText("%s", call.c_str());
}

}  // namespace pbxsim::viewer
