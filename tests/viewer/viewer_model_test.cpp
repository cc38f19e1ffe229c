// The viewer's model on a live run of CUC-5's first scenario: alice's soft
// phone rejects in DND (spread to her desk), so call-1 skips desk and soft
// and rings the assistant, who answers at 6s.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "file_browser.h"
#include "viewer_model.h"
#include "pbxsim/simulator/results_store.h"
#include "pbxsim/simulator/suite_runner.h"

namespace {

using namespace pbxsim;
using namespace pbxsim::viewer;

const ScenarioRunResult& cuc5() {
  static const ScenarioRunResult result =
      run_scenario(PBXSIM_SOURCE_DIR "/scenarios/cisco/cuc5_shared_line_dnd_reject.lua", 0, ScenarioRunOptions{});
  return result;
}

}  // namespace

TEST_CASE("viewer ladder: the DND appearances are skipped with the policy's reason, the assistant rings") {
  const Ladder ladder = build_ladder(cuc5(), 0);
  REQUIRE(ladder.columns.front() == "+14085550100");
  auto step_to = [&](const std::string& device) {
    return std::find_if(ladder.steps.begin(), ladder.steps.end(),
                        [&](const LadderStep& step) { return step.to == device && step.from == "1000"; });
  };
  REQUIRE(step_to("desk") != ladder.steps.end());
  CHECK(step_to("desk")->label == "skipped: dnd-reject");
  CHECK(step_to("soft")->label == "skipped: dnd-reject");
  CHECK(step_to("assistant")->label == "audible");
  CHECK(step_to("assistant")->time_us == 2 * kUsPerSecond);
  CHECK(ladder.outcome.rfind("answered at 6s", 0) == 0);
}

TEST_CASE("viewer ladder with decisions: each arrow names its policy rule, hovering lists the facts it read") {
  ScenarioRunOptions options;
  options.record_decisions = true;
  const ScenarioRunResult result =
      run_scenario(PBXSIM_SOURCE_DIR "/scenarios/cisco/cuc5_explained_voicemail.lua", 0, options);
  REQUIRE_FALSE(result.error);
  const Ladder ladder = build_ladder(result, 0);
  auto step = [&](const std::string& from, const std::string& to) {
    const auto found = std::find_if(ladder.steps.begin(), ladder.steps.end(),
                                    [&](const LadderStep& s) { return s.from == from && s.to == to; });
    REQUIRE(found != ladder.steps.end());
    return *found;
  };
  const LadderStep desk = step("1000", "desk");
  CHECK(desk.label == "skipped: dnd-reject");
  CHECK_THAT(desk.rule, Catch::Matches(R"(scripting/policies/cisco_cucm\.lua:\d+ appearance\(\))"));
  CHECK(std::find(desk.facts.begin(), desk.facts.end(), "app.dnd=reject") != desk.facts.end());
  const LadderStep forward = step("1000", "voicemail");
  CHECK(forward.label == "1000 cfna");
  CHECK_THAT(forward.rule, Catch::Matches(R"(scripting/policies/cisco_cucm\.lua:\d+ none_alerted\(\))"));
  CHECK(std::find(forward.facts.begin(), forward.facts.end(), "line.has_cfna=true") != forward.facts.end());
  // The decisions are the arrows' rules, not steps of their own.
  CHECK(std::none_of(ladder.steps.begin(), ladder.steps.end(), [](const LadderStep& s) { return s.kind == "decided"; }));
  // Without recorded decisions the same arrows carry no rule.
  const Ladder plain = build_ladder(run_scenario(PBXSIM_SOURCE_DIR "/scenarios/cisco/cuc5_explained_voicemail.lua", 0, {}), 0);
  REQUIRE(plain.steps.size() == ladder.steps.size());
  CHECK(std::all_of(plain.steps.begin(), plain.steps.end(), [](const LadderStep& s) { return s.rule.empty(); }));
}

