// The results database. Sections: schema · opening · writing a run ·
// reading runs · run references.
//
// Writes go through statements prepared once per connection; each scenario
// is one transaction (its row, covers, checks, calls and events), so a
// SIGKILL between two scenarios loses nothing that finished and one inside a
// transaction loses only that scenario. WAL with synchronous=NORMAL makes a
// commit survive the death of the process without an fsync per scenario.
// add_scenario encodes the rows on the caller's thread and a writer thread
// stores them (scenario_writer.h), in order.
#include "pbxsim/simulator/results_store.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <charconv>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <thread>

#include <unistd.h>
#include <mutex>
#include <nlohmann/json.hpp>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "pbxsim/simulator/call_summary.h"
#include "pbxsim/simulator/topology_snapshot.h"
#include "row_buffer.h"
#include "scenario_writer.h"
#include "sqlite_statement.h"
#include "wal_checkpointer.h"

namespace pbxsim {

// Foreign keys are declared (for readers' joins and their own deletes) but
// not enforced while writing: every child row is written in the transaction
// that writes its scenario, after it, so the check could never fail, and it
// cost a lookup of the scenario per call and per event.
const char* const kResultsWritePragmas =
    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF; PRAGMA cache_size=-32768";

namespace {

// A new file's pages: 32 KiB rather than 8 KiB made inserting large
// scenarios' calls about 20 % cheaper (fewer page splits and WAL frames);
// a small scenario's commit writes a few more bytes.
constexpr const char* kCreatePragmas = "PRAGMA page_size=32768; PRAGMA journal_mode=WAL";

// 'PBXS': `file` and the tools can tell a pbxsim results database.
constexpr int kApplicationId = 0x50425853;

// ----------------------------------------------------------------------- schema
// Changing it: bump kResultsSchemaVersion, describe the change in
// docs/results-schema.md, and add the upgrade of older files to
// prepare_schema().
//
// calls and events are the bulk of a file and of the time spent writing it
// (docs/performance.md, "SQLite writes"), so since version 3 each row is one
// b-tree entry: its key packs the scenario with the call number or the trace
// position (scenario_id * 2^32 + call_id or seq), the columns scenario_id,
// call_id and seq are computed from it (VIRTUAL, not stored), and a
// scenario's rows are one range of keys, in order. (Version 2's composite
// primary key cost a second b-tree, an index, for every call.) Trace kinds
// are stored as their code (TraceKind's value: kinds are only ever appended),
// named in trace_kinds; the views below show them by name.
constexpr std::string_view kSchema = R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE runs (
  id             INTEGER PRIMARY KEY,
  started_at     TEXT NOT NULL,
  finished_at    TEXT,
  pbxsim_version TEXT NOT NULL,
  git_revision   TEXT,
  seed           INTEGER NOT NULL,
  policy         TEXT,
  command_line   TEXT NOT NULL,
  shard          TEXT,
  jobs           INTEGER NOT NULL,
  trace          TEXT NOT NULL CHECK (trace IN ('calls', 'full')),
  merged_from    TEXT,
  passed         INTEGER,
  failed         INTEGER,
  errors         INTEGER
);

CREATE TABLE scenarios (
  id              INTEGER PRIMARY KEY,
  run_id          INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  file_ordinal    INTEGER NOT NULL,
  scenario_index  INTEGER NOT NULL,
  file            TEXT NOT NULL,
  line            INTEGER NOT NULL,
  name            TEXT NOT NULL,
  description     TEXT NOT NULL,
  declared_policy TEXT NOT NULL,
  policy          TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('passed', 'failed', 'error')),
  duration_us     INTEGER NOT NULL,
  trace_hash      TEXT NOT NULL,
  trace_events    INTEGER NOT NULL,
  error_kind      TEXT,
  error_file      TEXT,
  error_line      INTEGER,
  error_message   TEXT,
  printed         TEXT NOT NULL,
  reproduce       TEXT NOT NULL,
  topology        TEXT,
  peak_queue_depth INTEGER,
  UNIQUE (run_id, file, scenario_index)
);

CREATE TABLE covers (
  scenario_id INTEGER NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
  ordinal     INTEGER NOT NULL,
  behaviour   TEXT NOT NULL,
  PRIMARY KEY (scenario_id, ordinal)
) WITHOUT ROWID;
CREATE INDEX covers_by_behaviour ON covers(behaviour);

CREATE TABLE checks (
  scenario_id INTEGER NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
  ordinal     INTEGER NOT NULL,
  passed      INTEGER NOT NULL,
  file        TEXT NOT NULL,
  line        INTEGER NOT NULL,
  subject     TEXT NOT NULL,
  relation    TEXT NOT NULL,
  expected    TEXT NOT NULL,
  actual      TEXT NOT NULL,
  message     TEXT NOT NULL,
  time_us     INTEGER,
  call_id     INTEGER,
  PRIMARY KEY (scenario_id, ordinal)
);

CREATE TABLE input_errors (
  id           INTEGER PRIMARY KEY,
  run_id       INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  file_ordinal INTEGER NOT NULL,
  kind         TEXT NOT NULL,
  file         TEXT NOT NULL,
  line         INTEGER NOT NULL,
  message      TEXT NOT NULL
);

CREATE INDEX scenarios_by_run ON scenarios(run_id, file_ordinal, scenario_index);
CREATE INDEX input_errors_by_run ON input_errors(run_id);
)sql";

// The calls table as version 5 has it (created by the schema and by the
// upgrades): outcome NULL while the call is undecided, as nil in Lua and
// null in JSON (version 4 and before: 'none').
constexpr std::string_view kCallsTable = R"sql(
CREATE TABLE calls (
  id             INTEGER PRIMARY KEY,
  scenario_id    INTEGER NOT NULL GENERATED ALWAYS AS (id >> 32) VIRTUAL
                 REFERENCES scenarios(id) ON DELETE CASCADE,
  call_id        INTEGER NOT NULL GENERATED ALWAYS AS (id & 4294967295) VIRTUAL,
  caller         TEXT NOT NULL,
  dialed         TEXT NOT NULL,
  state          TEXT NOT NULL,
  outcome        TEXT,
  detail         TEXT NOT NULL,
  path           TEXT NOT NULL,
  forwards       INTEGER NOT NULL,
  alerted        TEXT NOT NULL,
  silent         TEXT NOT NULL,
  skipped        TEXT NOT NULL,
  answered_by    TEXT,
  events         TEXT,
  offered_at_us  INTEGER,
  answered_at_us INTEGER,
  ended_at_us    INTEGER,
  released_at_us INTEGER
);
)sql";

// The other tables version 3 changed (created by the schema and by the upgrade).
constexpr std::string_view kCodedTables = R"sql(
CREATE TABLE trace_kinds (
  code INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);

CREATE TABLE events (
  id          INTEGER PRIMARY KEY,
  scenario_id INTEGER NOT NULL GENERATED ALWAYS AS (id >> 32) VIRTUAL
              REFERENCES scenarios(id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL GENERATED ALWAYS AS (id & 4294967295) VIRTUAL,
  time_us     INTEGER NOT NULL,
  kind_code   INTEGER NOT NULL,
  subject     TEXT NOT NULL,
  details     TEXT NOT NULL,
  call_id     INTEGER,
  queue_depth INTEGER,
  fields      TEXT
);
)sql";

// Readable forms of the coded tables, for SQL users (pbxsim reads the tables).
// json_extract rather than ->> so that sqlite3 shells before 3.38 can open
// the file (a view they cannot parse would make the whole schema unreadable).
constexpr std::string_view kViews = R"sql(
CREATE VIEW trace AS
  SELECT e.scenario_id, e.seq, e.time_us, k.name AS kind, e.subject, e.details, e.call_id, e.queue_depth, e.fields
  FROM events e JOIN trace_kinds k ON k.code = e.kind_code;

CREATE VIEW call_events AS
  SELECT c.scenario_id, c.call_id, json_extract(j.value, '$[0]') AS seq, json_extract(j.value, '$[1]') AS time_us,
         k.name AS kind, json_extract(j.value, '$[3]') AS subject, json_extract(j.value, '$[4]') AS details,
         json_extract(j.value, '$[5]') AS fields
  FROM calls c, json_each(c.events) j JOIN trace_kinds k ON k.code = json_extract(j.value, '$[2]')
  UNION ALL
  SELECT e.scenario_id, e.call_id, e.seq, e.time_us, k.name, e.subject, e.details, e.fields
  FROM events e JOIN trace_kinds k ON k.code = e.kind_code
  JOIN calls c ON c.id = (e.scenario_id << 32) + e.call_id AND c.events IS NULL;
)sql";

