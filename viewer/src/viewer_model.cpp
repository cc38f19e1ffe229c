// The viewer's model. Sections: timeline · state at the cursor · ladder ·
// filter · opening and selecting.
#include "viewer_model.h"

#include "pbxsim/simulator/call_explanation.h"

#include <algorithm>
#include <cctype>
#include <chrono>

#include "pbxsim/simulator/call_summary.h"

namespace pbxsim::viewer {
namespace {

std::string call_name(CallId call) { return "call-" + std::to_string(call); }

// A record about a call rather than an entity. Results files before schema 4
// stored no fields, only the call: there the subject names the call.
bool is_about_call(const TraceEvent& event) {
  if (event.about != TraceAbout::None) return event.about == TraceAbout::Call;
  return event.call != 0 && event.subject == call_name(event.call);
}

// The state view's entries for a call begin with its name ("call-2 on line 1000: audible").
void erase_call(std::vector<std::string>& items, CallId call) {
  const std::string name = call_name(call);
  items.erase(std::remove_if(items.begin(), items.end(),
                             [&](const std::string& item) {
                               return item.rfind(name, 0) == 0 && (item.size() == name.size() || item[name.size()] == ' ');
                             }),
              items.end());
}

}  // namespace

// ---------------------------------------------------------------------- timeline

Timeline build_timeline(const ScenarioRunResult& result) {
  Timeline timeline;
  std::map<std::string, std::size_t> entity_lane;
  std::map<CallId, std::size_t> call_position;
  for (std::size_t i = 0; i < result.calls.size(); ++i) call_position[result.calls[i].id] = i;
  for (const TraceEvent& event : result.trace) {
    if (event.subject.empty() || is_about_call(event)) continue;
    if (entity_lane.emplace(event.subject, timeline.lanes.size()).second) {
      timeline.lanes.push_back(Lane{Lane::Kind::Entity, event.subject, 0});
    }
  }
  std::map<CallId, std::size_t> call_lane;
  for (std::size_t i = 0; i < result.calls.size(); ++i) {
    call_lane[result.calls[i].id] = timeline.lanes.size();
    timeline.lanes.push_back(Lane{Lane::Kind::Call, "call-" + std::to_string(result.calls[i].id), i});
  }
  for (std::size_t i = 0; i < result.trace.size(); ++i) {
    const TraceEvent& event = result.trace[i];
    timeline.end_us = std::max(timeline.end_us, event.time_us);
    if (!event.subject.empty() && !is_about_call(event)) {
      timeline.marks.push_back(Mark{entity_lane[event.subject], i});
    } else if (const auto call = call_of_event(event); call && call_lane.count(*call)) {
      timeline.marks.push_back(Mark{call_lane[*call], i});
    }
  }
  for (const CallRecord& call : result.calls) {
    timeline.end_us = std::max({timeline.end_us, call.outcome_at_us, call.released_at_us});
  }
  // Up to the last check too: a check after run_until("1m") is on the axis.
  for (const CheckResult& check : result.checks) timeline.end_us = std::max(timeline.end_us, check.time_us);
  timeline.end_us = std::max<TimeUs>(timeline.end_us, kUsPerSecond);
  return timeline;
}

// ------------------------------------------------------------ state at the cursor

namespace {

std::string target_or_dash(const Target& target) { return target.is_set() ? target.describe() : "-"; }

template <class T>
T* find_named(std::vector<T>& items, const std::string& name, std::string T::*field) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& item) { return item.*field == name; });
  return it == items.end() ? nullptr : &*it;
}

// The state the topology starts from, before any event.
void start_from_topology(const Topology& topology, StateAt& state) {
  for (const DeviceSpec& spec : topology.devices) {
    DeviceState device;
    device.name = spec.name;
    device.owner = spec.owner;
    state.devices.push_back(std::move(device));
  }
  for (const LineSpec& spec : topology.lines) {
    state.lines.push_back(LineForwarding{spec.number, target_or_dash(spec.forward_all),
                                         target_or_dash(spec.forward_busy), target_or_dash(spec.forward_no_answer),
                                         true});
  }
  for (const GroupSpec& spec : topology.groups) {
    GroupAt group{spec.name, spec.number, {}};
    for (const GroupMemberSpec& member : spec.members) {
      group.members.push_back(GroupMemberAt{member.line, member.logged_in, member.paused, true});
    }
    state.groups.push_back(std::move(group));
  }
  for (const UserSpec& spec : topology.users) {
    state.users.push_back(UserAt{spec.id, std::string(user_mode_name(spec.mode)), {}, false});
  }
}

