// `pbxsim explain`: a call's path with the policy rule (file:line) and the
// facts read behind each step, from a scenario file and from a results
// database stored with --decisions; exit 2 for an unknown scenario or call.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "../pbxsim_process.h"

namespace {

using pbxsim_test::Outcome;
using pbxsim_test::run_pbxsim;
using pbxsim_test::TempDir;

const std::string kScenario = "scenarios/cisco/cuc5_explained_voicemail.lua";
const std::string kRejects = "both appearances reject: the call goes to voicemail";
const std::string kNoAnswer = "nobody answers: no-answer sends the call to voicemail";

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The text of line `number` of a file in the source tree.
std::string source_line(const std::string& path, int number) {
  std::ifstream file(std::string(PBXSIM_SOURCE_DIR) + "/" + path);
  std::string line;
  for (int at = 1; std::getline(file, line); ++at) {
    if (at == number) return line;
  }
  return "";
}

// Every step that moved the call (a skip, an alert, a forward, the outcome)
// names a rule "scripting/policies/P.lua:N" whose line N returns the answer.
void check_every_hop_has_its_rule(const std::string& output) {
  int hops = 0;
  for (const std::string& line : lines_of(output)) {
    const bool hop = line.find("skipped:") != std::string::npos || line.find("alerted") != std::string::npos ||
                     line.find("forwarded") != std::string::npos || line.find("outcome:") != std::string::npos;
    if (!hop) continue;
    ++hops;
    INFO(line);
    const std::size_t at = line.find("scripting/policies/");
    REQUIRE(at != std::string::npos);
    const std::size_t colon = line.find(".lua:", at);
    REQUIRE(colon != std::string::npos);
    const std::string file = line.substr(at, colon + 4 - at);
    const int number = std::stoi(line.substr(colon + 5));
    CHECK_THAT(source_line(file, number), Catch::Contains("return"));
  }
  CHECK(hops >= 3);
}

}  // namespace

TEST_CASE("explain: every hop of a call that went to voicemail names its cisco_cucm rule and the facts it read",
          "[explain][cli]") {
  const Outcome explained =
      run_pbxsim("explain " + kScenario + " --scenario '" + kRejects + "' --call 1", PBXSIM_SOURCE_DIR, false);
  INFO(explained.output);
  REQUIRE(explained.exit_code == 0);
  CHECK_THAT(explained.output, Catch::StartsWith("call-1 from +14085550100 to 1000: voicemail"));
  CHECK_THAT(explained.output, Catch::Matches(R"([\s\S]*\n  2s +desk +skipped: dnd-reject +scripting/policies/cisco_cucm\.lua:\d+ appearance\(\) read [^\n]*app\.dnd=reject[\s\S]*)"));
  CHECK_THAT(explained.output, Catch::Matches(R"([\s\S]*forwarded cfna -> voicemail +scripting/policies/cisco_cucm\.lua:\d+ none_alerted\(\) read [^\n]*line\.has_cfna=true[\s\S]*)"));
  CHECK_THAT(explained.output, Catch::Matches(R"([\s\S]*outcome: voicemail +scripting/policies/cisco_cucm\.lua:\d+ none_alerted\(\)[\s\S]*)"));
  check_every_hop_has_its_rule(explained.output);

  const Outcome rang_out = run_pbxsim("explain " + kScenario + " --scenario '" + kNoAnswer + "'", PBXSIM_SOURCE_DIR, false);
  INFO(rang_out.output);
  REQUIRE(rang_out.exit_code == 0);
  CHECK_THAT(rang_out.output, Catch::Contains("no answer after 12s"));
  CHECK_THAT(rang_out.output, Catch::Matches(R"([\s\S]*forwarded cfna -> voicemail +scripting/policies/cisco_cucm\.lua:\d+ no_answer\(\)[\s\S]*)"));
  check_every_hop_has_its_rule(rang_out.output);
}

