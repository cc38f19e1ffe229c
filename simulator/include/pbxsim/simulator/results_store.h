// The results database (SQLite): one file holds many runs. `pbxsim run --db`
// writes a run scenario by scenario, one transaction each, so a run killed
// half-way leaves every finished scenario intact; `report`, `diff`, `merge`
// and `coverage --db` read runs back. The schema is versioned and documented
// in docs/results-schema.md; a file written by a newer pbxsim is refused with
// a message rather than misread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "pbxsim/results/suite_report.h"

struct sqlite3;

namespace pbxsim {

class Statement;

inline constexpr int kResultsSchemaVersion = 6;
// The settings a writing connection runs with (the benchmarks reuse them).
extern const char* const kResultsWritePragmas;

struct RunInfo {
  std::int64_t id = 0;
  std::string started_at;      // UTC, "2026-01-02T03:04:05Z"
  std::string finished_at;     // empty: the run did not finish (killed, crashed, still running)
  std::string pbxsim_version;
  std::string git_revision;    // of the pbxsim build; empty when unknown
  std::uint64_t seed = 1;
  std::string policy;          // --policy; empty when every scenario ran under its own
  std::string command_line;
  std::string shard;           // "2/3"; empty for a whole suite
  int jobs = 1;
  bool full_trace = false;     // every trace event stored, not only those of calls
  std::string merged_from;     // `pbxsim merge`: the runs it combined
  int passed = 0;              // the counts are set when the run finishes
  int failed = 0;
  int errors = 0;
  bool finished() const { return !finished_at.empty(); }
  std::string describe() const;  // "run 3 (2026-..., seed 1, policy x, shard 1/3)"
};

struct StoredRun {
  RunInfo info;
  // Scenarios in suite order with checks, calls and, as each result's trace,
  // the stored events (those of calls, or all of them with a full trace).
  SuiteReport suite;
  RunSettings options() const;  // seed and policy, as the reproduce commands need them
};

// What to read back besides scenarios and checks.
struct LoadParts {
  bool calls = true;
  bool events = true;
  bool topology = false;  // the scenario's topology snapshot, into result.topology (merge, the viewer)
};

std::string utc_now();  // for RunInfo::started_at

class ResultsDb {
 public:
  enum class Mode { Read, Write };
  // Write creates the file when it does not exist. Errors read
  // "FILE: what is wrong".
  static std::variant<std::unique_ptr<ResultsDb>, std::string> open(const std::string& path, Mode mode);
  ~ResultsDb();
  ResultsDb(const ResultsDb&) = delete;
  ResultsDb& operator=(const ResultsDb&) = delete;

  const std::string& path() const { return path_; }
  // The file's schema version: kResultsSchemaVersion once opened for
  // writing (older files are upgraded); an older file read as it is.
  int schema_version() const { return schema_version_; }

  // Writing a run: begin, then one transaction per scenario, then finish.
  std::variant<std::int64_t, std::string> begin_run(const RunInfo& info);
  // Encodes the scenario's rows and returns; a writer thread stores them, in
  // the order given. The error, if any, is that of an earlier scenario (or of
  // this one, from flush): after one, nothing more is stored.
  std::optional<std::string> add_scenario(std::int64_t run, const ScenarioReport& report,
                                          const RunSettings& options, bool full_trace);
  // Waits until every scenario given to add_scenario is committed. The other
  // methods, and the destructor, wait first by themselves.
  std::optional<std::string> flush();
  std::optional<std::string> add_input_error(std::int64_t run, const ScriptError& error, int file_ordinal);
  std::optional<std::string> finish_run(std::int64_t run, const SuiteReport& suite, const std::string& finished_at);

  // Reading.
  std::variant<std::vector<RunInfo>, std::string> runs();
  // The run with this id, or the latest when none is given.
  std::variant<StoredRun, std::string> load_run(std::optional<std::int64_t> id, LoadParts parts = {});
  // The calls and events of one scenario of a run loaded without them
  // (replacing any it has): the viewer reads a run's scenarios and checks,
  // then the details of the scenario it shows.
  std::optional<std::string> load_details(const RunInfo& run, ScenarioReport& report, LoadParts parts = {});

  struct Statements;
  struct ScenarioRows;
  struct Writer;

 private:
  ResultsDb(std::string path, sqlite3* db);
  std::optional<std::string> prepare_schema(Mode mode);
  std::string failure(std::string_view doing) const;
  std::string unprepared(const Statement& statement, std::string_view doing) const;
  std::optional<std::string> store(const ScenarioRows& rows);  // on the writer thread

  std::string path_;
  sqlite3* db_ = nullptr;
  std::unique_ptr<Statements> statements_;
  int schema_version_ = 0;
  bool checks_have_call_ = false;  // checks.call_id: added to schema 3 files as they are written
  bool has_v2() const { return schema_version_ >= 2; }
  std::unique_ptr<Writer> writer_;  // started by the first add_scenario
  std::int64_t storing_scenario_ = 0;  // on the writer thread: the scenario whose transaction is open
};

// "FILE" or "FILE:RUN" as `diff` and `merge` take them: a trailing ":N" is a
// run id unless the whole text names an existing file.
struct RunRef {
  std::string path;
  std::optional<std::int64_t> run;
};
RunRef parse_run_ref(const std::string& text);

}  // namespace pbxsim
