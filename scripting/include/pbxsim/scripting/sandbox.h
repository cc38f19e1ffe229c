// The Lua sandbox: one lua_State for untrusted code (a policy or a scenario).
//
// - Libraries: base (without dofile, loadfile, collectgarbage, binary
//   chunks), string (without dump), table, math, utf8. No io, os, package,
//   debug, coroutine.
// - Determinism: pairs and next visit keys in a stable order; math.random
//   draws from the simulation's seeded PRNG.
// - Limits: an instruction budget per entry from C++ (a count hook that keeps
//   failing once exhausted, so pcall cannot swallow it) and a memory limit
//   enforced by the allocator.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "pbxsim/engine/prng.h"
#include "pbxsim/scripting/cpu_watchdog.h"
#include "pbxsim/results/script_error.h"

struct lua_State;

namespace pbxsim {

struct SandboxLimits {
  std::size_t memory_bytes = 64u << 20;
  std::int64_t instructions_per_call = 50'000'000;
  // What pbxsim's C++ side keeps on the script's behalf (print output, call
  // numbers, expectation values): the allocator's limit does not see it.
  std::size_t kept_bytes = 64u << 20;
  // CPU seconds of one scenario run (CpuWatch, cpu_watchdog.h): the last net
  // for work the instruction budget does not see. Not a per-sandbox limit.
  std::int64_t cpu_limit_s = kDefaultCpuLimitSeconds;
};

// A policy's sandbox: a hook answers one question, so it gets a tenth of a
// scenario's instructions per call.
inline SandboxLimits policy_sandbox_limits() { return SandboxLimits{64u << 20, 5'000'000}; }

class LuaSandbox {
 public:
  LuaSandbox(SandboxLimits limits, Prng random);
  ~LuaSandbox();
  LuaSandbox(const LuaSandbox&) = delete;
  LuaSandbox& operator=(const LuaSandbox&) = delete;

  lua_State* state() const { return state_; }
  static LuaSandbox& of(lua_State* state);

  // Compiles text (never bytecode). On success the chunk is on the stack.
  std::optional<ScriptError> load(std::string_view source, const std::string& path);
  // The funnel: calls the function below nargs arguments under the budget.
  // On success nresults values are on the stack; on failure nothing is.
  std::optional<ScriptError> call(int nargs, int nresults);
  // Puts the error handler that call() uses at stack index 1 for the rest of
  // the state's life, so call() no longer moves it below every function it
  // calls (a policy calls millions of hooks). Only for an empty stack that
  // its owner never clears below stack_base().
  void keep_message_handler();
  // The lowest stack index an owner may clear to: 1 with a kept handler, else 0.
  int stack_base() const { return kept_message_handler_ ? 1 : 0; }

  // Watches returns in call() (off by default: it costs a hook per return
  // of a function): returned_at() is then the file:line of the
  // statement its function returned from, "" when unknown (it failed, or a
  // C function answered).
  void watch_returns(bool on);
  const std::string& returned_at() const;

  // What print() and log() wrote (also another sandbox's, sent here), each
  // line prefixed with the simulated time during a run and with file:line.
  const std::vector<std::string>& printed() const { return printed_; }
  // The simulated time that prefixes each printed line; an empty function: none.
  void set_time_label(std::function<std::string()> label);
  // print and log of this sandbox write into `other`'s lines, with its time
  // label, so they interleave with its own in the order they happened.
  void send_output_to(LuaSandbox& other);

  // Internal state shared with the C callbacks of sandbox.cpp.
  struct Internals;
  Internals& internals() { return *internals_; }

 private:
  lua_State* state_ = nullptr;
  bool kept_message_handler_ = false;
  Internals* internals_;
  std::vector<std::string> printed_;
  friend struct Internals;
};

// The whole text of a script file, or why it cannot be read: only regular
// files (never a FIFO or a device), at most kMaxScriptFileBytes.
inline constexpr std::uint64_t kMaxScriptFileBytes = 64u << 20;
std::variant<std::string, ScriptError> read_script_file(const std::string& path);

// Loads a chunk from disk through the sandbox; a missing file is an error value.
std::optional<ScriptError> load_file(LuaSandbox& sandbox, const std::string& path);

// The names every sandboxed script sees before pbxsim adds its own API,
// sorted. A test compares the real globals against this list.
const std::vector<std::string>& sandbox_base_globals();

}  // namespace pbxsim
