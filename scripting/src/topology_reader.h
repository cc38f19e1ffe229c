// Reads the topology part of a scenario table (users, devices, lines,
// externals) into the engine's Topology, with the policy's defaults for what
// the scenario leaves out. Errors name the field path; the caller turns the
// path into file:line.
#pragma once

#include <lua.hpp>

#include <string>
#include <variant>

#include "pbxsim/engine/topology.h"
#include "pbxsim/scripting/lua_policy.h"
#include "table_reader.h"

namespace pbxsim {

std::variant<Topology, FieldError> read_topology(lua_State* L, int scenario_index, const PolicyDefaults& defaults);

}  // namespace pbxsim