// A `setting` record: its reason names the setting, its target the new
// value: a line's forward (cfa) or voicemail, a device's activity, a user's
// GSM mode.
void apply_setting(const TraceEvent& event, StateAt& state, DeviceState* device) {
  const bool on = event.target == "on";
  if (LineForwarding* line = find_named(state.lines, event.line, &LineForwarding::number)) {
    if (event.reason == "cfa") line->cfa = event.target == "none" ? "-" : event.target;
    if (event.reason == "voicemail") line->voicemail = on;
    return;
  }
  if (event.about == TraceAbout::User) {
    if (UserAt* user = find_named(state.users, event.user, &UserAt::id); user && event.reason == "gsm") user->gsm = on;
    return;
  }
  if (device != nullptr && event.reason == "active") device->active = on;
}

// A `group` record: a member (its line) logged in or out, paused, ...
void apply_group_member(const TraceEvent& event, StateAt& state) {
  GroupAt* group = find_named(state.groups, event.group, &GroupAt::name);
  if (group == nullptr) {
    state.groups.push_back(GroupAt{event.group, {}, {}});
    group = &state.groups.back();
  }
  GroupMemberAt* member = find_named(group->members, event.line, &GroupMemberAt::line);
  if (member == nullptr) {
    group->members.push_back(GroupMemberAt{event.line, true, false, true});
    member = &group->members.back();
  }
  const std::string& change = event.reason;
  if (change == "logged in") member->logged_in = true;
  else if (change == "logged out") member->logged_in = false;
  else if (change == "paused") member->paused = true;
  else if (change == "unpaused") member->paused = false;
  else if (change == "pickup on") member->pickup = true;
  else if (change == "pickup off") member->pickup = false;
}

}  // namespace

