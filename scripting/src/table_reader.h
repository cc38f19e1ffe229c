// The one set of helpers that read Lua tables into C++ values, for every
// reader in scripting: the scenario's topology and feature sections, the
// policy's settings, the workload, the tables `sim` methods take. Each reads
// raw (never through __index or __pairs), names what it expected and what it
// got, and fails by throwing a FieldError: the field's path
// ("devices.desk.kind") and what is wrong with it, the same shape the
// engine's validate() returns (TopologyError). The reader's entry point
// catches it and returns located_error(): one ScriptError carrying
// file:line and the field path, whose text reads
// "file:line: field.path: what is wrong".
#pragma once

#include <lua.hpp>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pbxsim/engine/time.h"
#include "pbxsim/engine/topology.h"
#include "pbxsim/results/script_error.h"

namespace pbxsim {

// A problem with one field, before it is placed at a file's line.
using FieldError = TopologyError;

// The ScriptError for a FieldError in `file`: its line found from
// start_line (locate_field), its message "prefix.path: what is wrong".
ScriptError located_error(const std::string& file, std::string_view source, int start_line, const FieldError& error,
                          std::string_view path_prefix = {});

namespace table_reader {

[[noreturn]] void fail(const std::string& path, const std::string& message);
// "path.field", or "field" at the top level (empty path).
std::string field_path(const std::string& path, std::string_view field);
std::string type_name(lua_State* L, int index);

// ---------------------------------------------------------------------- keys

// Keys of the table at `index` in a stable order, as strings (numbers too).
// A key that is not a string or a whole number, or a name with a NUL byte,
// fails with `path` (the table's).
std::vector<std::string> sorted_key_names(lua_State* L, int index, const std::string& path);
// Pushes the value of the entry a sorted_key_names() name stands for, read
// raw (never through __index), and returns its type.
int push_entry(lua_State* L, int index, const std::string& name);
// Fails on the first key (in sorted order) that is in neither list, with the
// known fields and the nearest one ("did you mean").
void check_known_fields(lua_State* L, int index, const std::string& path, std::initializer_list<const char*> known,
                        std::initializer_list<const char*> more = {});
void check_known_fields(lua_State* L, int index, const std::string& path, const std::vector<std::string_view>& known);
// Calls each(key, path_of_entry) with every entry's value pushed, in key order.
template <typename Each>
void for_each_entry(lua_State* L, int index, const std::string& path, Each each) {
  index = lua_absindex(L, index);
  for (const std::string& key : sorted_key_names(L, index, path)) {
    push_entry(L, index, key);
    each(key, field_path(path, key));
    lua_pop(L, 1);
  }
}

// -------------------------------------------------------------------- fields

// Pushes t[field] (raw) and returns its type.
int get_field(lua_State* L, int index, const char* field);
// The value at `index` as text: a string, or a whole number written without
// quotes (DNs, passwords).
std::optional<std::string> text_at(lua_State* L, int index);
// The same, and a boolean as "true" or "false" (free-form settings, LDAP attributes).
std::optional<std::string> scalar_text(lua_State* L, int index);
std::optional<std::string> opt_string(lua_State* L, int index, const char* field, const std::string& path,
                                      const char* hint = "a string", bool number_allowed = false);
// The documented range of a whole-number field; values outside it are
// refused before they are narrowed to int.
struct IntRange {
  lua_Integer min;
  lua_Integer max;
};
inline constexpr IntRange kMaxCallsRange{1, 200};            // max_calls, busy_trigger (docs/scenarios.md)
inline constexpr IntRange kHopLimitRange{1, 1'000'000};      // hop_limit
inline constexpr IntRange kCountRange{0, 2'147'483'647};     // counts and lengths: any int that is not negative
inline constexpr IntRange kIntRange{-2'147'483'648LL, 2'147'483'647};  // checked further by the field's own rule
std::optional<int> opt_int(lua_State* L, int index, const char* field, const std::string& path, IntRange range);
// A time such as "10s" (0 may be written without a unit).
std::optional<TimeUs> opt_duration(lua_State* L, int index, const char* field, const std::string& path);
// The value at `index` as such a time; `where` is its field path.
TimeUs duration_at(lua_State* L, int index, const std::string& where);
std::optional<bool> opt_bool(lua_State* L, int index, const char* field, const std::string& path);
// A list of names (strings or whole numbers); a single string is a list of one.
std::optional<std::vector<std::string>> opt_string_list(lua_State* L, int index, const char* field,
                                                        const std::string& path);
// Pushes the table at t[field] and returns its stack index, or 0 (nothing
// pushed) when the field is nil; `example` shows the expected table.
int push_table(lua_State* L, int index, const char* field, const std::string& path, const char* example);

}  // namespace table_reader
}  // namespace pbxsim
