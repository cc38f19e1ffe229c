// The viewer's windows, drawn with Dear ImGui from the Model. Each view is
// its own file; main.cpp lays them out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "file_browser.h"
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
  // The file dialog: shown over the viewer while file_dialog is set (and in
  // place of the views while no database is open).
  bool file_dialog = false;
  std::string file_dialog_start;  // the directory it lists first; empty: the working directory
  std::optional<FileBrowser> files;
  std::string path_text;   // the path box
  std::string path_shown;  // the directory the path box was last set to
  std::string file_error;  // why the last file chosen could not be opened
};

void draw_browser(Model& model, ViewerUi& ui);
void draw_failed_checks(Model& model, ViewerUi& ui);
void draw_timeline(Model& model, ViewerUi& ui);
void draw_ladder(Model& model, ViewerUi& ui);
void draw_state(Model& model, ViewerUi& ui);
void draw_graph(Model& model, ViewerUi& ui);
void draw_diff(Model& model, ViewerUi& ui);
void draw_metrics(const Model& model, const ViewerUi& ui);
void draw_open_error(Model& model, ViewerUi& ui);
void draw_file_dialog(Model& model, ViewerUi& ui);

// Window layout of the whole viewer for a display of this size.
void draw_viewer(Model& model, ViewerUi& ui, float width, float height);

}  // namespace pbxsim::viewer
