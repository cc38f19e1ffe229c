// The results database under concurrent writers and read-only access: two
// `run --db` on one new file each keep their run; a file the user may read
// but not write is read (report, diff) without write access.
#include "../pbxsim_process.h"
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

namespace {

using pbxsim_test::Background;
using pbxsim_test::Outcome;
using pbxsim_test::run_pbxsim;
using pbxsim_test::TempDir;

}  // namespace

TEST_CASE("results db: two runs started at once on a new file each keep their run", "[results][hostile]") {
  TempDir scratch("db-concurrent");
  const std::string db = scratch / "same.db";
  const std::string source = PBXSIM_SOURCE_DIR;
  for (int attempt = 0; attempt < 3; ++attempt) {
    std::filesystem::remove(db);
    Background first({"run", source + "/tests/inputs", "--db", db}, source);
    Background second({"run", source + "/tests/inputs", "--db", db}, source);
    while (first.running() || second.running()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const Outcome report_first = run_pbxsim("report '" + db + "' --run 1");
    const Outcome report_second = run_pbxsim("report '" + db + "' --run 2");
    INFO(report_first.output);
    INFO(report_second.output);
    CHECK(report_first.exit_code == 0);
    CHECK(report_second.exit_code == 0);
    CHECK(report_first.output.find("a plain call is answered") != std::string::npos);
    CHECK(report_second.output.find("a plain call is answered") != std::string::npos);
  }
}

TEST_CASE("results db: a file the user may read but not write is read without write access", "[results][hostile]") {
  TempDir scratch("db-read-only");
  const std::string folder = scratch / "archive";
  std::filesystem::create_directories(folder);
  const std::string db = folder + "/baseline.db";
  REQUIRE(run_pbxsim("run tests/inputs/passing.lua --db '" + db + "'").exit_code == 0);
  // Read-only for everyone, the folder too (no -shm or journal can be made).
  REQUIRE(chmod(db.c_str(), 0444) == 0);
  REQUIRE(chmod(folder.c_str(), 0555) == 0);
  // root may write anything: read as an unprivileged user then.
  const std::string as_reader = geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
  REQUIRE(chmod(scratch.str().c_str(), 0755) == 0);
  const std::string command = "cd '" + std::string(PBXSIM_SOURCE_DIR) + "' && " + as_reader + "'" + PBXSIM_BINARY +
                              "' report '" + db + "' 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string output;
  char buffer[4096];
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, got);
  const int status = pclose(pipe);
  INFO(output);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(output.find("a plain call is answered") != std::string::npos);
  CHECK(output.find("readonly") == std::string::npos);
  chmod(folder.c_str(), 0755);
  chmod(db.c_str(), 0644);
}

// Found by fuzz_results_db (fuzz/regressions/fuzz_results_db/): a results
// file edited by hand or written by another tool may hold any bytes, and
// `diff --json` threw nlohmann's type_error (std::terminate) on them.
TEST_CASE("results db: bytes that are not UTF-8 in a stored call reach diff --json as U+FFFD", "[results][hostile]") {
  TempDir scratch("db-bytes");
  const std::string db = scratch / "runs.db";
  REQUIRE(run_pbxsim("run tests/inputs/passing.lua --db '" + db + "'").exit_code == 0);
  REQUIRE(run_pbxsim("run tests/inputs/passing.lua --db '" + db + "'").exit_code == 0);
  sqlite3* handle = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &handle) == SQLITE_OK);
  REQUIRE(sqlite3_exec(handle, "UPDATE calls SET dialed = X'4dfc6c6c6572ff00' "
                       "WHERE scenario_id IN (SELECT id FROM scenarios WHERE run_id = 2)", nullptr, nullptr,
                       nullptr) == SQLITE_OK);
  sqlite3_close(handle);
  const Outcome diff = run_pbxsim("diff '" + db + ":1' '" + db + ":2' --json");
  INFO(diff.output);
  CHECK(diff.exit_code < 128);
  CHECK(diff.output.find("\"entries\"") != std::string::npos);
  CHECK(diff.output.find("M\xef\xbf\xbdller") != std::string::npos);
}
