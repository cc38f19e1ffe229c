// The lua-language-server type definitions (scripting/types/policy.lua) list
// every hook and setting of the policy API and every fact field a hook can
// read, so an editor completes them and flags a misspelt one. They must not
// drift from the engine: this test fails when a field or hook is added
// without its definition.
#include <catch2/catch.hpp>

#include <string>

#include "editor_types.h"
#include "pbxsim/scripting/policy_api.h"

using namespace pbxsim;
using editor_types::class_block;

namespace {

std::string read_types() { return editor_types::read_types("policy.lua"); }

}  // namespace

TEST_CASE("editor types: every hook and setting of the policy API is a field of pbxsim.Policy", "[editor_types]") {
  const std::string policy = class_block(read_types(), "pbxsim.Policy");
  REQUIRE_FALSE(policy.empty());
  for (const PolicyName& entry : kPolicyNames) {
    INFO(entry.name);
    CHECK(policy.find("---@field " + std::string(entry.name) + " ") != std::string::npos);
  }
}

TEST_CASE("editor types: every fact field a hook can read is in its class", "[editor_types]") {
  const std::string types = read_types();
  const std::vector<PolicyFactClass> classes = policy_fact_classes();
  REQUIRE(classes.size() >= 6);
  for (const PolicyFactClass& facts : classes) {
    const std::string block = class_block(types, facts.type_name);
    INFO(facts.type_name);
    REQUIRE_FALSE(block.empty());
    REQUIRE_FALSE(facts.fields.empty());
    for (std::string_view field : facts.fields) {
      INFO(field);
      CHECK(block.find("---@field " + std::string(field) + " ") != std::string::npos);
    }
  }
}

TEST_CASE("editor types: the destination and output functions are declared", "[editor_types]") {
  const std::string types = read_types();
  for (const char* function : {"function extend(", "function to(", "function voicemail(", "function reject(", "function tries(",
                               "function log("}) {
    INFO(function);
    CHECK(types.find(function) != std::string::npos);
  }
}