// Version 1 -> 2: when each check ran, the topology snapshot and the event
// queue's depth. A version-1 file opened for reading (read-only) is read as
// it is, the new columns as NULL.
constexpr std::string_view kUpgradeTo2 = R"sql(
ALTER TABLE scenarios ADD COLUMN topology TEXT;
ALTER TABLE scenarios ADD COLUMN peak_queue_depth INTEGER;
ALTER TABLE checks ADD COLUMN time_us INTEGER;
ALTER TABLE events ADD COLUMN queue_depth INTEGER;
UPDATE meta SET value = '2' WHERE key = 'schema_version';
)sql";

// Version 2 -> 3: calls and events keyed by (scenario, call or seq) packed in
// one integer, trace kinds as codes (trace_kinds is filled before this runs),
// and a full trace's calls without their own copy of their events (the
// events table has them, with call_id). Rows are copied in key order.
constexpr std::string_view kRenameTo3 = R"sql(
ALTER TABLE calls RENAME TO calls_v2;
ALTER TABLE events RENAME TO events_v2;
)sql";
// After kCodedTables and the kinds: the rows, then the old tables go. A kind
// this pbxsim does not know becomes a note (18, TraceKind::ScenarioNote), as
// older pbxsims read it.
constexpr std::string_view kCopyTo3 = R"sql(
INSERT INTO calls (id, caller, dialed, state, outcome, detail, path, forwards, alerted, silent, skipped, answered_by,
                   events, offered_at_us, answered_at_us, ended_at_us, released_at_us)
  SELECT (c.scenario_id << 32) + c.call_id, c.caller, c.dialed, c.state, NULLIF(c.outcome, 'none'), c.detail,
         c.path, c.forwards,
         c.alerted, c.silent, c.skipped, c.answered_by,
         CASE WHEN r.trace = 'full' THEN NULL ELSE
           (SELECT json_group_array(json_array(json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'),
                                               coalesce((SELECT code FROM trace_kinds
                                                         WHERE name = json_extract(j.value, '$[2]')), 18),
                                               json_extract(j.value, '$[3]'), json_extract(j.value, '$[4]')))
            FROM json_each(c.events) j)
         END,
         c.offered_at_us, c.answered_at_us, c.ended_at_us, c.released_at_us
  FROM calls_v2 c LEFT JOIN scenarios s ON s.id = c.scenario_id LEFT JOIN runs r ON r.id = s.run_id
  ORDER BY c.scenario_id, c.call_id;
INSERT INTO events (id, time_us, kind_code, subject, details, call_id, queue_depth)
  SELECT (scenario_id << 32) + seq, time_us,
         coalesce((SELECT code FROM trace_kinds WHERE name = kind), 18),
         subject, details, call_id, queue_depth
  FROM events_v2 ORDER BY scenario_id, seq;
DROP TABLE calls_v2;
DROP TABLE events_v2;
UPDATE meta SET value = '3' WHERE key = 'schema_version';
)sql";

// Version 3 -> 4: trace records carry their typed fields (a JSON object:
// about, device, line, user, group, server, reason, previous, target,
// caller, note, duration_us, count; the call is call_id). Older rows have
// none (NULL): their calls are known, their other fields are not.
constexpr std::string_view kUpgradeTo4 = R"sql(
ALTER TABLE events ADD COLUMN fields TEXT;
)sql";

// Version 4 -> 5: an undecided call's outcome is NULL rather than 'none'.
// SQLite cannot drop a column's NOT NULL in place: the calls are copied into
// kCallsTable in key order. The views (version 3 on) are made again after.
constexpr std::string_view kRenameTo5 = R"sql(
DROP VIEW trace;
DROP VIEW call_events;
ALTER TABLE calls RENAME TO calls_v4;
)sql";
constexpr std::string_view kCopyTo5 = R"sql(
INSERT INTO calls (id, caller, dialed, state, outcome, detail, path, forwards, alerted, silent, skipped, answered_by,
                   events, offered_at_us, answered_at_us, ended_at_us, released_at_us)
  SELECT id, caller, dialed, state, NULLIF(outcome, 'none'), detail, path, forwards, alerted, silent, skipped,
         answered_by, events, offered_at_us, answered_at_us, ended_at_us, released_at_us
  FROM calls_v4 ORDER BY id;
DROP TABLE calls_v4;
)sql";

// Version 5 -> 6: decision records (run --decisions): trace kind 'decided',
// whose fields add rule (the policy's file:line) and facts ([[name, value],
// ...], the facts the hook read). No table changes; the kind is added with
// the others when a file is opened for writing, and the views are remade.
constexpr std::string_view kUpgradeTo6 = R"sql(
DROP VIEW trace;
DROP VIEW call_events;
)sql";

// Every trace kind with its code (its TraceKind value), as trace_kinds holds them.
static_assert(static_cast<int>(TraceKind::ScenarioNote) == 18, "kCopyTo3 turns unknown kinds into code 18: update it");

std::string trace_kinds_sql() {
  std::string sql = "INSERT OR IGNORE INTO trace_kinds (code, name) VALUES ";
  for (int code = 0; code <= static_cast<int>(kLastTraceKind); ++code) {
    if (code > 0) sql += ", ";
    sql += "(" + std::to_string(code) + ", '" + std::string(trace_kind_name(static_cast<TraceKind>(code))) + "')";
  }
  return sql + ";";
}

std::string_view error_kind_name(ScriptError::Kind kind) {
  switch (kind) {
    case ScriptError::Kind::Syntax: return "syntax";
    case ScriptError::Kind::Runtime: return "runtime";
    case ScriptError::Kind::InstructionBudget: return "instruction-budget";
    case ScriptError::Kind::MemoryLimit: return "memory-limit";
    case ScriptError::Kind::Sandbox: return "sandbox";
    case ScriptError::Kind::Config: return "config";
  }
  return "runtime";
}

ScriptError::Kind error_kind_from_name(std::string_view name) {
  for (ScriptError::Kind kind : {ScriptError::Kind::Syntax, ScriptError::Kind::Runtime,
                                 ScriptError::Kind::InstructionBudget, ScriptError::Kind::MemoryLimit,
                                 ScriptError::Kind::Sandbox, ScriptError::Kind::Config}) {
    if (error_kind_name(kind) == name) return kind;
  }
  return ScriptError::Kind::Runtime;
}

ScenarioReport::Status status_from_name(std::string_view name) {
  if (name == "passed") return ScenarioReport::Status::Passed;
  if (name == "failed") return ScenarioReport::Status::Failed;
  return ScenarioReport::Status::Error;
}

std::optional<std::string> text_or_null(const std::string& text) {
  return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

// JSON written by hand, straight into the row storage: these run for every
// call of every scenario (building nlohmann::json values for them cost as
// much as the simulation). Each piece makes its room once and is written
// through a pointer.
class JsonText {
 public:
  explicit JsonText(RowBuffer& rows) : rows_(rows), at_(rows.open_text()) {}
  RowBuffer& close() { return rows_.close_text(at_); }

  JsonText& put(char c) {
    at_ = rows_.room(at_, 1);
    *at_++ = c;
    return *this;
  }
  JsonText& integer(std::int64_t value) {
    at_ = rows_.room(at_, 24);
    at_ = std::to_chars(at_, at_ + 24, value).ptr;
    return *this;
  }
  JsonText& string(std::string_view text) {
    at_ = rows_.room(at_, 2 + 6 * text.size());  // every character escaped as \u00XX at worst
    char* out = at_;
    *out++ = '"';
    std::size_t i = 0;
#ifdef __SSE2__
    // Sixteen characters at a time while none needs escaping (nearly every
    // name and detail): room for 6 bytes per character covers the store.
    const __m128i last_control = _mm_set1_epi8(0x1f);
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    while (i + 16 <= text.size()) {
      const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
      const __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(chunk, last_control), last_control);
      const __m128i special = _mm_or_si128(_mm_cmpeq_epi8(chunk, quote), _mm_cmpeq_epi8(chunk, backslash));
      if (_mm_movemask_epi8(_mm_or_si128(control, special)) != 0) break;
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out), chunk);
      out += 16;
      i += 16;
    }
