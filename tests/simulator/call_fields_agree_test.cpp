// A call's fields read the same in Lua, in run --json and in the results
// database (docs/scenarios.md, the call handle's table): what has not
// happened is nil, null and NULL, never "none", "" or -1.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "../pbxsim_process.h"

namespace {

using pbxsim_test::Outcome;
using pbxsim_test::run_pbxsim;
using pbxsim_test::TempDir;

// The fields in the order tests/simulator/call_fields.lua prints them; "nil" for
// what has not happened.
const std::vector<std::string> kFields = {"state",         "outcome",        "answered_by",   "offered_at_us",
                                          "answered_at_us", "ended_at_us", "released_at_us"};
using Fields = std::map<std::string, std::string>;

// "1s tests/simulator/call_fields.lua:22: call 2 alerting nil nil 2000000 nil nil nil"
std::map<int, Fields> printed_by_lua(const nlohmann::json& printed) {
  std::map<int, Fields> calls;
  for (const auto& line : printed) {
    std::istringstream words(line.get<std::string>().substr(line.get<std::string>().find(" call ") + 1));
    std::string word;
    int id = 0;
    words >> word >> id;
    for (const std::string& field : kFields) words >> calls[id][field];
  }
  return calls;
}

std::string json_text(const nlohmann::json& value) {
  if (value.is_null()) return "nil";
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

std::map<int, Fields> from_json(const nlohmann::json& calls) {
  std::map<int, Fields> out;
  for (const auto& call : calls) {
    for (const std::string& field : kFields) out[call["id"].get<int>()][field] = json_text(call[field]);
  }
  return out;
}

std::map<int, Fields> from_database(const std::string& path) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  std::string sql = "SELECT call_id";
  for (const std::string& field : kFields) sql += ", " + field;
  sql += " FROM calls ORDER BY id";
  sqlite3_stmt* query = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &query, nullptr) == SQLITE_OK);
  std::map<int, Fields> out;
  while (sqlite3_step(query) == SQLITE_ROW) {
    const int id = sqlite3_column_int(query, 0);
    for (std::size_t i = 0; i < kFields.size(); ++i) {
      const int column = static_cast<int>(i) + 1;
      const auto* text = sqlite3_column_text(query, column);
      out[id][kFields[i]] = sqlite3_column_type(query, column) == SQLITE_NULL ? "nil" : reinterpret_cast<const char*>(text);
    }
  }
  sqlite3_finalize(query);
  sqlite3_close(db);
  return out;
}

}  // namespace

TEST_CASE("call fields agree between Lua, run --json and the results database, nil where nothing happened",
          "[run][cli][results]") {
  TempDir dir("call-fields");
  const Outcome json = run_pbxsim("run tests/simulator/call_fields.lua --json", PBXSIM_SOURCE_DIR, false);
  INFO(json.output);
  REQUIRE(json.exit_code == 0);
  const auto document = nlohmann::json::parse(json.output);
  const auto& scenario = document["scenarios"][0];
  const Outcome stored = run_pbxsim("run tests/simulator/call_fields.lua --db '" + (dir / "r.db") + "'");
  REQUIRE(stored.exit_code == 0);

  const std::map<int, Fields> lua = printed_by_lua(scenario["printed"]);
  const std::map<int, Fields> json_calls = from_json(scenario["calls"]);
  const std::map<int, Fields> database = from_database(dir / "r.db");
  REQUIRE(lua.size() == 3);
  CHECK(json_calls == lua);
  CHECK(database == lua);

  // What the three agree on: answered and released; ringing and undecided; not yet offered.
  CHECK(lua.at(1) == Fields{{"state", "ended"}, {"outcome", "answered"}, {"answered_by", "desk"},
                            {"offered_at_us", "1000000"}, {"answered_at_us", "3000000"},
                            {"ended_at_us", "3000000"}, {"released_at_us", "5000000"}});
  CHECK(lua.at(2) == Fields{{"state", "alerting"}, {"outcome", "nil"}, {"answered_by", "nil"},
                            {"offered_at_us", "2000000"}, {"answered_at_us", "nil"}, {"ended_at_us", "nil"},
                            {"released_at_us", "nil"}});
  CHECK(lua.at(3).at("state") == "scheduled");
  CHECK(lua.at(3).at("offered_at_us") == "nil");
  CHECK(lua.at(3).at("outcome") == "nil");
}
