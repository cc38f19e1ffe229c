// expect() is Lua (lua/expect.lua); this file loads it and gives it the C
// function that records each check with the scenario's file:line. Also time().
#include <string_view>

#include "compiled_chunks.h"
#include "pbxsim/engine/time_messages.h"
#include "sandbox_internals.h"
#include "scenario_internals.h"

namespace pbxsim {
namespace embedded {
const std::vector<std::pair<std::string_view, std::string_view>>& scenario_lua();
}

namespace {

constexpr const char* kPreludeChunk = "=expect";

// The innermost frame that is not the prelude: the author's line.
void author_location(lua_State* L, CheckResult& check) {
  lua_Debug ar;
  for (int level = 1; lua_getstack(L, level, &ar) != 0; ++level) {
    if (lua_getinfo(L, "Sl", &ar) == 0 || ar.currentline <= 0) continue;
    if (std::string_view(ar.source) == kPreludeChunk) continue;
    check.file = ar.short_src;
    check.line = ar.currentline;
    return;
  }
}

std::string opt_text(lua_State* L, int index) {
  std::size_t length = 0;
  const char* text = lua_tolstring(L, index, &length);
  return text != nullptr ? std::string(text, length) : std::string();
}

// opened() -> id: notes where an expect(...) stands.
int open_expect(lua_State* L) {
  auto* session = static_cast<ScenarioSession*>(lua_touserdata(L, lua_upvalueindex(1)));
  if (session->expects.size() >= 1'000'000) return luaL_error(L, "more than 1000000 expect(...) in one scenario");
  CheckResult where;
  author_location(L, where);
  session->expects.push_back({where.file, where.line, false, session->last_call_read});
  session->last_call_read = 0;
  lua_pushinteger(L, static_cast<lua_Integer>(session->expects.size()));
  return 1;
}

// record(ok, what, relation, expected, actual, id)
int record_check(lua_State* L) {
  auto* session = static_cast<ScenarioSession*>(lua_touserdata(L, lua_upvalueindex(1)));
  CheckResult check;
  check.passed = lua_toboolean(L, 1) != 0;
  check.subject = opt_text(L, 2);
  check.relation = opt_text(L, 3);
  check.expected = opt_text(L, 4);
  check.actual = opt_text(L, 5);
  keep_bytes(L, check.subject.size() + check.relation.size() + check.expected.size() + check.actual.size(), "expect");
  author_location(L, check);
  const lua_Integer id = lua_tointeger(L, 6);
  if (id >= 1 && static_cast<std::size_t>(id) <= session->expects.size()) {
    session->expects[id - 1].related = true;
    check.call = session->expects[id - 1].call;
  }
  if (check.call == 0) check.call = session->last_call_read;  // read while the relation ran: .before(c)
  session->last_call_read = 0;
  // When it ran, so the viewer can jump to the moment a check failed.
  if (session->pbx != nullptr) check.time_us = session->pbx->now_us();
  if (session->checks.size() >= 100'000) {
    lua_pushfstring(L, "%s:%d: more than 100000 checks in one scenario (check a summary instead)",
                    check.file.c_str(), check.line);
    return lua_error(L);
  }
  session->checks.push_back(std::move(check));
  return 0;
}

// time("1m30s") -> microseconds, for comparing with times pbxsim reports.
int time_helper(lua_State* L) {
  lua_pushinteger(L, check_time_arg(L, 1));
  return 1;
}

}  // namespace

TimeUs check_time_arg(lua_State* L, int arg) {
  if (lua_type(L, arg) == LUA_TNUMBER && lua_isinteger(L, arg) && lua_tointeger(L, arg) == 0) return 0;
  if (lua_type(L, arg) == LUA_TNUMBER && lua_isinteger(L, arg)) {
    luaL_argerror(L, arg, unitless_time_message(lua_tointeger(L, arg)).c_str());
  }
  if (lua_type(L, arg) != LUA_TSTRING) {
    luaL_argerror(L, arg, "expected a time such as \"2s\" or \"1m30s\"");
  }
  std::string why;
  const std::optional<TimeUs> parsed = parse_duration(lua_tostring(L, arg), &why);
  if (!parsed) luaL_error(L, "%s", why.c_str());
  return *parsed;
}

void install_expect(lua_State* L, ScenarioSession& session) {
  const auto& files = embedded::scenario_lua();
  std::string_view prelude;
  for (const auto& [path, text] : files) {
    if (path.ends_with("expect.lua")) prelude = text;
  }
  lua_register(L, "time", time_helper);
  // Leaves the prelude and its argument for the caller to run through the
  // sandbox's funnel: nothing may raise outside a protected call.
  load_text_chunk(L, prelude, kPreludeChunk);
  lua_pushlightuserdata(L, &session);
  lua_pushcclosure(L, record_check, 1);
  lua_pushlightuserdata(L, &session);
  lua_pushcclosure(L, open_expect, 1);
}

std::optional<ScriptError> unrelated_expect(const ScenarioSession& session) {
  for (const ScenarioSession::OpenedExpect& opened : session.expects) {
    if (opened.related) continue;
    return ScriptError{ScriptError::Kind::Config, opened.file, opened.line,
                       "expect(...) without a relation checks nothing: write expect(x).is(y) (relations: is, is_not, "
                       "one_of, contains, lacks, is_empty, has_size, is_true, is_false, is_nil, at_least, at_most, "
                       "matches, before, after)"};
  }
  return std::nullopt;
}

}  // namespace pbxsim
