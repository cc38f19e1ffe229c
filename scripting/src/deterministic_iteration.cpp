// pairs and next in a stable key order. Lua 5.4 seeds its string hash per
// state, so the native order of a table changes from run to run; anything a
// script derives from it could reach the trace.
#include <algorithm>
#include <cstring>
#include <vector>

#include "sandbox_internals.h"

namespace pbxsim {
namespace {

struct KeyInfo {
  int position;  // in the scratch array
  int type_rank;
  lua_Integer integer = 0;
  lua_Number number = 0;
  bool is_integer = false;
  const char* text = nullptr;
  std::size_t length = 0;
  bool boolean = false;
};

bool key_less(const KeyInfo& a, const KeyInfo& b) {
  if (a.type_rank != b.type_rank) return a.type_rank < b.type_rank;
  switch (a.type_rank) {
    case 0:
      if (a.is_integer && b.is_integer) return a.integer < b.integer;
      return (a.is_integer ? static_cast<lua_Number>(a.integer) : a.number) <
             (b.is_integer ? static_cast<lua_Number>(b.integer) : b.number);
    case 1: {
      const int order = std::memcmp(a.text, b.text, std::min(a.length, b.length));
      return order != 0 ? order < 0 : a.length < b.length;
    }
    default:
      return !a.boolean && b.boolean;
  }
}

// Upvalues: 1 the table, 2 the sorted keys, 3 the next position.
int sorted_iterator(lua_State* L) {
  lua_Integer position = lua_tointeger(L, lua_upvalueindex(3));
  for (;;) {
    if (lua_rawgeti(L, lua_upvalueindex(2), position) == LUA_TNIL) return 0;
    ++position;
    lua_pushinteger(L, position);
    lua_replace(L, lua_upvalueindex(3));
    lua_pushvalue(L, -1);
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL) return 2;  // key, value
    lua_pop(L, 2);  // removed during the loop: skip it
  }
}

int stable_pairs(lua_State* L) {
  luaL_checkany(L, 1);
  if (luaL_getmetafield(L, 1, "__pairs") != LUA_TNIL) {
    lua_pushvalue(L, 1);
    lua_call(L, 1, 3);
    return 3;
  }
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_pushvalue(L, 1);
  push_sorted_keys(L, 1, "pairs");
  lua_pushinteger(L, 1);
  lua_pushcclosure(L, sorted_iterator, 3);
  lua_pushnil(L);
  lua_pushnil(L);
  return 3;
}

// next(t, k) keeps the sorted keys of the table it last sorted, with each
// key's position, in a weak-keyed cache: a traversal sorts once (at next(t)
// or when k is not in the cache) and each later step is O(1) amortised.
// Keys added during a traversal may be missed, as in plain Lua.
constexpr const char* kNextCacheKey = "pbxsim.next_cache";

// Pushes { keys = sorted keys, at = key -> position } for the table at 1.
void push_fresh_order(lua_State* L) {
  lua_getfield(L, LUA_REGISTRYINDEX, kNextCacheKey);
  lua_createtable(L, 0, 2);
  push_sorted_keys(L, 1, "next");
  const lua_Integer count = static_cast<lua_Integer>(lua_rawlen(L, -1));
  lua_createtable(L, 0, static_cast<int>(std::min<lua_Integer>(count, 1 << 24)));
  for (lua_Integer i = 1; i <= count; ++i) {
    lua_rawgeti(L, -2, i);
    lua_pushinteger(L, i);
    lua_rawset(L, -3);
  }
  lua_setfield(L, -3, "at");
  lua_setfield(L, -2, "keys");
  lua_pushvalue(L, 1);
  lua_pushvalue(L, -2);
  lua_rawset(L, -4);  // cache[t] = order
  lua_remove(L, -2);
}

// The position after `key` in the order at order_index, or 0 when it has none.
lua_Integer position_after(lua_State* L, int order_index, int key_index) {
  order_index = lua_absindex(L, order_index);
  lua_getfield(L, order_index, "at");
  lua_pushvalue(L, key_index);
  const lua_Integer after = lua_rawget(L, -2) == LUA_TNUMBER ? lua_tointeger(L, -1) + 1 : 0;
  lua_pop(L, 2);
  return after;
}

int stable_next(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_settop(L, 2);
  lua_Integer start = 1;
  if (lua_isnil(L, 2)) {
    push_fresh_order(L);
  } else {
    lua_getfield(L, LUA_REGISTRYINDEX, kNextCacheKey);
    lua_pushvalue(L, 1);
    const bool cached = lua_rawget(L, -2) == LUA_TTABLE;
    lua_remove(L, -2);  // the cache; its entry (or nil) stays
    start = cached ? position_after(L, -1, 2) : 0;
    if (start == 0) {
      lua_pop(L, 1);
      push_fresh_order(L);
      start = position_after(L, -1, 2);
      if (start == 0) return luaL_error(L, "invalid key to 'next'");
    }
  }
  lua_getfield(L, -1, "keys");
  const int keys = lua_gettop(L);
  const lua_Integer count = static_cast<lua_Integer>(lua_rawlen(L, keys));
  for (lua_Integer i = start; i <= count; ++i) {
    lua_rawgeti(L, keys, i);
    lua_pushvalue(L, -1);
    if (lua_rawget(L, 1) != LUA_TNIL) return 2;
    lua_pop(L, 2);  // removed during the traversal: skip it
  }
  lua_pushnil(L);
  return 1;
}

}  // namespace

