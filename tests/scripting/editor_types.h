// Reading the lua-language-server type definitions (scripting/types/*.lua)
// for the tests that hold them to the engine (editor_types_test.cpp for the
// policy API, scenario_editor_types_test.cpp for the scenario API).
#pragma once

#include <set>
#include <string>
#include <string_view>

namespace pbxsim::editor_types {

// The text of scripting/types/<file> ("policy.lua", "scenario.lua").
std::string read_types(std::string_view file);
// The lines of one ---@class block: from its line to the next blank line.
std::string class_block(const std::string& types, std::string_view type_name);
// The names a class declares: its `---@field NAME` lines and, for a class
// whose methods follow it as `function Short:NAME(` (Short: the class name
// after its last dot), those methods.
std::set<std::string> declared_names(const std::string& types, std::string_view type_name);
// The global functions declared (`function NAME(` at a line's start).
std::set<std::string> declared_functions(const std::string& types);

}  // namespace pbxsim::editor_types
