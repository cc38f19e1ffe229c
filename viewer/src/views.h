// The viewer's windows, drawn with Dear ImGui from the Model. Each view is
// its own file; main.cpp lays them out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "viewer_model.h"

struct ImVec2;

namespace pbxsim::viewer {

enum class View { Timeline, Ladder, State, Graph, Diff };

struct ViewerUi {
  View view = View::Timeline;
  // The tab the command line asks for: selected on every frame while set
  // (main clears it after the first frames, so a click can change tabs).
  std::optional<View> forced_view;
  double view_start_us = 0;     // timeline zoom and pan, in simulated time
  double view_span_us = 0;      // 0: fit the scenario
  std::int64_t diff_before = 0;  // the run the diff view compares with
  std::string diff_error;
  double last_frame_ms = 0;
  double mean_frame_ms = 0;
};

void draw_browser(Model& model, ViewerUi& ui);
void draw_failed_checks(Model& model, ViewerUi& ui);
void draw_timeline(Model& model, ViewerUi& ui);
void draw_ladder(Model& model, ViewerUi& ui);
void draw_state(Model& model, ViewerUi& ui);
void draw_graph(Model& model, ViewerUi& ui);
void draw_diff(Model& model, ViewerUi& ui);
void draw_metrics(const Model& model, const ViewerUi& ui);
void draw_open_error(Model& model);

// Window layout of the whole viewer for a display of this size.
void draw_viewer(Model& model, ViewerUi& ui, float width, float height);

}  // namespace pbxsim::viewer
