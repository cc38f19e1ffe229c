// Sections: the schema · opening · writing · reading · merging files.
#include "pbxsim/simulator/explore/exploration_store.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <iostream>
#include <map>
#include <memory>

#include "../sqlite_statement.h"

namespace pbxsim {
namespace {

// ------------------------------------------------------------------ the schema

constexpr int kExplorationApplicationId = 0x50425845;  // "PBXE"

constexpr const char* kExplorationSchema = R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE explorations (
  id              INTEGER PRIMARY KEY,
  policy          TEXT NOT NULL,
  first_seed      INTEGER NOT NULL,
  seeds           INTEGER NOT NULL,
  generator       TEXT NOT NULL,
  shard_index     INTEGER NOT NULL,
  shard_count     INTEGER NOT NULL,
  seeds_run       INTEGER NOT NULL,
  passed          INTEGER NOT NULL,
  call_outcomes   TEXT NOT NULL,
  wall_seconds    REAL NOT NULL,
  workers_started INTEGER NOT NULL,
  command_line    TEXT NOT NULL
);
CREATE TABLE coverage (
  exploration_id INTEGER NOT NULL REFERENCES explorations(id) ON DELETE CASCADE,
  feature        TEXT NOT NULL,
  other_feature  TEXT NOT NULL,
  seeds          INTEGER NOT NULL,
  results        TEXT NOT NULL,
  call_outcomes  TEXT NOT NULL,
  PRIMARY KEY (exploration_id, feature, other_feature)
) WITHOUT ROWID;
CREATE TABLE findings (
  exploration_id  INTEGER NOT NULL REFERENCES explorations(id) ON DELETE CASCADE,
  ordinal         INTEGER NOT NULL,
  verdict         INTEGER NOT NULL,
  code            TEXT NOT NULL,
  message         TEXT NOT NULL,
  first_seed      INTEGER NOT NULL,
  seeds_failing   INTEGER NOT NULL,
  explore_command TEXT NOT NULL,
  PRIMARY KEY (exploration_id, ordinal)
) WITHOUT ROWID;
CREATE TABLE reproducers (
  exploration_id INTEGER NOT NULL REFERENCES explorations(id) ON DELETE CASCADE,
  finding        INTEGER NOT NULL,
  ordinal        INTEGER NOT NULL,
  first_seed     INTEGER NOT NULL,
  path           TEXT NOT NULL,
  scenario       TEXT NOT NULL,
  details        TEXT NOT NULL,
  PRIMARY KEY (exploration_id, finding, ordinal)
) WITHOUT ROWID;
)sql";

// --------------------------------------------------------------------- opening

struct Closer {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Connection = std::unique_ptr<sqlite3, Closer>;

std::string sqlite_error(sqlite3* db, const std::string& path, const std::string& doing) {
  return path + ": " + doing + ": " + (db ? sqlite3_errmsg(db) : "out of memory");
}

std::variant<Connection, std::string> open_file(const std::string& path, bool write) {
  sqlite3* handle = nullptr;
  const int flags = write ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;
  const int code = sqlite3_open_v2(path.c_str(), &handle, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  Connection db(handle);
  if (code != SQLITE_OK) return sqlite_error(handle, path, "cannot open");
  sqlite3_busy_timeout(handle, 10'000);
  return db;
}

// The file's application id and whether it holds any table; nullopt when it
// is not an SQLite file at all.
std::optional<std::pair<std::int64_t, bool>> identify(sqlite3* db) {
  Statement application(db, "PRAGMA application_id");
  if (!application.ok() || application.step() != SQLITE_ROW) return std::nullopt;
  const std::int64_t id = application.integer(0);
  Statement tables(db, "SELECT count(*) FROM sqlite_schema");
  if (!tables.ok() || tables.step() != SQLITE_ROW) return std::nullopt;
  return std::make_pair(id, tables.integer(0) == 0);
}

// --------------------------------------------------------------------- writing

std::optional<std::string> write_one(sqlite3* db, const std::string& path, const ExploreReport& report,
                                     const std::string& command_line) {
  Statement exploration(db,
                        "INSERT INTO explorations (policy, first_seed, seeds, generator, shard_index, shard_count, "
                        "seeds_run, passed, call_outcomes, wall_seconds, workers_started, command_line) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  if (!exploration.ok()) return sqlite_error(db, path, "preparing");
  exploration.bind(report.policy, static_cast<std::int64_t>(report.first_seed), static_cast<std::int64_t>(report.seeds),
                   report.generator, report.shard.index, report.shard.count, static_cast<std::int64_t>(report.seeds_run), report.passed,
                   nlohmann::json(report.call_outcomes).dump(), std::to_string(report.wall_seconds),
                   report.workers_started, command_line);
  if (!exploration.run()) return sqlite_error(db, path, "writing the exploration");
  const std::int64_t id = sqlite3_last_insert_rowid(db);

  Statement coverage(db, "INSERT INTO coverage VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!coverage.ok()) return sqlite_error(db, path, "preparing");
  auto add = [&](const std::string& feature, const std::string& other, const CoverageCount& count) {
    coverage.bind(id, feature, other, count.seeds, nlohmann::json(count.results).dump(),
                  nlohmann::json(count.call_outcomes).dump());
    return coverage.run();
  };
  for (const auto& [feature, count] : report.features) {
    if (!add(feature, "", count)) return sqlite_error(db, path, "writing coverage");
  }
  for (const auto& [pair, count] : report.pairs) {
    if (!add(pair.first, pair.second, count)) return sqlite_error(db, path, "writing coverage");
  }

  Statement finding_row(db, "INSERT INTO findings VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  Statement reproducer_row(db, "INSERT INTO reproducers VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!finding_row.ok() || !reproducer_row.ok()) return sqlite_error(db, path, "preparing");
  for (std::size_t i = 0; i < report.findings.size(); ++i) {
    const ExploreFinding& finding = report.findings[i];
    finding_row.bind(id, i, static_cast<int>(finding.result.verdict), finding.result.code, finding.result.message,
                     static_cast<std::int64_t>(finding.seed), finding.seeds_failing, finding.explore_command);
    if (!finding_row.run()) return sqlite_error(db, path, "writing a finding");
    for (std::size_t r = 0; r < finding.reproducers.size(); ++r) {
      const Reproducer& reproducer = finding.reproducers[r];
      nlohmann::json details = nlohmann::json::parse(reproducer_json(reproducer));
      details.erase("text");  // in `scenario`
      reproducer_row.bind(id, i, r, static_cast<std::int64_t>(reproducer.seeds.empty() ? 0 : reproducer.seeds.front()),
                          reproducer.path, reproducer.text, details.dump());
      if (!reproducer_row.run()) return sqlite_error(db, path, "writing a reproducer");
    }
  }
  return std::nullopt;
}

// --------------------------------------------------------------------- reading

template <class T>
T parse_json_text(const std::string& text) {
  return nlohmann::json::parse(text).get<T>();
}

}  // namespace

std::optional<std::string> store_exploration(const std::string& path, const std::vector<ExploreReport>& reports,
                                             const std::string& command_line) {
  auto opened = open_file(path, true);
  if (auto* error = std::get_if<std::string>(&opened)) return *error;
  sqlite3* db = std::get<Connection>(opened).get();
  const auto identity = identify(db);
  if (!identity) return path + ": not an SQLite file";
  if (!identity->second) {
    return path + (identity->first == kExplorationApplicationId
                       ? ": already holds an exploration; give each exploration (each shard) its own file"
                       : ": holds other tables (a results database?); give the exploration its own file");
  }
  std::string create = "BEGIN;";
  create += kExplorationSchema;
  create += "INSERT INTO meta VALUES ('schema_version', '" + std::to_string(kExplorationSchemaVersion) +
            "'), ('created_by', 'pbxsim explore');";
  create += "PRAGMA application_id=" + std::to_string(kExplorationApplicationId) + ";";
  if (sqlite3_exec(db, create.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
    const std::string error = sqlite_error(db, path, "creating the tables");
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return error;
  }
  for (const ExploreReport& report : reports) {
    if (auto error = write_one(db, path, report, command_line)) {
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      return error;
    }
  }
  if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) return sqlite_error(db, path, "committing");
  return std::nullopt;
}

bool is_exploration_file(const std::string& path) {
  auto opened = open_file(path, false);
  if (std::holds_alternative<std::string>(opened)) return false;
  const auto identity = identify(std::get<Connection>(opened).get());
  return identity && identity->first == kExplorationApplicationId;
}

std::variant<std::vector<ExploreReport>, std::string> load_exploration(const std::string& path) {
  auto opened = open_file(path, false);
  if (auto* error = std::get_if<std::string>(&opened)) return *error;
  sqlite3* db = std::get<Connection>(opened).get();
  const auto identity = identify(db);
  if (!identity || identity->first != kExplorationApplicationId) return path + ": not an exploration file (explore --db)";
  {
    Statement version(db, "SELECT value FROM meta WHERE key = 'schema_version'");
    int schema_version = 0;
    if (version.ok() && version.step() == SQLITE_ROW) {
      const std::string text = version.text(0);
      std::from_chars(text.data(), text.data() + text.size(), schema_version);
    }
    if (schema_version > kExplorationSchemaVersion) {
      return path + ": exploration schema version " + std::to_string(schema_version) +
             " is newer than this pbxsim understands (" + std::to_string(kExplorationSchemaVersion) + ")";
    }
  }
  std::vector<ExploreReport> explorations;
  try {
    Statement rows(db,
                   "SELECT id, policy, first_seed, seeds, shard_index, shard_count, seeds_run, passed, call_outcomes, "
                   "wall_seconds, workers_started, generator FROM explorations ORDER BY id");
    Statement coverage(db, "SELECT feature, other_feature, seeds, results, call_outcomes FROM coverage "
                           "WHERE exploration_id = ?1 ORDER BY feature, other_feature");
    Statement findings(db, "SELECT verdict, code, message, first_seed, seeds_failing, explore_command "
                           "FROM findings WHERE exploration_id = ?1 ORDER BY ordinal");
    Statement reproducers(db, "SELECT finding, scenario, details FROM reproducers WHERE exploration_id = ?1 "
                              "ORDER BY finding, ordinal");
    if (!rows.ok() || !coverage.ok() || !findings.ok() || !reproducers.ok()) return sqlite_error(db, path, "reading");
    while (rows.step() == SQLITE_ROW) {
      ExploreReport report;
      const std::int64_t id = rows.integer(0);
      report.policy = rows.text(1);
      report.first_seed = static_cast<std::uint64_t>(rows.integer(2));
      report.seeds = static_cast<std::uint64_t>(rows.integer(3));
      report.shard = Shard{static_cast<int>(rows.integer(4)), static_cast<int>(rows.integer(5))};
      report.seeds_run = static_cast<std::uint64_t>(rows.integer(6));
      report.passed = static_cast<int>(rows.integer(7));
      report.call_outcomes = parse_json_text<std::map<std::string, int>>(rows.text(8));
      report.wall_seconds = sqlite3_column_double(rows.handle(), 9);
      report.workers_started = static_cast<int>(rows.integer(10));
      report.generator = rows.text(11);
      coverage.bind(id);
      while (coverage.step() == SQLITE_ROW) {
        CoverageCount count;
        count.seeds = static_cast<int>(coverage.integer(2));
        count.results = parse_json_text<std::map<std::string, int>>(coverage.text(3));
        count.call_outcomes = parse_json_text<std::map<std::string, int>>(coverage.text(4));
        const std::string other = coverage.text(1);
        if (other.empty()) report.features[coverage.text(0)] = count;
        else report.pairs[{coverage.text(0), other}] = count;
      }
      findings.bind(id);
      while (findings.step() == SQLITE_ROW) {
        ExploreFinding finding;
        finding.result.verdict = static_cast<CaseVerdict>(findings.integer(0));
        finding.result.code = findings.text(1);
        finding.result.message = findings.text(2);
        finding.seed = static_cast<std::uint64_t>(findings.integer(3));
        finding.seeds_failing = static_cast<int>(findings.integer(4));
        finding.explore_command = findings.text(5);
        report.findings.push_back(finding);
      }
      reproducers.bind(id);
      while (reproducers.step() == SQLITE_ROW) {
        const auto finding = static_cast<std::size_t>(reproducers.integer(0));
        if (finding >= report.findings.size()) return path + ": a reproducer of finding " + std::to_string(finding) + ", which is not there";
        Reproducer reproducer = reproducer_from_json(reproducers.text(2));
        reproducer.text = reproducers.text(1);
        report.findings[finding].reproducers.push_back(std::move(reproducer));
      }
      explorations.push_back(std::move(report));
    }
  } catch (const std::exception& error) {
    return path + ": a damaged exploration file: " + error.what();
  }
  return explorations;
}

// ---------------------------------------------------------------- merging files

int merge_explorations(const std::string& output, const std::vector<std::string>& inputs) {
  constexpr int kBadInput = 2;
  // Policy -> its shards, in the order policies first appear.
  std::vector<std::string> policies;
  std::map<std::string, std::vector<ExploreReport>> shards;
  for (const std::string& input : inputs) {
    if (input == output) {
      std::cerr << "pbxsim: merge: " << input << " is the output; merge into another file\n";
      return kBadInput;
    }
    auto loaded = load_exploration(input);
    if (auto* error = std::get_if<std::string>(&loaded)) {
      std::cerr << "pbxsim: merge: " << *error << "\n";
      return kBadInput;
    }
    for (ExploreReport& report : std::get<std::vector<ExploreReport>>(loaded)) {
      if (!shards.contains(report.policy)) policies.push_back(report.policy);
      shards[report.policy].push_back(std::move(report));
    }
  }
  std::vector<ExploreReport> merged_reports;
  int exit_code = 0;
  for (const std::string& policy : policies) {
    auto merged = merge_explore_reports(std::move(shards[policy]));
    if (auto* error = std::get_if<std::string>(&merged)) {
      std::cerr << "pbxsim: merge: " << *error << "\n";
      return kBadInput;
    }
    if (!merged_reports.empty()) std::cout << "\n";
    const ExploreReport& report = std::get<ExploreReport>(merged);
    print_explore(std::cout, report);
    exit_code = std::max(exit_code, report.exit_code());
    merged_reports.push_back(std::move(std::get<ExploreReport>(merged)));
  }
  std::string from;
  for (const std::string& input : inputs) from += (from.empty() ? "" : " ") + input;
  if (auto error = store_exploration(output, merged_reports, "pbxsim merge " + output + " " + from)) {
    std::cerr << "pbxsim: merge: " << *error << "\n";
    return kBadInput;
  }
  std::cout << "merged " << inputs.size() << " exploration file(s) into " << output << "\n";
  return exit_code;
}

}  // namespace pbxsim