StateAt state_at(const ScenarioRunResult& result, TimeUs at_us, bool full_trace) {
  StateAt state;
  state.full_trace = full_trace;
  state.has_topology = result.topology.has_value();
  if (result.topology) start_from_topology(*result.topology, state);
  // Devices by name: the trace names other entities too (users, lines,
  // groups, servers), so only known devices or those a device event names.
  std::map<std::string, std::size_t> device_at;
  for (std::size_t i = 0; i < state.devices.size(); ++i) device_at.emplace(state.devices[i].name, i);
  auto device = [&](const std::string& name) -> DeviceState& {
    auto [it, added] = device_at.emplace(name, state.devices.size());
    if (added) {
      DeviceState fresh;
      fresh.name = name;
      state.devices.push_back(std::move(fresh));
    }
    return state.devices[it->second];
  };
  auto known_device = [&](const std::string& name) -> DeviceState* {
    auto it = device_at.find(name);
    return it == device_at.end() ? nullptr : &state.devices[it->second];
  };
  auto user = [&](const std::string& id) -> UserAt& {
    if (UserAt* known = find_named(state.users, id, &UserAt::id)) return *known;
    state.users.push_back(UserAt{id, {}, {}, false});
    return state.users.back();
  };
  std::map<CallId, std::string> call_state;
  for (const TraceEvent& event : result.trace) {
    if (event.time_us > at_us) break;
    switch (event.kind) {
      case TraceKind::Registered:
      case TraceKind::RegistrationRefreshed: {
        auto& lines = device(event.device).registered_lines;
        if (std::find(lines.begin(), lines.end(), event.line) == lines.end()) lines.push_back(event.line);
        break;
      }
      case TraceKind::Unregistered:
      case TraceKind::RegistrationExpired:
      case TraceKind::RegistrationReplaced: {
        auto& lines = device(event.device).registered_lines;
        lines.erase(std::remove(lines.begin(), lines.end(), event.line), lines.end());
        break;
      }
      case TraceKind::DndChanged:
        device(event.device).dnd = event.reason;
        break;
      case TraceKind::ModeChanged:
        user(event.user).mode = event.reason;
        break;
      case TraceKind::Login: {
        DeviceState& at = device(event.device);
        at.logged_in = event.user;
        at.device_profile = event.target;
        break;
      }
      case TraceKind::Logout: {
        DeviceState& at = device(event.device);
        at.logged_in.clear();
        at.device_profile.clear();
        break;
      }
      case TraceKind::Profile:
        // Edits, additions and deletions leave the selection.
        if (event.reason == "selected") user(event.user).profile = event.target;
        break;
      case TraceKind::Setting:
        apply_setting(event, state, known_device(event.device));
        break;
      case TraceKind::GroupMember:
        apply_group_member(event, state);
        break;
      case TraceKind::Alerted:
        device(event.device).alerting.push_back(event.text);
        break;
      case TraceKind::AlertStopped:
        erase_call(device(event.device).alerting, event.call);
        break;
      case TraceKind::Answered: {
        DeviceState& answering = device(event.device);
        for (DeviceState& other : state.devices) erase_call(other.alerting, event.call);
        answering.connected.push_back(call_name(event.call));
        call_state[event.call] = "connected on " + event.device;
        break;
      }
      case TraceKind::CallOffered:
        call_state[event.call] = "offered: " + event.text;
        break;
      case TraceKind::Forwarded:
        call_state[event.call] = "forwarded: " + event.text;
        break;
      case TraceKind::Outcome:
        if (event.reason != "answered") {
          call_state[event.call] = "ended, " + event.text;
          for (DeviceState& other : state.devices) erase_call(other.alerting, event.call);
        }
        break;
      case TraceKind::Parked:  // PARK-1: the call leaves the parking phone
        erase_call(device(event.device).connected, event.call);
        call_state[event.call] = "parked on " + event.target;
        break;
      case TraceKind::Retrieved:
        device(event.device).connected.push_back(call_name(event.call));
        call_state[event.call] = "connected on " + event.device;
        break;
      case TraceKind::Released:
        call_state[event.call] = "released " + event.text;
        for (DeviceState& other : state.devices) {
          erase_call(other.alerting, event.call);
          erase_call(other.connected, event.call);
        }
        break;
      default:
        break;  // other kinds change nothing the state view shows
    }
  }
  for (const auto& [call, text] : call_state) state.calls.push_back(call_name(call) + ": " + text);
  return state;
}

std::optional<std::uint32_t> queue_depth_at(const ScenarioRunResult& result, TimeUs at_us) {
  if (result.queue_depths.size() != result.trace.size() || result.trace.empty()) return std::nullopt;
  // The last event at or before at_us (the trace is in time order).
  const auto after = std::upper_bound(result.trace.begin(), result.trace.end(), at_us,
                                      [](TimeUs at, const TraceEvent& event) { return at < event.time_us; });
  if (after == result.trace.begin()) return std::nullopt;
  return result.queue_depths[static_cast<std::size_t>(after - result.trace.begin()) - 1];
}

std::optional<TimeUs> first_failed_check_time(const ScenarioRunResult& result) {
  for (const CheckResult& check : result.checks) {
    if (!check.passed && check.time_us >= 0) return check.time_us;
  }
  return std::nullopt;
}

TimeWindow window_for_call(const ScenarioRunResult& result, std::size_t call_index, TimeUs at_us) {
  if (call_index >= result.calls.size()) return window_around(at_us, at_us);
  const CallRecord& call = result.calls[call_index];
  TimeUs first = at_us;
  TimeUs last = at_us;
  for (const TimeUs time_us : {call.offered_at_us, call.answered_at_us, call.outcome_at_us, call.released_at_us}) {
    if (time_us < 0) continue;
    first = std::min(first, time_us);
    last = std::max(last, time_us);
  }
  const double span = std::max(2.0 * kUsPerSecond, static_cast<double>(last - first) * 1.2);
  return TimeWindow{std::max(0.0, static_cast<double>(first) - span * 0.08), span};
}

