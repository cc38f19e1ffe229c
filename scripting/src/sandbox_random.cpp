// math.random and math.randomseed on the simulation's seeded PRNG, with the
// argument rules of Lua's own.
#include "sandbox_internals.h"

namespace pbxsim {
namespace {

// Every draw is a side effect: the next draw differs (decision_cache.h).
Prng& prng_of(lua_State* L) {
  LuaSandbox::Internals& in = LuaSandbox::of(L).internals();
  ++in.side_effects;
  return in.random;
}

int sandbox_random(lua_State* L) {
  Prng& prng = prng_of(L);
  lua_Integer low = 1;
  lua_Integer high = 0;
  switch (lua_gettop(L)) {
    case 0: {
      // 53 random bits: a float in [0, 1) that is the same on every machine.
      const auto bits = static_cast<lua_Number>(prng.next_u64() >> 11);
      lua_pushnumber(L, bits * 0x1.0p-53);
      return 1;
    }
    case 1:
      high = luaL_checkinteger(L, 1);
      if (high == 0) {
        lua_pushinteger(L, static_cast<lua_Integer>(prng.next_u64()));
        return 1;
      }
      break;
    case 2:
      low = luaL_checkinteger(L, 1);
      high = luaL_checkinteger(L, 2);
      break;
    default:
      return luaL_error(L, "wrong number of arguments to 'random'");
  }
  luaL_argcheck(L, low <= high, lua_gettop(L), "interval is empty");
  lua_pushinteger(L, prng.between(low, high));
  return 1;
}

int sandbox_randomseed(lua_State* L) {
  const auto seed = static_cast<std::uint64_t>(luaL_optinteger(L, 1, 0));
  prng_of(L) = Prng(seed);
  return 0;
}

}  // namespace

void install_sandbox_random(lua_State* L) {
  lua_getglobal(L, LUA_MATHLIBNAME);
  lua_pushcfunction(L, sandbox_random);
  lua_setfield(L, -2, "random");
  lua_pushcfunction(L, sandbox_randomseed);
  lua_setfield(L, -2, "randomseed");
  lua_pop(L, 1);
}

}  // namespace pbxsim
