#include <catch2/catch.hpp>

#include <lua.hpp>

#include <algorithm>

#include "pbxsim/scripting/sandbox.h"

using namespace pbxsim;

namespace {

// Runs `code` as chunk "test.lua"; returns its error, if any. Leaves one result.
std::optional<ScriptError> run(LuaSandbox& sandbox, const std::string& code) {
  if (auto error = sandbox.load(code, "test.lua")) return error;
  return sandbox.call(0, 1);
}

std::string run_string(LuaSandbox& sandbox, const std::string& code) {
  auto error = run(sandbox, code);
  REQUIRE_FALSE(error.has_value());
  const char* text = lua_tostring(sandbox.state(), -1);
  std::string result = text != nullptr ? text : "(nil)";
  lua_pop(sandbox.state(), 1);
  return result;
}

}  // namespace

TEST_CASE("sandbox: a script sees exactly the allow-listed globals", "[scripting][sandbox]") {
  LuaSandbox sandbox({}, Prng(1));
  lua_State* L = sandbox.state();
  std::vector<std::string> names;
  lua_pushglobaltable(L);
  lua_pushnil(L);
  while (lua_next(L, -2) != 0) {
    lua_pop(L, 1);
    names.emplace_back(lua_tostring(L, -1));
  }
  lua_pop(L, 1);
  std::sort(names.begin(), names.end());
  std::vector<std::string> expected = sandbox_base_globals();
  std::sort(expected.begin(), expected.end());
  REQUIRE(names == expected);
}

TEST_CASE("sandbox: no way to the file system, the OS, bytecode or the debug library", "[scripting][sandbox]") {
  LuaSandbox sandbox({}, Prng(1));
  CHECK(run_string(sandbox, "return tostring(os)") == "nil");
  CHECK(run_string(sandbox, "return tostring(io)") == "nil");
  CHECK(run_string(sandbox, "return tostring(debug)") == "nil");
  CHECK(run_string(sandbox, "return tostring(package)") == "nil");
  CHECK(run_string(sandbox, "return tostring(require)") == "nil");
  CHECK(run_string(sandbox, "return tostring(dofile) .. tostring(loadfile)") == "nilnil");
  CHECK(run_string(sandbox, "return tostring(collectgarbage)") == "nil");
  CHECK(run_string(sandbox, "return tostring(string.dump)") == "nil");
  CHECK(run_string(sandbox, "local f, err = load('\\27Lua\\84\\0') return tostring(f) .. ' ' .. err")
            .find("binary chunk") != std::string::npos);
  CHECK(run_string(sandbox, "return load('return 1 + 1')()") == "2");

  auto error = run(sandbox, "\n\nos.execute('true')");
  REQUIRE(error.has_value());
  CHECK(error->file == "test.lua");
  CHECK(error->line == 3);
}

TEST_CASE("sandbox: pairs visits keys in the same order in every state", "[scripting][sandbox]") {
  const std::string code = R"(
    local t = {}
    for i = 1, 60 do t["key" .. i] = i end
    t[3] = "three"; t[1] = "one"; t[true] = "yes"
    local order = {}
    for k in pairs(t) do order[#order + 1] = tostring(k) end
    local first = next(t)
    return table.concat(order, ",") .. "|" .. tostring(first)
  )";
  std::string reference;
  for (int i = 0; i < 8; ++i) {
    LuaSandbox sandbox({}, Prng(1));
    const std::string order = run_string(sandbox, code);
    if (i == 0) reference = order;
    REQUIRE(order == reference);
  }
  CHECK(reference.rfind("1,3,key1,key10,key11", 0) == 0);
  CHECK(reference.find(",true|1") != std::string::npos);
}

TEST_CASE("sandbox: pairs refuses keys whose order would depend on addresses", "[scripting][sandbox]") {
  LuaSandbox sandbox({}, Prng(1));
  auto error = run(sandbox, "local t = { [{}] = 1 }\nfor k in pairs(t) do end");
  REQUIRE(error.has_value());
  CHECK(error->line == 2);
  CHECK(error->message.find("no stable order") != std::string::npos);
}

TEST_CASE("sandbox: an endless loop ends with the instruction budget, even under pcall", "[scripting][sandbox]") {
  LuaSandbox sandbox({64u << 20, 1'000'000}, Prng(1));
  auto error = run(sandbox, "while true do end");
  REQUIRE(error.has_value());
  CHECK(error->kind == ScriptError::Kind::InstructionBudget);
  CHECK(error->line == 1);

  error = run(sandbox, "\nwhile true do\n  pcall(function() while true do end end)\nend");
  REQUIRE(error.has_value());
  CHECK(error->kind == ScriptError::Kind::InstructionBudget);
  CHECK(error->message.find("instruction budget") != std::string::npos);

  // The budget is per call: the state works again afterwards.
  CHECK(run_string(sandbox, "return 'alive'") == "alive");
}

