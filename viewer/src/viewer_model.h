// What the viewer shows, without any drawing: the open results database, its
// runs, the run being browsed (scenarios and checks), the filter, the
// selected scenario with its calls and events, the timeline's lanes and the
// state at the time cursor reconstructed from the stored events. Kept apart
// from ImGui so that it can be read (and tested) on its own.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pbxsim/simulator/results_store.h"
#include "pbxsim/simulator/run_diff.h"
#include "side_by_side.h"

namespace pbxsim::viewer {

// A lane of the timeline: a device, a user, a server, or one call's bar.
struct Lane {
  enum class Kind { Entity, Call } kind = Kind::Entity;
  std::string name;       // device / user / server name, or "call-3"
  std::size_t call = 0;   // Kind::Call: index into the scenario's calls
};

// One event placed on a lane.
struct Mark {
  std::size_t lane = 0;
  std::size_t event = 0;  // index into the scenario's trace
};

struct Timeline {
  std::vector<Lane> lanes;  // entities in the order they first appear, then calls
  std::vector<Mark> marks;  // in trace order
  TimeUs end_us = 0;        // the last event's or check's time (at least 1s)
};

Timeline build_timeline(const ScenarioRunResult& result);

// The state of the simulation at a moment: the stored topology snapshot
// (what the scenario starts from) with the stored events replayed on it up
// to the moment. Without a full trace (run --trace) only the calls' events
// are stored, so registrations, DND, logins, profiles, forwards and group
// membership after the start are unknown; full_trace says which it is.
struct DeviceState {
  std::string name;
  std::string owner;                 // from the topology, or empty
  std::vector<std::string> registered_lines;
  std::string dnd = "off";
  bool active = true;                // an active destination (profiles switch it)
  std::string logged_in;             // extension mobility user, or empty
  std::string device_profile;        // the device profile the login loaded, or empty
  std::vector<std::string> alerting; // calls ringing here ("call-2 on line 1000")
  std::vector<std::string> connected;
};
struct LineForwarding {
  std::string number;
  std::string cfa, cfb, cfna;  // targets as the engine describes them; "-" when none
  bool voicemail = true;
};
struct GroupMemberAt {
  std::string line;
  bool logged_in = true;
  bool paused = false;
  bool pickup = true;
};
struct GroupAt {
  std::string name;
  std::string number;
  std::vector<GroupMemberAt> members;
};
struct UserAt {
  std::string id;
  std::string mode;      // soft-phone / desk-phone
  std::string profile;   // the active profile, or empty
  bool gsm = false;
};
struct StateAt {
  std::vector<DeviceState> devices;  // topology order, then any others as they appear
  std::vector<LineForwarding> lines;
  std::vector<GroupAt> groups;
  std::vector<UserAt> users;
  std::vector<std::string> calls;    // "call-2: alerting", ...
  bool full_trace = false;    // every event stored (run --trace): registrations and the rest are known
  bool has_topology = false;  // a topology snapshot was stored (results schema 2)
};

StateAt state_at(const ScenarioRunResult& result, TimeUs at_us, bool full_trace);

// The event queue's depth at the last stored event at or before at_us
// (stored with run --trace), or nothing.
std::optional<std::uint32_t> queue_depth_at(const ScenarioRunResult& result, TimeUs at_us);

// Failed checks: when the first one ran (simulated time), and the span of
// the timeline to show around a moment (it stands three quarters along).
std::optional<TimeUs> first_failed_check_time(const ScenarioRunResult& result);
struct TimeWindow {
  double start_us = 0;
  double span_us = 0;
};
TimeWindow window_around(TimeUs at_us, TimeUs end_us);
// The span that shows one call's events (offer to its last event) and the
// moment at_us (a failed check after `run_until("1m")`), with a margin: a
// failing scenario opens on what went wrong, not on empty lanes.
TimeWindow window_for_call(const ScenarioRunResult& result, std::size_t call_index, TimeUs at_us);

// The call a trace event concerns (call_of_event), and the events of a call
// grouped for the ladder diagram.
struct LadderStep {
  TimeUs time_us = 0;
  std::string kind;     // trace kind name
  std::string from;     // column names
  std::string to;
  std::string label;    // what the arrow says (the policy's reason for a skip)
  enum class Tone { Plain, Good, Bad, Forward } tone = Tone::Plain;
  // The policy rule behind the step, when the run recorded decisions (run
  // --decisions): "scripting/policies/cisco_cucm.lua:21 appearance()", and
  // the facts it read ("app.dnd=reject"), shown when the arrow is hovered.
  std::string rule;
  std::vector<std::string> facts;
};
struct Ladder {
  std::vector<std::string> columns;  // caller, lines in path order, devices, voicemail / external
  std::vector<LadderStep> steps;
  std::string outcome;               // "voicemail at 14s: voicemail of 1000"
};
Ladder build_ladder(const ScenarioRunResult& result, std::size_t call_index);

struct ScenarioFilter {
  std::string name;       // substring of the name or file, case-insensitive
  int status = 0;         // 0 any, 1 passed, 2 failed, 3 error, 4 not passed
  std::string behaviour;  // catalogue ID substring ("CUC-5")
};
bool matches(const ScenarioReport& report, const ScenarioFilter& filter);

class Model {
 public:
  // Opens the database and the latest run; on failure error() says why.
  bool open(const std::string& path);
  const std::string& error() const { return error_; }
  const std::string& path() const { return path_; }
  bool is_open() const { return db_ != nullptr && run_.has_value(); }