TEST_CASE("viewer state at 5s: desk and soft in DND reject, the assistant ringing call-1") {
  const StateAt state = state_at(cuc5(), 5 * kUsPerSecond, true);
  auto device = [&](const std::string& name) {
    return *std::find_if(state.devices.begin(), state.devices.end(),
                         [&](const viewer::DeviceState& d) { return d.name == name; });
  };
  CHECK(device("desk").dnd == "reject");
  CHECK(device("soft").dnd == "reject");
  CHECK(device("assistant").dnd == "off");
  CHECK(device("assistant").registered_lines == std::vector<std::string>{"1000"});
  REQUIRE(device("assistant").alerting.size() == 1);
  CHECK(device("assistant").alerting[0].rfind("call-1", 0) == 0);
  const StateAt later = state_at(cuc5(), 7 * kUsPerSecond, true);
  auto assistant = *std::find_if(later.devices.begin(), later.devices.end(),
                                 [](const viewer::DeviceState& d) { return d.name == "assistant"; });
  CHECK(assistant.alerting.empty());
  CHECK(assistant.connected == std::vector<std::string>{"call-1"});
}

TEST_CASE("viewer timeline: a lane per device, then one per call, every event placed") {
  const Timeline timeline = build_timeline(cuc5());
  REQUIRE(timeline.lanes.size() >= 6);
  CHECK(timeline.lanes.back().kind == Lane::Kind::Call);
  CHECK(timeline.lanes.back().name == "call-1");
  CHECK(timeline.marks.size() == cuc5().trace.size());
}

TEST_CASE("viewer filter: by catalogue ID, name and status") {
  ScenarioReport report;
  report.file = "scenarios/cisco/cuc5.lua";
  report.result.decl.name = "One appearance rings";
  report.result.decl.covers = {"CUC-5"};
  CHECK(matches(report, ScenarioFilter{"one APPEARANCE", 0, ""}));
  CHECK(matches(report, ScenarioFilter{"", 1, "cuc-5"}));
  CHECK_FALSE(matches(report, ScenarioFilter{"", 0, "CUC-7"}));
  CHECK_FALSE(matches(report, ScenarioFilter{"", 2, ""}));
}

namespace {

// The scenario of `file` named `name`, run live.
ScenarioRunResult run_named(const std::string& file, const std::string& name) {
  const std::string path = std::string(PBXSIM_SOURCE_DIR) + "/" + file;
  auto listed = list_scenarios(path, SandboxLimits{});
  REQUIRE(std::holds_alternative<std::vector<ScenarioDecl>>(listed));
  const auto& decls = std::get<std::vector<ScenarioDecl>>(listed);
  for (std::size_t i = 0; i < decls.size(); ++i) {
    if (decls[i].name == name) return run_scenario(path, i, ScenarioRunOptions{});
  }
  FAIL("no scenario named " << name << " in " << file);
  return {};
}

template <class T, class Field>
const T& named(const std::vector<T>& items, Field field, const std::string& name) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& item) { return item.*field == name; });
  REQUIRE(it != items.end());
  return *it;
}

// A results database in a fresh directory, removed afterwards.
struct TempResults {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / ("pbxsim-viewer-model-" + std::to_string(::getpid()));
  std::string path = (dir / "r.db").string();
  TempResults() {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
  }
  ~TempResults() {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
};

void store_run(const std::string& path, const std::string& file, bool full_trace, const std::string& policy = "") {
  SuiteOptions options;
  options.policy = policy;
  options.paths = {std::string(PBXSIM_SOURCE_DIR) + "/" + file};
  const SuiteReport suite = run_suite(options, nullptr, nullptr);
  auto opened = ResultsDb::open(path, ResultsDb::Mode::Write);
  REQUIRE(std::holds_alternative<std::unique_ptr<ResultsDb>>(opened));
  ResultsDb& db = *std::get<std::unique_ptr<ResultsDb>>(opened);
  RunInfo info;
  info.started_at = utc_now();
  info.pbxsim_version = "test";
  info.command_line = "pbxsim run (test)";
  info.full_trace = full_trace;
  const std::int64_t run = std::get<std::int64_t>(db.begin_run(info));
  for (const ScenarioReport& report : suite.scenarios) REQUIRE_FALSE(db.add_scenario(run, report, options, full_trace));
  REQUIRE_FALSE(db.finish_run(run, suite, utc_now()));
}

}  // namespace

