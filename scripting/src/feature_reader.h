// Reads the feature parts of a scenario (groups, profiles, calendar, pcm,
// and the user and device fields they need) and of a policy (its group,
// profile and PCM settings). Errors are thrown as table_reader.h's
// FieldError with a field path; the entry points turn them into file:line.
#pragma once

#include <lua.hpp>

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "pbxsim/engine/topology.h"
#include "pbxsim/scripting/lua_policy.h"
#include "topology_reader.h"

namespace pbxsim {

// groups.<name> and one of its members given as a table.
inline constexpr std::initializer_list<const char*> kScenarioGroupFields = {"number",      "strategy",  "members",
                                                                    "member_ring", "no_answer", "overflow"};
inline constexpr std::initializer_list<const char*> kScenarioGroupMemberFields = {"dn", "logged_in", "paused"};

// users.<id>: roles, presence_profiles, disable_dee_ucd_when_logged_out, primary, profile, profiles.
void read_user_profile_fields(lua_State* L, int user_index, const std::string& path, UserSpec& user);
// devices.<name>: dee_main, workplace, user_agent.
void read_device_profile_fields(lua_State* L, int device_index, const std::string& path, DeviceSpec& device);
// The scenario's groups, profiles, calendar and pcm sections, with the policy's defaults.
void read_scenario_features(lua_State* L, int scenario_index, const PolicyDefaults& defaults, Topology& topology);

// One profile table. `given` (when not null) receives the fields it sets, for edits.
ProfileSpec read_profile(lua_State* L, int index, const std::string& path, const std::string& name,
                         std::vector<std::string>* given = nullptr);
// A list of profiles, or a table of them by name.
std::vector<ProfileSpec> read_profile_list(lua_State* L, int index, const std::string& path);
// PCM field values of one level: field -> value, "use default" left out.
std::vector<std::pair<std::string, std::string>> read_pcm_values(lua_State* L, int index, const std::string& path,
                                                                 std::initializer_list<const char*> extra_fields);
// The policy's `groups`, `profiles` and `pcm` settings tables (policy table at `index`).
void read_policy_features(lua_State* L, int index, PolicyDefaults& defaults);

}  // namespace pbxsim