  const std::vector<RunInfo>& runs() const { return runs_; }
  bool select_run(std::int64_t id);
  const StoredRun* run() const { return run_ ? &*run_ : nullptr; }

  ScenarioFilter& filter() { return filter_; }
  void refilter();
  const std::vector<std::size_t>& visible() const { return visible_; }  // scenario positions, failed first

  // Selects a scenario by position and loads its calls and events.
  bool select_scenario(std::size_t position);
  // Selects the scenario whose name (or "file:name") is `name`, else the
  // first listed (failures first) whose name or file contains it, any case.
  bool select_scenario_named(const std::string& name);
  const ScenarioReport* scenario() const;
  std::optional<std::size_t> selected() const { return selected_; }
  const Timeline& timeline() const { return timeline_; }
  // Changes whenever another scenario or run is selected (or one is loaded
  // again): views cache what they derive from the scenario under it.
  std::uint64_t selection() const { return selection_; }

  // A click on a failed check: selects its scenario (by position), moves the
  // cursor to when the check ran and asks the timeline to show that moment
  // (focus). False when the check has no time (generated checks, files
  // written before results schema 2): then only the scenario is selected.
  bool jump_to_check(std::size_t position, std::size_t check);
  // The span the timeline shows next (once, then it clears it).
  std::optional<TimeWindow> focus;
  // The same for the selected scenario's first failed check that has a time.
  bool jump_to_first_failed_check();
  // Shows call `call_index` (0-based) of the selected scenario: the ladder
  // draws it and the timeline frames its events and the cursor.
  bool focus_call(std::size_t call_index);

  // What changed from run `before` to the run being browsed (pbxsim diff);
  // kept until the next call. Returns an error message, or nothing.
  std::optional<std::string> diff_against(std::int64_t before);
  const std::optional<RunDiff>& diff() const { return diff_; }
  std::int64_t diff_before = 0;
  // The two runs of the diff side by side; only the changed scenarios, or all.
  const std::optional<SideBySide>& side_by_side() const { return side_by_side_; }
  bool diff_only_changed() const { return diff_only_changed_; }
  void set_diff_only_changed(bool only_changed);

  std::size_t selected_call = 0;
  TimeUs cursor_us = 0;
  double open_ms = 0;       // wall-clock milliseconds to open the file and load the run
  std::size_t events_loaded() const;

 private:
  std::string path_;
  std::string error_;
  std::unique_ptr<ResultsDb> db_;
  std::vector<RunInfo> runs_;
  std::optional<StoredRun> run_;
  ScenarioFilter filter_;
  std::vector<std::size_t> visible_;
  std::optional<std::size_t> selected_;
  std::uint64_t selection_ = 0;
  Timeline timeline_;
  std::optional<RunDiff> diff_;
  std::optional<StoredRun> diff_runs_[2];  // before, after: read in full for the diff
  std::optional<SideBySide> side_by_side_;
  bool diff_only_changed_ = true;
};

}  // namespace pbxsim::viewer
