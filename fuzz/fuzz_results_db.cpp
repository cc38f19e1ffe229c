// Fuzz target: the results database readers (`pbxsim report`, `diff`,
// `coverage --db`, the viewer), on a file pbxsim did not write or that was
// damaged or edited by hand.
//
// Two kinds of input:
// - A whole file (it starts with SQLite's header "SQLite format 3\0"):
//   damaged pages, a foreign schema, another application's database.
// - Otherwise SQL, run against a copy of a real results file (one run of a
//   shipped scenario, written by ResultsDb at start-up): rows of the wrong
//   type, NULLs, huge or negative numbers and counts, text that is not
//   UTF-8, dropped or changed tables and views. Mutating the text of SQL
//   reaches the readers' row handling far faster than flipping bytes in
//   B-tree pages.
// Every run of the file is then listed, loaded with its calls, events and
// topology snapshot, rendered as the reports render it, and compared with
// another (diff).
#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>

#include "fuzz_files.h"
#include "pbxsim/simulator/reporters.h"
#include "pbxsim/simulator/results_store.h"
#include "pbxsim/simulator/run_diff.h"
#include "pbxsim/simulator/suite_runner.h"

namespace {

constexpr std::string_view kSqliteHeader{"SQLite format 3\0", 16};
// The most SQLite virtual machine steps the setup SQL may take (a recursive
// CTE inserting rows without end), and the most runs read back.
constexpr int kSetupProgressSteps = 1000;  // progress handler calls, each after 1000 steps
constexpr int kRunsRead = 4;

[[noreturn]] void harness_failure(const std::string& what) {
  std::fprintf(stderr, "fuzz_results_db: %s\n", what.c_str());
  std::abort();
}

// A real results file: one run of a shipped scenario, as `run --db` writes it.
const std::string& template_file() {
  static const std::string bytes = [] {
    const std::string path = pbxsim::fuzz::write_input_file("template.db", "");
    std::remove(path.c_str());
    auto opened = pbxsim::ResultsDb::open(path, pbxsim::ResultsDb::Mode::Write);
    if (auto* error = std::get_if<std::string>(&opened)) harness_failure(*error);
    auto& db = *std::get<std::unique_ptr<pbxsim::ResultsDb>>(opened);
    pbxsim::SuiteOptions options;
    options.paths = {pbxsim::fuzz::source_path("scenarios/core/core3_forward_no_answer.lua"),
                     pbxsim::fuzz::source_path("scenarios/cisco/cuc17_contact_names.lua")};
    pbxsim::RunInfo info;
    info.started_at = "2026-01-02T03:04:05Z";
    info.pbxsim_version = "fuzz";
    for (int run_number = 0; run_number < 2; ++run_number) {
      auto run = db.begin_run(info);
      if (auto* error = std::get_if<std::string>(&run)) harness_failure(*error);
      const auto suite = pbxsim::run_suite(
          options,
          [&](const pbxsim::ScenarioReport& report) {
            if (auto error = db.add_scenario(std::get<std::int64_t>(run), report, options, run_number == 1)) {
              harness_failure(*error);
            }
          },
          [](const pbxsim::ScriptError& error) { harness_failure(error.text()); });
      if (auto error = db.finish_run(std::get<std::int64_t>(run), suite, "2026-01-02T03:04:06Z")) {
        harness_failure(*error);
      }
    }
    opened = std::string();  // closes the database: its log is checkpointed into the file
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }();
  return bytes;
}

// Denies what could reach outside the copy: attaching other files (and
// VACUUM INTO, which attaches).
int only_this_file(void*, int action, const char*, const char*, const char*, const char*) {
  return action == SQLITE_ATTACH || action == SQLITE_DETACH ? SQLITE_DENY : SQLITE_OK;
}

int stop_after_budget(void* steps) {
  return ++*static_cast<int*>(steps) > kSetupProgressSteps ? 1 : 0;
}

// Runs the input's SQL on a copy of the template; its errors are the input's.
void edit_copy(const std::string& path, std::string_view sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    harness_failure(std::string("cannot open the template copy: ") + sqlite3_errmsg(db));
  }
  sqlite3_set_authorizer(db, only_this_file, nullptr);
  int steps = 0;
  sqlite3_progress_handler(db, 1000, stop_after_budget, &steps);
  const std::string text(sql);
  sqlite3_exec(db, text.c_str(), nullptr, nullptr, nullptr);
  sqlite3_close_v2(db);
}

void read_back(const std::string& path) {
  auto opened = pbxsim::ResultsDb::open(path, pbxsim::ResultsDb::Mode::Read);
  if (std::holds_alternative<std::string>(opened)) return;  // refused with a message: fine
  auto& db = *std::get<std::unique_ptr<pbxsim::ResultsDb>>(opened);
  const auto runs = db.runs();
  if (std::holds_alternative<std::string>(runs)) return;
  std::optional<pbxsim::StoredRun> first;
  int read = 0;
  for (const auto& info : std::get<std::vector<pbxsim::RunInfo>>(runs)) {
    if (++read > kRunsRead) break;
    (void)info.describe();
    pbxsim::LoadParts parts;
    parts.topology = true;
    auto loaded = db.load_run(info.id, parts);
    if (std::holds_alternative<std::string>(loaded)) continue;
    auto& run = std::get<pbxsim::StoredRun>(loaded);
    std::ostringstream text;
    const auto options = run.options();
    for (auto& report : run.suite.scenarios) {
      pbxsim::print_scenario_line(text, report, options, true);
      (void)db.load_details(run.info, report);
    }
    pbxsim::print_summary(text, run.suite);
    (void)pbxsim::suite_json(run.suite, options);
    (void)pbxsim::junit_xml(run.suite, options);
    if (first) {
      const auto diff = pbxsim::diff_runs(*first, run);
      pbxsim::print_diff(text, diff, "before", "after");
      (void)pbxsim::diff_json(diff, "before", "after");
    } else {
      first = std::move(run);
    }
  }
  // The latest run, as `report` without a run id reads it.
  (void)db.load_run(std::nullopt);
}

}  // namespace

// The template is made once, before the first input: it runs scenarios,
// which libFuzzer's per-input timeout should not count.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)template_file();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = pbxsim::fuzz::as_text(data, size);
  const bool whole_file = input.substr(0, kSqliteHeader.size()) == kSqliteHeader;
  const std::string path = pbxsim::fuzz::write_input_file("results.db", whole_file ? input : template_file());
  if (!whole_file) edit_copy(path, input);
  read_back(path);
  return 0;
}
