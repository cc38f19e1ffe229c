// The lua-language-server type definitions of the scenario API
// (scripting/types/scenario.lua) name exactly what the engine offers a
// scenario file: its globals, the fields of its tables, the `sim` object's
// methods, the expect relations, a call handle's and a trace record's fields
// (and at least the snapshots' fields). A name added to the engine without
// its definition, or a definition of a name the engine does not have, fails.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "editor_types.h"
#include "pbxsim/scripting/scenario_api_names.h"
#include "pbxsim/scripting/sandbox.h"

using namespace pbxsim;

namespace {

std::string joined(const std::set<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

}  // namespace

TEST_CASE("scenario editor types: each class names exactly the fields and methods the engine offers",
          "[editor_types]") {
  const std::string types = editor_types::read_types("scenario.lua");
  const std::vector<ScenarioApiClass> classes = scenario_api_classes();
  REQUIRE(classes.size() >= 10);
  for (const ScenarioApiClass& offered : classes) {
    INFO(offered.type_name);
    REQUIRE_FALSE(editor_types::class_block(types, offered.type_name).empty());
    REQUIRE_FALSE(offered.fields.empty());
    const std::set<std::string> declared = editor_types::declared_names(types, offered.type_name);
    std::set<std::string> missing;
    for (const std::string& field : offered.fields) {
      if (!declared.contains(field)) missing.insert(field);
    }
    CHECK(joined(missing) == "");  // the engine offers these; scenario.lua does not declare them
    if (!offered.complete) continue;
    std::set<std::string> unknown;
    for (const std::string& name : declared) {
      if (std::find(offered.fields.begin(), offered.fields.end(), name) == offered.fields.end()) unknown.insert(name);
    }
    CHECK(joined(unknown) == "");  // scenario.lua declares these; the engine has no such name
  }
}

TEST_CASE("scenario editor types: the globals a scenario file sees are the functions declared", "[editor_types]") {
  const std::string types = editor_types::read_types("scenario.lua");
  const std::set<std::string> declared = editor_types::declared_functions(types);
  const std::vector<std::string> globals = scenario_api_globals();
  REQUIRE(globals.size() >= 4);  // scenario, workload, expect, time
  const std::set<std::string> offered(globals.begin(), globals.end());
  CHECK(joined(offered) == joined(declared));
}

TEST_CASE("scenario editor types: the drift check sees a sim method and a topology field", "[editor_types]") {
  // The check above can fail: the lists it compares hold what scenarios use.
  const std::vector<ScenarioApiClass> classes = scenario_api_classes();
  auto fields_of = [&](std::string_view type_name) {
    for (const ScenarioApiClass& offered : classes) {
      if (offered.type_name == type_name) return std::set<std::string>(offered.fields.begin(), offered.fields.end());
    }
    return std::set<std::string>{};
  };
  CHECK(fields_of("pbxsim.Sim").contains("call_at"));
  CHECK(fields_of("pbxsim.Sim").contains("seed"));
  CHECK(fields_of("pbxsim.Scenario").contains("hop_limit"));
  CHECK(fields_of("pbxsim.Scenario").contains("call_park"));
  CHECK(fields_of("pbxsim.LineSpec").contains("cfna"));
  CHECK(fields_of("pbxsim.Expectation").contains("before"));
  CHECK(fields_of("pbxsim.Call").contains("answered_by"));
  CHECK(fields_of("pbxsim.DeviceSnapshot").contains("recent"));
}
