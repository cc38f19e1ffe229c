// expect() is Lua (lua/expect.lua); this file loads it and gives it the C
// function that records each check with the scenario's file:line. Also time().
#include <string_view>

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

// record(ok, what, relation, expected, actual)
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
  if (lua_type(L, arg) == LUA_TNUMBER && lua_isinteger(L, arg)) {
    const lua_Integer seconds = lua_tointeger(L, arg);
    if (seconds < 0 || seconds > 1'000'000'000) luaL_argerror(L, arg, "time out of range");
    return seconds * kUsPerSecond;
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
  luaL_loadbufferx(L, prelude.data(), prelude.size(), kPreludeChunk, "t");
  lua_pushlightuserdata(L, &session);
  lua_pushcclosure(L, record_check, 1);
}

}  // namespace pbxsim
