// The one set of table readers (table_reader.h). Sections: keys · fields ·
// located errors.
#include "table_reader.h"

#include <algorithm>
#include <charconv>

#include "pbxsim/engine/time_messages.h"
#include "pbxsim/scripting/did_you_mean.h"
#include "pbxsim/scripting/scenario.h"
#include "sandbox_internals.h"

namespace pbxsim {
namespace table_reader {

[[noreturn]] void fail(const std::string& path, const std::string& message) { throw FieldError{path, message}; }

std::string field_path(const std::string& path, std::string_view field) {
  return path.empty() ? std::string(field) : path + "." + std::string(field);
}

std::string type_name(lua_State* L, int index) { return luaL_typename(L, index); }

namespace {

// What a key that cannot name an entry is, for the message: type names, and
// numbers with a fraction apart from whole ones.
std::string unusable_key_kind(lua_State* L, int key_index) {
  const int type = lua_type(L, key_index);
  if (type == LUA_TSTRING || (type == LUA_TNUMBER && lua_isinteger(L, key_index))) return {};
  if (type == LUA_TNUMBER) return "a number with a fraction";
  return std::string("a ") + luaL_typename(L, key_index);
}

}  // namespace

// Refuses keys that are neither strings nor whole numbers before sorting:
// a table, function or boolean key has no name, and the sort could not order
// it. When several are wrong the message names the kind that sorts first, so
// it does not depend on the table's (address-seeded) hash order.
std::vector<std::string> sorted_key_names(lua_State* L, int index, const std::string& path) {
  index = lua_absindex(L, index);
  std::string unusable;
  lua_pushnil(L);
  while (lua_next(L, index) != 0) {
    lua_pop(L, 1);  // value
    const std::string kind = unusable_key_kind(L, -1);
    if (!kind.empty() && (unusable.empty() || kind < unusable)) unusable = kind;
  }
  if (!unusable.empty()) {
    fail(path, "a key is " + unusable + ": keys must be names (strings) or whole numbers");
  }
  push_sorted_keys(L, index, "topology");
  std::vector<std::string> names;
  const lua_Integer count = static_cast<lua_Integer>(lua_rawlen(L, -1));
  for (lua_Integer i = 1; i <= count; ++i) {
    lua_rawgeti(L, -1, i);
    if (lua_type(L, -1) == LUA_TNUMBER) {
      names.push_back(std::to_string(lua_tointeger(L, -1)));
    } else {
      std::size_t length = 0;
      const char* text = lua_tolstring(L, -1, &length);
      std::string name(text, length);
      if (name.find('\0') != std::string::npos) {
        fail(path, "a key contains a NUL byte (\\0): names are text without NUL bytes");
      }
      names.push_back(std::move(name));
    }
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  return names;
}

int push_entry(lua_State* L, int index, const std::string& name) {
  index = lua_absindex(L, index);
  lua_pushlstring(L, name.data(), name.size());
  if (lua_rawget(L, index) != LUA_TNIL) return lua_type(L, -1);
  lua_pop(L, 1);
  lua_Integer number = 0;
  const auto [end, error] = std::from_chars(name.data(), name.data() + name.size(), number);
  if (error != std::errc() || end != name.data() + name.size()) {
    lua_pushnil(L);
    return LUA_TNIL;
  }
  return lua_rawgeti(L, index, number);
}

void check_known_fields(lua_State* L, int index, const std::string& path, const std::vector<std::string_view>& known) {
  for (const std::string& key : sorted_key_names(L, index, path)) {
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    std::string list;
    for (std::string_view name : known) list += (list.empty() ? "" : ", ") + std::string(name);
    const std::optional<std::string_view> nearest = closest_name(key, known);
    const std::string hint = nearest ? "did you mean '" + std::string(*nearest) + "'? " : "";
    fail(field_path(path, key), "unknown field '" + key + "' (" + hint + "known fields: " + list + ")");
  }
}

void check_known_fields(lua_State* L, int index, const std::string& path, std::initializer_list<const char*> known,
                        std::initializer_list<const char*> more) {
  std::vector<std::string_view> names(known.begin(), known.end());
  names.insert(names.end(), more.begin(), more.end());
  check_known_fields(L, index, path, names);
}

// Pushes t[field] (raw) and returns its type.
int get_field(lua_State* L, int index, const char* field) {
  index = lua_absindex(L, index);
  lua_pushstring(L, field);
  return lua_rawget(L, index);
}

std::optional<std::string> text_at(lua_State* L, int index) {
  if (lua_type(L, index) == LUA_TSTRING) return std::string(lua_tostring(L, index));
  if (lua_type(L, index) == LUA_TNUMBER && lua_isinteger(L, index)) return std::to_string(lua_tointeger(L, index));
  return std::nullopt;
}

std::optional<std::string> scalar_text(lua_State* L, int index) {
  if (lua_type(L, index) == LUA_TBOOLEAN) return std::string(lua_toboolean(L, index) ? "true" : "false");
  return text_at(L, index);
}

// Numbers are accepted only where a DN may be written without quotes.
std::optional<std::string> opt_string(lua_State* L, int index, const char* field, const std::string& path,
                                      const char* hint, bool number_allowed) {
  const int type = get_field(L, index, field);
  std::optional<std::string> value;
  if (type == LUA_TSTRING) value = lua_tostring(L, -1);
  else if (number_allowed && type == LUA_TNUMBER && lua_isinteger(L, -1)) value = std::to_string(lua_tointeger(L, -1));
  else if (type != LUA_TNIL) fail(field_path(path, field), std::string("expected ") + hint + ", got " + type_name(L, -1));
  lua_pop(L, 1);
  return value;
}

std::optional<int> opt_int(lua_State* L, int index, const char* field, const std::string& path, IntRange range) {
  const int type = get_field(L, index, field);
  std::optional<int> value;
  const std::string where = field_path(path, field);
  if (type == LUA_TNUMBER && lua_isinteger(L, -1)) {
    // Checked before the narrowing cast: 2^32 + 2 must not become 2.
    const lua_Integer number = lua_tointeger(L, -1);
    if (number < range.min || number > range.max) {
      fail(where, std::string(field) + " must be from " + std::to_string(range.min) + " to " +
                      std::to_string(range.max) + ", not " + std::to_string(number));
    }
    value = static_cast<int>(number);
  } else if (type != LUA_TNIL) {
    fail(where, "expected a whole number, got " + type_name(L, -1));
  }
  lua_pop(L, 1);
  return value;
}

TimeUs duration_at(lua_State* L, int index, const std::string& where) {
  const int type = lua_type(L, index);
  if (type == LUA_TSTRING) {
    std::string why;
    const std::optional<TimeUs> value = parse_duration(lua_tostring(L, index), &why);
    if (!value) fail(where, why);
    return *value;
  }
  if (type == LUA_TNUMBER && lua_isinteger(L, index)) {
    if (lua_tointeger(L, index) != 0) fail(where, unitless_time_message(lua_tointeger(L, index)));
    return 0;
  }
  fail(where, "expected a time such as \"10s\", got " + type_name(L, index));
}

std::optional<TimeUs> opt_duration(lua_State* L, int index, const char* field, const std::string& path) {
  std::optional<TimeUs> value;
  if (get_field(L, index, field) != LUA_TNIL) value = duration_at(L, -1, field_path(path, field));
  lua_pop(L, 1);
  return value;
}

std::optional<bool> opt_bool(lua_State* L, int index, const char* field, const std::string& path) {
  const int type = get_field(L, index, field);
  std::optional<bool> value;
  if (type == LUA_TBOOLEAN) value = lua_toboolean(L, -1) != 0;
  else if (type != LUA_TNIL) fail(field_path(path, field), "expected true or false, got " + type_name(L, -1));
  lua_pop(L, 1);
  return value;
}

std::optional<std::vector<std::string>> opt_string_list(lua_State* L, int index, const char* field,
                                                        const std::string& path) {
  const int type = get_field(L, index, field);
  std::optional<std::vector<std::string>> items;
  const std::string list_path = field_path(path, field);
  if (type == LUA_TSTRING) {
    items = std::vector<std::string>{lua_tostring(L, -1)};
  } else if (type == LUA_TTABLE) {
    items.emplace();
    const auto count = static_cast<lua_Integer>(lua_rawlen(L, -1));
    for (lua_Integer i = 1; i <= count; ++i) {
      lua_rawgeti(L, -1, i);
      std::optional<std::string> item = text_at(L, -1);
      if (!item) fail(list_path + "[" + std::to_string(i) + "]", "expected a string, got " + type_name(L, -1));
      items->push_back(std::move(*item));
      lua_pop(L, 1);
    }
  } else if (type != LUA_TNIL) {
    fail(list_path, "expected a list of names such as { \"a\", \"b\" }, got " + type_name(L, -1));
  }
  lua_pop(L, 1);
  return items;
}

int push_table(lua_State* L, int index, const char* field, const std::string& path, const char* example) {
  const int type = get_field(L, index, field);
  if (type == LUA_TNIL) {
    lua_pop(L, 1);
    return 0;
  }
  if (type != LUA_TTABLE) {
    fail(field_path(path, field), std::string("expected a table such as ") + example + ", got " + type_name(L, -1));
  }
  return lua_gettop(L);
}

}  // namespace table_reader

ScriptError located_error(const std::string& file, std::string_view source, int start_line, const FieldError& error,
                          std::string_view path_prefix) {
  std::string path = std::string(path_prefix) + error.path;
  const int line = locate_field(source, start_line, error.path);
  std::string message = path.empty() ? error.message : path + ": " + error.message;
  return ScriptError{ScriptError::Kind::Config, file, line, std::move(message), std::move(path)};
}

}  // namespace pbxsim