TimeWindow window_around(TimeUs at_us, TimeUs end_us) {
  // A third of the scenario (at least 2s) with the moment three quarters
  // along: a check usually runs after what it checks happened.
  const double span = std::max(2.0 * kUsPerSecond, static_cast<double>(end_us) / 3);
  return TimeWindow{std::max(0.0, static_cast<double>(at_us) - span * 0.75), span};
}

// ------------------------------------------------------------------------ ladder

Ladder build_ladder(const ScenarioRunResult& result, std::size_t call_index) {
  Ladder ladder;
  if (call_index >= result.calls.size()) return ladder;
  const CallRecord& call = result.calls[call_index];
  auto column = [&](const std::string& name) {
    if (std::find(ladder.columns.begin(), ladder.columns.end(), name) == ladder.columns.end()) {
      ladder.columns.push_back(name);
    }
  };
  column(call.caller);
  std::string current_line = call.dialed;
  // Each step's rule: the decision behind it (a decision nothing followed,
  // such as a group member offered, is a step of its own).
  const std::vector<std::optional<std::size_t>> behind = decisions_behind(result.trace);
  std::vector<bool> paired(result.trace.size(), false);
  for (const std::optional<std::size_t>& decision : behind) {
    if (decision) paired[*decision] = true;
  }
  for (std::size_t index = 0; index < result.trace.size(); ++index) {
    const TraceEvent& event = result.trace[index];
    if (event.call != call.id || (event.kind == TraceKind::Decided && paired[index])) continue;
    LadderStep step;
    step.time_us = event.time_us;
    step.kind = std::string(trace_kind_name(event.kind));
    const TraceEvent* decision = event.kind == TraceKind::Decided ? &event
                                 : behind[index]                   ? &result.trace[*behind[index]]
                                                                   : nullptr;
    if (decision != nullptr) {
      step.rule = decision->rule + " " + decision->reason + "()";
      for (const TraceFact& fact : decision->facts) step.facts.push_back(fact.name + "=" + fact.value);
    }
    switch (event.kind) {
      case TraceKind::CallOffered: {
        // To a line, a group (its number) or a number that is neither.
        const std::string target = !event.line.empty() ? event.line : !event.target.empty() ? event.target : call.dialed;
        const std::string from = ladder.steps.empty() ? call.caller : current_line;
        column(target);
        step.from = from;
        step.to = target;
        step.label = "offered";
        current_line = target;
        break;
      }
      case TraceKind::Forwarded: {
        // To a line, voicemail or an external number.
        const std::string& target = event.target;
        column(target);
        step.from = current_line;
        step.to = target;
        step.label = event.line + " " + event.reason;
        step.tone = LadderStep::Tone::Forward;
        break;
      }
      case TraceKind::Alerted:
      case TraceKind::Skipped: {
        // A group's skipped member is a line, an appearance's a device.
        const std::string& who = event.device.empty() ? event.line : event.device;
        column(who);
        step.from = current_line;
        step.to = who;
        step.label = event.reason + (event.target == "gsm" ? " over the mobile network" : "");
        if (event.kind == TraceKind::Skipped) step.label = "skipped: " + step.label;
        step.tone = event.kind == TraceKind::Alerted ? LadderStep::Tone::Good : LadderStep::Tone::Bad;
        break;
      }
      case TraceKind::AlertStopped:
        column(event.device);
        step.from = event.device;
        step.to = event.device;
        step.label = event.reason.empty() ? "alert stopped" : "alert stopped: " + event.reason;
        break;
      case TraceKind::Answered:
        column(event.device);
        step.from = event.device;
        step.to = call.caller;
        step.label = "answered";
        step.tone = LadderStep::Tone::Good;
        break;
      case TraceKind::Parked:  // the parking phone hands the call to the park number
        column(event.device);
        column("park " + event.target);
        step.from = event.device;
        step.to = "park " + event.target;
        step.label = "parked on " + event.target;
        step.tone = LadderStep::Tone::Forward;
        current_line = "park " + event.target;
        break;
      case TraceKind::ParkReverted:
        column(event.device);
        step.from = current_line;
        step.to = event.device;
        step.label = "reverted after " + format_duration(event.duration_us);
        step.tone = LadderStep::Tone::Forward;
        break;
      case TraceKind::Retrieved:
        column(event.device);
        step.from = event.target.empty() ? current_line : "park " + event.target;
        step.to = event.device;
        step.label = event.target.empty() ? "answered the reverted call" : "retrieved from " + event.target;
        step.tone = LadderStep::Tone::Good;
        break;
      case TraceKind::Decided:
        step.from = current_line;
        step.to = current_line;
        step.label = event.reason + "(): " + event.target;
        break;
      default:
        step.from = current_line;
        step.to = current_line;
        step.label = step.kind + ": " + event.text;
        break;
    }
    ladder.steps.push_back(std::move(step));
  }
  ladder.outcome = std::string(call_outcome_name(call.outcome)) + " at " + format_time(call.outcome_at_us) +
                   (call.outcome_detail.empty() ? "" : ": " + call.outcome_detail);
  return ladder;
}

