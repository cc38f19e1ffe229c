// What sandbox.cpp shares with the other C callbacks of the sandbox.
#pragma once

#include <lua.hpp>

#include <functional>
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
  int depth = 0;  // nested calls from C++ into this state
  lua_State* state = nullptr;
  // Where print and log write: the owner's lines, or another sandbox's
  // (a policy writes into its scenario's, so both read in one order).
  std::vector<std::string>* output = nullptr;
  // The simulated time each line starts with, when a run is under way.
  std::function<std::string()> time_label;
  const std::function<std::string()>* output_time_label = &time_label;
};

// Pushes an array of the table's keys in a stable order: numbers (by value),
// then strings (bytewise), then booleans. Raises a Lua error for keys of any
// other type, whose order would depend on memory addresses.
void push_sorted_keys(lua_State* L, int table_index, const char* who);

void install_deterministic_iteration(lua_State* L);
void install_sandbox_random(lua_State* L);

// Finds the innermost Lua function on the stack from `level` up and returns
// "file:line", or an empty string.
std::string lua_location(lua_State* L, int level);

}  // namespace pbxsim
