// Workload files (scripting/src/workload_file.cpp) and what `pbxsim bench`
// makes of them (simulator/src/bench_runner.cpp): the declared feature mix
// really happens, and a misspelt field is an error, not a silent default.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "pbxsim/simulator/bench_runner.h"

using namespace pbxsim;

namespace {

const SandboxLimits kLimits{64u << 20, 5'000'000};

std::string write_workload(const std::string& name, const std::string& text) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /  // one per process: ctest runs cases in parallel
      ("pbxsim_workload_test_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / name).string();
  std::ofstream(path) << text;
  return path;
}

ScriptError load_error(const std::string& name, const std::string& text) {
  auto loaded = load_workload(write_workload(name, text), kLimits);
  REQUIRE(std::holds_alternative<ScriptError>(loaded));
  return std::get<ScriptError>(loaded);
}

}  // namespace

TEST_CASE("workload: the enterprise day declares groups, profile switches and DND toggles", "[bench]") {
  auto loaded = load_workload(std::string(PBXSIM_SOURCE_DIR) + "/scenarios/bench/enterprise_day.lua", kLimits);
  REQUIRE(std::holds_alternative<WorkloadSpec>(loaded));
  const WorkloadSpec& spec = std::get<WorkloadSpec>(loaded);
  CHECK(spec.users == 100'000);
  CHECK(spec.calls == 1'000'000);
  CHECK(spec.group_member_percent > 0);
  CHECK(spec.group_call_percent > 0);
  CHECK(spec.profile_switches_per_user > 0);
  CHECK(spec.dnd_toggles_per_user > 0);
}

TEST_CASE("workload: a misspelt field is an error at its line", "[bench]") {
  const ScriptError error = load_error("misspelt.lua", "workload \"w\" {\n  users = 10,\n  group_sise = 5,\n}\n");
  CHECK(error.kind == ScriptError::Kind::Config);
  CHECK(error.line == 3);
  CHECK(error.message.find("unknown field 'group_sise' (did you mean 'group_size'?") != std::string::npos);
}

TEST_CASE("workload: a group strategy other than hunt or ring-all is an error", "[bench]") {
  const ScriptError error = load_error("strategy.lua", "workload \"w\" {\n  group_strategy = \"random\",\n}\n");
  CHECK(error.line == 2);
  CHECK(error.message.find("group_strategy: expected one of \"hunt\", \"ring-all\"") != std::string::npos);
}

TEST_CASE("workload: group calls with too few users for one group are an error", "[bench]") {
  const ScriptError error = load_error(
      "nogroup.lua", "workload \"w\" {\n  users = 10,\n  group_member_percent = 50,\n  group_call_percent = 10,\n}\n");
  CHECK(error.line == 4);
}

TEST_CASE("bench: a small enterprise day runs every feature it declares", "[bench]") {
  auto loaded = load_workload(std::string(PBXSIM_SOURCE_DIR) + "/scenarios/bench/enterprise_day.lua", kLimits);
  REQUIRE(std::holds_alternative<WorkloadSpec>(loaded));
  WorkloadSpec spec = std::get<WorkloadSpec>(loaded);
  spec.users = 400;
  spec.calls = 4000;
  auto ran = run_workload(spec, 7, {});
  REQUIRE(std::holds_alternative<BenchFigures>(ran));
  const BenchFigures& figures = std::get<BenchFigures>(ran);
  CHECK(figures.outcomes[static_cast<std::size_t>(CallOutcome::None)] == 0);
  CHECK(figures.outcomes[static_cast<std::size_t>(CallOutcome::Answered)] > 0);
  CHECK(figures.outcomes[static_cast<std::size_t>(CallOutcome::Voicemail)] > 0);
  CHECK(figures.dnd_changes > 0);
  CHECK(figures.profile_switches == 400 * spec.profile_switches_per_user);
  CHECK(figures.group_calls > 0);
  CHECK(figures.answered_on_soft_phones > 0);  // soft phones register and ring, not only desk phones
  CHECK(figures.group_calls_answered > 0);     // group calls reach members who answer
}

TEST_CASE("workload: the toy day states its model in the workload's own fields", "[bench]") {
  auto loaded = load_workload(std::string(PBXSIM_SOURCE_DIR) + "/bench/peers/toy_day.lua", kLimits);
  REQUIRE(std::holds_alternative<WorkloadSpec>(loaded));
  const WorkloadSpec& spec = std::get<WorkloadSpec>(loaded);
  CHECK(spec.phones_per_user == 1);
  CHECK(spec.arrivals == WorkloadSpec::Arrivals::Poisson);
  CHECK(spec.dnd_all_phones_percent == 10);
  CHECK(spec.busy_limit_per_user == 2);
  CHECK(spec.answer_after.kind == DurationDistribution::Kind::Exponential);
  CHECK(spec.answer_after.mean_us == 8 * kUsPerSecond);
  CHECK(spec.holding.mean_us == 180 * kUsPerSecond);
}

TEST_CASE("workload: an exponential without a time mean is an error at its line", "[bench]") {
  const ScriptError error = load_error("exponential.lua", "workload \"w\" {\n  users = 10,\n  holding = { exponential = 180 },\n}\n");
  CHECK(error.line == 3);
  CHECK(error.message.find("holding:") == 0);
  const ScriptError misspelt = load_error("expo.lua", "workload \"w\" {\n  answer_after = { exponentail = \"8s\" },\n}\n");
  CHECK(misspelt.line == 2);
  CHECK(misspelt.message.find("{ exponential = \"8s\" }") != std::string::npos);
}

TEST_CASE("workload: arrivals are uniform or poisson", "[bench]") {
  const ScriptError error = load_error("arrivals.lua", "workload \"w\" {\n  arrivals = \"bursty\",\n}\n");
  CHECK(error.line == 2);
  CHECK(error.message.find("arrivals: expected one of \"uniform\", \"poisson\"") != std::string::npos);
}

TEST_CASE("workload: a busy limit per user needs one phone per user", "[bench]") {
  const ScriptError error = load_error("busy.lua", "workload \"w\" {\n  users = 10,\n  busy_limit_per_user = 2,\n}\n");
  CHECK(error.line == 3);
  CHECK(error.message.find("needs phones_per_user = 1") != std::string::npos);
}

TEST_CASE("bench: users in DND on every phone send their calls to voicemail unrung", "[bench]") {
  const std::string path = write_workload("all_dnd.lua",
      "workload \"w\" {\n  users = 50, calls = 500, dnd_all_phones_percent = 100, external_caller_percent = 100,\n}\n");
  auto loaded = load_workload(path, kLimits);
  REQUIRE(std::holds_alternative<WorkloadSpec>(loaded));
  auto ran = run_workload(std::get<WorkloadSpec>(loaded), 3, {});
  REQUIRE(std::holds_alternative<BenchFigures>(ran));
  const BenchFigures& figures = std::get<BenchFigures>(ran);
  CHECK(figures.outcomes[static_cast<std::size_t>(CallOutcome::Voicemail)] == 500);
  CHECK(figures.voicemail_not_rung == 500);  // desk and soft phone both reject
}

TEST_CASE("bench: with a busy limit of 1 and long calls, the second call to a user is busy", "[bench]") {
  const std::string path = write_workload("busy_one.lua",
      "workload \"w\" {\n  users = 20, phones_per_user = 1, calls = 400, duration = \"1h\", arrivals = \"poisson\",\n"
      "  busy_limit_per_user = 1, forward_busy_percent = 100, answer_percent = 100,\n"
      "  answer_after = { \"1s\", \"1s\" }, holding = { exponential = \"1h\" },\n}\n");
  auto loaded = load_workload(path, kLimits);
  REQUIRE(std::holds_alternative<WorkloadSpec>(loaded));
  auto ran = run_workload(std::get<WorkloadSpec>(loaded), 3, {});
  REQUIRE(std::holds_alternative<BenchFigures>(ran));
  const BenchFigures& figures = std::get<BenchFigures>(ran);
  // 20 users each talk for an hour on average: most of 400 calls find the phone busy.
  CHECK(figures.voicemail_busy > 200);
  CHECK(figures.outcomes[static_cast<std::size_t>(CallOutcome::Answered)] >= 20);
  CHECK(figures.answered_on_soft_phones == 0);  // one phone per user: a desk phone
}

TEST_CASE("workload: a uniform pair must be two times, read raw, with nothing beside them", "[bench]") {
  const ScriptError three = load_error("three.lua", "workload \"w\" {\n  users = 10,\n  holding = { \"1s\", \"2s\", \"3s\" },\n}\n");
  CHECK(three.line == 3);
  CHECK(three.message.find("holding: expected a table such as { \"2s\", \"20s\" }") == 0);
  const ScriptError unitless = load_error("unitless.lua", "workload \"w\" {\n  holding = { \"1s\", 20 },\n}\n");
  CHECK(unitless.line == 2);
  CHECK(unitless.message.find("holding: ") == 0);
  CHECK(unitless.message.find("20") != std::string::npos);
  // A metatable cannot supply what the table does not hold.
  const ScriptError hidden = load_error("hidden.lua",
      "workload \"w\" {\n  holding = setmetatable({}, { __index = function() return \"1s\" end }),\n}\n");
  CHECK(hidden.line == 2);
}