TEST_CASE("viewer failed check: a click selects its scenario and moves the cursor and the timeline to when it ran") {
  TempResults temp;
  store_run(temp.path, "tests/viewer/fails_on_purpose.lua", true);
  Model model;
  REQUIRE(model.open(temp.path));
  REQUIRE(model.visible().size() == 1);
  REQUIRE_FALSE(model.selected());
  const std::size_t position = model.visible().front();
  // fails_on_purpose.lua's only expect runs after sim:run_until("20s"); its
  // call's events are at 2s-6s: the timeline shows both, not 15s-20s.
  REQUIRE(model.jump_to_check(position, 0));
  CHECK(model.selected() == position);
  CHECK(model.cursor_us == 20 * kUsPerSecond);
  CHECK(first_failed_check_time(model.scenario()->result) == 20 * kUsPerSecond);
  REQUIRE(model.focus);
  CHECK(model.focus->start_us <= 2.0 * kUsPerSecond);
  CHECK(model.focus->start_us + model.focus->span_us > 20.0 * kUsPerSecond);
  CHECK_FALSE(model.jump_to_check(position, 99));  // no such check: the cursor stays
  CHECK(model.cursor_us == 20 * kUsPerSecond);
  // Selecting it again puts the cursor back to 0; the browser then opens it at its first failure.
  REQUIRE(model.select_scenario(position));
  CHECK(model.cursor_us == 0);
  CHECK(model.jump_to_first_failed_check());
  CHECK(model.cursor_us == 20 * kUsPerSecond);
}

TEST_CASE("viewer failed check about the second call: the ladder shows that call, the timeline frames it") {
  TempResults temp;
  store_run(temp.path, "tests/viewer/fails_on_the_second_call.lua", true);
  Model model;
  REQUIRE(model.open(temp.path));
  const std::size_t position = model.visible().front();
  REQUIRE(model.select_scenario(position));
  // The failing expect (the second) runs after sim:run_until("1m") and reads
  // call-2, whose events are at 2s-6s; call-1 is at 0.5s-0.9s.
  REQUIRE(model.jump_to_first_failed_check());
  CHECK(model.cursor_us == 60 * kUsPerSecond);
  CHECK(model.scenario()->result.checks[1].call == 2);
  CHECK(model.selected_call == 1);
  REQUIRE(model.focus);
  CHECK(model.focus->start_us <= 2.0 * kUsPerSecond);
  const TimeWindow call_two = window_for_call(model.scenario()->result, 1, 60 * kUsPerSecond);
  CHECK(model.focus->start_us == call_two.start_us);  // framed on call-2, from its offer to the check
  CHECK(model.focus->span_us == call_two.span_us);
  CHECK(model.focus->start_us + model.focus->span_us > 60.0 * kUsPerSecond);  // the cursor is in view
  CHECK(model.timeline().end_us >= 60 * kUsPerSecond);  // the axis reaches the check (the view keeps the frame)
  // --call 1: the first call framed instead.
  CHECK(model.focus_call(0));
  CHECK(model.selected_call == 0);
  REQUIRE(model.focus);
  CHECK(model.focus->start_us <= 0.5 * kUsPerSecond);
  CHECK_FALSE(model.focus_call(2));  // there is no call-3
}

TEST_CASE("viewer --scenario: an exact name, else a part of the name or file in any case") {
  TempResults temp;
  store_run(temp.path, "scenarios/cisco/cuc5_shared_line_dnd_reject.lua", false);
  Model model;
  REQUIRE(model.open(temp.path));
  REQUIRE(model.select_scenario_named("one appearance not in DND rings while the others reject"));
  const std::string exact = model.scenario()->result.decl.name;
  REQUIRE(model.select_scenario_named("NOT IN DND RINGS"));
  CHECK(model.scenario()->result.decl.name == exact);
  CHECK(model.select_scenario_named("cuc5_shared"));  // a part of the file
  CHECK_FALSE(model.select_scenario_named("no scenario is called this"));
  CHECK(model.error().find("has no scenario whose name or file contains 'no scenario is called this'") !=
        std::string::npos);
}