TEST_CASE("explain: a results database stored with --decisions explains the call as the scenario file does",
          "[explain][cli]") {
  const TempDir dir("explain-db");
  const std::string db = dir / "results.db";
  REQUIRE(run_pbxsim("run " + kScenario + " --db " + db + " --decisions").exit_code == 0);
  const Outcome stored = run_pbxsim("explain " + db + " --scenario '" + kRejects + "' --call 1", PBXSIM_SOURCE_DIR, false);
  const Outcome live = run_pbxsim("explain " + kScenario + " --scenario '" + kRejects + "' --call 1", PBXSIM_SOURCE_DIR, false);
  INFO(stored.output);
  REQUIRE(stored.exit_code == 0);
  CHECK(stored.output == live.output);

  // Stored without decisions: the path still, without rules, and a note how to store them.
  const std::string plain = dir / "plain.db";
  REQUIRE(run_pbxsim("run " + kScenario + " --db " + plain).exit_code == 0);
  const Outcome bare = run_pbxsim("explain " + plain + " --scenario '" + kRejects + "'");
  CHECK(bare.exit_code == 0);
  CHECK_THAT(bare.output, Catch::Contains("holds no policy decisions"));
  CHECK_THAT(bare.output, Catch::Contains("--decisions"));
  CHECK_THAT(bare.output, !Catch::Contains("cisco_cucm.lua:"));
}

TEST_CASE("explain: an unknown scenario or call exits 2 and says what there is", "[explain][cli]") {
  const Outcome no_scenario = run_pbxsim("explain " + kScenario + " --scenario 'no such scenario'");
  CHECK(no_scenario.exit_code == 2);
  CHECK_THAT(no_scenario.output, Catch::Contains("no scenario named 'no such scenario'"));
  CHECK_THAT(no_scenario.output, Catch::Contains(kNoAnswer));

  const Outcome no_call = run_pbxsim("explain " + kScenario + " --scenario '" + kRejects + "' --call 7");
  CHECK(no_call.exit_code == 2);
  CHECK_THAT(no_call.output, Catch::Contains("has no call 7 (it has 1: --call 1 to 1)"));

  const Outcome no_file = run_pbxsim("explain no/such/file.lua --scenario x");
  CHECK(no_file.exit_code == 2);
}

TEST_CASE("explain --json: each step of the call with its kind, typed fields and the decision behind it", "[explain][cli]") {
  const Outcome explained = run_pbxsim("explain " + kScenario + " --scenario '" + kRejects + "' --call 1 --json",
                                       PBXSIM_SOURCE_DIR, false);
  INFO(explained.output);
  REQUIRE(explained.exit_code == 0);
  const nlohmann::json document = nlohmann::json::parse(explained.output);
  CHECK(document["policy"] == "cisco_cucm");
  CHECK(document["decisions_recorded"] == true);
  REQUIRE(document["calls"].size() == 1);
  const nlohmann::json& call = document["calls"][0];
  CHECK(call["id"] == 1);
  CHECK(call["outcome"] == "voicemail");
  bool desk_skip = false;
  bool forward = false;
  for (const nlohmann::json& step : call["steps"]) {
    if (step["kind"] == "skipped" && step["fields"]["device"] == "desk") {
      desk_skip = true;
      CHECK(step["fields"]["reason"] == "dnd-reject");
      CHECK(step["decision"]["hook"] == "appearance");
      CHECK_THAT(step["decision"]["rule"].get<std::string>(), Catch::StartsWith("scripting/policies/cisco_cucm.lua:"));
      bool read_dnd = false;
      for (const nlohmann::json& fact : step["decision"]["facts"]) read_dnd = read_dnd || (fact["name"] == "app.dnd" && fact["value"] == "reject");
      CHECK(read_dnd);
    }
    if (step["kind"] == "forwarded") {
      forward = true;
      CHECK(step["fields"]["target"] == "voicemail");
      CHECK(step["decision"]["hook"] == "none_alerted");
    }
  }
  CHECK(desk_skip);
  CHECK(forward);
}