void push_sorted_keys(lua_State* L, int table_index, const char* who) {
  table_index = lua_absindex(L, table_index);
  lua_newtable(L);
  const int scratch = lua_gettop(L);
  std::vector<KeyInfo> keys;
  lua_pushnil(L);
  while (lua_next(L, table_index) != 0) {
    lua_pop(L, 1);  // value
    KeyInfo info{static_cast<int>(keys.size()) + 1, 0};
    switch (lua_type(L, -1)) {
      case LUA_TNUMBER:
        info.type_rank = 0;
        info.is_integer = lua_isinteger(L, -1) != 0;
        if (info.is_integer) info.integer = lua_tointeger(L, -1);
        else info.number = lua_tonumber(L, -1);
        break;
      case LUA_TSTRING:
        info.type_rank = 1;
        info.text = lua_tolstring(L, -1, &info.length);  // a key: no conversion happens
        break;
      case LUA_TBOOLEAN:
        info.type_rank = 2;
        info.boolean = lua_toboolean(L, -1) != 0;
        break;
      default:
        luaL_error(L, "%s: a key of type %s has no stable order (use strings or numbers as keys, "
                   "or keep the values in an array and use ipairs)", who, luaL_typename(L, -1));
        return;
    }
    lua_pushvalue(L, -1);
    lua_rawseti(L, scratch, info.position);
    keys.push_back(info);
  }
  // Sorting is C work the count hook cannot see: n log n, charged.
  std::int64_t log2 = 1;
  while ((std::size_t{1} << log2) < keys.size() && log2 < 62) ++log2;
  charge_budget(L, static_cast<std::int64_t>(keys.size()) * log2);
  std::sort(keys.begin(), keys.end(), key_less);
  lua_createtable(L, static_cast<int>(keys.size()), 0);
  for (std::size_t i = 0; i < keys.size(); ++i) {
    lua_rawgeti(L, scratch, keys[i].position);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i) + 1);
  }
  lua_remove(L, scratch);
}

void install_deterministic_iteration(lua_State* L) {
  lua_newtable(L);
  lua_createtable(L, 0, 1);
  lua_pushliteral(L, "k");
  lua_setfield(L, -2, "__mode");
  lua_setmetatable(L, -2);
  lua_setfield(L, LUA_REGISTRYINDEX, kNextCacheKey);
  lua_register(L, "pairs", stable_pairs);
  lua_register(L, "next", stable_next);
}

}  // namespace pbxsim