TEST_CASE("sandbox: unbounded allocation ends with the memory limit", "[scripting][sandbox]") {
  LuaSandbox sandbox({8u << 20, 100'000'000}, Prng(1));
  auto error = run(sandbox, "local t = {}\nwhile true do t[#t + 1] = string.rep('x', 1000) .. #t end");
  REQUIRE(error.has_value());
  CHECK(error->kind == ScriptError::Kind::MemoryLimit);
  CHECK(error->file == "test.lua");
  CHECK(error->line == 2);

  error = run(sandbox, "return string.rep('x', 1 << 30)");
  REQUIRE(error.has_value());
  CHECK(error->kind == ScriptError::Kind::MemoryLimit);
}

TEST_CASE("sandbox: finalizers are refused, since they run outside the budget", "[scripting][sandbox]") {
  LuaSandbox sandbox({}, Prng(1));
  auto error = run(sandbox, "setmetatable({}, { __gc = function() while true do end end })");
  REQUIRE(error.has_value());
  CHECK(error->message.find("__gc") != std::string::npos);
}

TEST_CASE("sandbox: math.random follows the simulation's seed", "[scripting][sandbox]") {
  const std::string code = "local t = {} for i = 1, 5 do t[i] = math.random(1, 1000000) end return table.concat(t, ',')";
  LuaSandbox a({}, Prng(11));
  LuaSandbox b({}, Prng(11));
  LuaSandbox c({}, Prng(12));
  const std::string first = run_string(a, code);
  CHECK(first == run_string(b, code));
  CHECK(first != run_string(c, code));
  CHECK(run_string(a, "local x = math.random() return tostring(x >= 0 and x < 1)") == "true");
}

TEST_CASE("sandbox: every error reaches C++ as file:line: message", "[scripting][sandbox]") {
  LuaSandbox sandbox({}, Prng(1));
  auto error = run(sandbox, "local x = 1\n\nerror('boom')");
  REQUIRE(error.has_value());
  CHECK(error->text() == "test.lua:3: boom");

  error = run(sandbox, "\nerror({ code = 1 })");
  REQUIRE(error.has_value());
  CHECK(error->text() == "test.lua:2: (error object is a table value)");

  error = sandbox.load("local = 1", "broken.lua");
  REQUIRE(error.has_value());
  CHECK(error->kind == ScriptError::Kind::Syntax);
  CHECK(error->file == "broken.lua");
  CHECK(error->line == 1);
}

TEST_CASE("sandbox: tostring names tables by first sight, not by address", "[scripting][sandbox]") {
  const std::string code = "local a, b = {}, {} return tostring(b) .. ' ' .. tostring(a) .. ' ' .. tostring(b) .. ' ' .. tostring(print)";
  LuaSandbox first({}, Prng(1));
  LuaSandbox second({}, Prng(1));
  const std::string text = run_string(first, code);
  CHECK(text == "table: #1 table: #2 table: #1 function: #3");
  CHECK(run_string(second, code) == text);
}

TEST_CASE("sandbox: string.format cannot print addresses", "[scripting][sandbox]") {
  LuaSandbox sandbox({}, Prng(1));
  auto error = run(sandbox, "return string.format('%p', {})");
  REQUIRE(error.has_value());
  CHECK(error->message.find("%p prints a memory address") != std::string::npos);
  CHECK(run_string(sandbox, "local t = {} return string.format('%s %s %5.1f %%p', t, t, 2.25)") ==
        "table: #1 table: #1   2.2 %p");
  CHECK(run_string(sandbox, "return ('%d-%s'):format(7, 'x')") == "7-x");
}

TEST_CASE("sandbox: text loaded again (from its compiled form) runs the same and still names file:line",
          "[scripting][sandbox]") {
  const std::string code = "local x = 40\nlocal y = x + 2\nif y == 42 then error('boom at two') end\nreturn y";
  for (int round = 0; round < 3; ++round) {
    LuaSandbox sandbox({}, Prng(1));
    const auto error = run(sandbox, code);
    INFO("round " << round);
    REQUIRE(error);
    CHECK(error->file == "test.lua");
    CHECK(error->line == 3);
    CHECK(error->message.find("boom at two") != std::string::npos);
  }
  // A syntax error is never kept: every load says where it is.
  for (int round = 0; round < 2; ++round) {
    LuaSandbox sandbox({}, Prng(1));
    const auto error = sandbox.load("local a = \nreturn (", "broken.lua");
    REQUIRE(error);
    CHECK(error->kind == ScriptError::Kind::Syntax);
    CHECK(error->line == 2);
  }
  // Scripts still cannot load bytecode themselves.
  LuaSandbox sandbox({}, Prng(1));
  CHECK(run_string(sandbox, "return tostring(load('\\27Lua'))") == "nil");
}
