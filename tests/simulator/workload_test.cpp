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
  CHECK(error.message.find("unknown workload field 'group_sise'") != std::string::npos);
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
