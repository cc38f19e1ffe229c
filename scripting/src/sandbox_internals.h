// What sandbox.cpp shares with the other C callbacks of the sandbox.
#pragma once

#include <lua.hpp>

#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "pbxsim/engine/prng.h"
#include "pbxsim/scripting/sandbox.h"

namespace pbxsim {

struct LuaSandbox::Internals {
  LuaSandbox* owner = nullptr;
  SandboxLimits limits;
  Prng random;
  std::size_t used_bytes = 0;
  bool memory_exhausted = false;
  std::string memory_location;  // "file:line" of the failed allocation, when known
  std::int64_t remaining_instructions = 0;
  bool budget_exhausted = false;
  std::string budget_message;  // the first budget error of this call, with its file:line
  int depth = 0;  // nested calls from C++ into this state
  std::size_t kept_bytes = 0;  // see SandboxLimits::kept_bytes
  lua_State* state = nullptr;
  // Where print and log write: the owner's lines, or another sandbox's
  // (a policy writes into its scenario's, so both read in one order).
  std::vector<std::string>* output = nullptr;
  // The simulated time each line starts with, when a run is under way.
  std::function<std::string()> time_label;
  const std::function<std::string()>* output_time_label = &time_label;
  // LuaSandbox::watch_returns: where the outermost function of a call returned.
  bool watch_returns = false;
  std::string returned_at;
  // Calls that leave a mark beyond their result: random draws, print and log
  // lines, a table or function named by tostring. A hook call during which
  // this moved is not remembered by the decision cache (decision_cache.h).
  std::uint64_t side_effects = 0;
};

// Pushes an array of the table's keys in a stable order: numbers (by value),
// then strings (bytewise), then booleans. Raises a Lua error for keys of any
// other type, whose order would depend on memory addresses.
void push_sorted_keys(lua_State* L, int table_index, const char* who);

void install_deterministic_iteration(lua_State* L);
// string, table, utf8 and tonumber replaced by versions that charge the
// budget for the work they do in C (charged_library.cpp).
void install_charged_library(lua_State* L);

// Charges `units` instructions for work done in C; raises the budget error
// (at the calling line) when the budget is spent.
void charge_budget(lua_State* L, std::int64_t units);
// Counts `bytes` that the C++ side keeps for the script (`who` names the
// function for the message); raises a Lua error past SandboxLimits::kept_bytes.
void keep_bytes(lua_State* L, std::size_t bytes, const char* who);
// The instructions that touching `bytes` bytes costs.
std::int64_t charge_for_bytes(std::int64_t bytes);
void install_sandbox_random(lua_State* L);

// Pushes t[field] without metamethods and returns its type: readers never
// run a script's __index (it could raise or loop outside any budget).
inline int raw_field(lua_State* L, int table_index, const char* field) {
  table_index = lua_absindex(L, table_index);
  lua_pushstring(L, field);
  return lua_rawget(L, table_index);
}

// luaL_checkstring for the names and numbers a script passes to pbxsim:
// refuses a NUL byte, at which the C++ side's copies would cut the text.
inline const char* check_text_arg(lua_State* L, int arg) {
  std::size_t length = 0;
  const char* text = luaL_checklstring(L, arg, &length);
  if (std::memchr(text, '\0', length) != nullptr) {
    luaL_argerror(L, arg, "contains a NUL byte (\\0): names and numbers are text without NUL bytes");
  }
  return text;
}

// Runs `body` as a C function under lua_pcall, with the top `nargs` values
// as its arguments (at 1..nargs in its frame). A Lua error raised while it
// reads (a memory error, a key with no order) comes back as its message
// instead of reaching Lua's panic handler, which aborts the process. C++
// exceptions thrown by body (std::exception and the readers' FieldError)
// pass through to the caller unchanged. The arguments are popped.
std::optional<std::string> run_protected(lua_State* L, int nargs, const std::function<void(lua_State*)>& body);

// Finds the innermost Lua function on the stack from `level` up and returns
// "file:line", or an empty string.
std::string lua_location(lua_State* L, int level);

}  // namespace pbxsim
