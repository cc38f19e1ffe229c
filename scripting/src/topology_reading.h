// The topology readers' shared declarations: topology_reader.cpp (users,
// lines, devices, externals) and topology_reader_features.cpp (mobility,
// provisioning, dialing, directory, servers). They read with table_reader.h
// and throw its FieldError; read_topology() turns it into a value.
#pragma once

#include <lua.hpp>

#include <initializer_list>
#include <optional>
#include <string>

#include "pbxsim/engine/topology.h"
#include "pbxsim/scripting/lua_policy.h"
#include "feature_reader.h"
#include "table_reader.h"
#include "topology_reader.h"

namespace pbxsim::topology_reading {

// The readers of table_reader.h, unqualified.
using namespace table_reader;

void read_appearances(lua_State* L, int device_index, const std::string& path, const PolicyDefaults& defaults,
                      DeviceSpec& device);

// The fields a scenario's tables may hold, read by the readers below and
// listed for the editor type definitions (scenario_api_names.cpp).
inline constexpr std::initializer_list<const char*> kScenarioFields = {
    "name",  "description",   "policy",   "covers",   "users",      "devices",         "lines",
    "externals", "hop_limit", "max_events_per_instant", "max_events", "engine_kept_mib", "steps", "groups", "profiles",
    "calendar", "pcm",        "expect_findings", "expect_load_error"};
inline constexpr std::initializer_list<const char*> kUserFields = {
    "mode", "roles", "presence_profiles", "disable_dee_ucd_when_logged_out", "primary", "profile", "profiles"};
inline constexpr std::initializer_list<const char*> kLineFields = {"cfa",       "cfb",  "cfna", "no_answer",
                                                                   "max_registrations", "user"};
inline constexpr std::initializer_list<const char*> kDeviceFields = {"kind", "owner",   "users",     "lines",
                                                                     "register", "dee_main", "workplace", "user_agent"};
inline constexpr std::initializer_list<const char*> kAppearanceFields = {"dn", "max_calls", "busy_trigger"};

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

// The same settings in a policy table (defaults for every scenario).
void read_policy_feature_settings(lua_State* L, int policy_index, PolicyDefaults& defaults);

}  // namespace pbxsim::topology_reading
