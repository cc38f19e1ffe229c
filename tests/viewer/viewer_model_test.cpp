// The viewer's model on a live run of CUC-5's first scenario: alice's soft
// phone rejects in DND (spread to her desk), so call-1 skips desk and soft
// and rings the assistant, who answers at 6s.
#include <catch2/catch.hpp>

#include <algorithm>

#include "viewer_model.h"

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

TEST_CASE("viewer state at 5s: desk and soft in DND reject, the assistant ringing call-1") {
  const StateAt state = state_at(cuc5(), 5 * kUsPerSecond, true);
  auto device = [&](const std::string& name) {
    return *std::find_if(state.devices.begin(), state.devices.end(),
                         [&](const viewer::DeviceState& d) { return d.name == name; });
  };
  CHECK(device("desk").dnd == "reject");
  CHECK(device("soft").dnd == "reject");
  CHECK(device("assistant").dnd == "off");
  CHECK(device("assistant").registered_lines == std::vector<std::string>{"line 1000"});
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
