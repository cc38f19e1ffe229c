// The scenario API in names: every global a scenario file can use, the fields
// its tables may hold, the `sim` object's methods and fields, the snapshots'
// and trace records' fields and a call handle's fields, each under its class
// name in the editor type definitions (scripting/types/scenario.lua). Read
// from the readers' own field lists and from a real sandbox and `sim`, so a
// test can hold the type definitions to what the engine offers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pbxsim {

struct ScenarioApiClass {
  std::string_view type_name;   // "pbxsim.Scenario", "pbxsim.Sim", ...
  std::vector<std::string> fields;  // sorted
  // True when the list is everything the engine has (the types may name no
  // other); false for a snapshot whose optional fields appear only when set.
  bool complete = true;
};

// The classes, in the order of scenario.lua.
std::vector<ScenarioApiClass> scenario_api_classes();
// The globals a scenario file sees beyond the sandbox's base library
// (sandbox_base_globals()), sorted: scenario, workload, expect, time.
std::vector<std::string> scenario_api_globals();

}  // namespace pbxsim
