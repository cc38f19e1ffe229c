// Every hostile input in tests/hostile/ (crashes, hangs, memory and address
// leaks that once broke a promise) exits as its first line says, within 10 s
// of CPU time and 1 GiB of address space, with the same output twice.
//
// First line: "-- expect-error: TEXT" (exit 2, TEXT in the output),
// "-- expect-pass" (exit 0), "-- expect-fail" (exit 1, a failed check) or
// "-- expect-deterministic" (exit 0 or 1). An optional second line
// "-- args: ..." gives the command ({file} the input, {tmp} a scratch folder).
#include "pbxsim_process.h"
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

using pbxsim_test::Outcome;
using pbxsim_test::run_pbxsim;
using pbxsim_test::TempDir;

// 10 s of CPU (the machine may be shared, so not of wall time), 1 GiB of
// address space; the wall-clock timeout only catches a process that sleeps.
// Under AddressSanitizer (the debug-asan preset) the shadow memory needs
// terabytes of address space and an unoptimised build runs several times
// slower: there the limits are 60 s of CPU and 1 GiB of resident memory,
// which ASan itself enforces.
#ifdef __SANITIZE_ADDRESS__
constexpr const char* kLimits = "ASAN_OPTIONS=detect_leaks=1:hard_rss_limit_mb=1024 timeout 600 prlimit --cpu=60 ";
#else
constexpr const char* kLimits = "timeout 120 prlimit --cpu=10 --as=1073741824 ";
#endif

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// Runs pbxsim under the time and memory limits.
Outcome run_limited(const std::string& arguments) {
  const std::string command = "cd '" + std::string(PBXSIM_SOURCE_DIR) + "' && " + kLimits + "'" + PBXSIM_BINARY +
                              "' " + arguments + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string output;
  char buffer[4096];
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, got);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), output};
}

// Runs twice, each time with `scratch` emptied first; checks the limits held
// and both outputs are equal.
Outcome run_twice(const std::string& arguments, const std::string& scratch = {}) {
  auto empty_scratch = [&] {
    if (scratch.empty()) return;
    for (const auto& entry : std::filesystem::directory_iterator(scratch)) std::filesystem::remove_all(entry.path());
  };
  empty_scratch();
  const Outcome first = run_limited(arguments);
  empty_scratch();
  const Outcome second = run_limited(arguments);
  INFO(first.output);
  CHECK(first.exit_code != 124);  // timeout: a hang
  CHECK(first.exit_code < 128);   // a signal: a crash
  CHECK(first.exit_code == second.exit_code);
  CHECK(first.output == second.output);
  return first;
}

}  // namespace

TEST_CASE("hostile input: each file in tests/hostile exits as its first line says, twice the same", "[hostile]") {
  const std::filesystem::path dir = std::filesystem::path(PBXSIM_SOURCE_DIR) / "tests" / "hostile";
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".lua") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 60);
  for (const auto& file : files) {
    const std::string relative = "tests/hostile/" + file.filename().string();
    DYNAMIC_SECTION(relative) {
      std::ifstream in(file);
      std::string expectation;
      std::string args_line;
      std::getline(in, expectation);
      std::getline(in, args_line);
      std::string arguments = args_line.rfind("-- args: ", 0) == 0 ? args_line.substr(9) : "run {file}";
      TempDir scratch("hostile");
      arguments = replace_all(replace_all(arguments, "{file}", "'" + relative + "'"), "{tmp}", scratch.str());
      const Outcome outcome = run_twice(arguments, scratch.str());
      INFO(outcome.output);
      if (expectation.rfind("-- expect-error: ", 0) == 0) {
        CHECK(outcome.exit_code == 2);
        CHECK(outcome.output.find(expectation.substr(17)) != std::string::npos);
      } else if (expectation == "-- expect-pass") {
        CHECK(outcome.exit_code == 0);
      } else if (expectation == "-- expect-fail") {
        CHECK(outcome.exit_code == 1);
      } else {
        REQUIRE(expectation == "-- expect-deterministic");
        CHECK((outcome.exit_code == 0 || outcome.exit_code == 1));
      }
    }
  }
}

TEST_CASE("hostile input: a run stopped by the kept-memory limit stops at the same record with --decisions",
          "[hostile]") {
  // The decision record is counted apart (kept_memory.h): the same error,
  // the same record count and the same trace hash, with or without it.
  const std::string file = "'tests/hostile/kept_mib_scenario_field.lua'";
  const Outcome without = run_twice("run " + file);
  const Outcome with = run_twice("run " + file + " --decisions");
  INFO(without.output);
  INFO(with.output);
  CHECK(without.exit_code == 2);
  CHECK(without.output.find("the run keeps more than 2 MiB for its results") != std::string::npos);
  CHECK(with.exit_code == without.exit_code);
  CHECK(with.output == without.output);
}

TEST_CASE("hostile input: files that are not regular files are refused, never read", "[hostile]") {
  TempDir scratch("hostile-files");
  SECTION("a FIFO named like a scenario") {
    REQUIRE(mkfifo((scratch / "x.lua").c_str(), 0600) == 0);
    const Outcome outcome = run_twice("run '" + scratch / "x.lua" + "'");
    CHECK(outcome.exit_code == 2);
    CHECK(outcome.output.find("x.lua: not a regular file") != std::string::npos);
  }
  SECTION("a device with no end") {
    const Outcome outcome = run_twice("run /dev/zero");
    CHECK(outcome.exit_code == 2);
    CHECK(outcome.output.find("/dev/zero: not a regular file") != std::string::npos);
  }
  SECTION("a folder holding a loop of symbolic links") {
    std::filesystem::create_directories(scratch / "suite");
    std::filesystem::create_symlink("b.lua", scratch / "suite/a.lua");
    std::filesystem::create_symlink("a.lua", scratch / "suite/b.lua");
    std::filesystem::copy_file(std::string(PBXSIM_SOURCE_DIR) + "/tests/inputs/passing.lua", scratch / "suite/ok.lua");
    const Outcome outcome = run_twice("run '" + scratch / "suite" + "'");
    CHECK(outcome.exit_code == 2);
    CHECK(outcome.output.find("a.lua: a loop of symbolic links") != std::string::npos);
    CHECK(outcome.output.find("PASS") != std::string::npos);
  }
  SECTION("a file larger than the limit for a script") {
    {
      std::ofstream big(scratch / "big.lua");
      big << "-- " << std::string(65u << 20, 'x') << "\n";
    }
    const Outcome outcome = run_twice("run '" + scratch / "big.lua" + "'");
    CHECK(outcome.exit_code == 2);
    CHECK(outcome.output.find("larger than 64 MiB") != std::string::npos);
  }
}