#endif
    for (; i < text.size(); ++i) {
      const char c = text[i];
      if (!kEscaped[static_cast<unsigned char>(c)]) {
        *out++ = c;
        continue;
      }
      *out++ = '\\';
      switch (c) {
        case '"': *out++ = '"'; break;
        case '\\': *out++ = '\\'; break;
        case '\n': *out++ = 'n'; break;
        case '\t': *out++ = 't'; break;
        case '\r': *out++ = 'r'; break;
        default: {
          static constexpr char kHex[] = "0123456789abcdef";
          *out++ = 'u';
          *out++ = '0';
          *out++ = '0';
          *out++ = kHex[(c >> 4) & 0xf];
          *out++ = kHex[c & 0xf];
        }
      }
    }
    *out++ = '"';
    at_ = out;
    return *this;
  }
  // Any range of strings (a NameList, a vector).
  template <typename Names>
  JsonText& list(const Names& items) {
    put('[');
    bool first = true;
    for (std::string_view item : items) {
      if (!first) put(',');
      first = false;
      string(item);
    }
    return put(']');
  }
  // A trace record's typed fields as an object of those it has.
  JsonText& fields(const TraceEvent& event) {
    put('{');
    bool first = true;
    auto key = [&](std::string_view name) -> JsonText& {
      if (!first) put(',');
      first = false;
      return string(name).put(':');
    };
    if (event.about != TraceAbout::None) key("about").string(trace_about_name(event.about));
    for (const TraceStringField& field : kTraceStringFields) {
      if (!(event.*field.member).empty()) key(field.name).string(event.*field.member);
    }
    if (event.duration_us >= 0) key("duration_us").integer(event.duration_us);
    if (event.count >= 0) key("count").integer(event.count);
    if (!event.facts.empty()) {  // a decision's facts read (version 5): [[name, value], ...]
      key("facts").put('[');
      for (std::size_t i = 0; i < event.facts.size(); ++i) {
        if (i > 0) put(',');
        put('[').string(event.facts[i].name).put(',').string(event.facts[i].value).put(']');
      }
      put(']');
    }
    return put('}');
  }
  // Any range of (key, value) string pairs (a SkipList, a vector of pairs).
  template <typename Pairs>
  JsonText& object(const Pairs& items) {
    put('{');
    bool first = true;
    for (const auto& [key, value] : items) {
      if (!first) put(',');
      first = false;
      string(key).put(':').string(value);
    }
    return put('}');
  }

 private:
  // Control characters, the quote and the backslash.
  static constexpr auto kEscaped = [] {
    std::array<bool, 256> escaped{};
    for (int c = 0; c < 0x20; ++c) escaped[static_cast<std::size_t>(c)] = true;
    escaped['"'] = escaped['\\'] = true;
    return escaped;
  }();
  RowBuffer& rows_;
  char* at_;
};

std::vector<std::string> list_from_json(const std::string& text) {
  const auto parsed = nlohmann::json::parse(text, nullptr, false);
  std::vector<std::string> items;
  if (!parsed.is_array()) return items;
  for (const auto& item : parsed) {
    if (item.is_string()) items.push_back(item.get<std::string>());
  }
  return items;
}

std::uint64_t parse_hash(const std::string& text) {
  std::uint64_t hash = 0;
  std::from_chars(text.data(), text.data() + text.size(), hash, 16);
  return hash;
}

std::optional<TraceKind> trace_kind_from_name(std::string_view name) {
  // Kinds are appended (trace.h): the kinds after ScenarioNote (groups,
  // profiles, logins, decisions ...) read back as themselves.
  for (int k = 0; k <= static_cast<int>(kLastTraceKind); ++k) {
    const auto kind = static_cast<TraceKind>(k);
    if (trace_kind_name(kind) == name) return kind;
  }
  return std::nullopt;
}

std::string join_lines(const std::vector<std::string>& lines) { return join(lines, "\n"); }

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  if (text.empty()) return lines;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find('\n', start);
    lines.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) return lines;
    start = end + 1;
  }
}

}  // namespace

// Rows per INSERT for calls and events: a statement's start and end cost
// SQLite about as much as a row's values, so large scenarios' rows go 128
// calls or 256 events a statement, and what is left 16 or 32 at a time.
// Measured (BM_StoreCallSummaries, BM_StoreFullTrace; the writer thread's
// CPU per row): calls 1.86 µs at 16 a statement, 1.50 at 64, 1.37 at 128,
// 1.32-1.40 at 256; events 0.75-0.78 µs at 32, 0.60-0.65 at 128, 0.58-0.61
// at 256.
constexpr int kCallsPerInsert = 128;
constexpr int kCallsPerSmallInsert = 16;
constexpr int kEventsPerInsert = 256;
constexpr int kEventsPerSmallInsert = 32;
constexpr int kCallValues = 17;  // after the scenario: the call number, then 16 columns
constexpr int kEventValues = 8;  // after the scenario: the trace position, then 7 columns
// OR FAIL: a statement of many rows that fails keeps the rows before the
// failing one, where the default (ABORT) undoes them, which needs a
// statement journal: SQLite copied every page the statement touched into a
// temporary file first (2 300 writes of 32 KiB per four 10 000-call
// scenarios; the writer's CPU per call row went from 1.37 to 1.2 µs without
// them). Nothing partial is kept either way: store() rolls the whole
// scenario back on any failure.
constexpr std::string_view kInsertCall =
    "INSERT OR FAIL INTO calls (id, caller, dialed, state, outcome, detail, path, forwards, alerted, silent, skipped, "
    "answered_by, events, offered_at_us, answered_at_us, ended_at_us, released_at_us)";
constexpr std::string_view kInsertEvent =
    "INSERT OR FAIL INTO events (id, time_us, kind_code, subject, details, call_id, queue_depth, fields)";

struct ResultsDb::Statements {
  explicit Statements(sqlite3* db)
      : begin(db, "BEGIN IMMEDIATE"),
        commit(db, "COMMIT"),
        rollback(db, "ROLLBACK"),
        insert_scenario(db,
                        "INSERT INTO scenarios (run_id, file_ordinal, scenario_index, file, line, name, description, "
                        "declared_policy, policy, status, duration_us, trace_hash, trace_events, error_kind, "
                        "error_file, error_line, error_message, printed, reproduce, topology, peak_queue_depth) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, "
                        "?20, ?21)"),
        insert_cover(db, "INSERT INTO covers (scenario_id, ordinal, behaviour) VALUES (?1, ?2, ?3)"),
        insert_check(db,
                     "INSERT INTO checks (scenario_id, ordinal, passed, file, line, subject, relation, expected, "
                     "actual, message, time_us, call_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"),
        // ?1 is the scenario; the key packs it with the call number or the
        // position in the trace (each row's first value).
        insert_call(db, keyed_insert_sql(kInsertCall, kCallValues, 1)),
        insert_calls(db, keyed_insert_sql(kInsertCall, kCallValues, kCallsPerInsert)),
        insert_some_calls(db, keyed_insert_sql(kInsertCall, kCallValues, kCallsPerSmallInsert)),
        insert_event(db, keyed_insert_sql(kInsertEvent, kEventValues, 1)),
        insert_events(db, keyed_insert_sql(kInsertEvent, kEventValues, kEventsPerInsert)),
        insert_some_events(db, keyed_insert_sql(kInsertEvent, kEventValues, kEventsPerSmallInsert)),
        insert_input_error(db,
                           "INSERT INTO input_errors (run_id, file_ordinal, kind, file, line, message) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6)") {}

  // Why a statement could not be prepared (a damaged schema), or empty.
  std::string error() const {
    for (const Statement* statement : {&begin, &commit, &rollback, &insert_scenario, &insert_cover, &insert_check,
                                       &insert_call, &insert_calls, &insert_some_calls, &insert_event, &insert_events,
                                       &insert_some_events, &insert_input_error}) {
      if (!statement->ok()) return statement->error();
    }
    return "";
  }

  Statement begin, commit, rollback;
  Statement insert_scenario, insert_cover, insert_check;
  Statement insert_call, insert_calls, insert_some_calls;  // 1, kCallsPerInsert and kCallsPerSmallInsert rows
  Statement insert_event, insert_events, insert_some_events;
  Statement insert_input_error;
};

