// A problem in a Lua file (scenario or policy), located at file:line. Every
// Lua error reaches C++ through one funnel (LuaSandbox::call) as this value.
#pragma once

#include <string>

namespace pbxsim {

struct ScriptError {
  enum class Kind { Syntax, Runtime, InstructionBudget, MemoryLimit, Sandbox, Config };
  Kind kind = Kind::Runtime;
  std::string file;  // as given to the loader, e.g. scenarios/cisco/cuc5.lua
  int line = 0;      // 0 when unknown
  std::string message;

  // "file:line: message", the form editors and CI logs link to.
  std::string text() const;
};

}  // namespace pbxsim
