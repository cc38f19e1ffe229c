// print and log in a policy's hooks reach the scenario's output, interleaved
// with the scenario's own prints in simulated-time order, each line with the
// simulated time and the file:line that wrote it.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "pbxsim/scripting/scenario.h"

using namespace pbxsim;

namespace {

constexpr const char* kPolicy = R"lua(local policy = extend "base"
function policy.appearance(call, app)
  print("offered to", app.device)
  return "alert"
end
function policy.no_answer(call, line)
  log("warn", "nobody answered", line.number)
  return "no-answer"
end
return policy
)lua";

std::string scenario_source(const std::string& policy_path, const std::string& steps) {
  return "scenario \"hooks print\" {\n  policy = \"" + policy_path +
         "\",\n  lines = { [\"1000\"] = { no_answer = \"10s\" } },\n"
         "  devices = { desk = { lines = { \"1000\" } } },\n  steps = function(sim)\n" + steps + "\n  end,\n}\n";
}

std::string write_policy() {
  const std::filesystem::path path = std::filesystem::temp_directory_path() /  // one per process: ctest runs cases in parallel
      ("pbxsim_policy_output_" + std::to_string(getpid()) + ".lua");
  std::ofstream(path) << kPolicy;
  return path.string();
}

}  // namespace

TEST_CASE("policy output: print and log in hooks interleave with the scenario's prints by simulated time",
          "[policy_output]") {
  const std::string policy = write_policy();
  const std::string steps = R"lua(    print("before the call")
    local c = sim:call_at("2s", { from = "+14085550100", to = "1000" })
    sim:run_until("5s")
    print("while it rings")
    sim:run_until("1m")
    expect(c.outcome).is("no-answer"))lua";
  const ScenarioRunResult result = run_scenario_source("output.lua", scenario_source(policy, steps), 0, {});
  REQUIRE_FALSE(result.error);
  REQUIRE(result.printed.size() == 4);
  CHECK(result.printed[0] == "0s output.lua:6: before the call");
  CHECK(result.printed[1] == "2s " + policy + ":3: offered to\tdesk");
  CHECK(result.printed[2] == "5s output.lua:9: while it rings");
  CHECK(result.printed[3] == "12s " + policy + ":7: warn: nobody answered\t1000");
}

TEST_CASE("policy output: log names its levels and refuses another", "[policy_output]") {
  const std::filesystem::path path = std::filesystem::temp_directory_path() /
      ("pbxsim_policy_bad_log_" + std::to_string(getpid()) + ".lua");
  std::ofstream(path) << "local policy = extend \"base\"\nfunction policy.appearance(call, app)\n"
                         "  log(\"loud\", \"x\")\n  return \"alert\"\nend\nreturn policy\n";
  const std::string steps = R"lua(    sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:run_until("5s")
    expect(1).is(1))lua";
  const ScenarioRunResult result = run_scenario_source("bad_log.lua", scenario_source(path.string(), steps), 0, {});
  REQUIRE(result.error);
  CHECK_THAT(result.error->text(), Catch::Contains(path.string() + ":3: bad argument #1 to 'log' (invalid option 'loud')"));
}