TEST_CASE("viewer state (PP-8): logins, the active profile, group members and line forwarding at the cursor") {
  const ScenarioRunResult result =
      run_named("scenarios/dee/pp7_pp8_pp9_devices.lua",
                "PP-8: at login the current profile decides: In a meeting keeps the desk out of UCD");
  REQUIRE(result.topology);
  const StateAt logged_in = state_at(result, 2 * kUsPerSecond, true);
  CHECK(logged_in.has_topology);
  const auto& desk = named(logged_in.devices, &viewer::DeviceState::name, "desk");
  CHECK(desk.logged_in == "alice");
  CHECK(desk.device_profile == "alice-desk");
  CHECK(desk.active);
  CHECK(named(logged_in.users, &UserAt::id, "alice").profile == "In the office");
  const auto& ucd = named(logged_in.groups, &GroupAt::name, "ucd");
  CHECK(named(ucd.members, &GroupMemberAt::line, "1000").logged_in);
  CHECK(named(ucd.members, &GroupMemberAt::line, "1000").pickup);
  CHECK_FALSE(named(logged_in.lines, &LineForwarding::number, "1000").number.empty());

  const StateAt meeting = state_at(result, 7 * kUsPerSecond, true);
  const auto& desk_later = named(meeting.devices, &viewer::DeviceState::name, "desk");
  CHECK(desk_later.logged_in.empty());
  CHECK_FALSE(desk_later.active);
  CHECK(desk_later.dnd == "reject");
  CHECK(named(meeting.users, &UserAt::id, "alice").profile == "In a meeting");
  const auto& member = named(named(meeting.groups, &GroupAt::name, "ucd").members, &GroupMemberAt::line, "1000");
  CHECK_FALSE(member.logged_in);
  CHECK_FALSE(member.pickup);
}

TEST_CASE("viewer state (PP-4): a profile's forward moves the line's cfa at the cursor") {
  const ScenarioRunResult result = run_named(
      "scenarios/dee/pp3_pp4_editing.lua", "PP-4: an edit of the selected forward destination moves the forward at once");
  CHECK(named(state_at(result, 0, true).lines, &LineForwarding::number, "1000").cfa == "-");
  CHECK(named(state_at(result, kUsPerSecond, true).lines, &LineForwarding::number, "1000").cfa == "external +4930111");
  CHECK(named(state_at(result, 2 * kUsPerSecond, true).lines, &LineForwarding::number, "1000").cfa ==
        "external +4930222");
}

TEST_CASE("viewer metrics: the queue depth at the cursor is that of the last event at or before it") {
  const ScenarioRunResult& result = cuc5();
  REQUIRE(result.queue_depths.size() == result.trace.size());
  CHECK(result.peak_queue_depth >= *std::max_element(result.queue_depths.begin(), result.queue_depths.end()));
  const TimeUs last = result.trace.back().time_us;
  CHECK(queue_depth_at(result, last) == result.queue_depths.back());
  ScenarioRunResult without = result;
  without.queue_depths.clear();
  CHECK_FALSE(queue_depth_at(without, last));
}

TEST_CASE("viewer state without the full trace: calls only, the topology still lists lines and devices") {
  TempResults temp;
  store_run(temp.path, "scenarios/cisco/cuc5_shared_line_dnd_reject.lua", false);
  Model model;
  REQUIRE(model.open(temp.path));
  REQUIRE(model.select_scenario_named(cuc5().decl.name));
  const StateAt state = state_at(model.scenario()->result, 5 * kUsPerSecond, model.run()->info.full_trace);
  CHECK_FALSE(state.full_trace);
  CHECK(state.has_topology);
  CHECK(named(state.lines, &LineForwarding::number, "1000").cfna == "3000");
  CHECK(named(state.devices, &viewer::DeviceState::name, "assistant").owner == "bob");
}

TEST_CASE("viewer run diff side by side: the scenario's status in each run, the call's changed outcome and route") {
  TempResults temp;
  store_run(temp.path, "tests/viewer/fails_on_purpose.lua", true);
  // The neutral policy spreads no DND: the desk rings, nobody answers by 20s.
  store_run(temp.path, "tests/viewer/fails_on_purpose.lua", true, "base");
  Model model;
  REQUIRE(model.open(temp.path));
  REQUIRE(model.runs().size() == 2);
  REQUIRE_FALSE(model.diff_against(model.runs().front().id));
  REQUIRE(model.side_by_side());
  const auto& rows = model.side_by_side()->rows;
  REQUIRE_FALSE(rows.empty());
  CHECK(rows.front().kind == SideRow::Kind::Scenario);
  CHECK(rows.front().before == "FAILED");
  CHECK(rows.front().after == "FAILED");
  CHECK(rows.front().tone == DiffEntry::Kind::Regression);
  auto row = [&](SideRow::Kind kind, const std::string& label) {
    auto it = std::find_if(rows.begin(), rows.end(), [&](const SideRow& r) { return r.kind == kind && r.label == label; });
    REQUIRE(it != rows.end());
    return *it;
  };
  CHECK(row(SideRow::Kind::Check, "policy").after == "base");
  CHECK(row(SideRow::Kind::Call, "call-1").differs);
  const SideRow outcome = row(SideRow::Kind::Fact, "outcome");
  CHECK(outcome.differs);
  CHECK(outcome.before.find("answered at 6s") != std::string::npos);
  CHECK(outcome.after.find("answered") == std::string::npos);
  CHECK_FALSE(row(SideRow::Kind::Fact, "path").differs);  // 1000 > 3000 in both
  const SideRow first_step = row(SideRow::Kind::Step, "step 1");
  CHECK_FALSE(first_step.differs);  // offered at 2s in both
  CHECK(first_step.before.rfind("2s offered", 0) == 0);
  CHECK(row(SideRow::Kind::Step, "step 2").differs);
  // Without a change there is nothing to show unless every scenario is asked for.
  REQUIRE_FALSE(model.diff_against(model.runs().back().id));
  CHECK(model.side_by_side()->rows.empty());
  model.set_diff_only_changed(false);
  CHECK(model.side_by_side()->rows.size() == 1);
}