// ------------------------------------------------------------------------ filter

bool matches(const ScenarioReport& report, const ScenarioFilter& filter) {
  using Status = ScenarioReport::Status;
  switch (filter.status) {
    case 1: if (report.status != Status::Passed) return false; break;
    case 2: if (report.status != Status::Failed) return false; break;
    case 3: if (report.status != Status::Error) return false; break;
    case 4: if (report.status == Status::Passed) return false; break;
    default: break;
  }
  if (!filter.name.empty()) {
    const std::string needle = lower(filter.name);
    if (lower(report.result.decl.name).find(needle) == std::string::npos &&
        lower(report.file).find(needle) == std::string::npos) {
      return false;
    }
  }
  if (!filter.behaviour.empty()) {
    const std::string needle = lower(filter.behaviour);
    const auto& covers = report.result.decl.covers;
    if (std::none_of(covers.begin(), covers.end(),
                     [&](const std::string& id) { return lower(id).find(needle) != std::string::npos; })) {
      return false;
    }
  }
  return true;
}

// ------------------------------------------------------------ opening and selecting

bool Model::open(const std::string& path) {
  const auto started = std::chrono::steady_clock::now();
  path_ = path;
  db_.reset();
  run_.reset();
  selected_.reset();
  if (path.empty()) {
    error_ = "no results database given: name one below, or on the command line";
    return false;
  }
  auto opened = ResultsDb::open(path, ResultsDb::Mode::Read);
  if (auto* message = std::get_if<std::string>(&opened)) {
    error_ = *message;
    return false;
  }
  db_ = std::move(std::get<std::unique_ptr<ResultsDb>>(opened));
  auto runs = db_->runs();
  if (auto* message = std::get_if<std::string>(&runs)) {
    error_ = *message;
    db_.reset();
    return false;
  }
  runs_ = std::move(std::get<std::vector<RunInfo>>(runs));
  if (runs_.empty()) {
    error_ = path + ": holds no run yet";
    db_.reset();
    return false;
  }
  const bool ok = select_run(runs_.back().id);
  open_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return ok;
}

bool Model::select_run(std::int64_t id) {
  if (!db_) return false;
  // Scenarios and checks only: calls, events and the topology are read
  // for the scenario shown (load_details), so 10 000 scenarios open fast.
  auto loaded = db_->load_run(id, LoadParts{false, false, false});
  if (auto* message = std::get_if<std::string>(&loaded)) {
    error_ = *message;
    return false;
  }
  run_ = std::move(std::get<StoredRun>(loaded));
  error_.clear();
  selected_.reset();
  ++selection_;
  timeline_ = {};
  refilter();
  return true;
}

void Model::refilter() {
  visible_.clear();
  if (!run_) return;
  const auto& scenarios = run_->suite.scenarios;
  // Failed and errored scenarios first: they are why the viewer is open.
  for (int pass = 0; pass < 2; ++pass) {
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
      const bool passed = scenarios[i].status == ScenarioReport::Status::Passed;
      if (passed != (pass == 1)) continue;
      if (matches(scenarios[i], filter_)) visible_.push_back(i);
    }
  }
}

