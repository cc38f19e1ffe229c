// Every bad input in tests/bad_input/ gets exit status 2 and a file:line
// message (named by the file's first line, "-- expect-error: ..."), never a
// crash or a hang. Runs the real pbxsim binary.
#include "pbxsim_process.h"
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

using pbxsim_test::Outcome;
using pbxsim_test::run_pbxsim;

std::string expected_error(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string first_line;
  std::getline(in, first_line);
  const std::string marker = "-- expect-error: ";
  REQUIRE(first_line.rfind(marker, 0) == 0);
  return first_line.substr(marker.size());
}

}  // namespace

TEST_CASE("bad input: each file in tests/bad_input exits 2 with its file:line message", "[bad_input]") {
  const std::filesystem::path dir = std::filesystem::path(PBXSIM_SOURCE_DIR) / "tests" / "bad_input";
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".lua") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 15);
  for (const auto& file : files) {
    const std::string relative = "tests/bad_input/" + file.filename().string();
    DYNAMIC_SECTION(relative) {
      const Outcome outcome = run_pbxsim("run " + relative);
      INFO(outcome.output);
      CHECK(outcome.exit_code == 2);
      CHECK(outcome.output.find(expected_error(file)) != std::string::npos);
      // A scenario that ran and erred can be rerun alone; a file that could
      // not be read has nothing to rerun, so no reproduce line.
      const bool scenario_ran = outcome.output.find("ERROR ") != std::string::npos;
      CHECK((outcome.output.find("reproduce: pbxsim run") != std::string::npos) == scenario_ran);
    }
  }
}

// Files whose second line is "-- also-from-check" hold a configuration error:
// `pbxsim check` must find it too, with the same file:line message.
TEST_CASE("bad input: configuration errors are reported by check as well as by run", "[bad_input]") {
  const std::filesystem::path dir = std::filesystem::path(PBXSIM_SOURCE_DIR) / "tests" / "bad_input";
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".lua") continue;
    std::ifstream in(entry.path());
    std::string first_line;
    std::string second_line;
    std::getline(in, first_line);
    std::getline(in, second_line);
    if (second_line == "-- also-from-check") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 10);
  for (const auto& file : files) {
    const std::string relative = "tests/bad_input/" + file.filename().string();
    DYNAMIC_SECTION(relative) {
      const Outcome outcome = run_pbxsim("check " + relative);
      INFO(outcome.output);
      CHECK(outcome.exit_code == 2);
      CHECK(outcome.output.find(expected_error(file)) != std::string::npos);
    }
  }
}

TEST_CASE("bad input: a missing file is named, and exits 2", "[bad_input]") {
  const Outcome outcome = run_pbxsim("run tests/bad_input/does_not_exist.lua");
  INFO(outcome.output);
  CHECK(outcome.exit_code == 2);
  CHECK(outcome.output.find("tests/bad_input/does_not_exist.lua: no such file or directory") != std::string::npos);
}

TEST_CASE("bad input: unknown options and values are usage errors with exit 2", "[bad_input]") {
  CHECK(run_pbxsim("run tests/inputs --seed abc").exit_code == 2);
  CHECK(run_pbxsim("run tests/inputs --no-such-flag").exit_code == 2);
  CHECK(run_pbxsim("frobnicate").exit_code == 2);
  CHECK(run_pbxsim("").exit_code == 2);
  const Outcome policy = run_pbxsim("run tests/inputs --policy no_such_vendor");
  CHECK(policy.exit_code == 2);
  CHECK(policy.output.find("--policy: unknown policy 'no_such_vendor'") != std::string::npos);
}

TEST_CASE("bad input: results already produced are kept (JUnit still written)", "[bad_input]") {
  const std::string junit = (std::filesystem::temp_directory_path() / "pbxsim-bad-input-junit.xml").string();
  std::filesystem::remove(junit);
  const Outcome outcome = run_pbxsim("run tests/inputs tests/bad_input/unknown_device.lua --junit '" + junit + "'");
  INFO(outcome.output);
  CHECK(outcome.exit_code == 2);
  CHECK(outcome.output.find("PASS  tests/inputs/passing.lua") != std::string::npos);
  std::ifstream in(junit);
  REQUIRE(in.good());
  const std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(xml.find("name=\"a plain call is answered\"") != std::string::npos);
  CHECK(xml.find("<error message=\"tests/bad_input/unknown_device.lua:7:") != std::string::npos);
}

TEST_CASE("cli: --help and --version answer and exit 0", "[cli]") {
  CHECK(run_pbxsim("--version").output.find("pbxsim 0.1.0") != std::string::npos);
  CHECK(run_pbxsim("--help").exit_code == 0);
  for (const char* command : {"run", "check", "coverage"}) {
    const Outcome outcome = run_pbxsim(std::string(command) + " --help");
    CHECK(outcome.exit_code == 0);
    CHECK(outcome.output.find("--seed") != std::string::npos);
  }
}

TEST_CASE("check: a valid file validates without running, a bad topology exits 2", "[cli]") {
  const Outcome good = run_pbxsim("check tests/inputs");
  INFO(good.output);
  CHECK(good.exit_code == 0);
  const Outcome bad = run_pbxsim("check tests/bad_input/wrong_type.lua");
  CHECK(bad.exit_code == 2);
  CHECK(bad.output.find("wrong_type.lua:7:") != std::string::npos);
}

TEST_CASE("check --policy FILE: a policy alone is validated; a misspelt hook exits 2 at its file:line", "[bad_input]") {
  for (const char* shipped : {"base", "cisco_cucm", "dee_presence", "pascom", "metaswitch"}) {
    const Outcome outcome = run_pbxsim(std::string("check --policy ") + shipped);
    INFO(outcome.output);
    CHECK(outcome.exit_code == 0);
    CHECK(outcome.output.find(std::string("policy ") + shipped + " loads") != std::string::npos);
  }
  const Outcome misspelt = run_pbxsim("check --policy tests/bad_input/policies/misspelt_hook.lua");
  INFO(misspelt.output);
  CHECK(misspelt.exit_code == 2);
  CHECK(misspelt.output.find("tests/bad_input/policies/misspelt_hook.lua:4: policy.none_alerterd: unknown hook or "
                             "setting (did you mean 'none_alerted'?") != std::string::npos);
  const Outcome neither = run_pbxsim("check");
  CHECK(neither.exit_code == 2);
  CHECK(neither.output.find("give scenario paths, or --policy FILE") != std::string::npos);
}

TEST_CASE("new policy NAME: writes a commented starting policy that passes check, and never overwrites", "[cli]") {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "pbxsim-new-policy";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const Outcome written = run_pbxsim("new policy my_pbx --dir '" + dir.string() + "'");
  INFO(written.output);
  REQUIRE(written.exit_code == 0);
  const std::string path = (dir / "my_pbx.lua").string();
  const Outcome checked = run_pbxsim("check --policy '" + path + "'");
  INFO(checked.output);
  CHECK(checked.exit_code == 0);
  CHECK(checked.output.find("policy my_pbx loads") != std::string::npos);
  CHECK(run_pbxsim("new policy my_pbx --dir '" + dir.string() + "'").exit_code == 2);
  CHECK(run_pbxsim("new policy 'bad name' --dir '" + dir.string() + "'").exit_code == 2);
}