TEST_CASE("viewer file dialog: directories first, then results databases, sorted; up, enter a path, open a file") {
  TempResults temp;
  const std::filesystem::path dir = temp.dir;
  for (const char* name : {"b.db", "a.db", "notes.txt", ".hidden.db"}) std::ofstream(dir / name) << "x";
  std::filesystem::create_directories(dir / "zsub");
  std::filesystem::create_directories(dir / "asub");
  FileBrowser files(dir.string());
  auto names = [&] {
    std::vector<std::string> listed;
    for (const FileEntry& entry : files.entries()) listed.push_back(entry.name + (entry.directory ? "/" : ""));
    return listed;
  };
  CHECK(files.directory() == std::filesystem::weakly_canonical(dir));
  CHECK(names() == std::vector<std::string>{"asub/", "zsub/", "a.db", "b.db"});
  files.set_all_files(true);
  CHECK(names() == std::vector<std::string>{"asub/", "zsub/", "a.db", "b.db", "notes.txt"});
  // A typed directory is listed; a typed file is the one to open.
  CHECK_FALSE(files.enter("zsub"));
  CHECK(files.directory().filename() == "zsub");
  CHECK(names().empty());
  files.up();
  CHECK(files.directory() == std::filesystem::weakly_canonical(dir));
  const auto chosen = files.enter("a.db");
  REQUIRE(chosen);
  CHECK(std::filesystem::path(*chosen).filename() == "a.db");
  CHECK_FALSE(files.enter("missing.db"));
  CHECK(files.error() == "missing.db: no such file or directory");
  CHECK_FALSE(files.change_to((dir / "a.db").string()));
  CHECK(files.directory() == std::filesystem::weakly_canonical(dir));  // still listed where it was
}

TEST_CASE("viewer ladder (PARK-2): the desk parks the call on 701 and the lobby retrieves it") {
  // The second scenario of the file: parked at 5 s, retrieved by the lobby phone at 20 s.
  const ScenarioRunResult park =
      run_scenario(PBXSIM_SOURCE_DIR "/scenarios/cisco/park_call_park.lua", 1, ScenarioRunOptions{});
  const Ladder ladder = build_ladder(park, 0);
  auto step_labelled = [&](const std::string& label) {
    return std::find_if(ladder.steps.begin(), ladder.steps.end(),
                        [&](const LadderStep& step) { return step.label == label; });
  };
  REQUIRE(step_labelled("parked on 701") != ladder.steps.end());
  CHECK(step_labelled("parked on 701")->from == "desk");
  CHECK(step_labelled("parked on 701")->to == "park 701");
  CHECK(step_labelled("parked on 701")->time_us == 5 * kUsPerSecond);
  REQUIRE(step_labelled("retrieved from 701") != ladder.steps.end());
  CHECK(step_labelled("retrieved from 701")->from == "park 701");
  CHECK(step_labelled("retrieved from 701")->to == "lobby");
  const StateAt parked = state_at(park, 10 * kUsPerSecond, true);
  for (const viewer::DeviceState& device : parked.devices) CHECK(device.connected.empty());
  const StateAt retrieved = state_at(park, 21 * kUsPerSecond, true);
  auto lobby = *std::find_if(retrieved.devices.begin(), retrieved.devices.end(),
                             [](const viewer::DeviceState& d) { return d.name == "lobby"; });
  CHECK(lobby.connected == std::vector<std::string>{"call-1"});
}