bool Model::select_scenario(std::size_t position) {
  if (!run_ || position >= run_->suite.scenarios.size()) return false;
  ScenarioReport& report = run_->suite.scenarios[position];
  if (auto message = db_->load_details(run_->info, report, LoadParts{true, true, true})) {
    error_ = *message;
    return false;
  }
  selected_ = position;
  ++selection_;
  selected_call = 0;
  cursor_us = 0;
  focus.reset();
  timeline_ = build_timeline(report.result);
  return true;
}

bool Model::select_scenario_named(const std::string& name) {
  if (!run_) return false;
  const auto& scenarios = run_->suite.scenarios;
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    const std::string& own = scenarios[i].result.decl.name;
    if (own == name || scenarios[i].file + ":" + own == name) return select_scenario(i);
  }
  // A part of the name or file, as the browser's filter takes it.
  ScenarioFilter part;
  part.name = name;
  for (std::size_t i : visible_) {
    if (matches(scenarios[i], part)) return select_scenario(i);
  }
  error_ = path_ + ": run " + std::to_string(run_->info.id) + " has no scenario whose name or file contains '" +
           name + "'";
  return false;
}

bool Model::jump_to_check(std::size_t position, std::size_t check) {
  if (!run_ || position >= run_->suite.scenarios.size()) return false;
  if (selected_ != position && !select_scenario(position)) return false;
  const auto& checks = run_->suite.scenarios[position].result.checks;
  if (check >= checks.size() || checks[check].time_us < 0) return false;
  cursor_us = checks[check].time_us;
  // The call the check is about (stored since checks.call_id), else only the moment.
  const CallId call = checks[check].call;
  if (call >= 1 && call <= run_->suite.scenarios[position].result.calls.size()) return focus_call(call - 1);
  focus = window_around(cursor_us, timeline_.end_us);
  return true;
}

bool Model::focus_call(std::size_t call_index) {
  const ScenarioReport* report = scenario();
  if (!report || call_index >= report->result.calls.size()) return false;
  selected_call = call_index;
  focus = window_for_call(report->result, call_index, cursor_us);
  return true;
}

bool Model::jump_to_first_failed_check() {
  if (!selected_) return false;
  const auto& checks = run_->suite.scenarios[*selected_].result.checks;
  for (std::size_t i = 0; i < checks.size(); ++i) {
    if (!checks[i].passed && checks[i].time_us >= 0) return jump_to_check(*selected_, i);
  }
  return false;
}

const ScenarioReport* Model::scenario() const {
  if (!run_ || !selected_) return nullptr;
  return &run_->suite.scenarios[*selected_];
}

std::optional<std::string> Model::diff_against(std::int64_t before) {
  diff_.reset();
  side_by_side_.reset();
  for (auto& run : diff_runs_) run.reset();
  if (!db_ || !run_) return std::string("no run open");
  // Calls and events, not the topology: what pbxsim diff compares.
  auto old_run = db_->load_run(before, LoadParts{true, true, false});
  if (auto* message = std::get_if<std::string>(&old_run)) return *message;
  auto new_run = db_->load_run(run_->info.id, LoadParts{true, true, false});
  if (auto* message = std::get_if<std::string>(&new_run)) return *message;
  diff_runs_[0] = std::move(std::get<StoredRun>(old_run));
  diff_runs_[1] = std::move(std::get<StoredRun>(new_run));
  diff_ = diff_runs(*diff_runs_[0], *diff_runs_[1]);
  side_by_side_ = viewer::side_by_side(*diff_runs_[0], *diff_runs_[1], *diff_, diff_only_changed_);
  diff_before = before;
  return std::nullopt;
}

void Model::set_diff_only_changed(bool only_changed) {
  diff_only_changed_ = only_changed;
  if (diff_) side_by_side_ = viewer::side_by_side(*diff_runs_[0], *diff_runs_[1], *diff_, only_changed);
}

std::size_t Model::events_loaded() const {
  const ScenarioReport* report = scenario();
  return report ? report->result.trace.size() : 0;
}

}  // namespace pbxsim::viewer
