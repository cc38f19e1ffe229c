// Sections: allocator and budget · message handler and the error funnel ·
// the allow-list of globals · LuaSandbox.
#include "pbxsim/scripting/sandbox.h"

#include <cassert>
#include <cstdlib>
#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>

#include "compiled_chunks.h"
#include "sandbox_internals.h"

namespace pbxsim {
namespace {

constexpr int kHookInterval = 1000;
// Lines of print and log output kept per sandbox (and its senders): a hook
// that prints on every call of a large run must not fill the memory.
constexpr std::size_t kMaxOutputLines = 10'000;
// Bytes a C function may touch (or allocate) for the price of one instruction.
constexpr std::int64_t kBytesPerInstruction = 48;

LuaSandbox::Internals& internals_of(lua_State* L) {
  void* ud = nullptr;
  lua_getallocf(L, &ud);
  return *static_cast<LuaSandbox::Internals*>(ud);
}

// ------------------------------------------------------ allocator and budget

void* limited_alloc(void* ud, void* ptr, std::size_t old_size, std::size_t new_size) {
  auto* in = static_cast<LuaSandbox::Internals*>(ud);
  const std::size_t old_bytes = ptr != nullptr ? old_size : 0;
  if (new_size == 0) {
    std::free(ptr);
    in->used_bytes -= old_bytes;
    return nullptr;
  }
  if (new_size > old_bytes && in->used_bytes + (new_size - old_bytes) > in->limits.memory_bytes) {
    if (!in->memory_exhausted && in->state != nullptr && in->depth > 0) {
      in->memory_location = lua_location(in->state, 0);
    }
    in->memory_exhausted = true;
    return nullptr;
  }
  void* grown = std::realloc(ptr, new_size);
  if (grown == nullptr) return nullptr;
  // Copying bytes is work the count hook cannot see (s .. s is one
  // instruction): growth is charged to the budget, and the next hook tick
  // raises the error once it is spent. Deterministic: Lua allocates the same
  // sizes in the same order on every run.
  if (new_size > old_bytes) in->remaining_instructions -= static_cast<std::int64_t>((new_size - old_bytes) / kBytesPerInstruction);
  in->used_bytes = in->used_bytes - old_bytes + new_size;
  return grown;
}

void budget_hook(lua_State* L, lua_Debug* ar);

[[noreturn]] void raise_budget_error(lua_State* L, LuaSandbox::Internals& in, const std::string& where) {
  // From now on fail at every instruction, so pcall cannot swallow it.
  lua_sethook(L, budget_hook, LUA_MASKCOUNT, 1);
  if (CpuWatch::expired_on_this_thread()) {
    lua_pushfstring(L, "%s%s", where.c_str(), CpuWatch::expired_message().c_str());
  } else {
    lua_pushfstring(L, "%sinstruction budget exhausted: more than %I Lua instructions in one call "
                    "(an endless loop? work done by string and table functions counts too; "
                    "--lua-instructions raises the limit)", where.c_str(),
                    static_cast<lua_Integer>(in.limits.instructions_per_call));
  }
  // The error is reported where the budget ran out, not where a script that
  // caught it (pcall, xpcall) next stumbled on it.
  if (!in.budget_exhausted) in.budget_message = lua_tostring(L, -1);
  in.budget_exhausted = true;
  lua_error(L);
  std::abort();  // lua_error does not return
}

// With returns watched (LuaSandbox::watch_returns) the same hook also sees
// returns, and notes the file:line the outermost function returned from: the
// frame with no Lua caller below it. A tail call replaces the frame, so
// `return base.appearance(call, app)` is located in base's function; an error
// caught by pcall inside leaves no trace.
void watching_hook(lua_State* L, lua_Debug* ar) {
  if (ar->event == LUA_HOOKCOUNT) return budget_hook(L, ar);
  lua_Debug caller;
  if (ar->event != LUA_HOOKRET || lua_getstack(L, 1, &caller) != 0) return;
  if (lua_getinfo(L, "Sl", ar) != 0 && ar->currentline > 0) {
    LuaSandbox::Internals& in = internals_of(L);
    in.returned_at.assign(ar->short_src).append(":").append(std::to_string(ar->currentline));
  }
}

void set_budget_hook(lua_State* L, const LuaSandbox::Internals& in) {
  if (in.watch_returns) lua_sethook(L, watching_hook, LUA_MASKCOUNT | LUA_MASKRET, kHookInterval);
  else lua_sethook(L, budget_hook, LUA_MASKCOUNT, kHookInterval);
}

void budget_hook(lua_State* L, lua_Debug* ar) {
  LuaSandbox::Internals& in = internals_of(L);
  if (!in.budget_exhausted) {
    in.remaining_instructions -= kHookInterval;
    if (in.remaining_instructions > 0 && !CpuWatch::expired_on_this_thread()) return;
  }
  std::string where;
  if (lua_getinfo(L, "Sl", ar) != 0 && ar->currentline > 0) {
    where = std::string(ar->short_src) + ":" + std::to_string(ar->currentline) + ": ";
  }
  raise_budget_error(L, in, where);
}

// ------------------------------------------ message handler and the error funnel

bool starts_with_location(std::string_view message) {
  const std::size_t colon = message.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  std::size_t pos = colon + 1;
  const std::size_t digits_start = pos;
  while (pos < message.size() && message[pos] >= '0' && message[pos] <= '9') ++pos;
  return pos > digits_start && pos < message.size() && message[pos] == ':';
}

int message_handler(lua_State* L) {
  if (lua_type(L, 1) != LUA_TSTRING) {
    if (luaL_callmeta(L, 1, "__tostring") == 0 || lua_type(L, -1) != LUA_TSTRING) {
      lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    lua_replace(L, 1);
  }
  std::string_view message = lua_tostring(L, 1);
  if (!starts_with_location(message)) {
    const std::string where = lua_location(L, 1);
    if (!where.empty()) {
      lua_pushfstring(L, "%s: %s", where.c_str(), lua_tostring(L, 1));
      return 1;
    }
  }
  lua_settop(L, 1);
  return 1;
}

ScriptError parse_error(std::string_view message, ScriptError::Kind kind) {
  ScriptError error;
  error.kind = kind;
  if (starts_with_location(message)) {
    const std::size_t colon = message.find(':');
    const std::size_t second = message.find(':', colon + 1);
    error.file = std::string(message.substr(0, colon));
    error.line = std::atoi(std::string(message.substr(colon + 1, second - colon - 1)).c_str());
    std::size_t rest = second + 1;
    while (rest < message.size() && message[rest] == ' ') ++rest;
    error.message = std::string(message.substr(rest));
  } else {
    error.message = std::string(message);
  }
  return error;
}

// ------------------------------------------------- the allow-list of globals

constexpr const char* kObjectIdsKey = "pbxsim.object_ids";

// Pushes tostring(value). Tables, functions and userdata are named by the
// order in which tostring first saw them ("table: #3", or "call: #3" with a
// __name), never by address, so printing one cannot make two runs differ.
// A __tostring metamethod is used as Lua would.
void push_stable_tostring(lua_State* L, int index) {
  index = lua_absindex(L, index);
  const int type = lua_type(L, index);
  const bool by_address = type == LUA_TTABLE || type == LUA_TFUNCTION || type == LUA_TUSERDATA ||
                          type == LUA_TTHREAD || type == LUA_TLIGHTUSERDATA;
  if (!by_address || luaL_getmetafield(L, index, "__tostring") != LUA_TNIL) {
    if (by_address) lua_pop(L, 1);  // the metafield found
    luaL_tolstring(L, index, nullptr);
    return;
  }
  ++internals_of(L).side_effects;  // the name depends on what tostring saw before
  const int top_before_ids = lua_gettop(L);
  std::string kind = luaL_typename(L, index);
  if (luaL_getmetafield(L, index, "__name") == LUA_TSTRING) kind = lua_tostring(L, -1);
  lua_settop(L, top_before_ids);
  lua_getfield(L, LUA_REGISTRYINDEX, kObjectIdsKey);
  lua_pushvalue(L, index);
  if (lua_rawget(L, -2) == LUA_TNIL) {
    lua_pop(L, 1);
    const lua_Integer id = static_cast<lua_Integer>(lua_rawlen(L, -1)) + 1;
    lua_pushinteger(L, id);
    lua_rawseti(L, -2, id);  // the count lives in the array part
    lua_pushvalue(L, index);
    lua_pushinteger(L, id);
    lua_rawset(L, -3);
    lua_pushinteger(L, id);
  }
  const lua_Integer id = lua_tointeger(L, -1);
  lua_settop(L, top_before_ids);
  lua_pushfstring(L, "%s: #%I", kind.c_str(), id);
}

int sandbox_tostring(lua_State* L) {
  luaL_checkany(L, 1);
  push_stable_tostring(L, 1);
  return 1;
}

// string.format without addresses: %p is refused, and tables or functions
// given to %s are named as tostring names them (by first sight).
int sandbox_format(lua_State* L) {
  std::size_t length = 0;
  const char* format = luaL_checklstring(L, 1, &length);
  for (std::size_t i = 0; i + 1 < length; ++i) {
    if (format[i] != '%') continue;
    std::size_t j = i + 1;
    if (format[j] == '%') {
      i = j;
      continue;
    }
    while (j < length && std::strchr("-+ #0123456789.", format[j]) != nullptr) ++j;
    if (j < length && format[j] == 'p') {
      return luaL_error(L, "string.format: %%p prints a memory address, which differs from run to run "
                           "(use tostring, which names tables by first sight)");
    }
    i = j;
  }
  const int count = lua_gettop(L);
  for (int i = 2; i <= count; ++i) {
    const int type = lua_type(L, i);
    if (type == LUA_TTABLE || type == LUA_TFUNCTION || type == LUA_TUSERDATA || type == LUA_TTHREAD ||
        type == LUA_TLIGHTUSERDATA) {
      push_stable_tostring(L, i);
      lua_replace(L, i);
    }
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, count, 1);
  return 1;
}

// What one print costs beyond its bytes: finding file:line and formatting.
constexpr std::int64_t kPrintInstructions = 100;

// One line of print or log output: [time] file:line: [level: ] values.
void write_output_line(lua_State* L, int first_value, std::string_view level) {
  charge_budget(L, kPrintInstructions);
  LuaSandbox::Internals& in = internals_of(L);
  ++in.side_effects;
  std::string line;
  if (*in.output_time_label) line = (*in.output_time_label)() + " ";
  line += lua_location(L, 1);
  if (!line.empty()) line += ": ";
  if (!level.empty()) line += std::string(level) + ": ";
  const int count = lua_gettop(L);
  for (int i = first_value; i <= count; ++i) {
    if (i > first_value) line += "\t";
    push_stable_tostring(L, i);
    line += lua_tostring(L, -1);
    lua_pop(L, 1);
  }
  if (in.output->size() < kMaxOutputLines) {
    keep_bytes(L, line.size(), "print");
    in.output->push_back(std::move(line));
  }
}

int sandbox_print(lua_State* L) {
  write_output_line(L, 1, {});
  return 0;
}

// log(level, ...): print with a level, for rules that explain themselves.
int sandbox_log(lua_State* L) {
  static constexpr const char* kLevels[] = {"debug", "info", "warn", "error", nullptr};
  const int level = luaL_checkoption(L, 1, nullptr, kLevels);
  write_output_line(L, 2, kLevels[level]);
  return 0;
}

// load(text [, chunkname [, mode [, env]]]): text only, whatever mode says.
int sandbox_load(lua_State* L) {
  std::size_t length = 0;
  const char* text = luaL_checklstring(L, 1, &length);
  const char* chunkname = luaL_optstring(L, 2, "=(load)");
  const bool has_env = !lua_isnone(L, 4);
  const int status = luaL_loadbufferx(L, text, length, chunkname, "t");
  if (status != LUA_OK) {
    luaL_pushfail(L);
    lua_insert(L, -2);
    return 2;
  }
  if (has_env) {
    lua_pushvalue(L, 4);
    if (lua_setupvalue(L, -2, 1) == nullptr) lua_pop(L, 1);
  }
  return 1;
}

// setmetatable without __gc: finalizers run with hooks off, out of the budget.
int sandbox_setmetatable(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  if (lua_type(L, 2) == LUA_TTABLE) {
    if (lua_getfield(L, 2, "__gc") != LUA_TNIL) {
      return luaL_error(L, "__gc metamethods are not allowed in the sandbox");
    }
    lua_pop(L, 1);
  } else if (!lua_isnil(L, 2)) {
    return luaL_typeerror(L, 2, "nil or table");
  }
  if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL) {
    return luaL_error(L, "cannot change a protected metatable");
  }
  lua_settop(L, 2);
  lua_setmetatable(L, 1);
  return 1;
}

// xpcall(f, handler, ...) with the handler called after the error has
// unwound, as an ordinary call under the budget. Lua calls a message handler
// before unwinding, and when the error came from the budget hook it runs with
// hooks off: a handler that never returns would never be stopped.
int bounded_xpcall(lua_State* L) {
  luaL_checktype(L, 2, LUA_TFUNCTION);
  const int base = lua_gettop(L);
  lua_pushvalue(L, 1);
  for (int arg = 3; arg <= base; ++arg) lua_pushvalue(L, arg);
  if (lua_pcall(L, base - 2 < 0 ? 0 : base - 2, LUA_MULTRET, 0) == LUA_OK) {
    lua_pushboolean(L, 1);
    lua_insert(L, base + 1);
    return lua_gettop(L) - base;
  }
  lua_pushvalue(L, 2);
  lua_insert(L, -2);
  lua_pcall(L, 1, 1, 0);  // the handler's answer, or its own error
  lua_pushboolean(L, 0);
  lua_insert(L, -2);
  return 2;
}

void remove_field(lua_State* L, const char* table, const char* field) {
  if (lua_getglobal(L, table) == LUA_TTABLE) {
    lua_pushnil(L);
    lua_setfield(L, -2, field);
  }
  lua_pop(L, 1);
}

void install_globals(lua_State* L) {
  luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
  luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
  luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
  luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
  luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
  lua_pop(L, 5);
  for (const char* name : {"dofile", "loadfile", "collectgarbage", "warn"}) {
    lua_pushnil(L);
    lua_setglobal(L, name);
  }
  remove_field(L, LUA_STRLIBNAME, "dump");
  // getmetatable("") answers false: the string metatable is shared by every
  // string, including the answers pbxsim reads back from hooks.
  lua_pushliteral(L, "");
  if (lua_getmetatable(L, -1) != 0) {
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  lua_getglobal(L, LUA_STRLIBNAME);
  lua_getfield(L, -1, "format");
  lua_pushcclosure(L, sandbox_format, 1);
  lua_setfield(L, -2, "format");
  lua_pop(L, 1);
  // The loaded-modules table is reachable from nothing a script can see, but
  // drop it from the registry anyway so nothing can reach libraries by name.
  lua_pushnil(L);
  lua_setfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
  lua_newtable(L);
  lua_newtable(L);
  lua_pushstring(L, "k");
  lua_setfield(L, -2, "__mode");
  lua_setmetatable(L, -2);
  lua_setfield(L, LUA_REGISTRYINDEX, kObjectIdsKey);
  lua_register(L, "tostring", sandbox_tostring);
  lua_register(L, "print", sandbox_print);
  lua_register(L, "log", sandbox_log);
  lua_register(L, "load", sandbox_load);
  lua_register(L, "setmetatable", sandbox_setmetatable);
  lua_register(L, "xpcall", bounded_xpcall);
  install_deterministic_iteration(L);
  install_sandbox_random(L);
  install_charged_library(L);
}

}  // namespace

void charge_budget(lua_State* L, std::int64_t units) {
  LuaSandbox::Internals& in = internals_of(L);
  if (in.depth == 0) return;  // not under a budgeted call (pbxsim's own setup)
  in.remaining_instructions -= units;
  if (in.remaining_instructions > 0 && !in.budget_exhausted) return;
  const std::string where = lua_location(L, 1);
  raise_budget_error(L, in, where.empty() ? where : where + ": ");
}

void keep_bytes(lua_State* L, std::size_t bytes, const char* who) {
  LuaSandbox::Internals& in = internals_of(L);
  if (bytes <= in.limits.kept_bytes - std::min(in.kept_bytes, in.limits.kept_bytes)) {
    in.kept_bytes += bytes;
    return;
  }
  luaL_error(L, "%s: pbxsim would keep more than %I MiB on this script's behalf (print output, call numbers, "
             "scheduled calls and events, expectation values); --lua-kept-mib raises the limit", who,
             static_cast<lua_Integer>(in.limits.kept_bytes >> 20));
}

std::int64_t charge_for_bytes(std::int64_t bytes) { return bytes / kBytesPerInstruction; }

// Frames of chunks named "=..." (pbxsim's own Lua, such as the expect
// prelude) are passed over while a frame of a file is further out: the
// author's line is the useful one.
std::string lua_location(lua_State* L, int level) {
  lua_Debug ar;
  std::string fallback;
  for (int current = level; lua_getstack(L, current, &ar) != 0; ++current) {
    if (lua_getinfo(L, "Sl", &ar) != 0 && ar.currentline > 0) {
      std::string where = std::string(ar.short_src) + ":" + std::to_string(ar.currentline);
      if (ar.source[0] != '=') return where;
      if (fallback.empty()) fallback = std::move(where);
    }
  }
  return fallback;
}

// -------------------------------------------------------------------- LuaSandbox

LuaSandbox::LuaSandbox(SandboxLimits limits, Prng random)
    : internals_(new Internals{this, limits, random, 0, false, {}, 0, false, {}, 0, 0, nullptr, nullptr, {}, nullptr}) {
  state_ = lua_newstate(limited_alloc, internals_);
  if (state_ == nullptr) {
    delete internals_;
    throw std::bad_alloc();
  }
  internals_->state = state_;
  internals_->output = &printed_;
  internals_->output_time_label = &internals_->time_label;
  // Hooks make many short-lived values; the generational collector keeps
  // them cheap.
  lua_gc(state_, LUA_GCGEN, 0, 0);
  install_globals(state_);
}

LuaSandbox::~LuaSandbox() {
  lua_close(state_);
  delete internals_;
}

void LuaSandbox::set_time_label(std::function<std::string()> label) { internals_->time_label = std::move(label); }

void LuaSandbox::send_output_to(LuaSandbox& other) {
  internals_->output = &other.printed_;
  internals_->output_time_label = &other.internals_->time_label;
}

LuaSandbox& LuaSandbox::of(lua_State* state) { return *internals_of(state).owner; }

std::optional<ScriptError> LuaSandbox::load(std::string_view source, const std::string& path) {
  const std::string chunkname = "@" + path;
  const int status = load_text_chunk(state_, source, chunkname.c_str());
  if (status == LUA_OK) return std::nullopt;
  ScriptError error;
  if (status == LUA_ERRMEM) {
    error = ScriptError{ScriptError::Kind::MemoryLimit, path, 0,
                        "memory limit exceeded while compiling the file"};
  } else {
    error = parse_error(lua_tostring(state_, -1), ScriptError::Kind::Syntax);
    if (error.file.empty()) error.file = path;
  }
  lua_pop(state_, 1);
  internals_->memory_exhausted = false;
  return error;
}

std::optional<ScriptError> LuaSandbox::call(int nargs, int nresults) {
  Internals& in = *internals_;
  if (in.depth == 0) {
    in.remaining_instructions = in.limits.instructions_per_call;
    in.budget_exhausted = false;
    in.budget_message.clear();
    in.memory_exhausted = false;
    if (in.watch_returns) in.returned_at.clear();
    set_budget_hook(state_, in);
  }
  int status;
  ++in.depth;
  if (kept_message_handler_) {
    status = lua_pcall(state_, nargs, nresults, 1);
  } else {
    const int function_index = lua_gettop(state_) - nargs;
    lua_pushcfunction(state_, message_handler);
    lua_insert(state_, function_index);
    status = lua_pcall(state_, nargs, nresults, function_index);
    lua_remove(state_, function_index);
  }
  --in.depth;

  // An allocation can fail and then succeed after Lua's emergency collection,
  // so the flag alone means nothing; a failed call with it set does.
  const bool over_memory = in.memory_exhausted && status != LUA_OK;
  const bool over_budget = in.budget_exhausted;
  if (status == LUA_OK && !over_memory && !over_budget) return std::nullopt;

  ScriptError error;
  if (over_memory) {
    error.kind = ScriptError::Kind::MemoryLimit;
    error.message = "memory limit exceeded: the script uses more than " +
                    std::to_string(in.limits.memory_bytes >> 20) + " MiB (unbounded growth?)";
    const std::string where = in.memory_location;
    ScriptError located = parse_error(where + ": x", ScriptError::Kind::MemoryLimit);
    error.file = located.file;
    error.line = located.line;
    if (error.file.empty()) {
      // Fall back to where the error surfaced.
      ScriptError surfaced = parse_error(lua_tostring(state_, -1) ? lua_tostring(state_, -1) : "", error.kind);
      error.file = surfaced.file;
      error.line = surfaced.line;
    }
  } else if (status == LUA_OK) {
    lua_pop(state_, nresults);
    error = ScriptError{ScriptError::Kind::InstructionBudget, {}, 0, "instruction budget exhausted"};
  } else {
    const char* message = over_budget && !in.budget_message.empty() ? in.budget_message.c_str()
                                                                     : lua_tostring(state_, -1);
    error = parse_error(message != nullptr ? message : "(error without a message)",
                        over_budget ? ScriptError::Kind::InstructionBudget : ScriptError::Kind::Runtime);
  }
  if (status != LUA_OK) lua_pop(state_, 1);
  if (in.depth == 0) {
    // The state stays usable for reporting; a new top-level call starts afresh.
    in.memory_exhausted = false;
    in.budget_exhausted = false;
    set_budget_hook(state_, in);
  }
  return error;
}

void LuaSandbox::watch_returns(bool on) { internals_->watch_returns = on; }

const std::string& LuaSandbox::returned_at() const { return internals_->returned_at; }

void LuaSandbox::keep_message_handler() {
  assert(lua_gettop(state_) == 0 && "the kept message handler goes at stack index 1: keep it on an empty stack");
  lua_pushcfunction(state_, message_handler);
  kept_message_handler_ = true;
}

std::optional<ScriptError> load_file(LuaSandbox& sandbox, const std::string& path) {
  auto text = read_script_file(path);
  if (text.index() == 1) return std::get<1>(text);
  return sandbox.load(std::get<0>(text), path);
}

const std::vector<std::string>& sandbox_base_globals() {
  static const std::vector<std::string> names{
      "_G",     "_VERSION", "assert",   "error",  "getmetatable", "ipairs",   "load",
      "log",    "math",   "next",     "pairs",    "pcall",  "print",        "rawequal", "rawget",
      "rawlen", "rawset",   "select",   "setmetatable", "string",  "table",    "tonumber",
      "tostring", "type",   "utf8",     "xpcall"};
  return names;
}

}  // namespace pbxsim
