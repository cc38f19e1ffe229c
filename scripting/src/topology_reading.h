// Helpers for reading topology tables, shared by topology_reader.cpp (users,
// lines, devices, externals) and topology_reader_features.cpp (mobility,
// provisioning, dialing, directory, servers). A problem is thrown as
// ReadFailure with the field's path; read_topology() turns it into a value.
#pragma once

#include <lua.hpp>

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "pbxsim/engine/topology.h"
#include "pbxsim/scripting/lua_policy.h"
#include "feature_reader.h"
#include "topology_reader.h"

namespace pbxsim::topology_reading {

// One failure type for every reader (feature_reader.h's FieldFailure).
using ReadFailure = FieldFailure;

[[noreturn]] void fail(const std::string& path, const std::string& message);
std::string type_name(lua_State* L, int index);
// Keys of the table at `index` in a stable order, as strings (numbers too).
// A key that is not a string or a whole number, or a name with a NUL byte,
// fails with `path` (the table's).
std::vector<std::string> sorted_key_names(lua_State* L, int index, const std::string& path);
// Pushes the value of the entry a sorted_key_names() name stands for, read
// raw (never through __index), and returns its type.
int push_entry(lua_State* L, int index, const std::string& name);
void check_known_fields(lua_State* L, int index, const std::string& path, std::initializer_list<const char*> known,
                        std::initializer_list<const char*> more = {});
// Pushes t[field] (raw) and returns its type.
int get_field(lua_State* L, int index, const char* field);
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
std::optional<TimeUs> opt_duration(lua_State* L, int index, const char* field, const std::string& path);
void read_appearances(lua_State* L, int device_index, const std::string& path, const PolicyDefaults& defaults,
                      DeviceSpec& device);

// topology_reader_features.cpp
inline constexpr std::initializer_list<const char*> kUserFeatureFields = {
    "default_profile", "pin", "headset", "cup", "cupc", "contacts", "client"};
inline constexpr std::initializer_list<const char*> kDeviceFeatureFields = {
    "model",       "extension_mobility", "restriction", "button_template", "speed_dials",
    "services",    "settings",           "device_name", "primary"};
inline constexpr std::initializer_list<const char*> kScenarioFeatureSections = {
    "device_profiles", "extension_mobility", "dialing", "licences", "directory", "servers", "client_timing",
    "call_park"};

void read_user_features(lua_State* L, int user_index, const std::string& path, UserSpec& user);
void read_device_features(lua_State* L, int device_index, const std::string& path, DeviceSpec& device);
// Applies the policy's defaults, then reads the scenario's sections.
void read_feature_sections(lua_State* L, int scenario_index, const PolicyDefaults& defaults, Topology& topology);

// The same settings in a policy table (defaults for every scenario). Returns
// a message naming the field when one is wrong.
std::optional<std::string> read_policy_feature_settings(lua_State* L, int policy_index, PolicyDefaults& defaults);

}  // namespace pbxsim::topology_reading
