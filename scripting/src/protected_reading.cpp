// run_protected(): C++ readers of script tables run under lua_pcall, so a Lua
// error raised while they read never reaches Lua's panic handler (abort).
#include <exception>

#include "feature_reader.h"
#include "sandbox_internals.h"

namespace pbxsim {
namespace {

struct ProtectedBody {
  const std::function<void(lua_State*)>* body;
  std::exception_ptr thrown;
};

int protected_trampoline(lua_State* L) {
  auto* state = static_cast<ProtectedBody*>(lua_touserdata(L, lua_upvalueindex(1)));
  // Lua's own errors are C++ exceptions of an internal type in this build of
  // Lua; they must reach lua_pcall, so only the project's types are caught.
  try {
    (*state->body)(L);
  } catch (const FieldError&) {
    state->thrown = std::current_exception();
  } catch (const std::exception&) {
    state->thrown = std::current_exception();
  }
  return 0;
}

}  // namespace

std::optional<std::string> run_protected(lua_State* L, int nargs, const std::function<void(lua_State*)>& body) {
  ProtectedBody state{&body, nullptr};
  lua_pushlightuserdata(L, &state);
  lua_pushcclosure(L, protected_trampoline, 1);
  lua_insert(L, -nargs - 1);
  const int status = lua_pcall(L, nargs, 0, 0);
  if (state.thrown) std::rethrow_exception(state.thrown);
  if (status == LUA_OK) return std::nullopt;
  std::string message = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1)
                        : status == LUA_ERRMEM         ? "memory limit exceeded while reading the table"
                                                       : "error while reading the table";
  lua_pop(L, 1);
  return message;
}

}  // namespace pbxsim