std::string RunInfo::describe() const {
  std::string text = "run " + std::to_string(id) + " (" + started_at + ", seed " + std::to_string(seed);
  if (!policy.empty()) text += ", policy " + policy;
  if (!shard.empty()) text += ", shard " + shard;
  if (!finished()) text += ", did not finish";
  return text + ")";
}

RunSettings StoredRun::options() const {
  RunSettings options;
  options.seed = info.seed;
  options.policy = info.policy;
  return options;
}

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

// ---------------------------------------------------------------------- opening

ResultsDb::ResultsDb(std::string path, sqlite3* db) : path_(std::move(path)), db_(db) {}

ResultsDb::~ResultsDb() {
  writer_.reset();      // every queued scenario is stored, and the thread has ended
  statements_.reset();  // statements are finalized before the connection closes
  sqlite3_close(db_);
}

std::string ResultsDb::failure(std::string_view doing) const {
  return path_ + ": " + std::string(doing) + ": " + sqlite3_errmsg(db_);
}

// A statement that could not be prepared means the tables are not what
// schema_version promised (a damaged or hand-edited file).
std::string ResultsDb::unprepared(const Statement& statement, std::string_view doing) const {
  return path_ + ": " + std::string(doing) + ": the schema does not match its version (" + statement.error() + ")";
}

namespace {

// file:PATH?mode=ro[&immutable=1], with the characters a URI reserves escaped.
std::string read_only_uri(const std::string& path) {
  std::string uri = "file:";
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '%' || c == '?' || c == '#' || byte < 0x20 || byte >= 0x7f) {
      constexpr const char* kHex = "0123456789ABCDEF";
      uri += '%';
      uri += kHex[byte >> 4];
      uri += kHex[byte & 0x0F];
    } else {
      uri += c;
    }
  }
  uri += "?mode=ro";
  const std::string folder = std::filesystem::path(path).parent_path().string();
  std::error_code no_log;
  const bool log_pending = std::filesystem::file_size(path + "-wal", no_log) > 0 && !no_log;
  const bool writable = ::access(path.c_str(), W_OK) == 0 || ::access(folder.empty() ? "." : folder.c_str(), W_OK) == 0;
  if (!writable && !log_pending) uri += "&immutable=1";
  return uri;
}

}  // namespace

