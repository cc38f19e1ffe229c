// The state at the time cursor: the stored topology snapshot replayed with
// the stored events up to the cursor (viewer_model.h's state_at). Devices
// (registrations, DND, active destination, extension mobility user and
// device profile, calls), lines (forwarding), groups (members logged in,
// paused), users (mode, active profile). Only calls' events are stored
// without `run --trace`, and files from before results schema 2 hold no
// topology: the view says what it cannot know then.
#include <imgui.h>

#include "pbxsim/simulator/call_summary.h"
#include "views.h"

namespace pbxsim::viewer {
namespace {

constexpr ImGuiTableFlags kTable = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp;

void note(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(250, 200, 90, 255));
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
}

// A section title (ImGui 1.86 has no SeparatorText).
void heading(const char* text) {
  ImGui::Spacing();
  ImGui::TextUnformatted(text);
  ImGui::Separator();
}

void cell(const std::string& text) { ImGui::TextUnformatted(text.empty() ? "-" : text.c_str()); }

void draw_devices(const StateAt& state) {
  heading("devices");
  if (!ImGui::BeginTable("devices", 7, kTable)) return;
  for (const char* column : {"device", "owner", "registered", "DND", "active", "logged in (profile)", "calls"}) {
    ImGui::TableSetupColumn(column);
  }
  ImGui::TableHeadersRow();
  for (const DeviceState& device : state.devices) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    cell(device.name);
    ImGui::TableNextColumn();
    cell(device.owner);
    ImGui::TableNextColumn();
    cell(state.full_trace ? join(device.registered_lines, ", ") : "?");
    ImGui::TableNextColumn();
    cell(state.full_trace ? device.dnd : "?");
    ImGui::TableNextColumn();
    cell(device.active ? "yes" : "no");
    ImGui::TableNextColumn();
    cell(device.logged_in.empty() ? "" : device.logged_in + " (" + device.device_profile + ")");
    ImGui::TableNextColumn();
    std::string calls;
    for (const std::string& call : device.alerting) calls += (calls.empty() ? "" : "; ") + ("ringing " + call);
    for (const std::string& call : device.connected) calls += (calls.empty() ? "" : "; ") + ("connected " + call);
    cell(calls);
  }
  ImGui::EndTable();
}

void draw_lines(const StateAt& state) {
  heading("lines: forwarding");
  if (!ImGui::BeginTable("lines", 5, kTable)) return;
  for (const char* column : {"line", "cfa", "cfb", "cfna", "voicemail"}) ImGui::TableSetupColumn(column);
  ImGui::TableHeadersRow();
  for (const LineForwarding& line : state.lines) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    cell(line.number);
    ImGui::TableNextColumn();
    cell(line.cfa);
    ImGui::TableNextColumn();
    cell(line.cfb);
    ImGui::TableNextColumn();
    cell(line.cfna);
    ImGui::TableNextColumn();
    cell(line.voicemail ? "on" : "off");
  }
  ImGui::EndTable();
}

void draw_groups(const StateAt& state) {
  if (state.groups.empty()) return;
  heading("groups: members");
  if (!ImGui::BeginTable("groups", 3, kTable)) return;
  for (const char* column : {"group", "number", "members"}) ImGui::TableSetupColumn(column);
  ImGui::TableHeadersRow();
  for (const GroupAt& group : state.groups) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    cell(group.name);
    ImGui::TableNextColumn();
    cell(group.number);
    ImGui::TableNextColumn();
    std::string members;
    for (const GroupMemberAt& member : group.members) {
      std::string flags = member.logged_in ? "in" : "out";
      if (member.paused) flags += ", paused";
      if (!member.pickup) flags += ", no pickup";
      members += (members.empty() ? "" : "; ") + member.line + " (" + flags + ")";
    }
    cell(members);
  }
  ImGui::EndTable();
}

void draw_users(const StateAt& state) {
  if (state.users.empty()) return;
  heading("users");
  if (!ImGui::BeginTable("users", 4, kTable)) return;
  for (const char* column : {"user", "mode", "active profile", "GSM"}) ImGui::TableSetupColumn(column);
  ImGui::TableHeadersRow();
  for (const UserAt& user : state.users) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    cell(user.id);
    ImGui::TableNextColumn();
    cell(user.mode);
    ImGui::TableNextColumn();
    cell(state.full_trace ? user.profile : "?");
    ImGui::TableNextColumn();
    cell(user.gsm ? "on" : "off");
  }
  ImGui::EndTable();
}

}  // namespace

void draw_state(Model& model, ViewerUi&) {
  const ScenarioReport* scenario = model.scenario();
  const StoredRun* run = model.run();
  if (!scenario || !run) return;
  double seconds = static_cast<double>(model.cursor_us) / 1e6;
  ImGui::SetNextItemWidth(160);
  if (ImGui::InputDouble("cursor (s)", &seconds, 0.5, 5, "%.3f")) {
    model.cursor_us = std::max<TimeUs>(0, static_cast<TimeUs>(seconds * 1e6));
  }
  const StateAt state = state_at(scenario->result, model.cursor_us, run->info.full_trace);
  ImGui::SameLine();
  const auto depth = queue_depth_at(scenario->result, model.cursor_us);
  ImGui::Text("state at %s   queue depth %s", format_duration(model.cursor_us).c_str(),
              depth ? std::to_string(*depth).c_str() : "-");
  if (!state.full_trace) {
    note("Only the calls' events were stored: registrations, DND, logins, profiles and forwarding or group "
         "changes are unknown (?). Run with `pbxsim run --trace` for state changes.");
  }
  if (!state.has_topology) {
    note("No topology snapshot in this results file (written before results schema 2): devices are those the "
         "events name; lines and groups are not known.");
  }
  ImGui::BeginChild("state");
  draw_devices(state);
  if (state.has_topology) draw_lines(state);
  draw_groups(state);
  draw_users(state);
  heading("calls");
  for (const std::string& call : state.calls) ImGui::BulletText("%s", call.c_str());
  ImGui::EndChild();
}

}  // namespace pbxsim::viewer
