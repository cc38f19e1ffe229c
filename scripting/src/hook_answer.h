// A policy hook's answer as text, read in place: hooks run millions of times
// in a large run, so the engine compares the Lua string where it lies rather
// than copying it first. The view is valid until the value is popped.
//
// C++ does copy what it keeps of an answer (a skip reason into the trace
// record of every appearance it skips, a destination number, a device or
// display name), so every string of an answer is at most kMaxHookAnswerBytes:
// LuaPolicy::call_hook refuses a longer one among the values a hook returns,
// and the readers of table answers (a destination, dnd_changed's list) refuse
// a longer field, each at the hook's file:line (docs/policies.md).
#pragma once

#include <lua.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace pbxsim {

inline constexpr std::size_t kMaxHookAnswerBytes = 4096;

// When the value at `index` is a string longer than kMaxHookAnswerBytes,
// its length and the limit ("8388608 bytes (limit 4096 bytes ...)"); else "".
inline std::string oversized_answer(lua_State* L, int index) {
  if (lua_type(L, index) != LUA_TSTRING) return {};
  const std::size_t length = lua_rawlen(L, index);
  if (length <= kMaxHookAnswerBytes) return {};
  return std::to_string(length) + " bytes (limit " + std::to_string(kMaxHookAnswerBytes) +
         " bytes for each string of a hook's answer: a verdict, reason, number or name)";
}

// The string (or number, as text) at `index`; "nil" for anything else.
inline std::string_view hook_answer(lua_State* L, int index) {
  std::size_t length = 0;
  const char* text = lua_type(L, index) == LUA_TSTRING || lua_type(L, index) == LUA_TNUMBER
                         ? lua_tolstring(L, index, &length)
                         : nullptr;
  return text != nullptr ? std::string_view(text, length) : std::string_view("nil");
}

// The answer at `index` as an error message shows it: 'text' for a string
// or a number, else its type ("a table", "nil").
inline std::string shown_answer(lua_State* L, int index) {
  const int type = lua_type(L, index);
  if (type == LUA_TSTRING || type == LUA_TNUMBER) return "'" + std::string(hook_answer(L, index)) + "'";
  if (type == LUA_TNIL || type == LUA_TNONE) return "nil";
  return std::string("a ") + lua_typename(L, type);
}

// The optional reason that follows a verdict, or `fallback` when there is none.
inline std::string hook_reason(lua_State* L, int index, std::string_view fallback) {
  const std::string_view reason = lua_isstring(L, index) ? hook_answer(L, index) : std::string_view();
  return std::string(reason.empty() ? fallback : reason);
}

}  // namespace pbxsim