std::variant<std::unique_ptr<ResultsDb>, std::string> ResultsDb::open(const std::string& path, Mode mode) {
  if (mode == Mode::Read && !std::filesystem::exists(path)) return path + ": no such results database";
  // SQLite counts every allocation under a global mutex unless told not to
  // before its first use (4 % of an insert's instructions); pbxsim never
  // reads the counts. Too late (SQLite already in use) is harmless.
  static std::once_flag no_memory_statistics;
  std::call_once(no_memory_statistics, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  sqlite3* handle = nullptr;
  // Reading never needs write access: mode=ro, and immutable=1 when nothing
  // can change the file under us (we may not write it or its folder, and no
  // write-ahead log is pending), so SQLite neither locks nor creates -shm.
  const int flags = mode == Mode::Read ? SQLITE_OPEN_READONLY | SQLITE_OPEN_URI
                                       : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  const std::string name = mode == Mode::Read ? read_only_uri(path) : path;
  const int code = sqlite3_open_v2(name.c_str(), &handle, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  std::unique_ptr<ResultsDb> db(new ResultsDb(path, handle));
  if (code != SQLITE_OK) return db->failure("cannot open");
  // Another pbxsim may be writing (a merge, a second run): wait rather than fail.
  sqlite3_busy_timeout(handle, 10'000);
  if (auto error = db->prepare_schema(mode)) return *error;
  return db;
}

std::optional<std::string> ResultsDb::prepare_schema(Mode mode) {
  // Read in statements that end before anything is written: a statement
  // left on a row holds a read transaction open.
  std::int64_t application_id = 0;
  bool empty = false;
  {
    Statement application(db_, "PRAGMA application_id");
    if (!application.ok() || application.step() != SQLITE_ROW) {
      // Only SQLite's "not a database" means that; permissions, locks and
      // I/O errors are named as what they are.
      if (sqlite3_errcode(db_) == SQLITE_NOTADB) {
        return path_ + ": not a pbxsim results database (" + sqlite3_errmsg(db_) + ")";
      }
      return path_ + ": cannot read the file (" + sqlite3_errmsg(db_) + ")";
    }
    application_id = application.integer(0);
    Statement tables(db_, "SELECT count(*) FROM sqlite_schema");
    if (!tables.ok() || tables.step() != SQLITE_ROW) return failure("reading the schema");
    empty = tables.integer(0) == 0;
  }

  if (empty && application_id == 0) {
    if (mode == Mode::Read) return path_ + ": an empty database, not a pbxsim results database";
    // Switching a new file to WAL needs it alone. When a second pbxsim opens
    // the same new file at this moment (shards writing one file), SQLite
    // answers "locked" at once instead of calling its busy handler (waiting
    // could deadlock), so wait here, as long as the busy timeout would.
    constexpr int kWalAttempts = 1000;  // 10 ms apart: 10 s
    int wal = SQLITE_BUSY;
    for (int attempt = 0; attempt < kWalAttempts && wal == SQLITE_BUSY; ++attempt) {
      if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
      wal = sqlite3_exec(db_, kCreatePragmas, nullptr, nullptr, nullptr);
    }
    if (wal != SQLITE_OK) return failure("switching to WAL");
    // Another pbxsim may be creating the same new file at this moment (shards
    // of one run writing one file): take the write lock, then look again.
    if (sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
      return failure("waiting for the write lock to create the schema");
    }
    bool still_empty = false;
    {
      Statement tables(db_, "SELECT count(*) FROM sqlite_schema");
      still_empty = tables.ok() && tables.step() == SQLITE_ROW && tables.integer(0) == 0;
    }
    if (!still_empty) {
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      return prepare_schema(mode);  // the other writer made it: open it as an existing file
    }
    std::string create;
    create += kSchema;
    create += kCodedTables;
    create += kCallsTable;
    create += kViews;
    create += "INSERT INTO meta (key, value) VALUES ('schema_version', '" + std::to_string(kResultsSchemaVersion) +
              "'), ('created_by', 'pbxsim');";
    create += "PRAGMA application_id=" + std::to_string(kApplicationId) + ";COMMIT;";
    if (sqlite3_exec(db_, create.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
      const std::string error = failure("creating the schema");
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      return error;
    }
  } else if (application_id != kApplicationId) {
    return path_ + ": not a pbxsim results database (it holds other tables)";
  }

  std::string version_text;
  {
    Statement version(db_, "SELECT value FROM meta WHERE key = 'schema_version'");
    if (!version.ok() || version.step() != SQLITE_ROW) {
      return path_ + ": not a pbxsim results database (no schema_version)";
    }
    version_text = version.text(0);
  }
  int schema_version = 0;
  std::from_chars(version_text.data(), version_text.data() + version_text.size(), schema_version);
  if (schema_version > kResultsSchemaVersion) {
    return path_ + ": results schema version " + version_text + " is newer than this pbxsim understands (" +
           std::to_string(kResultsSchemaVersion) + "); read it with a newer pbxsim";
  }
  if (schema_version < 1) return path_ + ": results schema version '" + version_text + "' is not valid";
  if (schema_version < kResultsSchemaVersion && mode == Mode::Write) {
    std::string upgrade = "BEGIN IMMEDIATE;";
    if (schema_version < 3) {  // kCodedTables and kCallsTable make the latest tables: rows are copied without fields
      if (schema_version < 2) upgrade += kUpgradeTo2;
      upgrade += kRenameTo3;
      upgrade += kCodedTables;
      upgrade += kCallsTable;
      upgrade += trace_kinds_sql();
      upgrade += kCopyTo3;
    } else if (schema_version < 5) {
      if (schema_version < 4) upgrade += kUpgradeTo4;
      upgrade += kRenameTo5;
      upgrade += kCallsTable;
      upgrade += kCopyTo5;
    } else {
      upgrade += kUpgradeTo6;
    }
    upgrade += kViews;
    upgrade += "UPDATE meta SET value = '" + std::to_string(kResultsSchemaVersion) + "' WHERE key = 'schema_version';";
    upgrade += "COMMIT;";
    if (sqlite3_exec(db_, upgrade.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
      const std::string error = failure("upgrading the schema from version " + version_text + " to " +
                                        std::to_string(kResultsSchemaVersion));
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      return error;
    }
    schema_version = kResultsSchemaVersion;
    version_text = std::to_string(kResultsSchemaVersion);
  }
  // checks.call_id (the call a check is about) came after schema 3 was
  // released: added to a file that lacks it, read where present. An older
  // pbxsim ignores the column.
  {
    Statement column(db_, "SELECT count(*) FROM pragma_table_info('checks') WHERE name = 'call_id'");
    if (!column.ok() || column.step() != SQLITE_ROW) return failure("reading the checks table");
    checks_have_call_ = column.integer(0) > 0;
  }
  if (!checks_have_call_ && mode == Mode::Write) {
    if (sqlite3_exec(db_, "ALTER TABLE checks ADD COLUMN call_id INTEGER", nullptr, nullptr, nullptr) != SQLITE_OK) {
      return failure("adding checks.call_id");
    }
    checks_have_call_ = true;
  }
  if (mode == Mode::Write) {
    // Kinds this pbxsim has and the file's writer did not (kinds are appended).
    if (sqlite3_exec(db_, trace_kinds_sql().c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
      return failure("recording the trace kinds");
    }
  }
  schema_version_ = schema_version;

  if (mode == Mode::Write) {
    sqlite3_exec(db_, kResultsWritePragmas, nullptr, nullptr, nullptr);
    statements_ = std::make_unique<Statements>(db_);
    if (const std::string error = statements_->error(); !error.empty()) {
      return path_ + ": the schema does not match schema_version " + version_text + " (" + error + ")";
    }
  }
  return std::nullopt;
}

// ---------------------------------------------------------------- writing a run

std::variant<std::int64_t, std::string> ResultsDb::begin_run(const RunInfo& info) {
  if (auto failed = flush()) return *failed;
  Statement insert(db_,
                   "INSERT INTO runs (started_at, pbxsim_version, git_revision, seed, policy, command_line, shard, "
                   "jobs, trace, merged_from) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  if (!insert.ok()) return unprepared(insert, "recording the run");
  insert.bind(info.started_at, info.pbxsim_version, text_or_null(info.git_revision),
              static_cast<std::int64_t>(info.seed), text_or_null(info.policy), info.command_line,
              text_or_null(info.shard), info.jobs, std::string(info.full_trace ? "full" : "calls"),
              text_or_null(info.merged_from));
  if (!insert.run()) return failure("recording the run");
  return static_cast<std::int64_t>(sqlite3_last_insert_rowid(db_));
}

// One scenario's rows, encoded by add_scenario on the caller's thread and
// stored by the writer thread. A new column is one more value where its
// table's row is encoded, in the INSERT's column order.
// calls and events keys: the scenario in the high 32 bits, the call number or
// trace position in the low ones.
constexpr std::uint64_t kMaxKeyPart = 0xffffffff;

// A scenario is stored in parts: SQLite starts on its first calls while the
// rest are still being encoded, and a large scenario's encoded rows are never
// in memory whole (a million calls' would be about 500 MB). The first part
// opens the scenario's transaction with its scenario, covers and checks
// rows; the last commits it, so a scenario is still all or nothing.
constexpr std::size_t kCallsPerPart = 1024;   // whole statements of kCallsPerInsert rows
constexpr std::size_t kEventsPerPart = 4096;  // ... of kEventsPerInsert rows
static_assert(kCallsPerPart % kCallsPerInsert == 0 && kEventsPerPart % kEventsPerInsert == 0,
              "a part that is not whole statements leaves single-row inserts in the middle of a scenario");

struct ResultsDb::ScenarioRows {
  std::int64_t run = 0;
  std::string name;        // for error messages
  bool first_part = true;  // opens the transaction: the scenario, covers and checks rows are in it
  bool last_part = true;   // commits it
  RowBuffer scenario, covers, checks, calls, events;
};

// The caller's scratch while it encodes a scenario's parts, kept for reuse:
// each trace event's call (0: none), and the events grouped by call (a
// counting sort, trace order kept).
struct EventsByCall {
  std::vector<CallId> call_of;
  std::vector<std::size_t> call_start, by_call;
};

namespace {

// The scenario's own row, its covers and its checks: the first part.
void encode_scenario_rows(const ScenarioReport& report, const RunSettings& options, ResultsDb::ScenarioRows& rows) {
  const ScenarioRunResult& result = report.result;
  const ScriptError* error = result.error ? &*result.error : nullptr;
  rows.scenario.integer(report.file_ordinal)
      .integer(static_cast<std::int64_t>(report.index))
      .text(report.file)
      .integer(result.decl.line)
      .text(result.decl.name)
      .text(result.decl.description)
      .text(result.decl.policy)
      .text(result.policy)
      .text(status_name(report.status))
      .integer(static_cast<std::int64_t>(report.wall_seconds * 1e6))
      .text(format_hash(result.trace_hash))
      .integer(static_cast<std::int64_t>(result.trace_events));
  if (error) {
    rows.scenario.text(error_kind_name(error->kind)).text(error->file).integer(error->line).text(error->message);
  } else {
    rows.scenario.null().null().null().null();
  }
  rows.scenario.text(join_lines(result.printed)).text(reproduce_command(report, options));
  if (result.topology) rows.scenario.text(topology_snapshot(*result.topology));
  else rows.scenario.null();
  rows.scenario.integer(static_cast<std::int64_t>(result.peak_queue_depth));

  for (std::size_t i = 0; i < result.decl.covers.size(); ++i) {
    rows.covers.integer(static_cast<std::int64_t>(i)).text(result.decl.covers[i]);
  }
  for (std::size_t i = 0; i < result.checks.size(); ++i) {
    const CheckResult& check = result.checks[i];
    rows.checks.integer(static_cast<std::int64_t>(i))
        .integer(check.passed ? 1 : 0)
        .text(check.file)
        .integer(check.line)
        .text(check.subject)
        .text(check.relation)
        .text(check.expected)
        .text(check.actual)
        .text(describe_check(check))
        .time_or_null(check.time_us);
    if (check.call == 0) rows.checks.null();
    else rows.checks.integer(static_cast<std::int64_t>(check.call));
  }
}

// Each call's own events, with their positions in the trace.
void group_events_by_call(const ScenarioRunResult& result, EventsByCall& grouped) {
  const std::size_t calls = result.calls.size();
  grouped.call_of.assign(result.trace.size(), 0);
  grouped.call_start.assign(calls + 2, 0);
  for (std::size_t i = 0; i < result.trace.size(); ++i) {
    const std::optional<CallId> call = call_of_event(result.trace[i]);
    if (call && *call >= 1 && *call <= calls) {
      grouped.call_of[i] = *call;
      ++grouped.call_start[*call + 1];
    }
  }
  for (std::size_t call = 1; call < grouped.call_start.size(); ++call) {
    grouped.call_start[call] += grouped.call_start[call - 1];
  }
  grouped.by_call.resize(grouped.call_start.back());
  std::vector<std::size_t>& next = grouped.call_start;  // advanced while filling, restored below
  for (std::size_t i = 0; i < result.trace.size(); ++i) {
    if (grouped.call_of[i] != 0) grouped.by_call[next[grouped.call_of[i]]++] = i;
  }
  for (std::size_t call = next.size() - 1; call > 0; --call) next[call] = next[call - 1];
  next[0] = 0;
}

std::int64_t seq_of(const ScenarioReport& report, std::size_t i) {
  return static_cast<std::int64_t>(i < report.event_seq.size() ? report.event_seq[i] : i);
}

// Calls [from, to) of the scenario. A full trace has every call's events in
// the events table (with their call_id): the calls do not carry a second copy.
void encode_calls(const ScenarioReport& report, bool full_trace, const EventsByCall& grouped, std::size_t from,
                  std::size_t to, RowBuffer& rows) {
  const ScenarioRunResult& result = report.result;
  const std::size_t calls = result.calls.size();
  for (std::size_t position = from; position < to; ++position) {
    const CallRecord& call = result.calls[position];
    assert(call.id <= kMaxKeyPart && "a call number must fit the low 32 bits of the calls table's key");
    rows.integer(call.id)
        .text(call.caller)
        .text(call.dialed)
        .text(call_state_name(call.state))
        .text_or_null(call.outcome == CallOutcome::None ? std::string_view() : call_outcome_name(call.outcome))
        .text(call.outcome_detail);
    JsonText(rows).list(call.path).close().integer(call.forwards);
    JsonText(rows).list(call.alerted_devices).close();
    JsonText(rows).list(call.silent_devices).close();
    JsonText(rows).object(call.skipped).close().text_or_null(call.answered_by);
    if (full_trace) {
      rows.null();
    } else {
      JsonText events(rows);
      events.put('[');
      if (call.id >= 1 && call.id <= calls) {
        for (std::size_t k = grouped.call_start[call.id]; k < grouped.call_start[call.id + 1]; ++k) {
          const std::size_t i = grouped.by_call[k];
          const TraceEvent& event = result.trace[i];
          if (k > grouped.call_start[call.id]) events.put(',');
          events.put('[').integer(seq_of(report, i)).put(',').integer(event.time_us).put(',');
          events.integer(static_cast<int>(event.kind)).put(',').string(event.subject).put(',').string(event.text);
          events.put(',').fields(event).put(']');
        }
      }
      events.put(']').close();
    }
    rows.time_or_null(call.offered_at_us)
        .time_or_null(call.answered_at_us)
        .time_or_null(call.outcome_at_us)
        .time_or_null(call.released_at_us);
  }
}

// Trace events [from, to) of the scenario, for a full trace.
void encode_events(const ScenarioReport& report, const EventsByCall& grouped, std::size_t from, std::size_t to,
                   RowBuffer& rows) {
  const ScenarioRunResult& result = report.result;
  assert(result.trace.size() <= kMaxKeyPart && "a trace position must fit the low 32 bits of the events table's key");
  for (std::size_t i = from; i < to; ++i) {
    const TraceEvent& event = result.trace[i];
    rows.integer(seq_of(report, i)).integer(event.time_us).integer(static_cast<int>(event.kind)).text(event.subject)
        .text(event.text);
    if (grouped.call_of[i] != 0) rows.integer(grouped.call_of[i]);
    else rows.optional(call_of_event(event));  // a call number beyond the scenario's calls
    if (i < result.queue_depths.size()) rows.integer(result.queue_depths[i]);
    else rows.null();
    JsonText(rows).fields(event).close();
  }
}

}  // namespace

struct ResultsDb::Writer {
  explicit Writer(ResultsDb& db)
      : checkpointer(db.db_, db.path_), thread([&db](const ScenarioRows& rows) { return db.store(rows); }) {}
  WalCheckpointer checkpointer;         // destroyed last: the writer's commits call it
  EventsByCall events_by_call;          // the caller's scratch
  ScenarioWriter<ScenarioRows> thread;
};

std::optional<std::string> ResultsDb::add_scenario(std::int64_t run, const ScenarioReport& report,
                                                   const RunSettings& options, bool full_trace) {
  if (!writer_) writer_ = std::make_unique<Writer>(*this);
  const ScenarioRunResult& result = report.result;
  EventsByCall& grouped = writer_->events_by_call;
  group_events_by_call(result, grouped);
  const std::size_t calls = result.calls.size();
  const std::size_t events = full_trace ? result.trace.size() : 0;
  std::size_t next_call = 0;
  std::size_t next_event = 0;
  for (bool first = true;; first = false) {
    std::unique_ptr<ScenarioRows> rows = writer_->thread.buffer();
    for (RowBuffer* table : {&rows->scenario, &rows->covers, &rows->checks, &rows->calls, &rows->events}) table->clear();
    rows->run = run;
    rows->name = result.decl.name;
    rows->first_part = first;
    if (first) encode_scenario_rows(report, options, *rows);
    const std::size_t calls_to = std::min(calls, next_call + kCallsPerPart);
    encode_calls(report, full_trace, grouped, next_call, calls_to, rows->calls);
    next_call = calls_to;
    const std::size_t events_to = std::min(events, next_event + kEventsPerPart);
    encode_events(report, grouped, next_event, events_to, rows->events);
    next_event = events_to;
    rows->last_part = next_call == calls && next_event == events;
    const bool last = rows->last_part;
    if (auto error = writer_->thread.submit(std::move(rows))) return error;
    if (last) return std::nullopt;
  }
}

std::optional<std::string> ResultsDb::flush() {
  if (!writer_) return std::nullopt;
  return writer_->thread.drain();
}

// On the writer thread: one transaction per scenario, over its parts.
std::optional<std::string> ResultsDb::store(const ScenarioRows& rows) {
  Statements& s = *statements_;
  auto fail = [&](std::string_view doing) {
    const std::string error = failure(doing);
    s.rollback.run();
    return error;
  };
  if (rows.first_part) {
    if (!s.begin.run()) return failure("starting a transaction");
    if (!rows.scenario.insert(s.insert_scenario.handle(), rows.run)) return fail("recording scenario " + rows.name);
    storing_scenario_ = sqlite3_last_insert_rowid(db_);
    if (!rows.covers.insert(s.insert_cover.handle(), storing_scenario_)) return fail("recording covers");
    if (!rows.checks.insert(s.insert_check.handle(), storing_scenario_)) return fail("recording checks");
  }
  assert(storing_scenario_ > 0 && "a scenario's later parts follow its first: add_scenario submits them in order");
  if (!rows.calls.insert(s.insert_call.handle(), storing_scenario_,
                         {s.insert_calls.handle(), s.insert_some_calls.handle()})) {
    return fail("recording calls");
  }
  if (!rows.events.insert(s.insert_event.handle(), storing_scenario_,
                          {s.insert_events.handle(), s.insert_some_events.handle()})) {
    return fail("recording trace events");
  }
  if (rows.last_part) {
    storing_scenario_ = 0;
    if (!s.commit.run()) return fail("committing scenario " + rows.name);
  }
  return std::nullopt;
}

std::optional<std::string> ResultsDb::add_input_error(std::int64_t run, const ScriptError& error, int file_ordinal) {
  if (auto failed = flush()) return failed;
  Statements& s = *statements_;
  s.insert_input_error.bind(run, file_ordinal, std::string(error_kind_name(error.kind)), error.file, error.line,
                            error.message);
  if (!s.insert_input_error.run()) return failure("recording an input error");
  return std::nullopt;
}

std::optional<std::string> ResultsDb::finish_run(std::int64_t run, const SuiteReport& suite,
                                                 const std::string& finished_at) {
  if (auto failed = flush()) return failed;
  Statement update(db_, "UPDATE runs SET finished_at = ?1, passed = ?2, failed = ?3, errors = ?4 WHERE id = ?5");
  if (!update.ok() || !update.bind(finished_at, suite.passed(), suite.failed(), suite.errors(), run).run()) {
    return failure("finishing the run");
  }
  return std::nullopt;
}

// ----------------------------------------------------------------- reading runs

namespace {

constexpr std::string_view kRunColumns =
    "SELECT id, started_at, finished_at, pbxsim_version, git_revision, seed, policy, command_line, shard, jobs, "
    "trace, merged_from, passed, failed, errors FROM runs";

RunInfo read_run_row(const Statement& row) {
  RunInfo info;
  info.id = row.integer(0);
  info.started_at = row.text(1);
  info.finished_at = row.text(2);
  info.pbxsim_version = row.text(3);
  info.git_revision = row.text(4);
  info.seed = static_cast<std::uint64_t>(row.integer(5));
  info.policy = row.text(6);
  info.command_line = row.text(7);
  info.shard = row.text(8);
  info.jobs = static_cast<int>(row.integer(9));
  info.full_trace = row.text(10) == "full";
  info.merged_from = row.text(11);
  info.passed = static_cast<int>(row.integer(12));
  info.failed = static_cast<int>(row.integer(13));
  info.errors = static_cast<int>(row.integer(14));
  return info;
}

// Trace kinds as a file stores them: by code (version 3: trace_kinds says
// which kind each code is) or by name (versions 1 and 2). A kind this pbxsim
// does not know reads as a note, as before.
class KindReader {
 public:
  KindReader(sqlite3* db, int schema_version) {
    if (schema_version < 3) return;
    Statement kinds(db, "SELECT code, name FROM trace_kinds");
    while (kinds.ok() && kinds.step() == SQLITE_ROW) {
      const std::int64_t code = kinds.integer(0);
      if (code < 0 || code > 4096) continue;
      if (static_cast<std::size_t>(code) >= by_code_.size()) by_code_.resize(static_cast<std::size_t>(code) + 1);
      by_code_[static_cast<std::size_t>(code)] = trace_kind_from_name(kinds.text(1));
    }
  }
  TraceKind of_code(std::int64_t code) const {
    if (code < 0 || static_cast<std::size_t>(code) >= by_code_.size()) return TraceKind::ScenarioNote;
    return by_code_[static_cast<std::size_t>(code)].value_or(TraceKind::ScenarioNote);
  }
  TraceKind of_column(const Statement& row, int column) const {
    if (sqlite3_column_type(row.handle(), column) == SQLITE_INTEGER) return of_code(row.integer(column));
    return trace_kind_from_name(row.text(column)).value_or(TraceKind::ScenarioNote);
  }
  TraceKind of_json(const nlohmann::json& item) const {
    if (item.is_number_integer()) return of_code(item.get<std::int64_t>());
    if (item.is_string()) return trace_kind_from_name(item.get<std::string>()).value_or(TraceKind::ScenarioNote);
    return TraceKind::ScenarioNote;
  }

 private:
  std::vector<std::optional<TraceKind>> by_code_;
};

// A stored trace record: its text as stored, its typed fields from their
// JSON object (version 4; older files have none, so only the call is known).
TraceEvent stored_event(TimeUs time_us, TraceKind kind, std::string subject, std::string text,
                        const nlohmann::json& fields) {
  TraceEvent event;
  event.time_us = time_us;
  event.kind = kind;
  event.subject = std::move(subject);
  event.text = std::move(text);
  if (!fields.is_object()) return event;
  for (const auto& [key, value] : fields.items()) {
    if (value.is_string()) {
      const std::string& name = value.get_ref<const std::string&>();
      if (key == "about") {
        for (TraceAbout about : {TraceAbout::Call, TraceAbout::Device, TraceAbout::Line, TraceAbout::User,
                                 TraceAbout::Group, TraceAbout::Server, TraceAbout::Admin}) {
          if (trace_about_name(about) == name) event.about = about;
        }
      }
      for (const TraceStringField& field : kTraceStringFields) {
        if (key == field.name) event.*field.member = name;
      }
    } else if (value.is_number_integer()) {
      if (key == "duration_us") event.duration_us = value.get<TimeUs>();
      if (key == "count") event.count = value.get<std::int64_t>();
    } else if (value.is_array() && key == "facts") {
      for (const nlohmann::json& fact : value) {
        if (fact.is_array() && fact.size() == 2 && fact[0].is_string() && fact[1].is_string()) {
          event.facts.push_back(TraceFact{fact[0].get<std::string>(), fact[1].get<std::string>()});
        }
      }
    }
  }
  return event;
}

// Calls and events of one scenario: load_run reads them for every scenario,
// load_details for the one the viewer shows. Version 3 finds a scenario's
// rows as one range of keys; older files by their scenario_id column.
struct DetailStatements {
  DetailStatements(sqlite3* db, int schema_version)
      : keyed(schema_version >= 3),
        kinds(db, schema_version),
        calls(db, keyed ? "SELECT id & 4294967295, caller, dialed, state, outcome, detail, path, forwards, alerted, "
                          "silent, skipped, answered_by, offered_at_us, answered_at_us, ended_at_us, released_at_us, "
                          "events FROM calls WHERE id BETWEEN ?1 AND ?2 ORDER BY id"
                        : "SELECT call_id, caller, dialed, state, outcome, detail, path, forwards, alerted, silent, "
                          "skipped, answered_by, offered_at_us, answered_at_us, ended_at_us, released_at_us, events "
                          "FROM calls WHERE scenario_id = ?1 ORDER BY call_id"),
        events(db, keyed ? std::string("SELECT time_us, kind_code, subject, details, id & 4294967295, queue_depth, "
                                       "call_id, ") +
                               (schema_version >= 4 ? "fields" : "NULL") +
                               " FROM events WHERE id BETWEEN ?1 AND ?2 ORDER BY id"
                         : std::string("SELECT time_us, kind, subject, details, seq, ") +
                               (schema_version >= 2 ? "queue_depth" : "NULL") +
                               ", call_id, NULL FROM events WHERE scenario_id = ?1 ORDER BY seq"),
        topology(db, std::string("SELECT ") + (schema_version >= 2 ? "topology" : "NULL") +
                         " FROM scenarios WHERE id = ?1") {}

  // Binds the scenario's rows to a calls or events query.
  void bind(Statement& query, std::int64_t scenario_id) const {
    if (!keyed) {
      query.bind(scenario_id);
      return;
    }
    const std::int64_t first = static_cast<std::int64_t>(static_cast<std::uint64_t>(scenario_id) << 32);
    query.bind(first, first + static_cast<std::int64_t>(kMaxKeyPart));
  }

  bool keyed;
  KindReader kinds;
  Statement calls, events, topology;
};

void read_details(DetailStatements& details, std::int64_t scenario_id, bool full_trace, LoadParts parts,
                  ScenarioReport& report) {
  ScenarioRunResult& result = report.result;
  std::vector<std::uint64_t>& event_seq = report.event_seq;
  Statement& calls = details.calls;
  Statement& events = details.events;
  auto time_of = [](const Statement& row, int column) -> TimeUs { return row.is_null(column) ? -1 : row.integer(column); };
  std::vector<std::pair<CallId, std::string>> call_events;  // each call's own events, stored with it
  if (parts.calls || parts.events) {
    details.bind(calls, scenario_id);
    while (calls.step() == SQLITE_ROW) {
      CallRecord call;
      call.id = static_cast<CallId>(calls.integer(0));
      call.caller = calls.text(1);
      call.dialed = calls.text(2);
      call.state = call_state_from_name(calls.text(3)).value_or(CallState::Ended);
      // NULL (version 5) or 'none' (before): undecided.
      call.outcome = calls.is_null(4) ? CallOutcome::None : call_outcome_from_name(calls.text(4)).value_or(CallOutcome::None);
      call.outcome_detail = calls.text(5);
      call.path = NameList(list_from_json(calls.text(6)));
      call.forwards = static_cast<int>(calls.integer(7));
      call.alerted_devices = NameList(list_from_json(calls.text(8)));
      call.silent_devices = NameList(list_from_json(calls.text(9)));
      const auto skipped = nlohmann::ordered_json::parse(calls.text(10), nullptr, false);
      if (skipped.is_object()) {
        for (const auto& [device, reason] : skipped.items()) {
          if (reason.is_string()) call.skipped.emplace_back(device, reason.get<std::string>());
        }
      }
      call.answered_by = calls.text(11);
      call.offered_at_us = time_of(calls, 12);
      call.answered_at_us = time_of(calls, 13);
      call.outcome_at_us = time_of(calls, 14);
      call.released_at_us = time_of(calls, 15);
      result.calls.push_back(std::move(call));
      if (parts.events && !full_trace) call_events.emplace_back(result.calls.back().id, calls.text(16));
    }
  }
  if (parts.events && !full_trace) {
    // Only the calls' events were stored, in the calls: put them back in
    // trace order.
    std::vector<std::pair<std::uint64_t, TraceEvent>> events_in_order;
    for (const auto& [call_id, text] : call_events) {
      const auto list = nlohmann::json::parse(text, nullptr, false);
      if (!list.is_array()) continue;
      for (const auto& item : list) {
        if (!item.is_array() || item.size() < 5 || !item[0].is_number_unsigned() || !item[1].is_number_integer() ||
            !item[3].is_string() || !item[4].is_string()) {
          continue;
        }
        TraceEvent event = stored_event(item[1].get<TimeUs>(), details.kinds.of_json(item[2]),
                                        item[3].get<std::string>(), item[4].get<std::string>(),
                                        item.size() > 5 ? item[5] : nlohmann::json());
        event.call = call_id;
        events_in_order.emplace_back(item[0].get<std::uint64_t>(), std::move(event));
      }
    }
    std::stable_sort(events_in_order.begin(), events_in_order.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [seq, event] : events_in_order) {
      event_seq.push_back(seq);
      result.trace.push_back(std::move(event));
    }
  } else if (parts.events) {
    details.bind(events, scenario_id);
    bool depths = true;  // every event has its queue depth, or none is kept
    while (events.step() == SQLITE_ROW) {
      TraceEvent event = stored_event(events.integer(0), details.kinds.of_column(events, 1), events.text(2),
                                      events.text(3),
                                      events.is_null(7) ? nlohmann::json() : nlohmann::json::parse(events.text(7), nullptr, false));
      if (!events.is_null(6)) event.call = static_cast<CallId>(events.integer(6));
      result.trace.push_back(std::move(event));
      event_seq.push_back(static_cast<std::uint64_t>(events.integer(4)));
      depths = depths && !events.is_null(5);
      if (depths) result.queue_depths.push_back(static_cast<std::uint32_t>(events.integer(5)));
    }
    if (!depths) result.queue_depths.clear();
  }
  if (parts.topology) {
    details.topology.bind(scenario_id);
    if (details.topology.step() == SQLITE_ROW && !details.topology.is_null(0)) {
      auto topology = topology_from_snapshot(details.topology.text(0));
      if (auto* parsed = std::get_if<Topology>(&topology)) result.topology = std::move(*parsed);
    }
    while (details.topology.step() == SQLITE_ROW) {}  // to the end: no read left open
  }
}

}  // namespace

std::variant<std::vector<RunInfo>, std::string> ResultsDb::runs() {
  static_cast<void>(flush());  // the connection is the writer's until it has stored what it was given
  Statement query(db_, std::string(kRunColumns) + " ORDER BY id");
  if (!query.ok()) return unprepared(query, "reading runs");
  std::vector<RunInfo> runs;
  int code = 0;
  while ((code = query.step()) == SQLITE_ROW) runs.push_back(read_run_row(query));
  if (code != SQLITE_DONE) return failure("reading runs");
  return runs;
}

std::variant<StoredRun, std::string> ResultsDb::load_run(std::optional<std::int64_t> id, LoadParts parts) {
  static_cast<void>(flush());
  StoredRun stored;
  {
    Statement query(db_, std::string(kRunColumns) + (id ? " WHERE id = ?1" : " ORDER BY id DESC LIMIT 1"));
    if (!query.ok()) return unprepared(query, "reading runs");
    if (id) query.bind(*id);
    const int code = query.step();
    if (code == SQLITE_DONE) {
      return id ? path_ + ": no run " + std::to_string(*id) + " (pbxsim report " + path_ + " --list shows them)"
                : path_ + ": holds no run yet";
    }
    if (code != SQLITE_ROW) return failure("reading runs");
    stored.info = read_run_row(query);
  }
  const std::int64_t run = stored.info.id;
  SuiteReport& suite = stored.suite;
  suite.seed = stored.info.seed;
  suite.policy = stored.info.policy;

  std::vector<std::int64_t> scenario_ids;
  {
    Statement query(db_,
                    "SELECT id, file_ordinal, scenario_index, file, line, name, description, declared_policy, "
                    "policy, status, duration_us, trace_hash, trace_events, error_kind, error_file, error_line, "
                    "error_message, printed, " + std::string(has_v2() ? "peak_queue_depth" : "NULL") +
                    " FROM scenarios WHERE run_id = ?1 "
                    "ORDER BY file_ordinal, scenario_index, id");
    if (!query.ok()) return unprepared(query, "reading scenarios");
    query.bind(run);
    int code = 0;
    while ((code = query.step()) == SQLITE_ROW) {
      ScenarioReport report;
      scenario_ids.push_back(query.integer(0));
      report.file_ordinal = static_cast<int>(query.integer(1));
      report.index = static_cast<std::size_t>(query.integer(2));
      report.file = query.text(3);
      ScenarioRunResult& result = report.result;
      result.decl.line = static_cast<int>(query.integer(4));
      result.decl.name = query.text(5);
      result.decl.description = query.text(6);
      result.decl.policy = query.text(7);
      result.policy = query.text(8);
      report.status = status_from_name(query.text(9));
      report.wall_seconds = static_cast<double>(query.integer(10)) / 1e6;
      result.trace_hash = parse_hash(query.text(11));
      result.trace_events = static_cast<std::uint64_t>(query.integer(12));
      if (!query.is_null(13)) {
        result.error = ScriptError{error_kind_from_name(query.text(13)), query.text(14),
                                   static_cast<int>(query.integer(15)), query.text(16)};
      }
      result.printed = split_lines(query.text(17));
      result.peak_queue_depth = static_cast<std::uint64_t>(query.integer(18));
      suite.scenarios.push_back(std::move(report));
    }
    if (code != SQLITE_DONE) return failure("reading scenarios");
  }

  Statement covers(db_, "SELECT behaviour FROM covers WHERE scenario_id = ?1 ORDER BY ordinal");
  Statement checks(db_,
                   std::string("SELECT passed, file, line, subject, relation, expected, actual, ") +
                       (has_v2() ? "time_us" : "NULL") + ", " + (checks_have_call_ ? "call_id" : "NULL") +
                       " FROM checks WHERE scenario_id = ?1 ORDER BY ordinal");
  DetailStatements details(db_, schema_version_);
  for (const Statement* statement : {&covers, &checks, &details.calls, &details.events, &details.topology}) {
    if (!statement->ok()) return unprepared(*statement, "reading scenarios");
  }

  for (std::size_t i = 0; i < scenario_ids.size(); ++i) {
    ScenarioRunResult& result = suite.scenarios[i].result;
    covers.bind(scenario_ids[i]);
    while (covers.step() == SQLITE_ROW) result.decl.covers.push_back(covers.text(0));
    checks.bind(scenario_ids[i]);
    while (checks.step() == SQLITE_ROW) {
      result.checks.push_back(CheckResult{checks.integer(0) != 0, checks.text(1), static_cast<int>(checks.integer(2)),
                                          checks.text(3), checks.text(4), checks.text(5), checks.text(6),
                                          checks.is_null(7) ? TimeUs{-1} : checks.integer(7),
                                          checks.is_null(8) ? CallId{0} : static_cast<CallId>(checks.integer(8))});
    }
    read_details(details, scenario_ids[i], stored.info.full_trace, parts, suite.scenarios[i]);
  }

  Statement input_errors(db_,
                         "SELECT file_ordinal, kind, file, line, message FROM input_errors WHERE run_id = ?1 "
                         "ORDER BY id");
  if (!input_errors.ok()) return unprepared(input_errors, "reading input errors");
  input_errors.bind(run);
  while (input_errors.step() == SQLITE_ROW) {
    suite.input_error_ordinals.push_back(static_cast<int>(input_errors.integer(0)));
    suite.input_errors.push_back(ScriptError{error_kind_from_name(input_errors.text(1)), input_errors.text(2),
                                             static_cast<int>(input_errors.integer(3)), input_errors.text(4)});
  }
  return stored;
}

std::optional<std::string> ResultsDb::load_details(const RunInfo& run, ScenarioReport& report, LoadParts parts) {
  static_cast<void>(flush());
  Statement find(db_, "SELECT id FROM scenarios WHERE run_id = ?1 AND file = ?2 AND scenario_index = ?3");
  if (!find.ok()) return unprepared(find, "reading scenarios");
  find.bind(run.id, report.file, static_cast<std::int64_t>(report.index));
  if (find.step() != SQLITE_ROW) {
    return path_ + ": run " + std::to_string(run.id) + " has no scenario " + std::to_string(report.index) + " of " +
           report.file;
  }
  const std::int64_t scenario_id = find.integer(0);
  DetailStatements details(db_, schema_version_);
  for (const Statement* statement : {&details.calls, &details.events, &details.topology}) {
    if (!statement->ok()) return unprepared(*statement, "reading calls and events");
  }
  report.result.calls.clear();
  report.result.trace.clear();
  report.result.queue_depths.clear();
  if (parts.topology) report.result.topology.reset();
  report.event_seq.clear();
  read_details(details, scenario_id, run.full_trace, parts, report);
  return std::nullopt;
}

// --------------------------------------------------------------- run references

RunRef parse_run_ref(const std::string& text) {
  const std::size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon + 1 == text.size() || std::filesystem::exists(text)) return {text, {}};
  std::int64_t run = 0;
  const char* begin = text.data() + colon + 1;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(begin, end, run);
  if (error != std::errc() || stop != end) return {text, {}};
  return {text.substr(0, colon), run};
}

}  // namespace pbxsim
