// A problem in a Lua file (scenario, policy or workload), located at
// file:line: the one error type of scripting and of everything that reports
// a bad input. Every Lua error reaches C++ through one funnel
// (LuaSandbox::call) as this value; a bad field of a table is one too, with
// its path (scripting's located_error()).
#pragma once

#include <string>

namespace pbxsim {

struct ScriptError {
  enum class Kind { Syntax, Runtime, InstructionBudget, MemoryLimit, Sandbox, Config };
  Kind kind = Kind::Runtime;
  std::string file;  // as given to the loader, e.g. scenarios/cisco/cuc5.lua
  int line = 0;      // 0 when unknown
  std::string message;     // begins with field_path when there is one
  std::string field_path;  // "devices.desk.kind" for a bad field; empty otherwise

  // "file:line: message", the form editors and CI logs link to.
  std::string text() const;
};

}  // namespace pbxsim
