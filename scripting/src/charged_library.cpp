// The C functions of string, table, utf8 and the base library charge the
// instruction budget for the work they do, before they do it. The count hook
// sees Lua instructions only: without a charge, `s:find("b", 1, true)` over
// 30 MB or `string.rep("", 1 << 62)` is one instruction that never ends.
//
// Sections: costs · patterns · the charging wrapper · installation.
#include <algorithm>
#include <cstring>

#include "sandbox_internals.h"

namespace pbxsim {
namespace {

// ----------------------------------------------------------------------- costs

constexpr std::int64_t kSaturated = std::int64_t{1} << 62;

std::int64_t saturating_add(std::int64_t a, std::int64_t b) { return a > kSaturated - b ? kSaturated : a + b; }
std::int64_t saturating_mul(std::int64_t a, std::int64_t b) {
  if (a == 0 || b == 0) return 0;
  return a > kSaturated / b ? kSaturated : a * b;
}

// Bytes of a string argument (numbers become short strings; other values cost nothing here).
std::int64_t bytes_at(lua_State* L, int arg) {
  return lua_type(L, arg) == LUA_TSTRING ? static_cast<std::int64_t>(lua_rawlen(L, arg)) : 0;
}

std::int64_t integer_at(lua_State* L, int arg, std::int64_t fallback) {
  return lua_isinteger(L, arg) != 0 ? static_cast<std::int64_t>(lua_tointeger(L, arg)) : fallback;
}

// The number of positions from `first` to `last`, 0 when the range is empty.
std::int64_t span(std::int64_t first, std::int64_t last) {
  if (last < first) return 0;
  if (first < 0 && last > kSaturated + first) return kSaturated;
  return std::min(kSaturated, last - first + 1);
}

std::int64_t table_length(lua_State* L, int arg) {
  return lua_type(L, arg) == LUA_TTABLE ? static_cast<std::int64_t>(lua_rawlen(L, arg)) : 0;
}

// ------------------------------------------------------------------- patterns

// How a Lua pattern can backtrack: each repetition item (x*, x+, x-) can make
// the matcher retry every later position, so over n bytes a pattern with r
// of them may take about n^(r+1) steps (n^r when anchored with ^); each x?
// doubles it. Patterns whose bound exceeds kMaxPatternSteps are refused; the
// rest are charged for a share of their bound.
constexpr std::int64_t kMaxPatternSteps = 100'000'000'000;  // ~ a minute of matching
constexpr std::int64_t kPatternStepsPerInstruction = 16;

struct PatternShape {
  int repetitions = 0;
  int optionals = 0;
  bool anchored = false;
  bool special = false;  // false: a plain string search
};

PatternShape shape_of(const char* pattern, std::size_t length) {
  PatternShape shape;
  std::size_t i = 0;
  if (length > 0 && pattern[0] == '^') {
    shape.anchored = true;
    shape.special = true;
    i = 1;
  }
  while (i < length) {
    const char c = pattern[i];
    std::size_t item_end = i + 1;  // one past the single-character class
    bool single_class = true;
    if (c == '%') {
      shape.special = true;
      if (i + 1 < length && pattern[i + 1] == 'b') {
        item_end = std::min(length, i + 4);
        single_class = false;
      } else if (i + 1 < length && pattern[i + 1] == 'f') {
        item_end = i + 2;
        single_class = false;  // the [set] that follows is parsed as a class, harmlessly
      } else {
        item_end = std::min(length, i + 2);
      }
    } else if (c == '[') {
      shape.special = true;
      std::size_t j = i + 1;
      if (j < length && pattern[j] == '^') ++j;
      if (j < length && pattern[j] == ']') ++j;  // a leading ] is literal
      while (j < length && pattern[j] != ']') j += pattern[j] == '%' ? 2 : 1;
      item_end = std::min(length, j + 1);
    } else if (c == '(' || c == ')' || c == '$') {
      shape.special = true;
      single_class = false;
    } else if (c == '.') {
      shape.special = true;
    }
    if (single_class && item_end < length) {
      const char next = pattern[item_end];
      if (next == '*' || next == '+' || next == '-') {
        ++shape.repetitions;
        shape.special = true;
        ++item_end;
      } else if (next == '?') {
        ++shape.optionals;
        shape.special = true;
        ++item_end;
      }
    }
    i = item_end;
  }
  return shape;
}

// Charges a search of `pattern` (argument pattern_arg) over the subject
// (argument 1); refuses a pattern whose backtracking bound is too large.
std::int64_t pattern_cost(lua_State* L, int pattern_arg, bool plain, const char* function) {
  const std::int64_t subject = bytes_at(L, 1);
  std::size_t pattern_length = 0;
  const char* pattern = lua_type(L, pattern_arg) == LUA_TSTRING ? lua_tolstring(L, pattern_arg, &pattern_length) : "";
  const std::int64_t linear = saturating_add(subject, static_cast<std::int64_t>(pattern_length));
  if (plain) return linear;
  const PatternShape shape = shape_of(pattern, pattern_length);
  if (!shape.special) return linear;
  std::int64_t bound = 1;
  const int exponent = shape.repetitions + (shape.anchored ? 0 : 1);
  for (int k = 0; k < exponent; ++k) bound = saturating_mul(bound, std::max<std::int64_t>(subject, 1));
  for (int k = 0; k < shape.optionals; ++k) bound = saturating_mul(bound, 2);
  if (bound > kMaxPatternSteps) {
    luaL_error(L,
               "%s: the pattern has %d repetition item(s) (*, +, -) and %d optional one(s) (?): over a subject of "
               "%I bytes it may backtrack more than %I steps (use fewer repetitions, anchor it with ^, or search "
               "a shorter string)",
               function, shape.repetitions, shape.optionals, static_cast<lua_Integer>(subject),
               static_cast<lua_Integer>(kMaxPatternSteps));
  }
  return saturating_add(linear, bound / kPatternStepsPerInstruction);
}

// ------------------------------------------------------ the charging wrapper

using CostFunction = std::int64_t (*)(lua_State* L);

struct ChargedFunction {
  const char* library;  // nullptr: a global
  const char* name;
  CostFunction cost;
};

const ChargedFunction kCharged[] = {
    {"string", "find", [](lua_State* L) { return pattern_cost(L, 2, lua_toboolean(L, 4) != 0, "string.find"); }},
    {"string", "match", [](lua_State* L) { return pattern_cost(L, 2, false, "string.match"); }},
    {"string", "gmatch", [](lua_State* L) { return pattern_cost(L, 2, false, "string.gmatch"); }},
    {"string", "gsub",
     [](lua_State* L) { return saturating_add(pattern_cost(L, 2, false, "string.gsub"), bytes_at(L, 3)); }},
    // The bytes a function writes into a new string are charged by the
    // allocator (sandbox.cpp); these charge what it reads or loops over.
    {"string", "rep",
     [](lua_State* L) {
       // Repeating nothing allocates nothing but still loops `count` times.
       const std::int64_t count = std::max<std::int64_t>(0, integer_at(L, 2, 0));
       return saturating_add(bytes_at(L, 1), bytes_at(L, 3)) == 0 ? count : 0;
     }},
    {"string", "byte",
     [](lua_State* L) {
       const std::int64_t first = integer_at(L, 2, 1);
       return std::min(span(first, integer_at(L, 3, first)), bytes_at(L, 1));
     }},
    {"string", "char", [](lua_State* L) { return static_cast<std::int64_t>(lua_gettop(L)); }},
    {"string", "pack", [](lua_State* L) { return static_cast<std::int64_t>(lua_gettop(L)) + bytes_at(L, 1); }},
    {"string", "unpack", [](lua_State* L) { return bytes_at(L, 1) + charge_for_bytes(bytes_at(L, 2)); }},
    {"table", "concat", [](lua_State* L) { return std::max(table_length(L, 1), span(integer_at(L, 3, 1), integer_at(L, 4, 0))); }},
    {"table", "insert", [](lua_State* L) { return table_length(L, 1); }},
    {"table", "remove", [](lua_State* L) { return table_length(L, 1); }},
    {"table", "move", [](lua_State* L) { return span(integer_at(L, 2, 1), integer_at(L, 3, 0)); }},
    {"table", "unpack",
     [](lua_State* L) { return span(integer_at(L, 2, 1), integer_at(L, 3, table_length(L, 1))); }},
    {"table", "sort",
     [](lua_State* L) {
       const std::int64_t n = table_length(L, 1);
       std::int64_t log2 = 1;
       while ((std::int64_t{1} << log2) < n && log2 < 62) ++log2;
       return saturating_mul(n, log2);
     }},
    {"utf8", "len", [](lua_State* L) { return bytes_at(L, 1); }},
    {"utf8", "codepoint", [](lua_State* L) { return bytes_at(L, 1); }},
    {"utf8", "offset", [](lua_State* L) { return bytes_at(L, 1); }},
    {"utf8", "char", [](lua_State* L) { return static_cast<std::int64_t>(lua_gettop(L)); }},
    {nullptr, "tonumber", [](lua_State* L) { return bytes_at(L, 1); }},
    {nullptr, "load", [](lua_State* L) { return bytes_at(L, 1); }},
};

// Upvalues: 1 the library's function, 2 its index in kCharged.
int charged_call(lua_State* L) {
  const auto index = static_cast<std::size_t>(lua_tointeger(L, lua_upvalueindex(2)));
  charge_budget(L, kCharged[index].cost(L));
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

}  // namespace

// --------------------------------------------------------------- installation

void install_charged_library(lua_State* L) {
  for (std::size_t i = 0; i < std::size(kCharged); ++i) {
    const ChargedFunction& entry = kCharged[i];
    if (entry.library != nullptr) lua_getglobal(L, entry.library);
    else lua_pushglobaltable(L);
    const int holder = lua_gettop(L);
    lua_getfield(L, holder, entry.name);
    lua_pushinteger(L, static_cast<lua_Integer>(i));
    lua_pushcclosure(L, charged_call, 2);
    lua_setfield(L, holder, entry.name);
    lua_pop(L, 1);
  }
}

}  // namespace pbxsim
