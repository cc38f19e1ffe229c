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
  reproducer      TEXT,
  scenario        TEXT,
  PRIMARY KEY (exploration_id, ordinal)
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

nlohmann::json reproducer_json(const Reproducer& reproducer) {
  return {{"path", reproducer.path},
          {"code_lines", reproducer.code_lines},
          {"size_before", reproducer.size_before},
          {"size_after", reproducer.size_after},
          {"shrink_runs", reproducer.shrink_runs},
          {"replay_command", reproducer.replay_command},
          {"replay_fails", reproducer.replay_fails},
          {"flaky", reproducer.flaky},
          {"replay_detail", reproducer.replay_detail}};
}

Reproducer reproducer_from_json(const nlohmann::json& json) {
  Reproducer reproducer;
  reproducer.path = json.at("path").get<std::string>();
  reproducer.code_lines = json.at("code_lines").get<int>();
  reproducer.size_before = json.at("size_before").get<std::string>();
  reproducer.size_after = json.at("size_after").get<std::string>();
  reproducer.shrink_runs = json.at("shrink_runs").get<int>();
  reproducer.replay_command = json.at("replay_command").get<std::string>();
  reproducer.replay_fails = json.at("replay_fails").get<bool>();
  reproducer.flaky = json.at("flaky").get<bool>();
  reproducer.replay_detail = json.at("replay_detail").get<std::string>();
  return reproducer;
}

std::optional<std::string> write_one(sqlite3* db, const std::string& path, const StoredExploration& stored,
                                     const std::string& command_line) {
  const ExploreReport& report = stored.report;
  Statement exploration(db,
                        "INSERT INTO explorations (policy, first_seed, seeds, shard_index, shard_count, seeds_run, "
                        "passed, call_outcomes, wall_seconds, workers_started, command_line) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  if (!exploration.ok()) return sqlite_error(db, path, "preparing");
  exploration.bind(report.policy, static_cast<std::int64_t>(report.first_seed), static_cast<std::int64_t>(report.seeds),
                   report.shard.index, report.shard.count, static_cast<std::int64_t>(report.seeds_run), report.passed,
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

  Statement finding_row(db, "INSERT INTO findings VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  if (!finding_row.ok()) return sqlite_error(db, path, "preparing");
  for (std::size_t i = 0; i < report.findings.size(); ++i) {
    const ExploreFinding& finding = report.findings[i];
    std::optional<std::string> reproducer;
    if (finding.reproducer) reproducer = reproducer_json(*finding.reproducer).dump();
    std::optional<std::string> scenario;
    if (i < stored.reproducer_texts.size() && !stored.reproducer_texts[i].empty()) scenario = stored.reproducer_texts[i];
    finding_row.bind(id, i, static_cast<int>(finding.result.verdict), finding.result.code, finding.result.message,
                     static_cast<std::int64_t>(finding.seed), finding.seeds_failing, finding.explore_command,
                     reproducer, scenario);
    if (!finding_row.run()) return sqlite_error(db, path, "writing a finding");
  }
  return std::nullopt;
}

// --------------------------------------------------------------------- reading

template <class T>
T parse_json_text(const std::string& text) {
  return nlohmann::json::parse(text).get<T>();
}

}  // namespace

std::optional<std::string> store_exploration(const std::string& path, const std::vector<StoredExploration>& reports,
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
  for (const StoredExploration& stored : reports) {
    if (auto error = write_one(db, path, stored, command_line)) {
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

std::variant<std::vector<StoredExploration>, std::string> load_exploration(const std::string& path) {
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
  std::vector<StoredExploration> explorations;
  try {
    Statement rows(db,
                   "SELECT id, policy, first_seed, seeds, shard_index, shard_count, seeds_run, passed, call_outcomes, "
                   "wall_seconds, workers_started FROM explorations ORDER BY id");
    Statement coverage(db, "SELECT feature, other_feature, seeds, results, call_outcomes FROM coverage "
                           "WHERE exploration_id = ?1 ORDER BY feature, other_feature");
    Statement findings(db, "SELECT verdict, code, message, first_seed, seeds_failing, explore_command, reproducer, "
                           "scenario FROM findings WHERE exploration_id = ?1 ORDER BY ordinal");
    if (!rows.ok() || !coverage.ok() || !findings.ok()) return sqlite_error(db, path, "reading");
    while (rows.step() == SQLITE_ROW) {
      StoredExploration stored;
      ExploreReport& report = stored.report;
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
        if (!findings.is_null(6)) finding.reproducer = reproducer_from_json(nlohmann::json::parse(findings.text(6)));
        report.findings.push_back(finding);
        stored.reproducer_texts.push_back(findings.is_null(7) ? std::string() : findings.text(7));
      }
      explorations.push_back(std::move(stored));
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
  std::map<std::string, std::vector<StoredExploration>> shards;
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
    for (StoredExploration& stored : std::get<std::vector<StoredExploration>>(loaded)) {
      if (!shards.contains(stored.report.policy)) policies.push_back(stored.report.policy);
      shards[stored.report.policy].push_back(std::move(stored));
    }
  }
  std::vector<StoredExploration> merged_files;
  int exit_code = 0;
  for (const std::string& policy : policies) {
    std::vector<ExploreReport> parts;
    std::map<std::string, std::string> texts;  // reproducer path -> its text
    for (const StoredExploration& stored : shards[policy]) {
      parts.push_back(stored.report);
      for (std::size_t i = 0; i < stored.report.findings.size(); ++i) {
        const ExploreFinding& finding = stored.report.findings[i];
        if (finding.reproducer && i < stored.reproducer_texts.size()) texts[finding.reproducer->path] = stored.reproducer_texts[i];
      }
    }
    auto merged = merge_explore_reports(std::move(parts));
    if (auto* error = std::get_if<std::string>(&merged)) {
      std::cerr << "pbxsim: merge: " << *error << "\n";
      return kBadInput;
    }
    StoredExploration whole{std::get<ExploreReport>(merged), {}};
    for (const ExploreFinding& finding : whole.report.findings) {
      whole.reproducer_texts.push_back(finding.reproducer ? texts[finding.reproducer->path] : std::string());
    }
    if (!merged_files.empty()) std::cout << "\n";
    print_explore(std::cout, whole.report);
    exit_code = std::max(exit_code, whole.report.exit_code());
    merged_files.push_back(std::move(whole));
  }
  std::string from;
  for (const std::string& input : inputs) from += (from.empty() ? "" : " ") + input;
  if (auto error = store_exploration(output, merged_files, "pbxsim merge " + output + " " + from)) {
    std::cerr << "pbxsim: merge: " << *error << "\n";
    return kBadInput;
  }
  std::cout << "merged " << inputs.size() << " exploration file(s) into " << output << "\n";
  return exit_code;
}

}  // namespace pbxsim
